"""Today: the session to do, the next-day question about the last one, and its JSON twin.

The safety state decides what today may hold: after an uncleared emergency sign only what to
do now (no session, no start button), after a red flag only breathing, with a readiness "yes"
light work and a banner until a clearance is recorded. When the safety questions are due
again the programme waits: ``GET /api/today`` answers 409 with the reason (as does
``POST /api/sessions``), and the page shows the reason with a link to the screening.
"""

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from limber.services.checkins import pending_next_day
from limber.services.errors import EmergencyStop, NoProfile, NoProgramme, RescreenNeeded
from limber.services.onboarding import latest_screening, today_session
from limber.services.safety_words import summarise
from limber.services.sessions import latest_session
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.present import LABELS, dose_text, figure_svg
from limber.web.schemas import PendingNextDay, TodayOut

router = APIRouter(tags=["today"])


def today_out(db: Session, *, user_id: int, refuse: bool = True) -> TodayOut:
    """What today holds; raises NoProfile / NoProgramme when onboarding is not finished.

    ``refuse``: raise :class:`EmergencyStop` / :class:`RescreenNeeded` (the API's 409)
    instead of returning no session with the reason in ``safety`` (the page).
    """
    day = dt.date.today()
    screening = latest_screening(db, user_id=user_id)
    if screening is None:
        raise NoProfile("Please answer the safety questions first.")
    summary = summarise(db, user_id=user_id, today=day)
    try:
        planned = today_session(db, user_id=user_id, today=day)
    except (EmergencyStop, RescreenNeeded):
        if refuse:
            raise
        planned = None
    latest = latest_session(db, user_id=user_id)
    in_progress = latest.id if latest is not None and latest.status == "in_progress" else None
    pending = pending_next_day(db, user_id=user_id, today=day)
    return TodayOut(
        date=day,
        session=planned,
        in_progress_session_id=in_progress,
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


@router.get("/today", include_in_schema=False)
def today_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    try:
        today = today_out(db, user_id=user.id, refuse=False)
    except NoProfile:
        return RedirectResponse("/onboarding", status_code=303)
    except NoProgramme:
        return RedirectResponse("/programme", status_code=303)
    return render(
        request,
        "today.html",
        {
            "title": "Today",
            "today": today,
            "dose_text": dose_text,
            "figure_svg": figure_svg,
            "labels": LABELS,
        },
    )


@router.get("/api/today", response_model=TodayOut)
def api_today(db: DbDep, user: CurrentUser) -> TodayOut:
    """Today's planned session (or the next one), an unfinished session, pending questions.

    ``safety`` says what the safety state allows and what lifts it. 409 after an uncleared
    emergency sign (the detail says what to do now) and while the safety questions are due
    again (the detail says why; answer them with ``POST /api/screening``).
    """
    return today_out(db, user_id=user.id)
