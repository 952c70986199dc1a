"""Shared test set-up: every test gets its own empty Limber home; video tests need the videos.

The labeled jump-rope videos live outside the repository (``bench/data.py`` says where). When a
run selects a ``video`` test and they are missing, the run stops before any test with one line
saying where they are expected and how to point at them: never a collection error, and never a
silent skip (``make test`` runs everything).
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench import data

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "test-artifacts"
JUMPROPE = data.jumprope_data()
# The exit code when the videos are missing: the set-up is incomplete and no test ran.
NO_VIDEOS_EXIT = pytest.ExitCode.USAGE_ERROR


def jumprope_data() -> Path:
    """The labeled jump-rope videos' folder (``LIMBER_JUMPROPE_DATA`` or ``../shared``)."""
    return data.jumprope_data()


def jumprope_labels() -> dict[str, Any]:
    """The hand labels, or ``{}`` so that modules are collected and the hook below speaks."""
    return data.labels()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for the videos (the ``data_dir`` fixture) is a ``video`` test.

    Runs before ``-m`` deselects, so ``-m "not video"`` (``make check``) leaves it out too.
    """
    for item in items:
        if "data_dir" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("video"):
            item.add_marker(pytest.mark.video)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Stop with one line when a selected test needs the videos and they are not here."""
    if session.config.option.collectonly or data.have_videos():
        return
    if any(item.get_closest_marker("video") for item in session.items):
        pytest.exit(data.missing_message(), returncode=NO_VIDEOS_EXIT)


@pytest.fixture(autouse=True)
def limber_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point LIMBER_HOME at a fresh folder so no test touches real data."""
    home = tmp_path / "limber-home"
    monkeypatch.setenv("LIMBER_HOME", str(home))
    monkeypatch.delenv("LIMBER_DATABASE_URL", raising=False)
    yield home
