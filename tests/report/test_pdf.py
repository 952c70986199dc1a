"""The clinician report: a PDF of two or more pages that renders and holds its sections."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from limber.report.pdf import write_report
from limber.services.users import get_or_create_local_user
from limber.store.models import CheckInRecord
from tests.conftest import ARTIFACTS
from tests.report.factories import START, history

pytestmark = pytest.mark.db

HEADINGS = [
    "Limber progress report",
    "Outcomes: baseline and latest",
    "Profile",
    "Screening",
    "Programme",
    "Adherence",
    "Outcome trends",
    "Pain monitoring",
    "How changes are judged",
]


def _pages_as_png(pdf: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.png"))


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
    return " ".join(done.stdout.decode().split())  # wrapped lines read as one


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_report_renders_with_every_section(db: Session, tmp_path: Path) -> None:
    user = history(db)
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id, today=START + dt.timedelta(days=16))
    pages = _pages_as_png(pdf, tmp_path / "png")
    assert 2 <= len(pages) <= 4
    assert all(p.stat().st_size > 5_000 for p in pages)  # real content, not blank pages
    text = _text(pdf)
    for heading in HEADINGS:
        assert heading in text, heading
    assert "meaningful improvement" in text
    assert "rope block drops back one level" in text  # the regression and its reason
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(pdf, ARTIFACTS / "clinician-report.pdf")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_report_for_a_new_user_still_renders(db: Session, tmp_path: Path) -> None:
    user = get_or_create_local_user(db)
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id)
    text = _text(pdf)
    assert "No assessments recorded yet" in text and "No programme planned" in text


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
def test_most_of_a_year_of_history_still_fits_four_pages(db: Session, tmp_path: Path) -> None:
    user = history(db, weeks=40)
    # Every check-in held the plan: far too many to list in full.
    db.execute(update(CheckInRecord).values(verdict="amber"))
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id, today=START + dt.timedelta(weeks=40))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    pages = int(next(x for x in info.decode().splitlines() if x.startswith("Pages:")).split()[1])
    assert 2 <= pages <= 4
    assert "earlier decisions are in the CSV export" in _text(pdf)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_names_in_any_script_print(db: Session, tmp_path: Path) -> None:
    user = history(db)
    user.display_name = "Ελένη Пётр Müller-Øberg"
    db.flush()
    pdf = tmp_path / "report.pdf"
    write_report(db, pdf, user_id=user.id, today=START + dt.timedelta(days=16))
    assert "Ελένη Пётр Müller-Øberg" in _text(pdf)  # DejaVu Sans: no CJK glyphs
