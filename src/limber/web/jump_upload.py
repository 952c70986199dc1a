"""Receive an uploaded video straight to disk, refusing it as soon as it passes the size limit.

FastAPI's ``UploadFile`` would parse (and spool) the whole body before a route could look at
its size, so a 5 GB file would fill the disk first and be refused afterwards. Here the
multipart body is parsed as it arrives (python-multipart's streaming parser) and the file
part is written chunk by chunk into its own folder under ``LIMBER_HOME/uploads``; the
moment it grows past ``max_bytes`` the partial file is deleted and the request gets a 413.
The received video then goes to the app's job runner (:mod:`limber.services.jump_jobs`),
reached through :func:`jobs_of`.
"""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO

from fastapi import FastAPI, Request
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.datastructures import UploadFile as StarletteUploadFile

from limber.services.jump_jobs import JumpJobs, ReceivedVideo
from limber.web.exceptions import WebError

FIELD = "video"
# Room for the multipart framing and the CSRF field around the file itself.
OVERHEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


class TooLarge(WebError):
    status_code = 413


def jobs_of(app: FastAPI) -> JumpJobs:
    """The app's job runner (built by ``create_app``, started and stopped by its lifespan)."""
    jobs: JumpJobs = app.state.jump_jobs
    return jobs


def uploads_folder(app: FastAPI) -> Path:
    """Where uploads wait for analysis: ``LIMBER_HOME/uploads``."""
    return jobs_of(app).uploads


def safe_filename(name: str) -> str:
    """A file name to store and show: no folders, no odd characters, not hidden, not empty."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[:100]
    return base or "video"


def _limit_message(max_bytes: int) -> str:
    return (
        f"The video is larger than the upload limit of {max_bytes / 1e6:g} MB. "
        "Trim it to the part where you jump, or film at a lower resolution."
    )


class _Receiver:
    """python-multipart callbacks: keep the first part named ``video`` that carries a file."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.headers: dict[bytes, bytes] = {}
        self._field = b""
        self._value = b""
        self.handle: IO[bytes] | None = None
        self.path: Path | None = None
        self.filename = ""
        self.size = 0
        self.done = False
        self.too_large = False

    def on_part_begin(self) -> None:
        self.headers = {}

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self._field.lower()] = self._value
        self._field, self._value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if name != FIELD or filename is None or self.done or self.handle is not None:
            return
        self.filename = safe_filename(filename.decode("utf-8", "replace"))
        self.path = self.folder / self.filename
        self.handle = self.path.open("wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.handle is None or self.too_large:
            return
        self.size += end - start
        if self.size > self.max_bytes:
            self.too_large = True
            return
        self.handle.write(data[start:end])

    def on_part_end(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            self.done = True

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


async def _body(request: Request) -> AsyncIterator[bytes]:
    """The request body as it arrives, or re-encoded from the form when it was already parsed.

    The app-wide CSRF check parses a form that carries its token as a field rather than a
    header; the raw stream is gone then, but the parsed form (spooled by Starlette) is not.
    """
    if not getattr(request, "_stream_consumed", False):
        return request.stream()
    form = await request.form()
    upload = form.get(FIELD)
    if not isinstance(upload, StarletteUploadFile):
        return _chunks([])
    boundary = parse_options_header(request.headers.get("content-type", ""))[1][b"boundary"]
    name = (upload.filename or "video").replace('"', "_")
    head = (
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="video"; filename="'
        + name.encode()
        + b'"\r\n\r\n'
    )
    tail = b"\r\n--" + boundary + b"--\r\n"
    return _file_chunks(head, upload, tail)


async def _chunks(parts: list[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def _file_chunks(
    head: bytes, upload: StarletteUploadFile, tail: bytes
) -> AsyncIterator[bytes]:
    yield head
    while chunk := await upload.read(CHUNK_BYTES):
        yield chunk
    yield tail


async def receive_video(request: Request, *, uploads: Path, max_bytes: int) -> ReceivedVideo:
    """Stream the ``video`` file of a multipart request into a new folder under ``uploads``.

    Raises :class:`WebError` (413 too large, 415 not a form upload, 422 no file or empty file);
    on any refusal nothing is left on disk.
    """
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise WebError(
            "Send the video as a form upload (multipart/form-data) in the field 'video'.", 415
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + OVERHEAD_BYTES:
        raise TooLarge(_limit_message(max_bytes))
    folder = uploads / secrets.token_hex(8)
    folder.mkdir(parents=True, exist_ok=False)
    receiver = _Receiver(folder, max_bytes)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": receiver.on_part_begin,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
        },
    )
    try:
        try:
            async for chunk in await _body(request):
                parser.write(chunk)
                if receiver.too_large:
                    raise TooLarge(_limit_message(max_bytes))
            parser.finalize()
        except WebError:
            raise
        except Exception as exc:  # the parser's own errors: a broken or cut-off body
            raise WebError(f"The upload did not arrive complete ({exc}). Try again.", 400) from exc
        finally:
            receiver.close()
        if receiver.path is None or not receiver.done:
            raise WebError("Choose a video file to upload (form field 'video').", 422)
        if receiver.size == 0:
            raise WebError(f"{receiver.filename} is empty.", 422)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return ReceivedVideo(folder, receiver.path, receiver.filename, receiver.size)
