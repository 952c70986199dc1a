"""Onboarding: safety screening, the red-flag stop page, the profile, and their JSON twins.

The screening form asks every red-flag and readiness question as yes/no; follow-ups count only
after a "yes" to their parent. An unanswered red-flag question is never taken as "no". A red
flag stays until a clinician's clearance is recorded (``/clearance``): answering the questions
again with every answer "no" brings the person back to the stop page, which says so.
"""

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from limber.profile import Profile
from limber.safety.screening import Questionnaire, ScreeningAnswers, ScreeningResult, load_questions
from limber.services.onboarding import (
    create_programme,
    latest_screening,
    red_flag,
    save_profile,
    save_screening,
)
from limber.services.profile_facts import facts_on
from limber.services.records import current_profile, current_programme
from limber.services.safety_words import summarise
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.present import LABELS
from limber.web.profile_form import form_context, parse_profile_form

router = APIRouter(tags=["onboarding"])


@router.get("/onboarding", include_in_schema=False)
def onboarding(db: DbDep, user: CurrentUser) -> Response:
    """Send the person to the first step they have not done yet."""
    screening = latest_screening(db, user_id=user.id)
    if screening is None:
        target = "/onboarding/screening"
    elif red_flag(db, user_id=user.id) is not None:
        target = "/onboarding/stop"
    elif current_profile(db, user_id=user.id) is None:
        target = "/onboarding/profile"
    elif current_programme(db, user_id=user.id) is None:
        target = "/programme"
    else:
        target = "/today"
    return RedirectResponse(target, status_code=303)


def _screening_context(
    questions: Questionnaire, answers: dict[str, str], missing: list[str]
) -> dict[str, Any]:
    return {
        "title": "Safety questions",
        "q": questions,
        "answers": answers,
        "missing": missing,
    }


def _answers_from_form(form: FormData, q: Questionnaire) -> tuple[dict[str, str], list[str]]:
    given = {k: v for k, v in form.items() if isinstance(v, str) and v in ("yes", "no")}
    required = [f"rf.{x.id}" for x in q.red_flags] + [f"rd.{x.id}" for x in q.readiness]
    for f in q.followups:
        if given.get(f"rd.{f.parent}") == "yes":
            required.append(f"fu.{f.id}")
    return given, [key for key in required if key not in given]


@router.get("/onboarding/screening", include_in_schema=False)
def screening_page(request: Request, user: CurrentUser) -> Response:
    return render(request, "screening.html", _screening_context(load_questions(), {}, []))


@router.post("/onboarding/screening", include_in_schema=False)
async def screening_form(request: Request, db: DbDep, user: CurrentUser) -> Response:
    q = load_questions()
    given, missing = _answers_from_form(await request.form(), q)
    if missing:
        ctx = _screening_context(q, given, missing)
        return render(request, "screening.html", ctx, status_code=422)
    answers = ScreeningAnswers(
        red_flags={x.id: given[f"rf.{x.id}"] == "yes" for x in q.red_flags},
        readiness={x.id: given[f"rd.{x.id}"] == "yes" for x in q.readiness},
        followups={
            f.id: given.get(f"fu.{f.id}") == "yes"
            for f in q.followups
            if given.get(f"rd.{f.parent}") == "yes"
        },
    )
    result = save_screening(db, user_id=user.id, answers=answers)
    has_profile = current_profile(db, user_id=user.id) is not None
    # A new red flag, or an earlier one these answers cannot lift.
    if red_flag(db, user_id=user.id) is not None:
        return RedirectResponse("/onboarding/stop", status_code=303)
    ctx = {
        "title": "Screening result",
        "result": result,
        "has_profile": has_profile,
        "summary": summarise(db, user_id=user.id),
    }
    return render(request, "screening_result.html", ctx)


@router.get("/onboarding/stop", include_in_schema=False)
def stop_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    result = red_flag(db, user_id=user.id)
    if result is None:
        return RedirectResponse("/onboarding", status_code=303)
    latest = latest_screening(db, user_id=user.id)
    summary = summarise(db, user_id=user.id)
    ctx = {
        "title": "Please see a clinician",
        "result": result,
        "labels": LABELS,
        "summary": summary,
        "emergency": summary.state == "emergency",
        # The newest answers found no red flag, yet an earlier one still stops the programme.
        "rescreened": latest is not None and latest.outcome != "red_flag",
    }
    return render(request, "red_flag.html", ctx)


def _implied(db: Session, user_id: int) -> list[str]:
    """Conditions the newest screening found (their facts are asked on the profile form)."""
    screening = latest_screening(db, user_id=user_id)
    return [] if screening is None else list(screening.conditions)


def _profile_context(profile: dict[str, Any], implied: list[str]) -> dict[str, Any]:
    return {
        "title": "About you",
        "profile": profile,
        "implied": implied,
        "today": dt.date.today().isoformat(),
    } | form_context()


@router.get("/onboarding/profile", include_in_schema=False)
def profile_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    implied = _implied(db, user.id)
    stored = current_profile(db, user_id=user.id)
    # Weeks of pregnancy or since a birth are shown as they are today, not as first given.
    profile = Profile() if stored is None else facts_on(stored, dt.date.today())
    data = profile.model_dump()
    data["conditions"] = list(dict.fromkeys([*profile.conditions, *implied]))
    return render(request, "profile.html", _profile_context(data, implied))


@router.post("/onboarding/profile", include_in_schema=False)
async def profile_form(request: Request, db: DbDep, user: CurrentUser) -> Response:
    form = await request.form()
    implied = _implied(db, user.id)
    raw, profile, errors = parse_profile_form(form, implied)
    if profile is None:
        ctx = _profile_context(raw, implied) | {"errors": errors}
        return render(request, "profile.html", ctx, status_code=422)
    save_profile(db, user_id=user.id, profile=profile)
    screening = latest_screening(db, user_id=user.id)
    if screening is None:
        return RedirectResponse("/onboarding/screening", status_code=303)
    if red_flag(db, user_id=user.id) is None:
        create_programme(db, user_id=user.id)
    return RedirectResponse("/programme", status_code=303)


# --- API ---------------------------------------------------------------------------------


@router.get("/api/screening/questions", response_model=Questionnaire)
def api_questions(user: CurrentUser) -> Questionnaire:
    """Every screening question: red flags, readiness, and follow-ups with their parent."""
    return load_questions()


@router.get("/api/screening", response_model=ScreeningResult | None)
def api_latest_screening(db: DbDep, user: CurrentUser) -> ScreeningResult | None:
    """Your newest screening result (null if you have not been screened)."""
    return latest_screening(db, user_id=user.id)


@router.post("/api/screening", response_model=ScreeningResult, status_code=201)
def api_screening(db: DbDep, user: CurrentUser, answers: ScreeningAnswers) -> ScreeningResult:
    """Answer every red-flag and readiness question; a red flag pauses the programme.

    Answering again with every answer "no" does not lift an earlier red flag: only a
    clinician's clearance does (``POST /api/clearances``; the state is ``GET /api/safety``).
    """
    return save_screening(db, user_id=user.id, answers=answers)


@router.get("/api/profile", response_model=Profile | None)
def api_profile(db: DbDep, user: CurrentUser) -> Profile | None:
    """Your current profile (null before onboarding)."""
    return current_profile(db, user_id=user.id)


@router.put("/api/profile", response_model=Profile)
def api_save_profile(db: DbDep, user: CurrentUser, profile: Profile) -> Profile:
    """Save your profile; conditions found by the screening are added to it.

    Pathway facts (``pregnancy_week`` 0-42, ``weeks_postpartum``, ``spinal_surgery_date``
    YYYY-MM-DD not in the future, ``spinal_surgery_type``, ``leg_pain_worse_than_back``,
    ``hip_replacement_approach``) each imply their condition; ``as_of`` defaults to today.
    """
    return save_profile(db, user_id=user.id, profile=profile)
