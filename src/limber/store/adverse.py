"""Adverse events: something that went wrong during or after exercise, as the person reports it.

One row per report, classed the way R12 of the clinical rules asks (type, onset, duration,
severity, seriousness, relatedness, action taken). The advice, the review flag and its due
date are decided when the event is recorded and stored with it, so a later change to the
rule never rewrites what a person was told at the time.
"""

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from limber.store.base import Base, utcnow


class AdverseEvent(Base):
    """One reported adverse event (vocabularies in ``limber.services.adverse``)."""

    __tablename__ = "adverse_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reported_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The session it happened in or after, if the person named one (their own, checked).
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_logs.id", ondelete="SET NULL"), nullable=True, index=True
    )
    event_type: Mapped[str] = mapped_column(String(20))
    onset: Mapped[str] = mapped_column(String(20))
    duration: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(10))
    serious: Mapped[bool] = mapped_column(Boolean)
    relatedness: Mapped[str] = mapped_column(String(10))
    action_taken: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    # "urgent" (seek care now), "today" (contact a doctor today) or "none".
    urgency: Mapped[str] = mapped_column(String(10), default="none")
    # The "what to do now" advice exactly as it was shown.
    advice: Mapped[str] = mapped_column(Text, default="")
    # A serious or red-flag event is marked for a person to review within 1 working day.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    review_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    review_reason: Mapped[str] = mapped_column(Text, default="")
