"""Check-ins after a session and the next-day answer, with the decision each one led to."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from limber.plan.models import CheckIn
from limber.plan.progression import Decision
from limber.safety.pain import SYMPTOM_LABELS
from limber.services.checkins import (
    checkin_for_session,
    get_checkin,
    record_checkin,
    record_next_day,
)
from limber.services.sessions import get_session, had_jumping
from limber.store.models import SessionLog
from limber.web.deps import CurrentUser, DbDep, IdPath, render
from limber.web.exceptions import WebError
from limber.web.present import LABELS
from limber.web.schemas import CheckInOut, DecisionOut, NextDayIn

router = APIRouter(tags=["check-ins"])

MESSAGES = {
    "pain_during": "Choose the pain you felt during the session, from 0 to 10.",
    "pain_after": "Choose the pain you feel now, from 0 to 10.",
    "effort": "Choose how hard the session felt, from 0 to 10.",
    "note": "Keep the note under 2000 characters.",
    "symptoms": "Tick only the symptoms listed.",
}


def _page(
    log: object, record: object, form: dict[str, object], errors: dict[str, str] | None = None
) -> dict[str, object]:
    return {
        "title": "Check-in",
        "log": log,
        "record": record,
        "labels": LABELS,
        "symptom_labels": SYMPTOM_LABELS,
        "asks_pelvic_floor": isinstance(log, SessionLog) and had_jumping(log),
        "form": form,
        "errors": errors,
    }


def decision_out(checkin_id: int, decision: Decision) -> DecisionOut:
    return DecisionOut(
        checkin_id=checkin_id,
        verdict=decision.verdict,
        message=decision.message,
        rescreen=decision.rescreen,
        changes=[c.model_dump(mode="json") for c in decision.changes],
    )


@router.get("/sessions/{session_id}/checkin", include_in_schema=False)
def checkin_page(request: Request, db: DbDep, user: CurrentUser, session_id: IdPath) -> Response:
    log = get_session(db, user_id=user.id, session_id=session_id)
    record = checkin_for_session(db, user_id=user.id, session_id=log.id)
    return render(request, "checkin.html", _page(log, record, {}))


@router.post("/sessions/{session_id}/checkin", include_in_schema=False)
def checkin_form(
    request: Request,
    db: DbDep,
    user: CurrentUser,
    session_id: IdPath,
    pain_during: Annotated[str | None, Form()] = None,
    pain_after: Annotated[str | None, Form()] = None,
    effort: Annotated[str | None, Form()] = None,
    symptoms: Annotated[list[str] | None, Form()] = None,
    new_leg_symptoms: Annotated[str | None, Form()] = None,
    pelvic_floor_symptoms: Annotated[str | None, Form()] = None,
    note: Annotated[str, Form()] = "",
) -> Response:
    log = get_session(db, user_id=user.id, session_id=session_id)
    ticked = [s for s in (symptoms or []) if s]
    form: dict[str, object] = {
        "pain_during": pain_during,
        "pain_after": pain_after,
        "effort": effort,
        "note": note,
        "symptoms": ticked,
    }
    if pelvic_floor_symptoms in ("yes", "no"):
        form["pelvic_floor_symptoms"] = pelvic_floor_symptoms == "yes"
    elif pelvic_floor_symptoms:
        errors = {"pelvic_floor_symptoms": "Answer yes or no."}
        return render(request, "checkin.html", _page(log, None, form, errors), status_code=422)
    try:
        checkin = CheckIn.model_validate(
            {
                **{k: v for k, v in form.items() if v is not None},
                "new_leg_symptoms": bool(new_leg_symptoms),
            }
        )
    except ValidationError as exc:
        errors = {str(e["loc"][0]): MESSAGES.get(str(e["loc"][0]), e["msg"]) for e in exc.errors()}
        return render(request, "checkin.html", _page(log, None, form, errors), status_code=422)
    record_checkin(db, user_id=user.id, session_id=log.id, checkin=checkin)
    return RedirectResponse(f"/sessions/{log.id}/checkin", status_code=303)


@router.post("/checkins/{checkin_id}/next-day", include_in_schema=False)
def next_day_form(
    db: DbDep,
    user: CurrentUser,
    checkin_id: IdPath,
    next_day: Annotated[str, Form()] = "",
    morning_pain: Annotated[str, Form()] = "",
) -> Response:
    try:
        answer = NextDayIn.model_validate({"next_day": next_day})
    except ValidationError as exc:
        raise WebError("Choose settled, about the same, or worse.", 422) from exc
    pain: int | None = None
    if morning_pain.strip():
        try:
            checked = NextDayIn.model_validate(
                {"next_day": answer.next_day, "morning_pain": morning_pain.strip()}
            )
            pain = checked.morning_pain
        except ValidationError as exc:
            raise WebError("Choose your pain this morning, from 0 to 10.", 422) from exc
    record_next_day(
        db, user_id=user.id, checkin_id=checkin_id, next_day=answer.next_day, morning_pain=pain
    )
    row = get_checkin(db, user_id=user.id, checkin_id=checkin_id)
    return RedirectResponse(f"/sessions/{row.session_id}/checkin", status_code=303)


@router.post("/api/sessions/{session_id}/checkin", response_model=DecisionOut, status_code=201)
def api_checkin(db: DbDep, user: CurrentUser, session_id: IdPath, body: CheckIn) -> DecisionOut:
    """How the session went: pain during and after, effort, new or worse symptoms (once).

    ``symptoms`` takes any of: leg, weakness, bladder_bowel_saddle, pain_elsewhere, unwell,
    fall; any of them asks the red-flag questions again before the next session. A good
    check-in never raises the load: the next-morning answer decides.
    """
    decision = record_checkin(db, user_id=user.id, session_id=session_id, checkin=body)
    record = checkin_for_session(db, user_id=user.id, session_id=session_id)
    return decision_out(record.id if record else 0, decision)


@router.get("/api/checkins/{checkin_id}", response_model=CheckInOut)
def api_get_checkin(db: DbDep, user: CurrentUser, checkin_id: IdPath) -> CheckInOut:
    """One of your check-ins, with its decision and the next-day answer (the page's twin)."""
    return CheckInOut.model_validate(
        get_checkin(db, user_id=user.id, checkin_id=checkin_id), from_attributes=True
    )


@router.post("/api/checkins/{checkin_id}/next-day", response_model=DecisionOut)
def api_next_day(db: DbDep, user: CurrentUser, checkin_id: IdPath, body: NextDayIn) -> DecisionOut:
    """The 24-hour answer: did the pain settle the morning after, and how much pain now (0-10)?

    "settled" raises the load a little when the session's pain stayed within 0-5 and pain is
    not rising; "worse" lowers it and takes back the step the session was done on.
    """
    # The body's fields are the service's own arguments, by name.
    decision = record_next_day(db, user_id=user.id, checkin_id=checkin_id, **body.model_dump())
    return decision_out(checkin_id, decision)
