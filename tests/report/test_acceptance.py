"""After `limber demo --weeks 6`: every chart, the report, the exports and a lossless backup."""

import json
import subprocess
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar
from typer.testing import CliRunner

from limber.cli.main import app
from limber.plan.models import Programme
from limber.report.charts import CHARTS, has_data, render_all
from limber.services.dashboard import build_dashboard
from limber.services.users import get_or_create_local_user
from limber.settings import load_settings
from limber.store.db import Database
from limber.store.models import ProgrammeRecord

pytestmark = pytest.mark.db
runner = CliRunner()


def _ok(*args: str, home: Path | None = None) -> str:
    env = {"LIMBER_HOME": str(home)} if home else None
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_six_week_demo_end_to_end(tmp_path: Path) -> None:
    out = _ok("demo", "--weeks", "6", "--seed", "3")
    assert "sessions" in out and "assessments" in out

    database = Database(load_settings())
    with database.session() as db:
        user = get_or_create_local_user(db)
        board = build_dashboard(db, user_id=user.id)
        record = db.query(ProgrammeRecord).filter_by(active=True).one()
        planned = Programme.model_validate(record.data).sessions
    database.dispose()
    # Every chart has something to draw: no "No ... yet" placeholder anywhere.
    for name, svg in render_all(board, "svg").items():
        assert " yet" not in str(svg), name
    assert set(CHARTS) == set(render_all(board, "svg"))
    assert all(has_data(board, name) for name in CHARTS)

    pdf = tmp_path / "report.pdf"
    _ok("report", "--pdf", str(pdf))
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    assert 2 <= len(list(tmp_path.glob("p-*.png"))) <= 4
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    for heading in (b"Outcomes", b"Adherence", b"Outcome trends", b"Pain monitoring"):
        assert heading in text

    _ok("export", "fhir", "-o", str(tmp_path / "b.json"))
    bundle = Bundle.model_validate_json((tmp_path / "b.json").read_text())
    observations = [
        e for e in bundle.entry or [] if e.resource.get_resource_type() == "Observation"
    ]
    assert len(observations) == 21  # 7 measures at baseline, week 2 and week 4

    _ok("export", "ics", "-o", str(tmp_path / "p.ics"))
    events = Calendar.from_ical((tmp_path / "p.ics").read_bytes()).walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == sorted(s.date for s in planned)

    _ok("backup", "-o", str(tmp_path / "one.json"))
    _ok("restore", str(tmp_path / "one.json"), home=tmp_path / "fresh")
    _ok("backup", "-o", str(tmp_path / "two.json"), home=tmp_path / "fresh")
    one, two = (json.loads((tmp_path / n).read_text()) for n in ("one.json", "two.json"))
    one.pop("exported_at"), two.pop("exported_at")
    assert one == two
