"""Shared test set-up: every test gets its own empty Limber home."""

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(autouse=True)
def limber_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point LIMBER_HOME at a fresh folder so no test touches real data."""
    home = tmp_path / "limber-home"
    monkeypatch.setenv("LIMBER_HOME", str(home))
    monkeypatch.delenv("LIMBER_DATABASE_URL", raising=False)
    yield home
