"""Onboarding services: screening, profile, programme and the session of the day."""

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from limber.services.errors import (
    EmergencyStop,
    InvalidInput,
    NoProfile,
    NoProgramme,
    RedFlagStop,
)
from limber.services.onboarding import (
    create_programme,
    latest_screening,
    save_profile,
    save_screening,
    today_session,
)
from limber.services.records import current_profile, current_programme
from limber.services.users import create_user
from limber.store.models import ProgrammeRecord, Screening
from tests.services.factories import START, answers, onboard, profile

pytestmark = pytest.mark.db


def _user(db: Session, name: str = "ana") -> int:
    return create_user(db, username=name, password_hash="x").id


def test_screening_is_stored_and_the_newest_counts(db: Session) -> None:
    uid = _user(db)
    assert latest_screening(db, user_id=uid) is None
    first = save_screening(db, user_id=uid, answers=answers(saddle_numbness=True))
    assert first.outcome == "red_flag"
    second = save_screening(db, user_id=uid, answers=answers())
    assert second.outcome == "clear"
    latest = latest_screening(db, user_id=uid)
    assert latest is not None and latest.outcome == "clear"
    rows = db.scalars(select(Screening).where(Screening.user_id == uid)).all()
    assert [r.outcome for r in rows] == ["red_flag", "clear"]
    assert rows[0].answers["red_flags"]["saddle_numbness"] is True


def test_profile_merges_conditions_implied_by_screening(db: Session) -> None:
    uid = _user(db)
    save_screening(db, user_id=uid, answers=answers(bone_joint=True, has_osteoporosis=True))
    saved = save_profile(db, user_id=uid, profile=profile(conditions=["hip_problem"]))
    assert saved.conditions == ["hip_problem", "osteoporosis"]
    current = current_profile(db, user_id=uid)
    assert current is not None and current.conditions == ["hip_problem", "osteoporosis"]


def test_programme_needs_screening_and_profile(db: Session) -> None:
    uid = _user(db)
    with pytest.raises(NoProfile, match="screening"):
        create_programme(db, user_id=uid, start=START)
    save_screening(db, user_id=uid, answers=answers())
    with pytest.raises(NoProfile, match="profile"):
        create_programme(db, user_id=uid, start=START)


@pytest.mark.parametrize("weeks", [0, 53])
def test_programme_length_is_checked(db: Session, weeks: int) -> None:
    uid = _user(db)
    save_screening(db, user_id=uid, answers=answers())
    save_profile(db, user_id=uid, profile=profile())
    with pytest.raises(InvalidInput, match="weeks"):
        create_programme(db, user_id=uid, start=START, weeks=weeks)


def test_red_flag_refuses_a_programme_but_allows_breathing(db: Session) -> None:
    uid = _user(db)
    save_screening(db, user_id=uid, answers=answers(bladder_change=True))
    save_profile(db, user_id=uid, profile=profile())
    with pytest.raises(RedFlagStop) as caught:
        create_programme(db, user_id=uid, start=START)
    assert "bladder" in caught.value.message.lower()
    assert caught.value.findings[0]["urgency"] == "emergency"
    assert db.scalar(select(func.count()).select_from(ProgrammeRecord)) == 0
    # An emergency sign offers no session at all, not even breathing (issue 11).
    with pytest.raises(EmergencyStop):
        create_programme(db, user_id=uid, start=START, breathing_only=True)
    other = _user(db, "bo")
    save_screening(db, user_id=other, answers=answers(night_rest_pain=True))
    save_profile(db, user_id=other, profile=profile())
    with pytest.raises(RedFlagStop):
        create_programme(db, user_id=other, start=START)
    programme = create_programme(db, user_id=other, start=START, breathing_only=True)
    pillars = {p for s in programme.sessions for p in s.pillars}
    assert pillars == {"breathing"}


def test_a_new_programme_replaces_the_active_one(db: Session) -> None:
    uid, first = onboard(db)
    second = create_programme(db, user_id=uid, start=START + dt.timedelta(days=7), weeks=2)
    current = current_programme(db, user_id=uid)
    assert current is not None
    record, programme = current
    assert programme.start == second.start != first.start
    assert record.weeks == 2
    active = db.scalars(select(ProgrammeRecord.active).order_by(ProgrammeRecord.id)).all()
    assert active == [False, True]


def test_today_session_is_todays_or_the_next(db: Session) -> None:
    uid, programme = onboard(db)
    dates = sorted(s.date for s in programme.sessions)
    first = today_session(db, user_id=uid, today=dates[0])
    assert first is not None and first.date == dates[0]
    between = dates[0] + dt.timedelta(days=1)
    upcoming = today_session(db, user_id=uid, today=between)
    assert upcoming is not None and upcoming.date == min(d for d in dates if d >= between)
    assert today_session(db, user_id=uid, today=dates[-1] + dt.timedelta(days=1)) is None


def test_today_session_offers_breathing_only_after_a_red_flag(db: Session) -> None:
    uid, _ = onboard(db)
    save_screening(db, user_id=uid, answers=answers(infection_signs=True))
    day = START + dt.timedelta(days=1)
    session = today_session(db, user_id=uid, today=day)
    assert session is not None
    assert session.date == day
    assert session.pillars == {"breathing"}


def test_today_session_without_a_programme(db: Session) -> None:
    uid = _user(db)
    with pytest.raises(NoProfile):
        today_session(db, user_id=uid, today=START)
    save_screening(db, user_id=uid, answers=answers())
    save_profile(db, user_id=uid, profile=profile())
    with pytest.raises(NoProgramme):
        today_session(db, user_id=uid, today=START)


def test_users_do_not_see_each_others_programmes(db: Session) -> None:
    onboard(db, "ana")
    bob = _user(db, "bob")
    assert current_programme(db, user_id=bob) is None
    assert current_profile(db, user_id=bob) is None
