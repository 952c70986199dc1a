"""Web test set-up: an app per test on a fresh LIMBER_HOME, clients that can sign up."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from limber.settings import load_settings
from limber.web.app import create_app


@pytest.fixture
def app(limber_home: Path) -> Iterator[FastAPI]:
    application = create_app(load_settings(home=limber_home))
    yield application
    application.state.db.dispose()


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    """A client with a session (and CSRF token) but not signed in."""
    with TestClient(app, base_url="http://testserver") as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        yield client


def signed_up(app: FastAPI, username: str, password: str = "correct horse") -> TestClient:
    """A new client signed up as ``username``, sending its CSRF token on every request."""
    client = TestClient(app, base_url="http://testserver")
    token = client.get("/api/csrf").json()["csrf_token"]
    response = client.post(
        "/api/signup",
        json={"username": username, "password": password},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


@pytest.fixture
def alice(app: FastAPI) -> Iterator[TestClient]:
    with signed_up(app, "alice") as client:
        yield client


@pytest.fixture
def bob(app: FastAPI) -> Iterator[TestClient]:
    with signed_up(app, "bob") as client:
        yield client


def onboard(client: TestClient, *, weeks: int = 4) -> None:
    """Screen (all "no"), save a default profile and plan a programme through the API."""
    from limber.safety.screening import answers_template

    assert client.post("/api/screening", json=answers_template()).status_code == 201
    assert client.put("/api/profile", json={"weekdays": [0, 1, 2, 3, 4, 5, 6]}).status_code == 200
    assert client.post("/api/programme", json={"weeks": weeks}).status_code == 201


@pytest.fixture
def alice_session(alice: TestClient) -> int:
    """Alice, onboarded, with today's session started; returns the session id."""
    onboard(alice)
    response = alice.post("/api/sessions", json={})
    assert response.status_code == 201, response.text
    session_id: int = response.json()["id"]
    return session_id
