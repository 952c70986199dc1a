"""Build the web application from a settings object; nothing is built at import time."""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from limber.content.loader import default_library
from limber.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI app for one Limber installation."""
    app = FastAPI(title="Limber", version="0.1.0")
    app.state.settings = settings

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        rows = "".join(
            f"<li><b>{e.name}</b> ({e.pillar}): {e.summary}</li>" for e in default_library()
        )
        return f"<!doctype html><title>Limber</title><h1>Limber</h1><ul>{rows}</ul>"

    return app
