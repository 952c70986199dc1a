"""Web test set-up: an app per test on a fresh LIMBER_HOME, clients that can sign up."""

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from limber.settings import load_settings
from limber.web.app import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


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


# --- browser tests ---------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class LiveServer:
    """A real uvicorn server on a free localhost port, with the app it serves."""

    url: str
    app: FastAPI


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve the app in a thread, on its own temporary LIMBER_HOME, for one test module."""
    import uvicorn

    home = tmp_path_factory.mktemp("browser-home")
    application = create_app(load_settings(home=home))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(url=f"http://127.0.0.1:{port}", app=application)
    server.should_exit = True
    thread.join(timeout=10)
    application.state.db.dispose()


@pytest.fixture(scope="module")
def browser() -> "Iterator[Browser]":
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: "Browser") -> "Iterator[Page]":
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def screenshot(page: "Page", name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/ (gitignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
