"""Build the web application from a settings object; nothing is built at import time.

Adding a page or an API to the app: create ``limber/web/routes/<resource>.py`` holding
``router = APIRouter()`` (and, for a nav bar entry, ``NAV = ("Label", "/path", order)``).
:func:`create_app` includes every module of ``limber.web.routes`` that has a ``router``, so no
shared file needs editing. Templates extend ``base.html`` (blocks ``title``, ``content``,
``scripts``) and render through :func:`limber.web.deps.render`. The app-wide CSRF check covers
every POST/PUT/PATCH/DELETE: send the ``X-CSRF-Token`` header or a ``csrf_token`` form field.
"""

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from limber.limits import page_limits
from limber.services.jump_jobs import JumpJobs
from limber.services.measures import HOLD_CAP_S
from limber.settings import Settings
from limber.store.db import Database
from limber.web import routes as routes_package
from limber.web.deps import verify_csrf
from limber.web.errors import install_error_handlers
from limber.web.present import exercise_name
from limber.web.security import LoginLimiter, load_secret_key

HERE = Path(__file__).parent
SESSION_COOKIE = "limber_session"
SESSION_DAYS = 14

# The core nav, in order; routers add to it with a NAV attribute.
CORE_NAV: list[tuple[str, str, int]] = [
    ("Today", "/today", 10),
    ("Programme", "/programme", 20),
    ("History", "/history", 30),
    ("Exercises", "/exercises", 40),
    ("Account", "/account", 90),
]


def _route_modules() -> list[object]:
    names = sorted(m.name for m in pkgutil.iter_modules(routes_package.__path__))
    return [importlib.import_module(f"{routes_package.__name__}.{name}") for name in names]


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI app for one Limber installation: database, templates, routers, security."""
    database = Database(settings)
    # App services: the upload job runner counts videos on its own thread while the app runs.
    jobs = JumpJobs(database, max_mb=settings.max_upload_mb, uploads=settings.home / "uploads")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        jobs.start()
        try:
            yield
        finally:
            jobs.stop()
            database.dispose()

    app = FastAPI(
        title="Limber",
        version="0.1.0",
        summary="Stretch, skip, breathe: a local-first coach for people with back pain.",
        docs_url=None,  # the default pages load from a CDN; /docs is served locally instead
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        dependencies=[Depends(verify_csrf)],
    )
    app.state.settings = settings
    app.state.db = database
    app.state.jump_jobs = jobs
    app.state.login_limiter = LoginLimiter()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["exercise_name"] = exercise_name
    # Limits shown in pages and used by their scripts (never retyped in a template).
    templates.env.globals["limits"] = page_limits(HOLD_CAP_S)
    app.state.templates = templates
    app.add_middleware(
        SessionMiddleware,
        secret_key=load_secret_key(settings),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_DAYS * 24 * 3600,
        same_site="lax",
        https_only=settings.https,
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    install_error_handlers(app)

    nav = list(CORE_NAV)
    for module in _route_modules():
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router)
        extra = getattr(module, "NAV", None)
        if extra is not None:
            nav.append(extra)
    app.state.nav = [(label, href) for label, href, _ in sorted(nav, key=lambda n: n[2])]
    return app
