"""A "yes" to leaking after jumping takes the rope away until a pelvic-health clearance (R4)."""

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from limber.content.loader import default_library
from limber.plan.models import CheckIn
from limber.services.checkins import record_checkin
from limber.services.clearance import record_clearance
from limber.services.onboarding import create_programme, save_profile, save_screening
from limber.services.records import current_programme
from limber.services.safety import safety_status
from limber.services.sessions import finish_session, had_jumping, start_session
from limber.services.users import create_user
from tests.services.factories import answers, profile

pytestmark = pytest.mark.db

TODAY = dt.date.today()
LIB = default_library()


def _jumps_planned(db: Session, uid: int) -> bool:
    current = current_programme(db, user_id=uid)
    assert current is not None
    _, programme = current
    return any(
        LIB[pe.id].safety.impact != "none" or "rope" in LIB[pe.id].equipment
        for s in programme.sessions
        if s.date > TODAY
        for b in s.blocks
        for pe in b.exercises
    )


def test_leaking_after_jumping_pauses_the_rope_until_a_pelvic_health_clearance(
    db: Session,
) -> None:
    uid = create_user(db, username="bea", password_hash="x").id
    save_screening(db, user_id=uid, answers=answers())
    save_profile(db, user_id=uid, profile=profile(fitness="high", rope_experience="regular"))
    create_programme(db, user_id=uid, start=TODAY)
    log = start_session(db, user_id=uid, session_date=TODAY)
    assert had_jumping(log)
    finish_session(db, user_id=uid, session_id=log.id, status="completed")
    assert _jumps_planned(db, uid)
    checkin = CheckIn(pain_during=1, pain_after=1, effort=4, pelvic_floor_symptoms=True)
    record_checkin(db, user_id=uid, session_id=log.id, checkin=checkin, today=TODAY)
    assert safety_status(db, user_id=uid, today=TODAY).pelvic_floor_symptoms_now
    assert not _jumps_planned(db, uid)
    record_clearance(
        db,
        uid,
        "pelvic_health",
        clinician_name="Jo Park",
        seen_on=TODAY,
        statement="Pelvic floor assessed; jumping may start again gradually.",
        clinician_role="Pelvic-health physiotherapist",
    )
    assert not safety_status(db, user_id=uid, today=TODAY).pelvic_floor_symptoms_now
    assert _jumps_planned(db, uid)
