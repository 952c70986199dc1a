"""The jump counter: upload a video, follow its analysis, read and keep the results.

Pages and their JSON twins render the same service answers
(:mod:`limber.services.jump_log`: ``/jumps`` and ``/api/jumps``, ``/jumps/results/{id}`` and
``/api/jumps/results/{id}``). An upload is streamed to disk with its size checked while it
arrives (:mod:`limber.web.jump_upload`) and then counted in the background
(:mod:`limber.services.jump_jobs`); the page polls the job.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from limber.services.jump_jobs import MAX_WAITING_PER_USER
from limber.services.jump_log import JumpLogOut, JumpResultOut, jump_log_out, jump_result_out
from limber.services.jumps import body_weight_kg, delete_jump_result, get_jump_result
from limber.store.db import Database
from limber.web.deps import CurrentUser, DbDep, IdPath, SettingsDep, render
from limber.web.exceptions import WebError
from limber.web.jump_charts import cadence_chart_svg, timeline_svg, weekly_volume_svg
from limber.web.jump_upload import jobs_of, receive_video, uploads_folder

router = APIRouter(tags=["jumps"])
NAV = ("Jump counter", "/jumps", 38)

STYLES = {
    "basic": "Basic bounce",
    "alternate_foot": "Alternate-foot step",
    "double_under": "Double unders",
    "mixed": "Mixed",
}
SOURCES = {"upload": "Video", "live": "Camera", "manual": "Entered"}


class JobOut(BaseModel):
    id: str
    status: str
    filename: str
    progress: float
    frames_done: int
    frames_total: int
    queue_position: int
    message: str
    result_id: int | None
    result_url: str | None


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{seconds:.1f} s"


def _labels() -> dict[str, Any]:
    return {"styles": STYLES, "sources": SOURCES, "duration": _duration}


@router.get("/jumps", include_in_schema=False)
def jumps_page(request: Request, db: DbDep, user: CurrentUser, settings: SettingsDep) -> Response:
    data = jump_log_out(db, user_id=user.id)
    ctx = {
        "title": "Jump counter",
        "data": data,
        "volume_chart": weekly_volume_svg([(w.week_start, w.jumps) for w in data.weekly]),
        "max_upload_mb": settings.max_upload_mb,
        "deleted": request.query_params.get("deleted") == "1",
        **_labels(),
    }
    return render(request, "jumps/index.html", ctx)


@router.get("/api/jumps", response_model=JumpLogOut)
def api_jumps(db: DbDep, user: CurrentUser) -> JumpLogOut:
    """Your saved jump counts (newest first) and your jumps per week (Monday to Sunday)."""
    return jump_log_out(db, user_id=user.id)


# The body is read as a stream (see jump_upload), so FastAPI cannot infer it: describe it here.
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"video": {"type": "string", "format": "binary"}},
                    "required": ["video"],
                }
            }
        },
    }
}


def _body_weight(database: Database, user_id: int) -> float | None:
    """The profile's body weight for calories (read before the upload starts)."""
    with database.session() as db:
        return body_weight_kg(db, user_id=user_id)


@router.post(
    "/api/jumps/uploads", status_code=202, response_model=JobOut, openapi_extra=UPLOAD_BODY
)
async def api_upload(request: Request, user: CurrentUser, settings: SettingsDep) -> JobOut:
    """Upload a video (multipart field ``video``) to count; returns the job to poll.

    Too large: 413 (checked while the file arrives). A file that is not a usable video of a
    person is refused by the job (status ``failed`` with the reason) and nothing is saved.
    """
    jobs = jobs_of(request.app)
    if jobs.waiting(user.id) >= MAX_WAITING_PER_USER:
        raise WebError(
            f"You already have {MAX_WAITING_PER_USER} videos waiting; "
            "wait for one to finish before uploading another.",
            429,
        )
    weight = await anyio.to_thread.run_sync(_body_weight, request.app.state.db, user.id)
    upload = await receive_video(
        request,
        uploads=uploads_folder(request.app),
        max_bytes=int(settings.max_upload_mb * 1_000_000),
    )
    job = jobs.submit(user_id=user.id, upload=upload, weight_kg=weight)
    return JobOut(**job.public(jobs.ahead_of(job)))


@router.post("/jumps/upload", include_in_schema=False)
async def upload_form(request: Request, user: CurrentUser, settings: SettingsDep) -> Response:
    """The upload form without JavaScript: the same upload, then a page that refreshes."""
    job = await api_upload(request, user, settings)
    return RedirectResponse(f"/jumps/jobs/{job.id}", status_code=303)


@router.get("/jumps/jobs/{job_id}", include_in_schema=False)
def job_page(request: Request, job_id: str, user: CurrentUser) -> Response:
    job = api_job(request, job_id, user)
    if job.status == "done" and job.result_url:
        return RedirectResponse(f"{job.result_url}?new=1", status_code=303)
    return render(request, "jumps/job.html", {"title": "Counting", "job": job})


@router.get("/api/jumps/jobs/{job_id}", response_model=JobOut)
def api_job(request: Request, job_id: str, user: CurrentUser) -> JobOut:
    """Progress of one of your uploads: queued, running (with progress 0..1), done or failed."""
    jobs = jobs_of(request.app)
    job = jobs.get(job_id[:64], user_id=user.id)
    if job is None:
        raise WebError("There is no such upload (it may have finished over an hour ago).", 404)
    return JobOut(**job.public(jobs.ahead_of(job)))


@router.get("/jumps/results/{result_id}", include_in_schema=False)
def result_page(request: Request, result_id: IdPath, db: DbDep, user: CurrentUser) -> Response:
    record = get_jump_result(db, user_id=user.id, result_id=result_id)
    has_weight = record.kcal is None and body_weight_kg(db, user_id=user.id) is not None
    ctx = {
        "title": f"{record.count} jumps",
        "r": record,
        "cadence_chart": cadence_chart_svg(record.result),
        "timeline": timeline_svg(record.result),
        "has_weight": has_weight,
        "fresh": request.query_params.get("new") == "1",
        **_labels(),
    }
    return render(request, "jumps/result.html", ctx)


@router.get("/api/jumps/results/{result_id}", response_model=JumpResultOut)
def api_result(result_id: IdPath, db: DbDep, user: CurrentUser) -> JumpResultOut:
    """One saved count with everything the counter produced (landing times, gaps, warnings)."""
    return jump_result_out(db, user_id=user.id, result_id=result_id)


@router.delete("/api/jumps/results/{result_id}", status_code=204)
def api_delete_result(result_id: IdPath, db: DbDep, user: CurrentUser) -> Response:
    """Remove one of your saved counts from your log."""
    delete_jump_result(db, user_id=user.id, result_id=result_id)
    return Response(status_code=204)


@router.post("/jumps/results/{result_id}/delete", include_in_schema=False)
def delete_result(result_id: IdPath, db: DbDep, user: CurrentUser) -> Response:
    delete_jump_result(db, user_id=user.id, result_id=result_id)
    return RedirectResponse("/jumps?deleted=1", status_code=303)
