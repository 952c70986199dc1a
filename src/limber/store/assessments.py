"""Outcome assessments: one row per measure taken (pain, PEG, WHO-5, fingertip-to-floor, ...).

One narrow table instead of one per measure: every measure is a single number with a
timestamp, which is all the dashboard, the report and the FHIR export need. Questionnaires
keep their item answers in ``items`` so a clinician can see how a score was made up.
"""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from limber.store.base import Base, utcnow


class Assessment(Base):
    """One measurement of one outcome measure."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # A key of limber.services.measures.MEASURES ("pain", "peg", "who5", ...).
    measure: Mapped[str] = mapped_column(String(30), index=True)
    # The score in the measure's unit (WHO-5 as a percentage 0-100).
    value: Mapped[float] = mapped_column(Float)
    # Item answers of a questionnaire (PEG, WHO-5), in question order; empty otherwise.
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # How the value was obtained: "typed", "timer", "jump_result" or "demo".
    source: Mapped[str] = mapped_column(String(20), default="typed")
    # The jump-counter result the 60-second jump test was read from, if any.
    jump_result_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
