"""Turn every error a person can cause into a 4xx with a message they can read.

``/api/...`` gets JSON (``{"detail": "...", "errors": [...]}``); pages get a friendly error
page. Service exceptions from ``limber.services.errors`` are mapped here, in one place, so the
routes just call services and let these handlers speak HTTP.
"""

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from limber.web.deps import render
from limber.web.exceptions import WebError

PAGE_TITLES = {
    400: "That request did not make sense",
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Not possible yet",
    413: "Too large",
    422: "Please check what you entered",
    429: "Too many attempts",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "request"


def readable_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """One ``{"field", "message"}`` per problem, in words rather than pydantic codes."""
    out: list[dict[str, str]] = []
    for err in exc.errors():
        kind = err.get("type", "")
        field = _field(err.get("loc", ()))
        if kind == "json_invalid":
            message = "The request body is not valid JSON."
            field = "body"
        elif kind == "missing" and field == "request":
            message = "The request body is empty; send a JSON object."
        elif kind == "missing":
            message = f"{field} is required."
        elif kind == "extra_forbidden":
            message = f"{field} is not a known field."
        elif kind in ("model_attributes_type", "dict_type") and field == "request":
            message = "The request body must be a JSON object."
        else:
            # A model's own check speaks for itself ("... is in the future"): drop the prefix.
            text = str(err.get("msg", "is not valid")).removeprefix("Value error, ")
            message = f"{field}: {text}."
        out.append({"field": field, "message": message})
    return out


def error_response(request: Request, status: int, message: str, errors: Any = None) -> Response:
    """JSON for the API, the error page for browsers; 401 on a page redirects to log-in."""
    if is_api(request):
        body: dict[str, Any] = {"detail": message}
        if errors:
            body["errors"] = errors
        return JSONResponse(body, status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return render(
        request,
        "error.html",
        {"title": PAGE_TITLES.get(status, "Something went wrong"), "message": message},
        status_code=status,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers for validation, HTTP, web and service errors."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = readable_errors(exc)
        summary = " ".join(e["message"] for e in errors[:3])
        return error_response(request, 422, summary or "The request is not valid.", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "There is nothing at this address."
        if exc.status_code == 405:
            message = "This address does not accept that kind of request."
        response = error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(WebError)
    async def _web(request: Request, exc: WebError) -> Response:
        response = error_response(request, exc.status_code, exc.message)
        response.headers.update(exc.headers)
        return response

    _install_service_handlers(app)


def _install_service_handlers(app: FastAPI) -> None:
    """Service refusals: JSON with a status for the API; pages send people where to go next."""
    from limber.services import errors as track_errors

    statuses: dict[type[Exception], tuple[int, str | None]] = {
        track_errors.NotFound: (404, None),
        track_errors.InvalidInput: (422, None),
        track_errors.RedFlagStop: (409, "/onboarding/stop"),
        # The safety questions are due again: the programme waits; pages go to them.
        track_errors.RescreenNeeded: (409, "/onboarding/screening"),
        track_errors.NoProfile: (409, "/onboarding"),
        track_errors.NoProgramme: (409, "/programme"),
    }
    for cls, (status, page) in statuses.items():

        async def _service(
            request: Request, exc: Exception, status: int = status, page: str | None = page
        ) -> Response:
            if page is not None and not is_api(request):
                return RedirectResponse(page, status_code=303)
            return error_response(request, status, _sentence(str(exc)) or "That is not possible.")

        app.add_exception_handler(cls, _service)


def _sentence(message: str) -> str:
    """Service messages are lower-case fragments; show them as sentences."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
