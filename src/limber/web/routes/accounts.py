"""Sign up, log in, log out and the account page, as HTML forms and as JSON twins.

Both front ends go through the same three functions (:func:`register`, :func:`authenticate`,
``sign_in``), so the rules (username shape, password length, the rate limit) are the same.
"""

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError, field_validator
from sqlalchemy.orm import Session

from limber.services.users import create_user, get_user_by_username
from limber.store.models import User
from limber.web.deps import (
    CurrentUser,
    DbDep,
    OptionalUser,
    client_address,
    csrf_token,
    render,
    sign_in,
    sign_out,
)
from limber.web.exceptions import WebError
from limber.web.security import LoginLimiter, burn_time_verifying, hash_password, verify_password

router = APIRouter(tags=["accounts"])

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{2,39}$"


class SignupIn(BaseModel):
    """A new account. Usernames are stored lower-case."""

    username: Annotated[str, Field(pattern=USERNAME_PATTERN)]
    password: Annotated[str, Field(min_length=8, max_length=256)]
    display_name: Annotated[str, Field(max_length=120)] = ""

    @field_validator("username", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


class LoginIn(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=80)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class MeOut(BaseModel):
    id: int
    username: str
    display_name: str
    csrf_token: str


class CsrfOut(BaseModel):
    csrf_token: str


SIGNUP_MESSAGES = {
    "username": "Choose a username of 3 to 40 letters, digits, dots, dashes or underscores.",
    "password": "Choose a password of at least 8 characters.",
    "display_name": "Keep your name under 120 characters.",
}


def _signup_errors(exc: ValidationError) -> dict[str, str]:
    return {
        str(err["loc"][0]): SIGNUP_MESSAGES.get(str(err["loc"][0]), err["msg"])
        for err in exc.errors()
    }


def register(db: Session, data: SignupIn) -> User:
    """Create the account or explain why not (409 when the username is taken)."""
    if get_user_by_username(db, username=data.username) is not None:
        raise WebError("That username is already taken; please choose another.", 409)
    return create_user(
        db,
        username=data.username,
        password_hash=hash_password(data.password),
        display_name=data.display_name.strip() or data.username,
    )


def authenticate(request: Request, db: Session, data: LoginIn) -> User:
    """Check the password, counting failures per username and address (429 when too many)."""
    limiter: LoginLimiter = request.app.state.login_limiter
    address = client_address(request)
    wait = limiter.retry_after(data.username, address)
    if wait:
        minutes = math.ceil(wait / 60)
        raise WebError(
            "Too many failed log-in attempts for this username. "
            f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again.",
            429,
            headers={"Retry-After": str(wait)},
        )
    user = get_user_by_username(db, username=data.username.strip().lower())
    if user is None:
        burn_time_verifying(data.password)
    if user is None or not verify_password(user.password_hash, data.password):
        limiter.failed(data.username, address)
        raise WebError("That username and password do not match an account.", 401)
    limiter.succeeded(data.username, address)
    return user


def _safe_next(target: str | None) -> str:
    """Only local paths, so the log-in form cannot be used to send people elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/today"


# --- pages -------------------------------------------------------------------------------


@router.get("/", include_in_schema=False)
def home(request: Request, user: OptionalUser) -> Response:
    if user is not None:
        return RedirectResponse("/today", status_code=303)
    return render(request, "welcome.html", {"title": "Welcome"})


@router.get("/signup", include_in_schema=False)
def signup_page(request: Request, user: OptionalUser) -> Response:
    if user is not None:
        return RedirectResponse("/today", status_code=303)
    return render(request, "signup.html", {"title": "Create your account", "form": {}})


@router.post("/signup", include_in_schema=False)
def signup_form(
    request: Request,
    db: DbDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    display_name: Annotated[str, Form()] = "",
) -> Response:
    form = {"username": username, "display_name": display_name}
    try:
        data = SignupIn(username=username, password=password, display_name=display_name)
        user = register(db, data)
    except ValidationError as exc:
        ctx = {"title": "Create your account", "form": form, "errors": _signup_errors(exc)}
        return render(request, "signup.html", ctx, status_code=422)
    except WebError as exc:
        ctx = {"title": "Create your account", "form": form, "errors": {"username": exc.message}}
        return render(request, "signup.html", ctx, status_code=exc.status_code)
    sign_in(request, user)
    return RedirectResponse("/onboarding", status_code=303)


@router.get("/login", include_in_schema=False)
def login_page(request: Request, user: OptionalUser, next: str = "/today") -> Response:
    if user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", {"title": "Log in", "next": _safe_next(next)})


@router.post("/login", include_in_schema=False)
def login_form(
    request: Request,
    db: DbDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/today",
) -> Response:
    ctx = {"title": "Log in", "next": _safe_next(next), "username": username}
    try:
        user = authenticate(request, db, LoginIn(username=username, password=password))
    except ValidationError:
        ctx["error"] = "Please enter your username and password."
        return render(request, "login.html", ctx, status_code=422)
    except WebError as exc:
        ctx["error"] = exc.message
        response = render(request, "login.html", ctx, status_code=exc.status_code)
        response.headers.update(exc.headers)
        return response
    sign_in(request, user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout_form(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/account", include_in_schema=False)
def account_page(request: Request, user: CurrentUser) -> Response:
    return render(request, "account.html", {"title": "Account"})


# --- API ---------------------------------------------------------------------------------


def _me(request: Request, user: User) -> MeOut:
    return MeOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        csrf_token=csrf_token(request),
    )


@router.get("/api/csrf", response_model=CsrfOut)
def api_csrf(request: Request) -> CsrfOut:
    """The CSRF token to send as the X-CSRF-Token header with every POST (starts a session)."""
    return CsrfOut(csrf_token=csrf_token(request))


@router.post("/api/signup", response_model=MeOut, status_code=201)
def api_signup(request: Request, db: DbDep, data: SignupIn) -> MeOut:
    """Create an account and sign in."""
    user = register(db, data)
    sign_in(request, user)
    return _me(request, user)


@router.post("/api/login", response_model=MeOut)
def api_login(request: Request, db: DbDep, data: LoginIn) -> MeOut:
    """Sign in. Five failures in five minutes for one username and address give 429."""
    user = authenticate(request, db, data)
    sign_in(request, user)
    return _me(request, user)


@router.post("/api/logout", status_code=204)
def api_logout(request: Request) -> Response:
    """Sign out (the cookie is cleared)."""
    sign_out(request)
    return Response(status_code=204)


@router.get("/api/me", response_model=MeOut)
def api_me(request: Request, user: CurrentUser) -> MeOut:
    """Who is signed in, with the CSRF token for later POSTs."""
    return _me(request, user)
