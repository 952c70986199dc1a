"""Today: the session to do, the next-day question about the last one, and its JSON twin.

Both render :func:`limber.services.today.today_out`, the answer ``limber today`` prints too.

The safety state decides what today may hold: after an uncleared emergency sign only what to
do now (no session, no start button), after a red flag only breathing, with a readiness "yes"
light work and a banner until a clearance is recorded. When the safety questions are due
again the programme waits: ``GET /api/today`` answers 409 with the reason (as does
``POST /api/sessions``), and the page shows the reason with a link to the screening.
"""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from limber.services.errors import NoProfile, NoProgramme
from limber.services.today import TodayOut, today_out
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.present import LABELS, dose_text, figure_svg

router = APIRouter(tags=["today"])


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
