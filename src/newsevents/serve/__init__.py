"""The HTTP API and web page over the event store (`newsevents serve`).

Layer: an interface beside the CLI; stages never import it, nor FastAPI or uvicorn.
"""

from newsevents.serve.app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
