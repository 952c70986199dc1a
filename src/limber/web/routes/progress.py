"""Progress: outcome measures, judged trends, charts, the clinician report and the exports.

``/progress``, ``/api/progress`` and ``limber progress --json`` render the same
:class:`~limber.services.progress.ProgressOut`, so the page, its JSON twin and the CLI cannot
drift apart. Every download is scoped to the signed-in user.
"""

import datetime as dt
import json

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import FormData

from limber.report.charts import CHARTS, has_data, render_all
from limber.report.csv_export import csv_zip
from limber.report.fhir import fhir_bundle
from limber.report.ics import NoPlan, calendar_ics
from limber.report.pdf import build_pdf, gather
from limber.services.assessments import assessment_due, record_reading
from limber.services.dashboard import PRACTICE_LABELS, build_dashboard
from limber.services.errors import InvalidInput
from limber.services.interpret import fmt
from limber.services.jumps import list_jump_results
from limber.services.measures import (
    MEASURE_KEYS,
    MEASURES,
    PEG_ITEM_MAX,
    PEG_ITEMS,
    WHO5_ITEM_MAX,
    WHO5_ITEMS,
    WHO5_SCALE,
)
from limber.services.progress import AssessmentRecordOut, ProgressOut, progress_out
from limber.web.deps import CurrentUser, DbDep, render

router = APIRouter(tags=["progress"])
NAV = ("Progress", "/progress", 35)


@router.get("/progress", include_in_schema=False)
def progress_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    today = dt.date.today()
    board = build_dashboard(db, user_id=user.id, today=today)
    charts = render_all(board, "svg")
    ctx = {
        "title": "Progress",
        "data": progress_out(db, user_id=user.id, today=today, board=board),
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


@router.post("/api/assessments", response_model=AssessmentRecordOut, status_code=201)
def api_record_assessment(db: DbDep, user: CurrentUser, body: AssessmentIn) -> AssessmentRecordOut:
    """Record one reading (pain, peg, who5, fingertip_floor, extensor_hold, jump_test,
    breathing_rate); the answer says how it compares with your baseline."""
    recorded = record_reading(
        db,
        user_id=user.id,
        measure=body.measure,
        value=body.value,
        items=body.items,
        jump_result_id=body.jump_result_id,
        note=body.note,
    )
    return AssessmentRecordOut.of(recorded)


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
        "item_max": {"peg": PEG_ITEM_MAX, "who5": WHO5_ITEM_MAX},
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
    if measure not in MEASURES:
        raise InvalidInput(f"there is no measure called {measure!r}")
    value = items = result_id = None
    if measure == "peg":
        items = _items(form, len(PEG_ITEMS), "the PEG")
    elif measure == "who5":
        items = _items(form, len(WHO5_ITEMS), "the WHO-5")
    elif measure == "jump_test" and form.get("result_id"):
        result_id = int(_number(form, "result_id", "a jump-counter result"))
    else:
        value = _number(form, "value", f"your {MEASURES[measure].label.lower()}")
    source = "timer" if form.get("timed") == "1" else "typed"
    record_reading(
        db, user_id=user.id, measure=measure, value=value, items=items,
        jump_result_id=result_id, source=source,
    )  # fmt: skip
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
