"""Small builders for service tests: answers, profiles and an onboarded user."""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from limber.plan.models import Programme
from limber.profile import Profile
from limber.safety.screening import ScreeningAnswers, answers_template
from limber.services.onboarding import create_programme, save_profile, save_screening
from limber.services.users import create_user

# A Monday, so a Monday/Wednesday/Friday plan starts on its first day.
START = dt.date(2026, 1, 5)


def answers(**yes: bool) -> ScreeningAnswers:
    """Every question answered "no" except the ids given (``saddle_numbness=True``)."""
    data: dict[str, Any] = answers_template()
    for key, value in yes.items():
        section = next(s for s in ("red_flags", "readiness", "followups") if key in data[s])
        data[section][key] = value
    return ScreeningAnswers.model_validate(data)


def profile(**fields: Any) -> Profile:
    base: dict[str, Any] = {"minutes_per_session": 20, "equipment": ["chair_or_box", "mat", "rope"]}
    return Profile.model_validate({**base, **fields})


def onboard(
    db: Session, username: str = "ana", *, weeks: int = 4, start: dt.date = START, **fields: Any
) -> tuple[int, Programme]:
    """A user who screened clear, saved a profile and has a programme from ``start``."""
    user = create_user(db, username=username, password_hash="x")
    save_screening(db, user_id=user.id, answers=answers())
    save_profile(db, user_id=user.id, profile=profile(**fields))
    programme = create_programme(db, user_id=user.id, start=start, weeks=weeks)
    return user.id, programme
