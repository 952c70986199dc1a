"""What today holds: the one answer ``limber today``, the today page and ``GET /api/today`` show.

The safety state decides what today may hold: after an uncleared emergency sign only what to
do now (no session), after a red flag only breathing, with a readiness "yes" light work until a
clearance is recorded. When the safety questions are due again the programme waits. Built
once here so the terminal and the browser cannot drift apart (issue 18).
"""

import datetime as dt

from pydantic import BaseModel
from sqlalchemy.orm import Session

from limber.plan.models import PlannedSession
from limber.services.checkins import pending_next_day
from limber.services.errors import EmergencyStop, NoProfile, RescreenNeeded
from limber.services.onboarding import latest_screening, today_session
from limber.services.safety_words import SafetySummary, summarise
from limber.services.sessions import latest_session


class PendingNextDay(BaseModel):
    """A check-in from an earlier day still waiting for its "how is your back this morning"."""

    checkin_id: int
    session_id: int
    asked_about: dt.datetime


class TodayOut(BaseModel):
    """Everything a front end shows about today."""

    date: dt.date
    # The session to do (today's, or the next one not yet done); None when none is left or
    # the safety state offers none.
    session: PlannedSession | None
    in_progress_session_id: int | None = None
    # True when a session was completed today (the next one may be started early).
    done_today: bool = False
    breathing_only: bool = False
    pending_next_day: PendingNextDay | None = None
    rescreen_due: bool = False
    # The safety state in words (limber.services.safety_words): what is allowed, what lifts it.
    safety: SafetySummary | None = None


def today_out(
    db: Session, *, user_id: int, today: dt.date | None = None, refuse: bool = True
) -> TodayOut:
    """What ``today`` (default: the real today) holds for the user.

    Raises :class:`NoProfile` / :class:`NoProgramme` when onboarding is not finished.
    ``refuse``: raise :class:`EmergencyStop` / :class:`RescreenNeeded` (the API's 409, the
    CLI's exit 3 / 4) instead of returning no session with the reason in ``safety`` (the page).
    """
    day = today or dt.date.today()
    if latest_screening(db, user_id=user_id) is None:
        raise NoProfile("there is no screening yet: answer the onboarding questions first")
    summary = summarise(db, user_id=user_id, today=day)
    try:
        planned = today_session(db, user_id=user_id, today=day)
    except (EmergencyStop, RescreenNeeded):
        if refuse:
            raise
        planned = None
    latest = latest_session(db, user_id=user_id)
    pending = pending_next_day(db, user_id=user_id, today=day)
    return TodayOut(
        date=day,
        session=planned,
        in_progress_session_id=(
            latest.id if latest is not None and latest.status == "in_progress" else None
        ),
        done_today=latest is not None
        and latest.status == "completed"
        and latest.session_date == day,
        breathing_only=summary.state == "stopped",
        pending_next_day=(
            PendingNextDay(
                checkin_id=pending.id, session_id=pending.session_id, asked_about=pending.at
            )
            if pending is not None
            else None
        ),
        rescreen_due=summary.rescreen is not None,
        safety=summary,
    )
