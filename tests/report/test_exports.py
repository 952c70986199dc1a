"""FHIR, CSV and calendar exports of one small history."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar
from sqlalchemy.orm import Session

from limber.report.csv_export import csv_zip, write_csv
from limber.report.fhir import LOCAL_SYSTEM, fhir_bundle
from limber.report.ics import NoPlan, calendar_ics
from limber.services.assessments import record_assessment
from limber.services.users import create_user, get_or_create_local_user
from tests.report.factories import history, programme

pytestmark = pytest.mark.db


def test_fhir_bundle_validates_and_holds_every_assessment(db: Session) -> None:
    user = history(db)
    bundle = fhir_bundle(db, user_id=user.id)
    parsed = Bundle.model_validate(bundle)
    resources = [e.resource for e in parsed.entry or []]
    assert resources[0].get_resource_type() == "Patient"
    observations = [r for r in resources if r.get_resource_type() == "Observation"]
    assert len(observations) == 14  # 7 measures x 2 dates
    by_code = {o.code.coding[0].code: o for o in observations}
    assert "72514-3" in by_code  # pain severity 0-10: LOINC
    assert "9279-1" in by_code  # respiratory rate: LOINC
    # No verified LOINC code for the fingertip test: the local code system says so.
    ftf = by_code["fingertip_floor"]
    assert ftf.code.coding[0].system == LOCAL_SYSTEM
    assert ftf.valueQuantity.code == "cm"
    ftf_values = [o.valueQuantity.value for o in observations if o.code.text == ftf.code.text]
    assert ftf_values == [18.0, 12.5]
    who5 = next(o for o in observations if o.code.coding[0].code == "who5")
    assert [c.valueInteger for c in who5.component] == [2, 2, 3, 2, 2]
    refs = {o.subject.reference for o in observations}
    assert refs == {parsed.entry[0].fullUrl}
    json.dumps(bundle)  # plain JSON, ready to write


def test_csv_writes_one_file_per_table_without_password_hashes(db: Session, tmp_path: Path) -> None:
    user = history(db)
    user.password_hash = "$argon2id$secret"
    db.flush()
    paths = write_csv(db, tmp_path / "csv")
    assert {"users", "assessments", "session_logs", "step_logs", "checkins"} <= set(paths)
    with paths["assessments"].open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 14 and {r["measure"] for r in rows} >= {"pain", "who5"}
    users = paths["users"].read_text()
    assert "password_hash" not in users and "secret" not in users
    with paths["checkins"].open() as f:
        changes = [json.loads(r["changes"]) for r in csv.DictReader(f)]
    assert any(changes)


def test_calendar_holds_every_planned_session(db: Session) -> None:
    user = history(db)
    cal = Calendar.from_ical(calendar_ics(db, user_id=user.id))
    events = cal.walk("VEVENT")
    planned = programme().sessions
    assert len(events) == len(planned)
    assert sorted(e.decoded("dtstart") for e in events) == sorted(s.date for s in planned)
    assert len({str(e["uid"]) for e in events}) == len(planned)
    assert all(str(e["summary"]).startswith("Limber session") for e in events)


def test_calendar_without_a_programme_says_so(db: Session) -> None:
    user = get_or_create_local_user(db)
    with pytest.raises(NoPlan, match="no programme"):
        calendar_ics(db, user_id=user.id)


def test_csv_for_one_user_leaves_everyone_else_out(db: Session, tmp_path: Path) -> None:
    user = history(db)
    other = create_user(db, username="other", password_hash="x")
    record_assessment(db, user_id=other.id, measure="pain", value=9)
    mine = write_csv(db, tmp_path / "mine", user_id=user.id)
    with mine["assessments"].open() as f:
        assert {r["user_id"] for r in csv.DictReader(f)} == {str(user.id)}
    with mine["users"].open() as f:
        assert [r["username"] for r in csv.DictReader(f)] == ["local"]
    with mine["step_logs"].open() as f:  # reached through session_logs.user_id
        assert len(list(csv.DictReader(f))) > 0
    with zipfile.ZipFile(io.BytesIO(csv_zip(db, user_id=other.id))) as archive:
        text = archive.read("assessments.csv").decode()
        assert text.count("\n") == 2 and "pain" in text
        assert archive.read("step_logs.csv").decode().count("\n") == 1  # header only
