"""The progress commands from the outside: exit codes, messages, files written."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limber.cli.main import app
from limber.settings import load_settings
from limber.store.db import Database
from tests.report.factories import history

pytestmark = pytest.mark.db
runner = CliRunner()


def _limber(*args: str, home: Path | None = None) -> tuple[int, str]:
    env = {"LIMBER_HOME": str(home)} if home else None
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


@pytest.fixture
def filled() -> None:
    database = Database(load_settings())
    with database.session() as db:
        history(db)
    database.dispose()


def test_assessments_are_recorded_and_compared() -> None:
    assert _limber("assess", "pain", "6")[0] == 0
    code, out = _limber("assess", "pain", "3")
    assert code == 0 and "meaningful improvement" in out
    code, out = _limber("assess", "who5", "--answers", "2,2,2,2,2")
    assert code == 0 and "doctor" in out
    code, out = _limber("assess", "fingertip", "--cm", "-4.5")
    assert code == 0 and "-4.5 cm" in out
    for args in (["hold", "--seconds", "80"], ["jumps", "--count", "90"],
                 ["breathing", "--per-min", "14"], ["peg", "--answers", "5,4,4"]):  # fmt: skip
        assert _limber("assess", *args)[0] == 0, args
    code, out = _limber("assess", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 8
    code, out = _limber("assess", "due")
    assert "Nothing is due" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "pain", "11"], "between 0 and 10"),
        (["assess", "peg", "--answers", "1,2"], "3 questions"),
        (["assess", "peg", "--answers", "a,b,c"], "whole numbers"),
        (["assess", "who5"], "--answers"),
        (["assess", "hold"], "--seconds"),
        (["assess", "hold", "--seconds", "300"], "between 0 and 240"),
        (["assess", "breathing", "--per-min", "2"], "between 4 and 60"),
        (["assess", "jumps", "--result", "5"], "no jump-counter result"),
        (["export", "ics", "-o", "out.ics"], "no programme"),
        (["export", "fhir", "-o", "/no/such/folder/b.json"], "does not exist"),
        (["demo", "--weeks", "0"], "between 1 and 26"),
    ],
)
def test_mistakes_get_a_message_and_exit_2(args: list[str], message: str) -> None:
    code, out = _limber(*args)
    assert code == 2 and message in out, out


def test_exports_and_report(filled: None, tmp_path: Path) -> None:
    code, out = _limber("export", "fhir", "-o", str(tmp_path / "b.json"))
    assert code == 0 and "14 observations" in out
    assert json.loads((tmp_path / "b.json").read_text())["resourceType"] == "Bundle"
    assert _limber("export", "csv", "-o", str(tmp_path / "csv"))[0] == 0
    assert (tmp_path / "csv" / "assessments.csv").exists()
    code, out = _limber("export", "ics", "-o", str(tmp_path / "p.ics"))
    assert code == 0 and "9 sessions" in out
    code, out = _limber("report", "--pdf", str(tmp_path / "r.pdf"))
    assert code == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    code, out = _limber("progress", "--charts", str(tmp_path / "charts"))
    assert code == 0 and "meaningful improvement" in out
    assert len(list((tmp_path / "charts").glob("*.svg"))) == 9


def test_backup_restore_cycle(filled: None, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert _limber("backup", "-o", str(first))[0] == 0
    code, out = _limber("backup", "-o", str(first))
    assert code == 2 and "--force" in out
    empty = tmp_path / "empty-home"
    code, out = _limber("restore", str(first), home=empty)
    assert code == 0, out
    assert _limber("backup", "-o", str(second), home=empty)[0] == 0
    strip = lambda p: {k: v for k, v in json.loads(p.read_text()).items() if k != "exported_at"}  # noqa: E731
    assert strip(first) == strip(second)
    # Restoring over data needs --force; a truncated file is refused and changes nothing.
    code, out = _limber("restore", str(first), home=empty)
    assert code == 2 and "--force" in out
    broken = tmp_path / "broken.json"
    broken.write_text(first.read_text()[:5000])
    code, out = _limber("restore", str(broken), "--force", home=empty)
    assert code == 2 and "truncated" in out
    assert _limber("backup", "-o", str(tmp_path / "third.json"), home=empty)[0] == 0
    assert strip(tmp_path / "third.json") == strip(first)
