"""Progress: outcome measures, judged trends, charts, the clinician report and the exports.

``/progress`` and ``/api/progress`` are built from the same :func:`progress_out`, so the page
and its JSON twin cannot drift apart. Every download is scoped to the signed-in user.
"""

import datetime as dt
import json

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from limber.report.charts import CHARTS, has_data, render_all
from limber.report.csv_export import csv_zip
from limber.report.fhir import fhir_bundle
from limber.report.ics import NoPlan, calendar_ics
from limber.report.pdf import build_pdf, gather
from limber.services.assessments import (
    AssessmentOut,
    assessment_due,
    list_assessments,
    record_assessment,
    record_jump_test_from_result,
    record_peg,
    record_who5,
)
from limber.services.dashboard import PRACTICE_LABELS, Dashboard, build_dashboard
from limber.services.errors import InvalidInput
from limber.services.interpret import fmt, judge
from limber.services.jumps import list_jump_results
from limber.services.measures import MEASURE_KEYS, MEASURES, PEG_ITEMS, WHO5_ITEMS, WHO5_SCALE
from limber.web.deps import CurrentUser, DbDep, render

router = APIRouter(tags=["progress"])
NAV = ("Progress", "/progress", 35)


class ReadingOut(BaseModel):
    date: dt.date
    value: float


class MeasureOut(BaseModel):
    measure: str
    label: str
    unit: str
    better: str
    threshold: str
    readings: list[ReadingOut]
    vs_baseline: str | None
    vs_previous: str | None
    advice: str | None


class ProgressOut(BaseModel):
    due: list[str]
    measures: list[MeasureOut]
    planned_to_date: int
    done_to_date: int
    adherence_pct: float | None
    minutes: dict[str, float]


def progress_out(
    db: Session, *, user_id: int, today: dt.date, board: Dashboard | None = None
) -> ProgressOut:
    board = board or build_dashboard(db, user_id=user_id, today=today)
    measures = [
        MeasureOut(
            measure=s.measure,
            label=MEASURES[s.measure].label,
            unit=MEASURES[s.measure].unit,
            better=MEASURES[s.measure].better,
            threshold=MEASURES[s.measure].threshold_text,
            readings=[ReadingOut(date=r.taken_at.date(), value=r.value) for r in s.readings],
            vs_baseline=s.vs_baseline.verdict if s.vs_baseline else None,
            vs_previous=s.vs_previous.verdict if s.vs_previous else None,
            advice=s.notes[0] if s.notes else None,
        )
        for s in board.summaries
    ]
    return ProgressOut(
        due=assessment_due(db, user_id=user_id, today=today),
        measures=measures,
        planned_to_date=board.planned_to_date,
        done_to_date=board.done_to_date,
        adherence_pct=board.adherence_pct,
        minutes=board.total_minutes(),
    )


@router.get("/progress", include_in_schema=False)
def progress_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    today = dt.date.today()
    board = build_dashboard(db, user_id=user.id, today=today)
    charts = render_all(board, "svg")
    ctx = {
        "title": "Progress",
        "data": progress_out(db, user_id=user.id, today=today, board=board),
        "summaries": board.summaries,
        "charts": [(n, CHARTS[n][0], charts[n]) for n in CHARTS if has_data(board, n)],
        "empty": [CHARTS[n][0] for n in CHARTS if not has_data(board, n)],
        "measures": MEASURES,
        "practice_labels": PRACTICE_LABELS,
        "fmt": fmt,
        "saved": request.query_params.get("saved"),
        "has_plan": any(c.planned for c in board.calendar),
    }
    return render(request, "progress/index.html", ctx)


@router.get("/api/progress", response_model=ProgressOut)
def api_progress(db: DbDep, user: CurrentUser) -> ProgressOut:
    """Your assessments judged against baseline, what is due, adherence and practice minutes."""
    return progress_out(db, user_id=user.id, today=dt.date.today())


class AssessmentIn(BaseModel):
    """One reading: ``value`` for single-number measures, ``items`` for PEG and WHO-5,
    or ``jump_result_id`` to take the 60-second jump test from a jump-counter result."""

    model_config = ConfigDict(extra="forbid")

    measure: str
    value: float | None = None
    items: list[int] | None = None
    jump_result_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    note: str = Field(default="", max_length=2000)


class AssessmentRecordOut(BaseModel):
    id: int
    measure: str
    value: float
    taken_at: dt.datetime
    items: list[int]
    source: str
    advice: str | None
    # The change since baseline, judged, once there are two readings.
    vs_baseline: str | None


def _record(db: Session, user_id: int, body: AssessmentIn) -> AssessmentOut:
    if body.measure == "peg" or body.measure == "who5":
        if body.items is None:
            raise InvalidInput(f"{body.measure} needs its answers in 'items'")
        saver = record_peg if body.measure == "peg" else record_who5
        return saver(db, user_id=user_id, items=body.items)
    if body.measure == "jump_test" and body.jump_result_id is not None:
        return record_jump_test_from_result(db, user_id=user_id, result_id=body.jump_result_id)
    if body.value is None:
        raise InvalidInput(f"{body.measure} needs a 'value'")
    return record_assessment(
        db, user_id=user_id, measure=body.measure, value=body.value, note=body.note
    )


@router.post("/api/assessments", response_model=AssessmentRecordOut, status_code=201)
def api_record_assessment(db: DbDep, user: CurrentUser, body: AssessmentIn) -> AssessmentRecordOut:
    """Record one reading (pain, peg, who5, fingertip_floor, extensor_hold, jump_test,
    breathing_rate); the answer says how it compares with your baseline."""
    saved = _record(db, user.id, body)
    readings = list_assessments(db, user_id=user.id, measure=saved.measure)
    change = judge(saved.measure, readings[0].value, saved.value) if len(readings) > 1 else None
    return AssessmentRecordOut(
        id=saved.id,
        measure=saved.measure,
        value=saved.value,
        taken_at=saved.taken_at,
        items=[int(i) for i in saved.items],
        source=saved.source,
        advice=saved.advice,
        vs_baseline=change.verdict if change else None,
    )


@router.get("/progress/assess", include_in_schema=False)
def assess_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    due = assessment_due(db, user_id=user.id, today=dt.date.today())
    ctx = {
        "title": "Assessments",
        "due": due,
        "order": [*due, *(k for k in MEASURE_KEYS if k not in due)],
        "measures": MEASURES,
        "peg_items": PEG_ITEMS,
        "who5_items": WHO5_ITEMS,
        "who5_scale": WHO5_SCALE,
        "figure": _forward_bend_svg(),
        "jump_results": list_jump_results(db, user_id=user.id, limit=10),
    }
    return render(request, "progress/assess.html", ctx)


def _forward_bend_svg() -> str | None:
    """The standing forward bend figure, for the fingertip-to-floor instructions."""
    try:
        from limber.content.figure import render_svg
        from limber.content.loader import default_library

        exercise = default_library().get("standing-forward-bend")
        return render_svg(exercise) if exercise is not None else None
    except Exception:
        return None


def _number(form: FormData, name: str, label: str) -> float:
    raw = form.get(name)
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput(f"please enter {label}")
    try:
        return float(raw.replace(",", "."))
    except ValueError as exc:
        raise InvalidInput(f"{label} must be a number, not {raw!r}") from exc


def _items(form: FormData, count: int, label: str) -> list[int]:
    values = [
        _number(form, f"item{n}", f"an answer to question {n} of {label}")
        for n in range(1, count + 1)
    ]
    if any(v != int(v) for v in values):
        raise InvalidInput(f"the answers to {label} are whole numbers")
    return [int(v) for v in values]


@router.post("/progress/assess/{measure}", include_in_schema=False)
async def assess_submit(
    request: Request, db: DbDep, user: CurrentUser, measure: str
) -> RedirectResponse:
    form = await request.form()
    if measure == "peg":
        record_peg(db, user_id=user.id, items=_items(form, len(PEG_ITEMS), "the PEG"))
    elif measure == "who5":
        record_who5(db, user_id=user.id, items=_items(form, len(WHO5_ITEMS), "the WHO-5"))
    elif measure == "jump_test" and form.get("result_id"):
        result_id = int(_number(form, "result_id", "a jump-counter result"))
        record_jump_test_from_result(db, user_id=user.id, result_id=result_id)
    elif measure in MEASURES:
        value = _number(form, "value", f"your {MEASURES[measure].label.lower()}")
        source = "timer" if form.get("timed") == "1" else "typed"
        record_assessment(db, user_id=user.id, measure=measure, value=value, source=source)
    else:
        raise InvalidInput(f"there is no measure called {measure!r}")
    return RedirectResponse(f"/progress?saved={measure}#{measure}", status_code=303)


@router.get("/progress/report.pdf", include_in_schema=False)
def report_pdf(db: DbDep, user: CurrentUser) -> Response:
    pdf = build_pdf(gather(db, user_id=user.id))
    name = f"limber-report-{dt.date.today().isoformat()}.pdf"
    return Response(pdf, media_type="application/pdf", headers=_download(name))


@router.get("/progress/export/fhir.json", include_in_schema=False)
def export_fhir(db: DbDep, user: CurrentUser) -> Response:
    body = json.dumps(fhir_bundle(db, user_id=user.id), indent=2, ensure_ascii=False)
    return Response(body, media_type="application/fhir+json", headers=_download("limber-fhir.json"))


@router.get("/progress/export/calendar.ics", include_in_schema=False)
def export_ics(db: DbDep, user: CurrentUser) -> Response:
    try:
        data = calendar_ics(db, user_id=user.id)
    except NoPlan as exc:
        raise InvalidInput(str(exc)) from exc
    return Response(data, media_type="text/calendar", headers=_download("limber-sessions.ics"))


@router.get("/progress/export/csv.zip", include_in_schema=False)
def export_csv(db: DbDep, user: CurrentUser) -> Response:
    data = csv_zip(db, user_id=user.id)
    return Response(data, media_type="application/zip", headers=_download("limber-csv.zip"))


def _download(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
