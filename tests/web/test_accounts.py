"""Accounts: sign up, log in, log out, CSRF, the login rate limit and the secret key."""

import re
import stat
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from limber.settings import load_settings
from limber.web.security import LoginLimiter, hash_password, load_secret_key, verify_password


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


def test_password_hash_is_argon2_and_verifies() -> None:
    hashed = hash_password("s3cret-words")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "s3cret-words")
    assert not verify_password(hashed, "wrong")
    assert not verify_password("", "anything")


def test_sign_up_with_the_form_then_log_out_and_in(app: FastAPI) -> None:
    with TestClient(app) as client:
        token = form_token(client.get("/signup").text)
        response = client.post(
            "/signup",
            data={"csrf_token": token, "username": "Carol", "password": "long enough"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
        me = client.get("/api/me").json()
        assert me["username"] == "carol"
        token = form_token(client.get("/account").text)
        assert client.post("/logout", data={"csrf_token": token}).status_code == 200
        assert client.get("/api/me").status_code == 401
        assert client.get("/today", follow_redirects=False).headers["location"].startswith("/login")
        token = form_token(client.get("/login").text)
        response = client.post(
            "/login",
            data={"csrf_token": token, "username": "CAROL", "password": "long enough"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert client.get("/api/me").json()["username"] == "carol"


def test_secure_cookie_when_served_over_https(limber_home: Path) -> None:
    app = create_https_app(limber_home)
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get("/api/csrf")
        assert "secure" in response.headers["set-cookie"].lower()


def create_https_app(home: Path) -> FastAPI:
    from limber.web.app import create_app

    return create_app(load_settings(home=home, https=True))


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("a", "long enough", "3 to 40"),
        ("has space", "long enough", "3 to 40"),
        ("dave", "short", "at least 8"),
        ("", "", "3 to 40"),
    ],
)
def test_signup_form_explains_bad_input(
    app: FastAPI, username: str, password: str, message: str
) -> None:
    with TestClient(app) as client:
        token = form_token(client.get("/signup").text)
        response = client.post(
            "/signup", data={"csrf_token": token, "username": username, "password": password}
        )
        assert response.status_code == 422
        assert message in response.text


def test_taken_username_is_refused(alice: TestClient, anon: TestClient) -> None:
    response = anon.post("/api/signup", json={"username": "ALICE", "password": "another one"})
    assert response.status_code == 409
    assert "already taken" in response.json()["detail"]


def test_forms_and_api_refuse_a_missing_or_wrong_csrf_token(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.get("/signup")
        response = client.post("/signup", data={"username": "eve", "password": "long enough"})
        assert response.status_code == 403
        assert "expired" in response.text
        response = client.post(
            "/api/signup",
            json={"username": "eve", "password": "long enough"},
            headers={"X-CSRF-Token": "forged"},
        )
        assert response.status_code == 403
        assert client.get("/api/me").status_code == 401


def test_login_is_rate_limited_per_username_and_address(
    alice: TestClient, anon: TestClient
) -> None:
    for _ in range(5):
        response = anon.post("/api/login", json={"username": "alice", "password": "nope nope"})
        assert response.status_code == 401
        assert "do not match" in response.json()["detail"]
    response = anon.post("/api/login", json={"username": "alice", "password": "correct horse"})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.json()["detail"]
    assert 0 < int(response.headers["Retry-After"]) <= 300
    # Another username from the same address is not affected.
    response = anon.post("/api/login", json={"username": "zed", "password": "whatever1"})
    assert response.status_code == 401


def test_limiter_window_expires() -> None:
    limiter = LoginLimiter(limit=2, window_s=0.05)
    limiter.failed("u", "1.2.3.4")
    limiter.failed("u", "1.2.3.4")
    assert limiter.retry_after("u", "1.2.3.4") > 0
    assert limiter.retry_after("u", "5.6.7.8") == 0
    import time

    time.sleep(0.06)
    assert limiter.retry_after("u", "1.2.3.4") == 0


def test_secret_key_is_created_once_with_private_permissions(limber_home: Path) -> None:
    settings = load_settings(home=limber_home)
    key = load_secret_key(settings)
    path = limber_home / "web-secret.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_secret_key(settings) == key
    assert load_secret_key(load_settings(home=limber_home, secret_key="x" * 20)) == "x" * 20
    with pytest.raises(ValueError, match="at least 16"):
        load_secret_key(load_settings(home=limber_home, secret_key="short"))


def test_login_next_only_goes_to_local_pages(alice: TestClient, app: FastAPI) -> None:
    with TestClient(app) as client:
        token = form_token(client.get("/login").text)
        response = client.post(
            "/login",
            data={
                "csrf_token": token,
                "username": "alice",
                "password": "correct horse",
                "next": "//evil.example/",
            },
            follow_redirects=False,
        )
        assert response.headers["location"] == "/today"
