"""Sessions: start (or resume) today's, play it in the browser, record each step, finish it.

The player page embeds the same :class:`SessionOut` that ``GET /api/sessions/{id}`` returns,
so the browser plays exactly the stored timeline.
"""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from limber.services.hurts import SYMPTOM_LABELS, report_hurt
from limber.services.sessions import (
    finish_session,
    get_session,
    record_step,
    resume_point,
    start_session,
)
from limber.web.deps import CurrentUser, DbDep, IdPath, render
from limber.web.present import exercise_name, session_out
from limber.web.schemas import (
    HurtIn,
    HurtOut,
    SessionFinish,
    SessionOut,
    SessionStart,
    StepOut,
    StepRecord,
    SwapOut,
)

router = APIRouter(tags=["sessions"])


@router.post("/sessions/start", include_in_schema=False)
def start_form(db: DbDep, user: CurrentUser) -> Response:
    log = start_session(db, user_id=user.id)
    return RedirectResponse(f"/sessions/{log.id}/play", status_code=303)


@router.get("/sessions/{session_id}/play", include_in_schema=False)
def player_page(request: Request, db: DbDep, user: CurrentUser, session_id: IdPath) -> Response:
    log = get_session(db, user_id=user.id, session_id=session_id)
    if log.status != "in_progress":
        return RedirectResponse(f"/sessions/{log.id}/checkin", status_code=303)
    data = session_out(db, user_id=user.id, log=log)
    return render(
        request,
        "player.html",
        {
            "title": "Session",
            "data": data,
            "data_json": data.model_dump_json().replace("<", "\\u003c"),
            "hurt_symptoms": SYMPTOM_LABELS,
        },
    )


@router.post("/api/sessions", response_model=SessionOut, status_code=201)
def api_start(db: DbDep, user: CurrentUser, body: SessionStart | None = None) -> SessionOut:
    """Start the session planned for today (or ``date``); an unfinished one is resumed."""
    log = start_session(db, user_id=user.id, session_date=body.date if body else None)
    return session_out(db, user_id=user.id, log=log)


@router.get("/api/sessions/{session_id}", response_model=SessionOut)
def api_session(db: DbDep, user: CurrentUser, session_id: IdPath) -> SessionOut:
    """One of your sessions: its stored timeline and the step to resume from."""
    log = get_session(db, user_id=user.id, session_id=session_id)
    return session_out(db, user_id=user.id, log=log)


@router.post("/api/sessions/{session_id}/steps", response_model=StepOut)
def api_record_step(db: DbDep, user: CurrentUser, session_id: IdPath, body: StepRecord) -> StepOut:
    """Record one step as done or skipped (again for the same index updates it)."""
    # The body's fields are the service's own arguments, by name.
    row = record_step(db, user_id=user.id, session_id=session_id, **body.model_dump())
    return StepOut(
        step_index=row.step_index,
        status=row.status,
        pain=row.pain,
        resume_at=resume_point(db, user_id=user.id, session_id=session_id),
    )


@router.post("/api/sessions/{session_id}/hurt", response_model=HurtOut)
def api_hurt(db: DbDep, user: CurrentUser, session_id: IdPath, body: HurtIn) -> HurtOut:
    """Report pain (and any new symptoms) during a step: what to do, and the safe easier version.

    The easier version is the safety gate's choice for you on this session's day; pain over
    5/10, or 2 or more above your first report this session, stops the exercise; a symptom
    brings the safety questions back before the next session.
    """
    outcome = report_hurt(db, user_id=user.id, session_id=session_id, **body.model_dump())
    swap = SwapOut(id=outcome.swap, name=exercise_name(outcome.swap)) if outcome.swap else None
    return HurtOut(
        swap=swap,
        advice=outcome.advice,
        stop_exercise=outcome.stop_exercise,
        stop_session=outcome.stop_session,
        rescreen=outcome.rescreen,
    )


@router.post("/api/sessions/{session_id}/finish", response_model=SessionOut)
def api_finish(
    db: DbDep, user: CurrentUser, session_id: IdPath, body: SessionFinish | None = None
) -> SessionOut:
    """Close the session as completed, or stopped early; then the check-in is due."""
    log = finish_session(
        db, user_id=user.id, session_id=session_id, status=body.status if body else "completed"
    )
    return session_out(db, user_id=user.id, log=log)
