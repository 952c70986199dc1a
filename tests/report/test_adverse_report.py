"""Adverse events reach the clinician report, the FHIR export, the CSV export and the backup."""

import csv
import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fhir.resources.R4B.adverseevent import AdverseEvent as FhirAdverseEvent
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.report.backup import dump, restore
from limber.report.csv_export import csv_zip
from limber.report.fhir import fhir_bundle
from limber.report.fhir_adverse import CAUSALITY_SYSTEM, SERIOUSNESS_SYSTEM, SEVERITY_SYSTEM
from limber.report.pdf import write_report
from limber.services.adverse import AdverseEventOut, parse_event, record_adverse_event
from limber.services.users import create_user
from limber.settings import Settings
from limber.store.db import Database
from limber.store.models import SessionLog, User
from tests.report.factories import START, at, history

pytestmark = pytest.mark.db

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils",
)


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
    return " ".join(done.stdout.decode().split())


def _first_page(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True
    )
    return " ".join(done.stdout.decode().split())


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    return int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])


def _events(db: Session, user: User) -> tuple[AdverseEventOut, AdverseEventOut]:
    """A mild pain event linked to the user's first session and a serious fall."""
    first = db.scalars(
        select(SessionLog).where(SessionLog.user_id == user.id).order_by(SessionLog.id)
    ).first()
    assert first is not None
    mild = record_adverse_event(
        db,
        user_id=user.id,
        event=parse_event(
            {
                "type": "pain",
                "onset": "within_24h",
                "duration": "under_24h",
                "severity": "mild",
                "serious": False,
                "relatedness": "possible",
                "action_taken": "Rested with a heat pack",
                "session_id": first.id,
            }
        ),
        reported_at=at(START, 20),
    )
    fall = record_adverse_event(
        db,
        user_id=user.id,
        event=parse_event(
            {
                "type": "fall",
                "onset": "during_session",
                "duration": "1_to_7_days",
                "severity": "severe",
                "serious": True,
                "relatedness": "likely",
                "action_taken": "Went to the emergency department <x-ray>",
                "note": "tripped on the rope",
            }
        ),
        reported_at=at(START + dt.timedelta(days=4), 18),  # a Friday
    )
    return mild, fall


@needs_poppler
def test_the_report_lists_events_and_calls_out_the_one_needing_review(
    db: Session, tmp_path: Path
) -> None:
    user = history(db)
    _events(db, user)
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id, today=START + dt.timedelta(days=16))
    text = _text(pdf)
    assert "Adverse events" in text
    assert "More pain" in text and "Rested with a heat pack" in text
    assert "A fall" in text and "Went to the emergency department <x-ray>" in text
    assert "SERIOUS" in text and "tripped on the rope" in text
    assert "Needs human review within 1 working day (by Mon 09 Mar 2026)" in text
    assert "2 reported, 1 serious" in text
    first = _first_page(pdf)
    assert "1 adverse event needs human review within 1 working day" in first
    assert 2 <= _pages(pdf) <= 4


@needs_poppler
def test_a_report_without_events_says_so_and_has_no_alert(db: Session, tmp_path: Path) -> None:
    user = history(db)
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id, today=START + dt.timedelta(days=16))
    text = _text(pdf)
    assert "No adverse events reported." in text
    assert "need human review" not in text and "needs human review" not in text


@needs_poppler
def test_a_long_history_with_many_events_still_fits_four_pages(db: Session, tmp_path: Path) -> None:
    user = history(db, weeks=40)
    for n in range(12):
        record_adverse_event(
            db,
            user_id=user.id,
            event=parse_event(
                {
                    "type": "dizziness",
                    "onset": "during_session",
                    "duration": "under_24h",
                    "severity": "moderate",
                    "serious": False,
                    "relatedness": "possible",
                    "action_taken": f"Sat down for a while (time {n})",
                }
            ),
            reported_at=at(START + dt.timedelta(days=7 * n)),
        )
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id, today=START + dt.timedelta(weeks=40))
    assert 2 <= _pages(pdf) <= 4
    text = _text(pdf)
    assert "The 8 most recent are listed; 4 earlier ones" in text
    assert "(time 11)" in text and "(time 0)" not in text


def test_the_fhir_export_holds_valid_adverse_events(db: Session) -> None:
    user = history(db)
    mild, fall = _events(db, user)
    bundle = fhir_bundle(db, user_id=user.id)
    parsed = Bundle.model_validate(bundle)
    events = [
        e.resource for e in parsed.entry or [] if e.resource.get_resource_type() == "AdverseEvent"
    ]
    assert len(events) == 2
    by_id = {e.id: e for e in events}
    serious = by_id[f"limber-adverse-event-{fall.id}"]
    assert isinstance(serious, FhirAdverseEvent)
    assert serious.actuality == "actual"
    assert serious.event.coding[0].code == "fall"
    assert serious.seriousness.coding[0].system == SERIOUSNESS_SYSTEM
    assert serious.seriousness.coding[0].code == "Serious"
    assert serious.severity.coding[0].system == SEVERITY_SYSTEM
    assert serious.severity.coding[0].code == "severe"
    causality = serious.suspectEntity[0].causality[0].assessment.coding[0]
    assert (causality.system, causality.code) == (CAUSALITY_SYSTEM, "Probably-Likely")
    ext = {x.url.rsplit("-event-", 1)[1]: x for x in serious.extension}
    assert ext["action-taken"].valueString == "Went to the emergency department <x-ray>"
    assert ext["needs-review"].valueBoolean is True
    assert str(ext["review-due"].valueDate) == "2026-03-09"  # Friday -> Monday
    assert "&lt;x-ray&gt;" in serious.text.div  # user text escaped in the narrative
    patient = parsed.entry[0]
    assert serious.subject.reference == patient.fullUrl
    linked = by_id[f"limber-adverse-event-{mild.id}"]
    assert linked.seriousness.coding[0].code == "Non-serious"
    assert str(linked.date).startswith("2026-03-02")  # the session's date
    assert "session" in linked.suspectEntity[0].instance.display


def test_exports_hold_only_the_users_own_events(db: Session) -> None:
    user = history(db)
    _events(db, user)
    other = create_user(db, username="ben", password_hash="x")
    record_adverse_event(
        db,
        user_id=other.id,
        event=parse_event(
            {
                "type": "leaking",
                "onset": "during_session",
                "duration": "under_24h",
                "severity": "mild",
                "serious": False,
                "relatedness": "likely",
                "action_taken": "Ben's own",
            }
        ),
    )
    bundle = fhir_bundle(db, user_id=user.id)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types.count("AdverseEvent") == 2
    assert "Ben's own" not in str(bundle)
    with zipfile.ZipFile(io.BytesIO(csv_zip(db, user_id=user.id))) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("adverse_events.csv").decode())))
    # Both events, including the one with no session (a nullable key must not drop it).
    assert sorted(r["event_type"] for r in rows) == ["fall", "pain"]


def test_backup_and_restore_round_trip_the_events(db: Session, tmp_path: Path) -> None:
    user = history(db)
    _events(db, user)
    document = dump(db)
    assert len(document["tables"]["adverse_events"]) == 2
    target = Database(Settings(home=tmp_path / "restored"))
    try:
        with target.session() as other:
            restore(other, document)
        with target.session() as other:
            again = dump(other)
    finally:
        target.dispose()
    assert again["tables"]["adverse_events"] == document["tables"]["adverse_events"]
