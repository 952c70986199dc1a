"""Adverse events: the R12 vocabulary, triage and review flag, user isolation, nothing stored on
bad input."""

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from limber.services.adverse import (
    ACTION_MAX,
    REVIEW_TEXT,
    AdverseEventIn,
    get_adverse_event,
    list_adverse_events,
    next_working_day,
    parse_event,
    record_adverse_event,
    triage,
)
from limber.services.errors import InvalidInput, NotFound
from limber.services.users import create_user
from limber.store.adverse import AdverseEvent
from limber.store.models import SessionLog

pytestmark = pytest.mark.db

MILD_PAIN: dict[str, Any] = {
    "type": "pain",
    "onset": "within_24h",
    "duration": "under_24h",
    "severity": "mild",
    "serious": False,
    "relatedness": "possible",
    "action_taken": "Rested and used a heat pack",
}
# A Friday afternoon (UTC): the review is due on the next working day, Monday.
FRIDAY = dt.datetime(2026, 3, 6, 14, 0, tzinfo=dt.UTC)


def _session(db: Session, user_id: int) -> int:
    """A finished session log for ``user_id`` (written directly: no planner needed)."""
    log = SessionLog(
        user_id=user_id,
        session_date=dt.date(2026, 3, 6),
        status="completed",
        timeline={"steps": []},
        planned_minutes=10,
    )
    db.add(log)
    db.flush()
    return log.id


def _rows(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(AdverseEvent)) or 0


def test_a_mild_event_is_stored_with_every_field_and_no_review(db: Session) -> None:
    user = create_user(db, username="ana", password_hash="x")
    sid = _session(db, user.id)
    event = parse_event({**MILD_PAIN, "session_id": sid, "note": "  after the rope block  "})
    out = record_adverse_event(db, user_id=user.id, event=event, reported_at=FRIDAY)
    assert (out.type, out.onset, out.duration, out.severity) == (
        "pain",
        "within_24h",
        "under_24h",
        "mild",
    )
    assert out.serious is False and out.relatedness == "possible"
    assert out.action_taken == "Rested and used a heat pack"
    assert out.note == "after the rope block"  # stripped
    assert out.session_id == sid
    assert out.needs_review is False and out.review_due is None and out.review_text == ""
    assert out.urgency == "none"
    assert "If it gets worse" in out.advice
    again = get_adverse_event(db, user_id=user.id, event_id=out.id)
    assert again == out


@pytest.mark.parametrize(
    ("event_type", "severity", "serious", "urgency", "review"),
    [
        ("pain", "severe", False, "none", False),
        ("dizziness", "moderate", False, "none", False),
        ("leaking", "severe", False, "none", False),
        ("numbness", "moderate", False, "none", False),
        ("numbness", "severe", False, "today", True),
        ("fall", "severe", False, "today", True),
        ("fall", "mild", False, "none", False),
        ("chest_symptoms", "mild", False, "urgent", True),
        ("chest_symptoms", "severe", False, "urgent", True),
        ("pain", "mild", True, "urgent", True),
        ("dizziness", "severe", True, "urgent", True),
    ],
)
def test_triage_flags_serious_and_red_flag_events(
    event_type: str, severity: str, serious: bool, urgency: str, review: bool
) -> None:
    t = triage(event_type, severity, serious)
    assert (t.urgency, t.needs_review) == (urgency, review)
    if urgency == "urgent":
        assert "Seek urgent care now" in t.advice
    if review:
        assert "within 1 working day" in t.advice and t.reason
    else:
        assert t.reason == "" and "Seek urgent care" not in t.advice


def test_a_severe_numbness_event_gets_advice_and_a_review_due_next_working_day(
    db: Session,
) -> None:
    user = create_user(db, username="ana", password_hash="x")
    event = parse_event({**MILD_PAIN, "type": "numbness", "severity": "severe"})
    out = record_adverse_event(db, user_id=user.id, event=event, reported_at=FRIDAY)
    assert out.needs_review is True
    assert out.review_due is not None and out.review_due.weekday() == 0  # Friday -> Monday
    assert out.review_text.startswith(REVIEW_TEXT)
    assert "emergency department" in out.advice  # saddle numbness / bladder: emergency
    assert "severe numbness" in out.review_reason


def test_next_working_day_skips_the_weekend() -> None:
    assert next_working_day(dt.date(2026, 3, 5)) == dt.date(2026, 3, 6)  # Thu -> Fri
    assert next_working_day(dt.date(2026, 3, 6)) == dt.date(2026, 3, 9)  # Fri -> Mon
    assert next_working_day(dt.date(2026, 3, 7)) == dt.date(2026, 3, 9)  # Sat -> Mon


def test_the_stored_advice_is_what_was_shown(db: Session) -> None:
    user = create_user(db, username="ana", password_hash="x")
    out = record_adverse_event(
        db, user_id=user.id, event=parse_event({**MILD_PAIN, "serious": True})
    )
    row = db.get(AdverseEvent, out.id)
    assert row is not None and row.advice == out.advice and "Seek urgent care now" in row.advice


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "bruise"}, "unknown type 'bruise'; choose one of: pain, numbness"),
        ({"onset": "last_week"}, "unknown onset 'last_week'; choose one of: during_session"),
        ({"duration": "forever"}, "unknown duration 'forever'"),
        ({"severity": "awful"}, "unknown severity 'awful'; choose one of: mild, moderate, severe"),
        ({"relatedness": "certain"}, "unknown relatedness 'certain'"),
        ({"action_taken": "   "}, "action taken cannot be empty"),
        ({"action_taken": "x" * (ACTION_MAX + 1)}, f"at most {ACTION_MAX} characters"),
        ({"note": "x" * 2001}, "the note is too long"),
        ({"serious": "perhaps"}, "serious must be yes or no"),
        ({"session_id": 0}, "session must be a session id"),
        ({"colour": "red"}, "colour is not a known field"),
    ],
)
def test_bad_input_is_refused_with_a_specific_message(
    db: Session, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_event({**MILD_PAIN, **change})
    assert message in err.value.message
    assert _rows(db) == 0


def test_missing_fields_are_named() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_event({"type": "pain"})
    for field in ("onset", "duration", "severity", "serious", "relatedness", "action_taken"):
        assert f"{field} is required" in err.value.message


def test_someone_elses_session_is_not_found_and_nothing_is_stored(db: Session) -> None:
    ana = create_user(db, username="ana", password_hash="x")
    ben = create_user(db, username="ben", password_hash="x")
    ben_session = _session(db, ben.id)
    event = AdverseEventIn.model_validate({**MILD_PAIN, "session_id": ben_session})
    with pytest.raises(NotFound):
        record_adverse_event(db, user_id=ana.id, event=event)
    event = AdverseEventIn.model_validate({**MILD_PAIN, "session_id": 999_999})
    with pytest.raises(NotFound):
        record_adverse_event(db, user_id=ana.id, event=event)
    assert _rows(db) == 0


def test_each_user_lists_and_gets_only_their_own_events(db: Session) -> None:
    ana = create_user(db, username="ana", password_hash="x")
    ben = create_user(db, username="ben", password_hash="x")
    first = record_adverse_event(
        db, user_id=ana.id, event=parse_event(MILD_PAIN), reported_at=FRIDAY
    )
    later = FRIDAY + dt.timedelta(days=1)
    second = record_adverse_event(
        db, user_id=ana.id, event=parse_event({**MILD_PAIN, "type": "fall"}), reported_at=later
    )
    bens = record_adverse_event(db, user_id=ben.id, event=parse_event(MILD_PAIN))
    assert [e.id for e in list_adverse_events(db, user_id=ana.id)] == [first.id, second.id]
    assert [e.id for e in list_adverse_events(db, user_id=ben.id)] == [bens.id]
    with pytest.raises(NotFound):
        get_adverse_event(db, user_id=ben.id, event_id=first.id)
