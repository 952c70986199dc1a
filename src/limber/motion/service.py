"""Saving jump-counter results, in the counter's own terms (a file name or "camera").

The jump log's data-access layer is :mod:`limber.services.jumps` (save, list, get, delete,
weekly volume), shared by the CLI and the web pages; this module only translates the
counter's notion of a source (the video's file name, or ``"camera"`` for the live window)
into that service's ``source``/``name`` pair, so there is one writer for ``jump_results``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from limber.motion.results import JumpResult
from limber.services.jumps import JumpRecord, list_jump_results
from limber.services.jumps import save_jump_result as _save

__all__ = ["list_jump_results", "save_jump_result"]


def save_jump_result(db: Session, *, user_id: int, result: JumpResult, source: str) -> JumpRecord:
    """Store ``result`` for ``user_id``; ``source`` is the video's file name or "camera".

    Example: ``save_jump_result(db, user_id=user.id, result=counted.result, source="a.mp4")``.
    """
    if source == "camera":
        return _save(db, user_id=user_id, result=result, source="live")
    return _save(db, user_id=user_id, result=result, source="upload", name=source)
