"""Clearances and the safety state: the form that records what a clinician said, and the API.

A red flag (or a readiness "yes") holds the programme back until the person records who
cleared them, when, and what they said. The form and ``POST /api/clearances`` call the same
service, so they refuse the same input with the same words (422, nothing stored);
``GET /api/safety`` says in words what is allowed now and what lifts it.
"""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from limber.services.clearance import MAX_NAME, MAX_STATEMENT, record_clearance
from limber.services.errors import InvalidInput
from limber.services.safety_words import ClearanceOut, SafetySummary, clearance_history, summarise
from limber.vocab import CLEARANCE_KINDS, CLEARANCE_LABELS, ClearanceKind
from limber.web.deps import CurrentUser, DbDep, render

router = APIRouter(tags=["safety"])


class ClearanceIn(BaseModel):
    """A clinician's clearance as the person types it."""

    model_config = ConfigDict(extra="forbid")

    kind: ClearanceKind = Field(description="What the clearance is for.")
    clinician_name: str = Field(max_length=MAX_NAME, description="Who cleared you.")
    clinician_role: str | None = Field(default=None, max_length=MAX_NAME)
    seen_on: dt.date = Field(description="The day you saw them (not in the future).")
    statement: str = Field(max_length=MAX_STATEMENT, description="What they said.")


def _page(
    request: Request,
    db: Session,
    user_id: int,
    form: dict[str, str],
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    ctx = {
        "title": "Record a clearance",
        "summary": summarise(db, user_id=user_id),
        "history": clearance_history(db, user_id=user_id),
        "kinds": [(k, CLEARANCE_LABELS[k]) for k in CLEARANCE_KINDS],
        "form": form,
        "error": error,
        "today": dt.date.today().isoformat(),
        "max_statement": MAX_STATEMENT,
    }
    return render(request, "clearance.html", ctx, status_code=status_code)


@router.get("/clearance", include_in_schema=False)
def clearance_page(
    request: Request,
    db: DbDep,
    user: CurrentUser,
    kind: Annotated[str | None, Query(max_length=30)] = None,
) -> Response:
    summary = summarise(db, user_id=user.id)
    chosen = kind if kind in CLEARANCE_KINDS else (summary.needs_clearance or "red_flag")
    return _page(request, db, user.id, {"kind": chosen})


@router.post("/clearance", include_in_schema=False)
async def clearance_form(request: Request, db: DbDep, user: CurrentUser) -> Response:
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str) and k != "csrf_token"}
    try:
        record_clearance(
            db,
            user.id,
            form.get("kind", ""),
            form.get("clinician_name", ""),
            form.get("seen_on") or None,
            form.get("statement", ""),
            clinician_role=form.get("clinician_role") or None,
        )
    except InvalidInput as exc:
        message = exc.message[0].upper() + exc.message[1:] + "."
        return _page(request, db, user.id, form, message, status_code=422)
    # Onboarding sends the person to the next step: the profile, the plan or today.
    return RedirectResponse("/onboarding", status_code=303)


# --- API ---------------------------------------------------------------------------------


@router.post("/api/clearances", response_model=ClearanceOut, status_code=201)
def api_add_clearance(db: DbDep, user: CurrentUser, body: ClearanceIn) -> ClearanceOut:
    """Record what a clinician said; a red_flag clearance lifts a red flag, readiness the
    light-work limit. 422 for a blank name or statement, a future date or an unknown kind."""
    row = record_clearance(
        db,
        user.id,
        body.kind,
        body.clinician_name,
        body.seen_on,
        body.statement,
        clinician_role=body.clinician_role,
    )
    return ClearanceOut.of(row)


@router.get("/api/clearances", response_model=list[ClearanceOut])
def api_clearances(db: DbDep, user: CurrentUser) -> list[ClearanceOut]:
    """Every clearance you recorded, oldest first."""
    return clearance_history(db, user_id=user.id)


@router.get("/api/safety", response_model=SafetySummary)
def api_safety(db: DbDep, user: CurrentUser) -> SafetySummary:
    """Your safety state (active, light, stopped, emergency), why, and what lifts it."""
    return summarise(db, user_id=user.id)
