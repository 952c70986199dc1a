"""Jump-counter results: one row per counted bout (a video or a live camera session).

The headline numbers are columns (progress charts and weekly volume query them); the full
result (landing times, cadence series, warnings) is kept as JSON so a page can show it again
exactly as the counter produced it.
"""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from limber.store.base import Base, utcnow


class JumpResultRecord(Base):
    """One counted bout of rope jumping."""

    __tablename__ = "jump_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The video's file name, or "camera".
    source: Mapped[str] = mapped_column(String(255), default="")
    jumps: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float] = mapped_column(Float)
    active_s: Mapped[float] = mapped_column(Float)
    # "basic", "alternate_foot", "double_under", "mixed" or null when nothing was counted.
    style: Mapped[str | None] = mapped_column(String(20), nullable=True)
    cadence_per_min: Mapped[float | None] = mapped_column(Float, nullable=True)
    longest_streak: Mapped[int] = mapped_column(Integer, default=0)
    misses: Mapped[int] = mapped_column(Integer, default=0)
    kcal: Mapped[float | None] = mapped_column(Float, nullable=True)
    # JumpResult.to_dict() as the counter produced it.
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
