"""The safety state from stored screenings and clearances (issue 11: clearance states).

A red flag stops the programme until a clinician's clearance is recorded; answering the
questions again with every answer "no" must not lift it. An emergency sign offers no session
at all. A readiness "yes" keeps the plan light (under 3 MET, no rope) until a readiness
clearance, which lapses after 12 months or when a new "yes" appears.
"""

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from limber.content.loader import default_library
from limber.plan.models import Programme
from limber.services.clearance import record_clearance
from limber.services.errors import EmergencyStop, InvalidInput, RedFlagStop, RescreenNeeded
from limber.services.onboarding import (
    create_programme,
    red_flag,
    save_profile,
    save_screening,
    today_session,
)
from limber.services.records import current_programme
from limber.services.safety import clearances, rescreen_needed, safety_status
from limber.services.users import create_user
from limber.store.clearance import Clearance
from limber.store.models import Screening
from tests.services.factories import answers, profile

pytestmark = pytest.mark.db

TODAY = dt.date.today()


def _user(db: Session, name: str = "ana") -> int:
    return create_user(db, username=name, password_hash="x").id


def _clear(db: Session, uid: int, kind: str = "red_flag", **changes: Any) -> Clearance:
    fields: dict[str, Any] = {
        "clinician_name": "Dr Ana Ruiz",
        "seen_on": TODAY,
        "statement": "Examined me; no sign of nerve compression. Exercise may go on.",
        "clinician_role": "GP",
    }
    fields.update(changes)
    return record_clearance(db, uid, kind, **fields)


def _onboard_with(db: Session, uid: int, **yes: bool) -> None:
    save_screening(db, user_id=uid, answers=answers(**yes))
    save_profile(db, user_id=uid, profile=profile(fitness="high", rope_experience="regular"))


def _pillars(programme: Programme) -> set[str]:
    return {p for s in programme.sessions for p in s.pillars}


def _max_met(programme: Programme) -> float:
    lib = default_library()
    return max(
        lib[e.id].safety.met for s in programme.sessions for b in s.blocks for e in b.exercises
    )


def test_red_flag_stops_and_all_no_does_not_clear_it(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, night_rest_pain=True)
    assert safety_status(db, user_id=uid, today=TODAY).state == "stopped"
    with pytest.raises(RedFlagStop) as caught:
        create_programme(db, user_id=uid)
    assert "clearance" in caught.value.message
    session = today_session(db, user_id=uid, today=TODAY)
    assert session is not None and set(session.pillars) == {"breathing"}

    # Answering every question "no" records the answers but lifts nothing.
    result = save_screening(db, user_id=uid, answers=answers())
    assert result.outcome == "clear"
    assert safety_status(db, user_id=uid, today=TODAY).state == "stopped"
    flagged = red_flag(db, user_id=uid)
    assert flagged is not None and flagged.red_flags[0].id == "night_rest_pain"
    with pytest.raises(RedFlagStop):
        create_programme(db, user_id=uid)


def test_a_recorded_clearance_lifts_the_red_flag(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, night_rest_pain=True)
    row = _clear(db, uid)
    assert row.covers == ["night_rest_pain"]
    status = safety_status(db, user_id=uid, today=TODAY)
    assert status.state == "active"
    assert "red_flag" in status.clearances
    assert red_flag(db, user_id=uid) is None
    # The clearance planned the programme the red flag held back (a profile was saved).
    current = current_programme(db, user_id=uid)
    assert current is not None
    assert "stretch" in _pillars(current[1])
    session = today_session(db, user_id=uid, today=TODAY)
    assert session is not None and "stretch" in session.pillars


def test_a_red_flag_after_the_clearance_stops_again(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, night_rest_pain=True)
    _clear(db, uid)
    # The same sign the clinician saw, asked again at a re-screening: still cleared.
    save_screening(db, user_id=uid, answers=answers(night_rest_pain=True))
    assert safety_status(db, user_id=uid, today=TODAY).state == "active"
    # A sign the clinician was not told about stops the programme again.
    save_screening(db, user_id=uid, answers=answers(night_rest_pain=True, cancer_history=True))
    status = safety_status(db, user_id=uid, today=TODAY)
    assert status.state == "stopped"
    assert "red_flag" not in status.clearances


def test_emergency_offers_no_session_until_cleared(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, saddle_numbness=True)
    assert safety_status(db, user_id=uid, today=TODAY).state == "emergency"
    with pytest.raises(EmergencyStop) as caught:
        today_session(db, user_id=uid, today=TODAY)
    assert "emergency department" in caught.value.message
    with pytest.raises(EmergencyStop):
        create_programme(db, user_id=uid, breathing_only=True)
    # Re-answering "no" does not lift an emergency either.
    save_screening(db, user_id=uid, answers=answers())
    assert safety_status(db, user_id=uid, today=TODAY).state == "emergency"
    _clear(db, uid, statement="Seen in A&E, MRI normal, no cauda equina. Keep active.")
    assert safety_status(db, user_id=uid, today=TODAY).state == "active"
    assert today_session(db, user_id=uid, today=TODAY) is not None
    # An emergency sign answered "yes" again always needs a fresh visit.
    save_screening(db, user_id=uid, answers=answers(saddle_numbness=True))
    assert safety_status(db, user_id=uid, today=TODAY).state == "emergency"


def test_readiness_yes_keeps_the_plan_light_until_cleared(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, chest_pain=True)
    status = safety_status(db, user_id=uid, today=TODAY)
    assert status.state == "light"
    assert status.readiness_yes == ("chest_pain",)
    light = create_programme(db, user_id=uid, start=TODAY, weeks=4)
    assert light.sessions
    assert _max_met(light) < 3
    assert "jump_rope" not in _pillars(light)
    assert any("light" in note.lower() for note in light.notes), light.notes

    row = _clear(db, uid, "readiness", clinician_role="Cardiologist")
    assert row.covers == ["chest_pain"]
    status = safety_status(db, user_id=uid, today=TODAY)
    assert status.state == "active" and "readiness" in status.clearances
    current = current_programme(db, user_id=uid)
    assert current is not None
    assert _max_met(current[1]) >= 3, "the clearance did not lift the light plan"


def test_readiness_clearance_lapses_after_12_months_and_on_a_new_yes(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, chest_pain=True)
    _clear(db, uid, "readiness")
    assert safety_status(db, user_id=uid, today=TODAY + dt.timedelta(days=364)).state == "active"
    lapsed = safety_status(db, user_id=uid, today=TODAY + dt.timedelta(days=365))
    assert lapsed.state == "light" and "readiness" not in lapsed.clearances
    # The same "yes" at a re-screening stays covered; a new "yes" needs a new clearance.
    save_screening(db, user_id=uid, answers=answers(chest_pain=True))
    assert safety_status(db, user_id=uid, today=TODAY).state == "active"
    save_screening(db, user_id=uid, answers=answers(chest_pain=True, dizziness=True))
    assert safety_status(db, user_id=uid, today=TODAY).state == "light"


def test_other_kinds_are_valid_for_12_months(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid)
    _clear(db, uid, "surgeon", seen_on=TODAY - dt.timedelta(days=300))
    assert "surgeon" in safety_status(db, user_id=uid, today=TODAY).clearances
    later = safety_status(db, user_id=uid, today=TODAY + dt.timedelta(days=65))
    assert "surgeon" not in later.clearances
    # No flare on: a review counts within the 4-week window flares are counted in.
    _clear(db, uid, "review", seen_on=TODAY - dt.timedelta(days=3))
    assert "review" in safety_status(db, user_id=uid, today=TODAY).clearances
    assert "review" not in safety_status(db, user_id=uid, today=TODAY + dt.timedelta(26)).clearances
    history = clearances(db, user_id=uid)
    assert [c.kind for c in history] == ["surgeon", "review"]


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("blank name", {"clinician_name": "   "}, "the clinician's name is required"),
    ("no date", {"seen_on": None}, "date you saw the clinician is required"),
    ("bad date", {"seen_on": "1/12/2026"}, "must look like 2026-01-31"),
    ("future date", {"seen_on": TODAY + dt.timedelta(days=1)}, "is in the future"),
    ("lapsed date", {"seen_on": TODAY - dt.timedelta(days=400)}, "has lapsed"),
    ("blank statement", {"statement": ""}, "what the clinician said is required"),
    ("long statement", {"statement": "x" * 2001}, "at most 2000 characters"),
    ("long name", {"clinician_name": "D" * 121}, "at most 120 characters"),
    ("before the flag", {"seen_on": TODAY - dt.timedelta(days=2)}, "on or after that day"),
]


@pytest.mark.parametrize(("case", "changes", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_clearance_is_refused_and_nothing_is_stored(
    db: Session, case: str, changes: dict[str, Any], message: str
) -> None:
    uid = _user(db)
    _onboard_with(db, uid, night_rest_pain=True)
    with pytest.raises(InvalidInput) as caught:
        _clear(db, uid, **changes)
    assert message in caught.value.message
    assert db.scalar(select(func.count()).select_from(Clearance)) == 0
    assert safety_status(db, user_id=uid, today=TODAY).state == "stopped"


def test_unknown_kind_and_nothing_to_clear_are_refused(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid)
    with pytest.raises(InvalidInput, match="one of red_flag, readiness"):
        _clear(db, uid, "chiropractor")
    with pytest.raises(InvalidInput, match="no red flag waiting"):
        _clear(db, uid, "red_flag")
    assert db.scalar(select(func.count()).select_from(Clearance)) == 0


def test_every_4_weeks_the_programme_waits_for_the_questions(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid)
    create_programme(db, user_id=uid, start=TODAY, weeks=8)
    assert rescreen_needed(db, user_id=uid, today=TODAY + dt.timedelta(days=27)) is None
    later = TODAY + dt.timedelta(days=28)
    reason = rescreen_needed(db, user_id=uid, today=later)
    assert reason is not None and "every 4 weeks" in reason
    with pytest.raises(RescreenNeeded, match="answer the safety questions again"):
        today_session(db, user_id=uid, today=later)
    # Answering them (here: moving the screening back into the window) lets it go on.
    row = db.scalars(select(Screening).where(Screening.user_id == uid)).one()
    row.taken_at = row.taken_at + dt.timedelta(days=28)
    db.flush()
    assert rescreen_needed(db, user_id=uid, today=later) is None
    assert today_session(db, user_id=uid, today=later) is not None


def test_breathing_stays_while_stopped_even_when_questions_are_due(db: Session) -> None:
    uid = _user(db)
    _onboard_with(db, uid, night_rest_pain=True)
    later = TODAY + dt.timedelta(days=30)
    assert rescreen_needed(db, user_id=uid, today=later) is not None
    session = today_session(db, user_id=uid, today=later)
    assert session is not None and set(session.pillars) == {"breathing"}


def test_new_symptoms_at_a_check_in_bring_the_questions_back(db: Session) -> None:
    from limber.plan.models import CheckIn
    from limber.services.checkins import record_checkin
    from limber.services.sessions import finish_session, start_session

    uid = _user(db)
    _onboard_with(db, uid)
    programme = create_programme(db, user_id=uid, start=TODAY, weeks=2)
    day = programme.sessions[0].date
    log = start_session(db, user_id=uid, session_date=day)
    finish_session(db, user_id=uid, session_id=log.id, status="completed")
    assert rescreen_needed(db, user_id=uid, today=day) is None
    checkin = CheckIn(pain_during=2, pain_after=2, effort=4, new_leg_symptoms=True)
    record_checkin(db, user_id=uid, session_id=log.id, checkin=checkin, today=day)
    reason = rescreen_needed(db, user_id=uid, today=day)
    assert reason is not None and "new or worse symptoms" in reason
    with pytest.raises(RescreenNeeded):
        today_session(db, user_id=uid, today=day)
    save_screening(db, user_id=uid, answers=answers())
    assert rescreen_needed(db, user_id=uid, today=day) is None


def test_a_flare_reaches_the_status_brings_the_questions_back_and_needs_a_later_review(
    db: Session,
) -> None:
    from limber.plan.progression import ProgressionState
    from limber.safety.pain_monitor import FlareSpan
    from limber.services.records import current_programme_record

    uid = _user(db)
    _onboard_with(db, uid)
    create_programme(db, user_id=uid, start=TODAY, weeks=4)
    record = current_programme_record(db, user_id=uid)
    assert record is not None
    began = TODAY + dt.timedelta(days=1)
    state = ProgressionState(flares=[FlareSpan(start=began, trigger="morning", baseline=3)])
    record.progression = state.model_dump(mode="json")
    db.flush()
    day = TODAY + dt.timedelta(days=3)
    status = safety_status(db, user_id=uid, today=day)
    assert status.flare is True and status.flare_days == 2 and status.flares_in_4_weeks == 1
    reason = rescreen_needed(db, user_id=uid, today=day)
    assert reason == f"a flare began on {began.isoformat()}"
    # A review counts only when the visit came after the flare began.
    record_clearance(db, uid, "review", "Dr Bo", TODAY, "Reviewed.", today=day)
    assert "review" not in safety_status(db, user_id=uid, today=day).clearances
    record_clearance(db, uid, "review", "Dr Bo", began, "Reviewed again.", today=day)
    assert "review" in safety_status(db, user_id=uid, today=day).clearances
