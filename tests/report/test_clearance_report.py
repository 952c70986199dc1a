"""Clearances reach the clinician report and survive a backup round trip."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from limber.report.backup import dump, restore
from limber.report.pdf import write_report
from limber.services.clearance import record_clearance
from limber.services.onboarding import save_profile, save_screening
from limber.services.users import create_user
from limber.settings import Settings
from limber.store.db import Database
from tests.services.factories import answers, profile

pytestmark = pytest.mark.db


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_report_shows_the_state_and_each_clearance(db: Session, tmp_path: Path) -> None:
    user = create_user(db, username="ana", password_hash="x")
    save_screening(db, user_id=user.id, answers=answers(night_rest_pain=True))
    save_profile(db, user_id=user.id, profile=profile())
    pdf = tmp_path / "stopped.pdf"
    write_report(db, pdf, user_id=user.id)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True).stdout.decode().split())  # fmt: skip
    assert "Safety state and clearances" in text
    assert "stopped (a red flag waits for a clinician's clearance" in text
    assert "No clinician clearances recorded." in text

    record_clearance(
        db, user.id, "red_flag", "Dr Ana Ruiz", dt.date.today(),
        "No sign of anything serious; exercise may go on.", clinician_role="GP",
    )  # fmt: skip
    write_report(db, pdf, user_id=user.id)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True).stdout.decode().split())  # fmt: skip
    assert "Dr Ana Ruiz (GP)" in text
    assert "No sign of anything serious; exercise may go on." in text
    assert "stopped (" not in text


def test_clearances_round_trip_through_a_backup(db: Session, tmp_path: Path) -> None:
    user = create_user(db, username="ana", password_hash="x")
    save_screening(db, user_id=user.id, answers=answers(chest_pain=True))
    record_clearance(db, user.id, "readiness", "Dr Bo", dt.date.today(), "Fit to exercise.")
    db.commit()
    document = dump(db)
    assert [r["clinician_name"] for r in document["tables"]["clearances"]] == ["Dr Bo"]
    other = Database(Settings(home=tmp_path / "other"))
    try:
        with other.session() as target:
            restore(target, document)
        with other.session() as target:
            again = dump(target, now=dt.datetime.fromisoformat(document["exported_at"]))
    finally:
        other.dispose()
    assert again["tables"]["clearances"] == document["tables"]["clearances"]
