"""Adverse events: the report form (reached from the player and the check-in), and the API.

The form and the API send the same fields to the same service, so they refuse the same
input; a session named in either must be the person's own (otherwise 404, as for a session
that does not exist). After a report the person sees the "what to do now" advice at once.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from limber.services.adverse import (
    ACTION_MAX,
    DURATION_LABELS,
    MAX_ID,
    NOTE_MAX,
    ONSET_LABELS,
    RELATEDNESS_LABELS,
    SERIOUS_HELP,
    SEVERITY_LABELS,
    TYPE_LABELS,
    AdverseEventIn,
    AdverseEventOut,
    EventProblems,
    get_adverse_event,
    list_adverse_events,
    parse_event,
    record_adverse_event,
)
from limber.services.sessions import get_session
from limber.web.deps import CurrentUser, DbDep, IdPath, render

router = APIRouter(tags=["adverse events"])

# Form-field wording; the service's own messages are kept for everything else.
FORM_MESSAGES = {
    "type": "Choose what happened.",
    "onset": "Choose when it started.",
    "duration": "Choose how long it lasted.",
    "severity": "Choose how bad it was.",
    "serious": "Say whether it was serious.",
    "relatedness": "Choose whether you think the exercise caused it.",
    "action_taken": f"Say what you did about it (up to {ACTION_MAX} characters).",
    "note": f"Keep the note under {NOTE_MAX} characters.",
}
CHOICES = {
    "type": list(TYPE_LABELS.items()),
    "onset": list(ONSET_LABELS.items()),
    "duration": list(DURATION_LABELS.items()),
    "severity": list(SEVERITY_LABELS.items()),
    "relatedness": list(RELATEDNESS_LABELS.items()),
}


def _form_page(
    request: Request,
    *,
    form: dict[str, Any],
    session: Any = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    ctx = {
        "title": "Report a problem",
        "form": form,
        "session": session,
        "choices": CHOICES,
        "serious_help": SERIOUS_HELP,
        "action_max": ACTION_MAX,
        "note_max": NOTE_MAX,
        "errors": errors or {},
        "event": None,
    }
    return render(request, "adverse_event.html", ctx, status_code=status_code)


@router.get("/adverse-events/new", include_in_schema=False)
def new_event_page(
    request: Request,
    db: DbDep,
    user: CurrentUser,
    session: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    log = get_session(db, user_id=user.id, session_id=session) if session else None
    return _form_page(request, form={"session_id": session}, session=log)


@router.post("/adverse-events", include_in_schema=False)
def new_event_form(
    request: Request,
    db: DbDep,
    user: CurrentUser,
    type: Annotated[str | None, Form()] = None,
    onset: Annotated[str | None, Form()] = None,
    duration: Annotated[str | None, Form()] = None,
    severity: Annotated[str | None, Form()] = None,
    serious: Annotated[str | None, Form()] = None,
    relatedness: Annotated[str | None, Form()] = None,
    action_taken: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    session_id: Annotated[str, Form()] = "",
) -> Response:
    form: dict[str, Any] = {
        "type": type,
        "onset": onset,
        "duration": duration,
        "severity": severity,
        "serious": serious,
        "relatedness": relatedness,
        "action_taken": action_taken,
        "note": note,
        "session_id": session_id.strip() or None,
    }
    raw = {k: v for k, v in form.items() if v is not None}
    if serious is not None:
        raw["serious"] = {"yes": True, "no": False}.get(serious, serious)
    log = None
    try:
        if form["session_id"] is not None and str(form["session_id"]).isdigit():
            log = get_session(db, user_id=user.id, session_id=int(form["session_id"]))
        event = parse_event(raw)
    except EventProblems as exc:
        errors = {k: FORM_MESSAGES.get(k, v[0].upper() + v[1:]) for k, v in exc.errors.items()}
        return _form_page(request, form=form, session=log, errors=errors, status_code=422)
    out = record_adverse_event(db, user_id=user.id, event=event)
    return RedirectResponse(f"/adverse-events/{out.id}", status_code=303)


@router.get("/adverse-events/{event_id}", include_in_schema=False)
def event_page(request: Request, db: DbDep, user: CurrentUser, event_id: IdPath) -> Response:
    event = get_adverse_event(db, user_id=user.id, event_id=event_id)
    ctx = {
        "title": "Problem reported",
        "event": event,
        "labels": {
            "type": TYPE_LABELS,
            "onset": ONSET_LABELS,
            "duration": DURATION_LABELS,
            "severity": SEVERITY_LABELS,
            "relatedness": RELATEDNESS_LABELS,
        },
    }
    return render(request, "adverse_event.html", ctx)


@router.post("/api/adverse-events", response_model=AdverseEventOut, status_code=201)
def api_report(db: DbDep, user: CurrentUser, body: AdverseEventIn) -> AdverseEventOut:
    """Report a problem (adverse event); the answer holds the advice and any review flag.

    A serious event, chest symptoms, or severe numbness or a fall is marked "needs human
    review within 1 working day". ``session_id``, if given, must be one of your sessions.
    """
    return record_adverse_event(db, user_id=user.id, event=body)


@router.get("/api/adverse-events", response_model=list[AdverseEventOut])
def api_list(db: DbDep, user: CurrentUser) -> list[AdverseEventOut]:
    """Your reported adverse events, oldest first."""
    return list_adverse_events(db, user_id=user.id)


@router.get("/api/adverse-events/{event_id}", response_model=AdverseEventOut)
def api_get(db: DbDep, user: CurrentUser, event_id: IdPath) -> AdverseEventOut:
    """One of your adverse events (someone else's is 404, as a missing one)."""
    return get_adverse_event(db, user_id=user.id, event_id=event_id)
