"""Reports of "this hurts" from the player: the pain and any new symptoms, step by step.

Kept apart from ``step_logs`` because one step can be reported more than once and because a
report with symptoms must bring the red-flag questions back (clinical.md §1: ask again
whenever new or worse symptoms are reported), which needs the moment and the symptoms.
"""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from limber.store.base import Base, utcnow


class HurtReport(Base):
    """One "this hurts" report: during which step of which session, how much, what else."""

    __tablename__ = "hurt_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session_logs.id", ondelete="CASCADE"), index=True
    )
    step_index: Mapped[int] = mapped_column(Integer)
    # The exercise the step belongs to (None for a step outside any exercise).
    exercise_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    pain: Mapped[int] = mapped_column(Integer)
    # Keys of limber.services.hurts.SYMPTOMS, in the order they were ticked; empty for pain only.
    symptoms: Mapped[list[str]] = mapped_column(JSON, default=list)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
