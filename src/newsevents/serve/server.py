"""Run the application with uvicorn (what `newsevents serve` calls)."""

from __future__ import annotations

import uvicorn

from newsevents.errors import UsageError
from newsevents.serve.app import ServeConfig, create_app


def run_server(config: ServeConfig, port: int, log_level: str = "info") -> None:
    """Serve the API and the page until interrupted."""
    if config.token is not None and len(config.token) < 8:
        raise UsageError("--token must be at least 8 characters; pick a long random one")
    app = create_app(config)
    uvicorn.run(app, host=config.host, port=port, log_level=log_level, access_log=False)
