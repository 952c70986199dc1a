"""The programme: its overview (every session, each choice with its reason) and replanning.

Page and API render :class:`limber.services.programme.ProgrammeOut`, which ``limber plan
--json`` prints too.
"""

import datetime as dt
from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from limber.services.programme import (
    ProgrammeOut,
    current_programme_out,
    plan_programme,
    require_programme_out,
)
from limber.services.records import current_profile
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.exceptions import WebError
from limber.web.present import LABELS, dose_text
from limber.web.schemas import ProgrammeCreate

router = APIRouter(tags=["programme"])


@router.get("/programme", include_in_schema=False)
def programme_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    day = dt.date.today()
    programme = current_programme_out(db, user_id=user.id, today=day)
    if programme is None and current_profile(db, user_id=user.id) is None:
        return RedirectResponse("/onboarding", status_code=303)
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
            "today": day,
            "next_date": programme.next_date if programme else None,
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
    plan_programme(db, user_id=user.id, weeks=body.weeks)
    return RedirectResponse("/programme", status_code=303)


@router.get("/api/programme", response_model=ProgrammeOut)
def api_programme(db: DbDep, user: CurrentUser) -> ProgrammeOut:
    """Your current programme: every planned session, each exercise with why it was chosen."""
    return require_programme_out(db, user_id=user.id)


@router.post("/api/programme", response_model=ProgrammeOut, status_code=201)
def api_create_programme(db: DbDep, user: CurrentUser, body: ProgrammeCreate) -> ProgrammeOut:
    """Plan a new programme from your profile (it replaces the current one)."""
    return plan_programme(db, user_id=user.id, start=body.start, weeks=body.weeks)
