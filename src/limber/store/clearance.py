"""Clinician clearances: who saw the person, when, and what they said, typed by the person.

A red flag or a readiness "yes" limits what Limber offers until a clinician has seen the
person (clinical.md 1-2, clinical-rules.md R1). Answering the questions again cannot lift
that; only one of these rows can. Rows are never edited or deleted by the app: they are the
history the clinician report shows.
"""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from limber.store.base import Base, utcnow


class Clearance(Base):
    """One clearance as the person recorded it."""

    __tablename__ = "clearances"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # A limber.vocab.ClearanceKind: red_flag, readiness, surgeon, pregnancy_provider, ...
    kind: Mapped[str] = mapped_column(String(30))
    clinician_name: Mapped[str] = mapped_column(String(120))
    clinician_role: Mapped[str | None] = mapped_column(String(120), nullable=True)
    # The day the clinician saw the person (what the 12-month lapse counts from).
    seen_on: Mapped[dt.date] = mapped_column(Date)
    # What the clinician said, in the person's words.
    statement: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The question ids the clearance answers: the red-flag signs it clears (red_flag) or the
    # readiness "yes" answers it covers (readiness), as they stood when it was recorded.
    covers: Mapped[list[Any]] = mapped_column(JSON, default=list)
