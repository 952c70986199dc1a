"""Core tables: people, their screening, profile, programme, session logs and check-ins.

Documents that only the domain code interprets (a profile, a programme) are stored as JSON
and validated by the pydantic models on the way in and out; things that are queried and
charted (logs, steps, check-ins) are proper columns.

Other domains add their own tables in their own modules (``store/<domain>.py``) on the
same ``Base``, each with its own Alembic migration branching from ``0001``.
"""

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from limber.store.base import Base, utcnow


class User(Base):
    """A person using Limber. The CLI uses one local user; the web app has accounts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    # argon2 hash; empty for the CLI's local user, who never logs in.
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Screening(Base):
    """One screening: the answers given and what they meant."""

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # "clear", "caution" (readiness follow-ups) or "red_flag"
    outcome: Mapped[str] = mapped_column(String(20))
    # The result as the safety module produced it (flags, urgency, advice).
    result: Mapped[dict[str, Any]] = mapped_column(JSON)


class ProfileRecord(Base):
    """The profile as last saved (history is kept: the newest row counts)."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    saved_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ProgrammeRecord(Base):
    """A generated programme; the newest active one is the user's current plan."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    start: Mapped[dt.date] = mapped_column(Date)
    weeks: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Progression state carried between sessions (dose levels, rope stage), and its history.
    progression: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SessionLog(Base):
    """One session as it was actually done."""

    __tablename__ = "session_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL"), nullable=True
    )
    session_date: Mapped[dt.date] = mapped_column(Date)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    # "in_progress", "completed", "stopped"
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    # The timeline that was played, so the log can be read without replanning.
    timeline: Mapped[dict[str, Any]] = mapped_column(JSON)
    planned_minutes: Mapped[float] = mapped_column(Float, default=0)
    # The planned session the timeline was built from: the check-in's progression reads it,
    # so a later regeneration of the programme cannot change what this log refers to.
    plan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    breathing_only: Mapped[bool] = mapped_column(Boolean, default=False)

    steps: Mapped[list["StepLog"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="StepLog.step_index"
    )


class StepLog(Base):
    """One step of a session: done or skipped, and when (one row per step of a session)."""

    __tablename__ = "step_logs"
    __table_args__ = (UniqueConstraint("session_id", "step_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session_logs.id", ondelete="CASCADE"), index=True
    )
    step_index: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    # "done" or "skipped"
    status: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    seconds: Mapped[float] = mapped_column(Float, default=0)
    # Pain reported with "this hurts" during this step, if any.
    pain: Mapped[int | None] = mapped_column(Integer, nullable=True)

    session: Mapped[SessionLog] = relationship(back_populates="steps")


class CheckInRecord(Base):
    """The check-in after a session, and the decision it led to."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # One check-in per session: a session must not move the programme forward twice.
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session_logs.id", ondelete="CASCADE"), unique=True
    )
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    pain_during: Mapped[int] = mapped_column(Integer)
    pain_after: Mapped[int] = mapped_column(Integer)
    effort: Mapped[int] = mapped_column(Integer)
    next_day: Mapped[str | None] = mapped_column(String(10), nullable=True)
    next_day_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    new_leg_symptoms: Mapped[bool] = mapped_column(Boolean, default=False)
    # The symptom list the check-in asked (limber.safety.pain.SYMPTOMS); "leg" included.
    symptoms: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Pain on the next morning, 0-10, given with the next-day answer.
    morning_pain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Leaking or heaviness while jumping (asked after sessions with jumping; R4). None: not asked.
    pelvic_floor_symptoms: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # "green", "amber" or "red", and the explained changes it caused.
    verdict: Mapped[str] = mapped_column(String(10))
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    message: Mapped[str] = mapped_column(Text, default="")
    # The check-in reported something the red-flag questions must be asked again for.
    rescreen: Mapped[bool] = mapped_column(Boolean, default=False)
    # The decision the next-day answer led to (its verdict, changes and message).
    next_day_verdict: Mapped[str | None] = mapped_column(String(10), nullable=True)
    next_day_changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    next_day_message: Mapped[str] = mapped_column(Text, default="")
