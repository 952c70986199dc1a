"""The upload job runner, an app service: one worker thread counts one video at a time.

Counting a minute of video takes tens of seconds of pose work, far too long for a request,
and two analyses at once would only make both slower on a small machine. So an upload becomes
a :class:`JumpJob` in the in-memory queue of :class:`JumpJobs`; a single worker thread works
through it, reporting progress through :func:`count_video`'s ``on_progress``; pages poll the
job. A finished job's result goes into the user's jump log; a refused video (not a video,
corrupt, too short, nobody in it: :mod:`limber.motion.verdict`) fails with the counter's own
message and saves nothing. Either way the uploaded file is deleted. Jobs are kept for an hour
after they end, then forgotten (the result itself is in the database).

The web app owns one runner: ``create_app`` builds it, its lifespan calls :meth:`JumpJobs.start`
(which also sweeps uploads left by a server that stopped) and :meth:`JumpJobs.stop` (which
abandons a running count at its next frame, deleting its upload). Nothing here knows HTTP.
"""

from __future__ import annotations

import logging
import queue
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from limber.motion.pipeline import count_video
from limber.motion.verdict import VideoError
from limber.services.jumps import save_jump_result
from limber.store.db import Database

log = logging.getLogger(__name__)

KEEP_FINISHED_S = 3600.0
MAX_WAITING_PER_USER = 3
# An upload folder this old belongs to no running job: the server stopped while it waited.
STALE_UPLOAD_S = 6 * 3600.0
# How long stop() waits for the worker to abandon its video.
STOP_WAIT_S = 10.0


class Stopped(Exception):
    """The app is stopping: the running count is abandoned (raised from its progress)."""


@dataclass(frozen=True, slots=True)
class ReceivedVideo:
    """A file written to ``path`` inside its own ``folder`` (delete the folder when done)."""

    folder: Path
    path: Path
    filename: str
    size: int


@dataclass
class JumpJob:
    """One uploaded video on its way to a result; fields are written by the worker only."""

    id: str
    user_id: int
    upload: ReceivedVideo
    weight_kg: float | None
    status: str = "queued"  # queued, running, done, failed
    frames_done: int = 0
    frames_total: int = 0
    message: str = ""
    result_id: int | None = None
    created: float = field(default_factory=time.monotonic)
    ended: float | None = None

    @property
    def progress(self) -> float:
        """0..1 through the frames; 1 once done."""
        if self.status == "done":
            return 1.0
        return self.frames_done / self.frames_total if self.frames_total else 0.0

    def public(self, ahead: int = 0) -> dict[str, Any]:
        """What the owner may see: never the path on disk."""
        return {
            "id": self.id,
            "status": self.status,
            "filename": self.upload.filename,
            "progress": round(self.progress, 3),
            "frames_done": self.frames_done,
            "frames_total": self.frames_total,
            "queue_position": ahead,
            "message": self.message,
            "result_id": self.result_id,
            "result_url": f"/jumps/results/{self.result_id}" if self.result_id else None,
        }


class JumpJobs:
    """The queue and its worker. Thread-safe: routes submit and read, the worker runs."""

    def __init__(self, database: Database, *, max_mb: float, uploads: Path) -> None:
        self.database = database
        self.max_mb = max_mb
        self.uploads = uploads
        self._jobs: dict[str, JumpJob] = {}
        self._queue: queue.Queue[JumpJob | None] = queue.Queue()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._worker: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def start(self) -> None:
        """Sweep stale uploads and start the worker (again after a stop; idempotent)."""
        with self._lock:
            if self.running:
                return
            sweep_stale_uploads(self.uploads)
            self._stopping.clear()
            self._worker = threading.Thread(target=self._work, name="jump-jobs", daemon=True)
            self._worker.start()

    def stop(self) -> None:
        """Abandon the running count, fail the queued ones, end the worker (idempotent)."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is None:
            return
        self._stopping.set()
        self._queue.put(None)
        worker.join(STOP_WAIT_S)

    def waiting(self, user_id: int) -> int:
        with self._lock:
            return sum(
                1
                for j in self._jobs.values()
                if j.user_id == user_id and j.status in ("queued", "running")
            )

    def submit(self, *, user_id: int, upload: ReceivedVideo, weight_kg: float | None) -> JumpJob:
        """Queue a received video for counting (the worker runs while the app does)."""
        job = JumpJob(
            id=secrets.token_urlsafe(12), user_id=user_id, upload=upload, weight_kg=weight_kg
        )
        with self._lock:
            if not self.running:
                shutil.rmtree(upload.folder, ignore_errors=True)
                raise RuntimeError("the job runner is not running (the app was not started)")
            self._forget_old()
            self._jobs[job.id] = job
        self._queue.put(job)
        return job

    def get(self, job_id: str, *, user_id: int) -> JumpJob | None:
        """The job if it exists and belongs to ``user_id``; otherwise None (never say which)."""
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.user_id == user_id else None

    def ahead_of(self, job: JumpJob) -> int:
        """How many videos will be analysed before this queued one."""
        if job.status != "queued":
            return 0
        with self._lock:
            return sum(
                1
                for j in self._jobs.values()
                if j.status in ("queued", "running") and j.created < job.created
            )

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [
            k for k, j in self._jobs.items() if j.ended and now - j.ended > KEEP_FINISHED_S
        ]:
            del self._jobs[key]

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            try:
                if job is None:
                    return
                if self._stopping.is_set():
                    self._abandon(job)
                else:
                    self.run(job)
            finally:
                self._queue.task_done()

    def _abandon(self, job: JumpJob) -> None:
        job.message = f"{job.upload.filename} was not analysed: the server stopped."
        job.status = "failed"
        shutil.rmtree(job.upload.folder, ignore_errors=True)
        job.ended = time.monotonic()

    def run(self, job: JumpJob) -> None:
        """Count one job's video, save the result, delete the upload (worker thread)."""
        job.status = "running"

        def progress(done: int, total: int) -> None:
            job.frames_done, job.frames_total = done, total
            if self._stopping.is_set():
                raise Stopped

        try:
            counted = count_video(
                job.upload.path, max_mb=self.max_mb, weight_kg=job.weight_kg, on_progress=progress
            )
            with self.database.session() as db:
                record = save_jump_result(
                    db,
                    user_id=job.user_id,
                    result=counted.result,
                    source="upload",
                    name=job.upload.filename,
                )
            job.result_id = record.id
            job.status = "done"
        except VideoError as exc:
            job.message = str(exc)
            job.status = "failed"
        except Stopped:
            job.message = f"{job.upload.filename} was not analysed: the server stopped."
            job.status = "failed"
        except Exception:
            log.exception("counting %s failed", job.upload.filename)
            job.message = (
                f"{job.upload.filename} could not be analysed because of an error in Limber; "
                "nothing was saved."
            )
            job.status = "failed"
        finally:
            shutil.rmtree(job.upload.folder, ignore_errors=True)
            job.ended = time.monotonic()


def sweep_stale_uploads(folder: Path, *, older_than_s: float = STALE_UPLOAD_S) -> None:
    """Delete uploads left behind by a server that stopped before counting them."""
    if not folder.is_dir():
        return
    cutoff = time.time() - older_than_s
    for entry in folder.iterdir():
        if entry.is_dir() and entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)
