"""Dependency aliases, so route signatures read like sentences (``db: DbDep, user: CurrentUser``).

The session cookie holds the signed-in user's id and username and the CSRF token; every
service call made on behalf of a request passes ``user.id`` from here, which is what keeps one
person's data away from another's.
"""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from limber.services.users import get_user_by_username
from limber.settings import Settings
from limber.store.db import Database
from limber.store.models import User
from limber.web.exceptions import CsrfFailed, NotSignedIn
from limber.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    CSRF_SESSION_KEY,
    csrf_matches,
    new_csrf_token,
)

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    """One unit of work per request: committed when the route returns, rolled back on error.

    Services only flush; this is the one commit. A route that answers a refusal itself (a
    form shown again with its errors, through :func:`render` with a 4xx) instead of raising
    is rolled back too, so a refused request writes nothing even if a service had flushed.
    """
    database: Database = request.app.state.db
    with database.session() as db:
        yield db
        if getattr(request.state, "refused", False):
            db.rollback()


# scope="function": the unit of work commits when the route returns, *before* the response is
# sent. With the default scope a redirect could reach the browser before the commit, and the
# page it leads to would not yet see what the form just saved.
DbDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (e.g. when the login form is shown)."""
    token = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = new_csrf_token()
        request.session[CSRF_SESSION_KEY] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse a state-changing request whose token does not match the session's.

    Installed on the whole app, so a router added later cannot forget it. The token comes in
    the ``X-CSRF-Token`` header (fetch calls) or the ``csrf_token`` form field (HTML forms).
    """
    if request.method not in UNSAFE_METHODS:
        return
    expected = request.session.get(CSRF_SESSION_KEY)
    given = request.headers.get(CSRF_HEADER)
    if not given and request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not csrf_matches(expected, given):
        raise CsrfFailed()


def optional_user(request: Request, db: DbDep) -> User | None:
    """The signed-in user, or None. A cookie for a deleted account counts as signed out."""
    uid = request.session.get("uid")
    username = request.session.get("username")
    if not isinstance(uid, int) or not isinstance(username, str):
        return None
    user = get_user_by_username(db, username=username)
    if user is None or user.id != uid:
        request.session.pop("uid", None)
        request.session.pop("username", None)
        return None
    request.state.user = user
    return user


def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    """The signed-in user; otherwise 401 for the API and a redirect to the login page."""
    if user is None:
        raise NotSignedIn()
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(current_user)]
Csrf = Annotated[str, Depends(csrf_token)]
# Ids in URLs: bounded, so a huge number is a 422 and never overflows the database driver.
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token too, against session fixation)."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["username"] = user.username
    request.session[CSRF_SESSION_KEY] = new_csrf_token()


def sign_out(request: Request) -> None:
    request.session.clear()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _user_for_page(request: Request) -> User | None:
    """The signed-in user for the nav bar, also on pages (docs, errors) that did not ask."""
    if hasattr(request.state, "user"):
        user: User | None = request.state.user
        return user
    if not isinstance(request.session.get("uid"), int):
        return None
    database: Database = request.app.state.db
    with database.session() as db:
        return optional_user(request, db)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render a page with what every page needs: the user, the CSRF token and the nav."""
    templates: Jinja2Templates = request.app.state.templates
    if status_code >= 400:
        # Read by get_db: the request's unit of work is rolled back, not committed.
        request.state.refused = True
    ctx: dict[str, Any] = {
        "user": _user_for_page(request),
        "csrf_token": csrf_token(request),
        "nav": request.app.state.nav,
        "path": request.url.path,
    }
    ctx.update(context or {})
    return templates.TemplateResponse(request, template, ctx, status_code=status_code)
