"""Counting from the browser's camera: the WebSocket glue around the same jump session.

``/jumps/live`` is the page (``static/js/jumps_camera.js``); ``/ws/jumps/live`` the socket.
The socket is authenticated by the session cookie (closed with 4401 when nobody is signed
in, 4403 when the page came from another origin, 1013 when the machine is already counting
two live sessions). Everything about frames and counting is motion code: the message format
is :class:`limber.motion.sources.FrameStream`, the counting
:class:`limber.motion.session.StreamCount`, what refuses a bout
:mod:`limber.motion.verdict`. Here frames are counted on one worker thread per connection
and each gets a reply, so the page can keep only one or two frames in flight and latency
stays low. ``{"type": "stop"}`` finishes the bout and saves it to the user's jump log.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, FastAPI, Request, Response, WebSocket, WebSocketDisconnect
from starlette.routing import WebSocketRoute

from limber.motion.session import StreamCount
from limber.motion.sources import BadFrame
from limber.motion.verdict import NobodySeen
from limber.services.jumps import JumpRecord, body_weight_kg, save_jump_result
from limber.services.users import get_user_by_username
from limber.store.db import Database
from limber.web.deps import CurrentUser, render

log = logging.getLogger(__name__)
router = APIRouter(tags=["jumps"])

MAX_LIVE_SESSIONS = 2
CLOSE_NOT_SIGNED_IN = 4401
CLOSE_BAD_ORIGIN = 4403
CLOSE_BUSY = 1013
_slots_lock = threading.Lock()


@router.get("/jumps/live", include_in_schema=False)
def camera_page(request: Request, user: CurrentUser) -> Response:
    return render(request, "jumps/live.html", {"title": "Count live"})


def _signed_in(database: Database, session: dict[str, Any]) -> tuple[int, float | None] | None:
    """The signed-in user's id and body weight, from the session cookie (worker thread)."""
    uid, username = session.get("uid"), session.get("username")
    if not isinstance(uid, int) or not isinstance(username, str):
        return None
    with database.session() as db:
        user = get_user_by_username(db, username=username)
        if user is None or user.id != uid:
            return None
        return uid, body_weight_kg(db, user_id=uid)


def _same_origin(websocket: WebSocket) -> bool:
    """Browsers always send Origin on a WebSocket; it must be this site (no cross-site use)."""
    origin = websocket.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == websocket.headers.get("host", "")


def _take_slot(app: FastAPI) -> bool:
    with _slots_lock:
        used: int = getattr(app.state, "jump_camera_sessions", 0)
        if used >= MAX_LIVE_SESSIONS:
            return False
        app.state.jump_camera_sessions = used + 1
        return True


def _free_slot(app: FastAPI) -> None:
    with _slots_lock:
        app.state.jump_camera_sessions = max(0, getattr(app.state, "jump_camera_sessions", 1) - 1)


def _count(counter: StreamCount, message: bytes) -> dict[str, Any]:
    """Count one frame message; the reply the browser shows (``t_ms`` echoed back)."""
    started = time.perf_counter()
    packet, outcome = counter.feed(message)
    cadence = outcome.cadence_per_min
    return {
        "type": "count",
        "t_ms": packet.t_ms,
        "count": outcome.count,
        "cadence_per_min": None if cadence is None else round(cadence, 1),
        "events": [round(e.t, 3) for e in outcome.events],
        "person": outcome.keypoints is not None,
        "server_ms": round(1000 * (time.perf_counter() - started), 1),
    }


def _save(
    database: Database, user_id: int, counter: StreamCount, weight: float | None
) -> JumpRecord:
    """Judge and save the bout (raises :class:`NobodySeen`: then nothing is saved)."""
    result = counter.finish(weight_kg=weight)
    with database.session() as db:
        return save_jump_result(db, user_id=user_id, result=result, source="live")


async def camera_socket(websocket: WebSocket) -> None:
    app: FastAPI = websocket.app
    database: Database = app.state.db
    await websocket.accept()
    if not _same_origin(websocket):
        await websocket.close(CLOSE_BAD_ORIGIN, "This page is not part of Limber.")
        return
    who = await anyio.to_thread.run_sync(_signed_in, database, dict(websocket.session))
    if who is None:
        await websocket.close(CLOSE_NOT_SIGNED_IN, "Please log in first.")
        return
    if not _take_slot(app):
        await websocket.close(CLOSE_BUSY, "Two live counts are already running; try later.")
        return
    try:
        await _serve(websocket, database, *who)
    finally:
        _free_slot(app)


# A plain Starlette route: FastAPI would apply the app-wide CSRF dependency, which needs an
# HTTP request; a WebSocket is protected by the session cookie plus the Origin check instead.
router.routes.append(WebSocketRoute("/ws/jumps/live", camera_socket, name="jumps_camera_socket"))


async def _serve(
    websocket: WebSocket, database: Database, user_id: int, weight: float | None
) -> None:
    loop = asyncio.get_running_loop()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jump-live")
    counter: StreamCount | None = None
    try:
        counter = await loop.run_in_executor(executor, StreamCount)
        await websocket.send_json({"type": "ready"})
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if message.get("bytes") is not None:
                try:
                    reply = await loop.run_in_executor(executor, _count, counter, message["bytes"])
                except BadFrame as exc:
                    reply = {"type": "error", "frame": True, "message": str(exc)}
                await websocket.send_json(reply)
                continue
            command = _command(message.get("text"))
            if command == "stop":
                await _stop(websocket, loop, executor, database, user_id, counter, weight)
                return
            if command == "cancel":
                await websocket.close(1000, "Cancelled; nothing saved.")
                return
            await websocket.send_json(
                {"type": "error", "message": 'Send frames, or {"type": "stop"} to finish.'}
            )
    except WebSocketDisconnect:
        return
    except Exception:
        log.exception("live jump counting failed")
        with contextlib.suppress(Exception):
            await websocket.close(1011, "Counting failed because of an error in Limber.")
    finally:
        if counter is not None:
            await loop.run_in_executor(executor, counter.close)
        executor.shutdown(wait=False)


def _command(text: str | None) -> str | None:
    try:
        data = json.loads(text or "")
    except ValueError:
        return None
    return data.get("type") if isinstance(data, dict) else None


async def _stop(
    websocket: WebSocket,
    loop: asyncio.AbstractEventLoop,
    executor: ThreadPoolExecutor,
    database: Database,
    user_id: int,
    counter: StreamCount,
    weight: float | None,
) -> None:
    """Save the bout (unless the verdict refuses it) and tell the page where the result is."""
    try:
        record = await loop.run_in_executor(
            executor, partial(_save, database, user_id, counter, weight)
        )
    except NobodySeen as refused:
        await websocket.send_json({"type": "nothing", "message": str(refused)})
        await websocket.close(1000)
        return
    await websocket.send_json(
        {
            "type": "saved",
            "result_id": record.id,
            "url": f"/jumps/results/{record.id}",
            "count": record.count,
            "cadence_per_min": record.cadence_mean,
            "duration_s": record.duration_s,
        }
    )
    await websocket.close(1000)
