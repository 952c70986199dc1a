"""API documentation served from the app itself: no CDN, no external scripts.

FastAPI's default /docs page loads Swagger UI from a CDN, so it is switched off and this page
lists the endpoints from ``app.openapi()`` instead; the full schema stays at /openapi.json.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from limber.web.deps import render

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_schema_name(s) or str(s.get("type", "")) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items')) or 'items'}"
    return str(schema.get("type", ""))


def endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per path and method: summary, description, parameters, body and response."""
    rows = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ok: dict[str, Any] = next(
                (r for code, r in op.get("responses", {}).items() if code.startswith("2")), {}
            )
            response = ok.get("content", {}).get("application/json", {})
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "params": [f"{p['name']} ({p['in']})" for p in op.get("parameters", [])],
                    "body": _schema_name(body.get("schema")),
                    "response": _schema_name(response.get("schema")),
                }
            )
    return rows


@router.get("/docs")
def docs_page(request: Request) -> Response:
    spec = request.app.openapi()
    schemas = spec.get("components", {}).get("schemas", {})
    ctx = {
        "title": "API documentation",
        "endpoints": endpoints(spec),
        "schemas": sorted(schemas.items()),
    }
    return render(request, "docs.html", ctx)
