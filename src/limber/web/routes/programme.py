"""The programme: its overview (every session, each choice with its reason) and replanning."""

import datetime as dt
from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from limber.plan.models import Programme
from limber.services.errors import NotFound
from limber.services.onboarding import create_programme, current_profile, current_programme
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.errors import WebError
from limber.web.present import LABELS, dose_text
from limber.web.schemas import ProgrammeCreate

router = APIRouter(tags=["programme"])


@router.get("/programme", include_in_schema=False)
def programme_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    current = current_programme(db, user_id=user.id)
    if current is None and current_profile(db, user_id=user.id) is None:
        return RedirectResponse("/onboarding", status_code=303)
    programme = current[1] if current else None
    weeks = (
        [(week, list(items)) for week, items in groupby(programme.sessions, key=lambda s: s.week)]
        if programme
        else []
    )
    return render(
        request,
        "programme.html",
        {
            "title": "Programme",
            "programme": programme,
            "weeks": weeks,
            "today": dt.date.today(),
            "next_date": next(
                (
                    s.date
                    for s in (programme.sessions if programme else [])
                    if s.date >= dt.date.today()
                ),
                None,
            ),
            "dose_text": dose_text,
            "labels": LABELS,
        },
    )


@router.post("/programme", include_in_schema=False)
def programme_form(db: DbDep, user: CurrentUser, weeks: Annotated[str, Form()] = "8") -> Response:
    try:
        body = ProgrammeCreate(weeks=int(weeks))
    except ValueError as exc:
        raise WebError("Choose a programme length of 1 to 52 weeks.", 422) from exc
    create_programme(db, user_id=user.id, weeks=body.weeks)
    return RedirectResponse("/programme", status_code=303)


@router.get("/api/programme", response_model=Programme)
def api_programme(db: DbDep, user: CurrentUser) -> Programme:
    """Your current programme: every planned session, each exercise with why it was chosen."""
    current = current_programme(db, user_id=user.id)
    if current is None:
        raise NotFound("You have no programme yet; save your profile to plan one.")
    return current[1]


@router.post("/api/programme", response_model=Programme, status_code=201)
def api_create_programme(db: DbDep, user: CurrentUser, body: ProgrammeCreate) -> Programme:
    """Plan a new programme from your profile (it replaces the current one)."""
    return create_programme(db, user_id=user.id, start=body.start, weeks=body.weeks)
