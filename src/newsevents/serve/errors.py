"""One shape for every error the API returns, and the handlers that produce it:

    {"error": {"status": 422, "code": "invalid_parameter", "message": "...",
               "details": [{"param": "since", "message": "..."}]}}

Bad parameters are 400/422, a missing thing 404, a busy or missing database 503; an
unexpected failure is a 500 with no internals in the message (they go to the log).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsevents.errors import StoreError, UsageError
from newsevents.serve.db import DatabaseMissing

log = logging.getLogger("newsevents.serve")


class ApiError(Exception):
    """An error answer with a status, a machine-readable code and a message for people."""

    def __init__(
        self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []


def error_body(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON body every error response has."""
    return {"error": {"status": status, "code": code, "message": message, "details": details or []}}


def _respond(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, details), status, headers=headers)


_HTTP_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}


def install_handlers(app: FastAPI) -> None:
    """Route every kind of failure through the one error shape."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _respond(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = []
        for err in exc.errors():
            loc = [str(part) for part in err.get("loc", ()) if part not in ("query", "path")]
            details.append({"param": ".".join(loc) or "request", "message": err.get("msg", "")})
        summary = "; ".join(f"{d['param']}: {d['message']}" for d in details)
        return _respond(422, "invalid_parameter", f"invalid request: {summary}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = (
                f"no such path {request.url.path!r}; the API is described at /api/openapi.json"
            )
        return _respond(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(DatabaseMissing)
    async def missing(request: Request, exc: DatabaseMissing) -> JSONResponse:
        return _respond(503, "no_database", str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.warning("store error on %s: %s", request.url.path, exc)
        return _respond(503, "database_unavailable", str(exc), headers={"Retry-After": "2"})

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError) -> JSONResponse:
        return _respond(400, "bad_request", str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return _respond(500, "internal_error", "the server failed to answer; see its log")
