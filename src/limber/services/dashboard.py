"""The numbers behind the progress page and the clinician report, computed once.

Charts (``limber.report.charts``), the web page and the PDF all draw from one
:class:`Dashboard`, so a figure on the screen and in the report can never disagree.
Practice minutes come from the step logs (what was actually done, by the timeline's block),
not from the plan.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.content.loader import default_library
from limber.plan.models import Programme
from limber.services.assessments import MeasureSummary, summarise
from limber.services.jump_volume import weekly_jump_volume
from limber.services.weeks import every_week, week_start
from limber.store.models import CheckInRecord, ProgrammeRecord, SessionLog, StepLog

DayStatus = Literal["done", "partial", "missed", "upcoming", "extra"]
PRACTICES: tuple[str, ...] = ("stretch", "jump_rope", "breathing")
PRACTICE_LABELS = {
    "stretch": "Stretch & strength",
    "jump_rope": "Jump rope",
    "breathing": "Breathing",
}


@dataclass(frozen=True)
class CalendarDay:
    """A day with a planned or a logged session."""

    day: dt.date
    planned: bool
    status: DayStatus
    minutes: float = 0.0


@dataclass(frozen=True)
class WeekPractice:
    """Minutes done per practice in the week starting ``week_start`` (a Monday)."""

    week_start: dt.date
    minutes: dict[str, float]


@dataclass(frozen=True)
class WeekJumps:
    week_start: dt.date
    jumps: int
    # "counted" by the jump counter, or "estimated" from rope seconds x planned cadence.
    source: Literal["counted", "estimated"]


@dataclass(frozen=True)
class PainEvent:
    """A check-in that changed the plan (amber/red, or a worse next day), and why."""

    day: dt.date
    verdict: str
    pain_during: int
    pain_after: int
    next_day: str | None
    reasons: list[str]
    # The plan changes it caused, one line per exercise.
    changes: list[str] = field(default_factory=list)
    # "after the session" (the check-in) or "next morning" (the 24-hour rule).
    when: str = "after the session"


@dataclass
class Dashboard:
    today: dt.date
    summaries: list[MeasureSummary]
    calendar: list[CalendarDay]
    practice: list[WeekPractice]
    jumps: list[WeekJumps]
    pain_events: list[PainEvent]
    checkins: list[tuple[dt.date, int, int]] = field(default_factory=list)

    @property
    def planned_to_date(self) -> int:
        # Today counts once something was done: an evening session is not yet missed.
        return sum(
            1
            for d in self.calendar
            if d.planned and (d.day < self.today or d.status in ("done", "partial"))
        )

    @property
    def done_to_date(self) -> int:
        return sum(1 for d in self.calendar if d.planned and d.status in ("done", "partial"))

    @property
    def adherence_pct(self) -> float | None:
        planned = self.planned_to_date
        return None if planned == 0 else 100.0 * min(self.done_to_date, planned) / planned

    def series(self, measure: str) -> list[tuple[dt.date, float]]:
        for s in self.summaries:
            if s.measure == measure:
                return [(r.taken_at.date(), r.value) for r in s.readings]
        return []

    def total_minutes(self) -> dict[str, float]:
        out = dict.fromkeys(PRACTICES, 0.0)
        for week in self.practice:
            for key, value in week.minutes.items():
                out[key] += value
        return out


def pillar_of(exercise_id: str | None, block: str) -> str:
    """The practice a step belongs to: its exercise's pillar, else its block's."""
    if exercise_id:
        exercise = default_library().get(exercise_id)
        if exercise is not None:
            return str(exercise.pillar)
    if "breath" in block:
        return "breathing"
    if "rope" in block:
        return "jump_rope"
    return "stretch"


def _logs(db: Session, user_id: int) -> list[SessionLog]:
    return list(
        db.scalars(
            select(SessionLog)
            .where(SessionLog.user_id == user_id)
            .order_by(SessionLog.session_date, SessionLog.id)
        )
    )


def _done_steps(db: Session, log: SessionLog) -> list[tuple[dict[str, Any], StepLog]]:
    steps = {int(s["index"]): s for s in (log.timeline or {}).get("steps", [])}
    rows = db.scalars(select(StepLog).where(StepLog.session_id == log.id, StepLog.status == "done"))
    return [(steps.get(r.step_index, {}), r) for r in rows]


def _practice_and_estimates(
    db: Session, logs: list[SessionLog]
) -> tuple[list[WeekPractice], dict[dt.date, int], dict[int, float]]:
    weeks: dict[dt.date, dict[str, float]] = defaultdict(lambda: dict.fromkeys(PRACTICES, 0.0))
    estimated: dict[dt.date, float] = defaultdict(float)
    per_log: dict[int, float] = {}
    for log in logs:
        week = weeks[week_start(log.session_date)]
        total = 0.0
        for step, row in _done_steps(db, log):
            pillar = pillar_of(row.exercise_id, str(step.get("block", "")))
            week[pillar] += row.seconds / 60
            total += row.seconds / 60
            cadence = step.get("cadence_per_min")
            if pillar == "jump_rope" and cadence and row.kind in ("work", "cadence"):
                estimated[week_start(log.session_date)] += row.seconds * float(cadence) / 60
        per_log[log.id] = total
    practice = [
        WeekPractice(k, {p: round(v, 1) for p, v in weeks[k].items()}) for k in sorted(weeks)
    ]
    return practice, {k: round(v) for k, v in estimated.items()}, per_log


def _jumps(db: Session, user_id: int, estimated: dict[dt.date, int]) -> list[WeekJumps]:
    """The jump page's weekly volume when anything was counted, else the rope-time estimate."""
    counted = weekly_jump_volume(db, user_id=user_id)
    if counted:
        return [WeekJumps(week, jumps, "counted") for week, jumps in counted]
    weeks = every_week({k: v for k, v in estimated.items() if v})
    return [WeekJumps(week, jumps, "estimated") for week, jumps in weeks]


def _planned_dates(db: Session, user_id: int) -> set[dt.date]:
    """Dates planned by the active programme (older programmes count up to its start)."""
    records = list(
        db.scalars(
            select(ProgrammeRecord)
            .where(ProgrammeRecord.user_id == user_id)
            .order_by(ProgrammeRecord.created_at, ProgrammeRecord.id)
        )
    )
    dates: set[dt.date] = set()
    for n, record in enumerate(records):
        until = records[n + 1].start if n + 1 < len(records) else None
        for s in Programme.model_validate(record.data).sessions:
            if until is None or s.date < until:
                dates.add(s.date)
    return dates


def _calendar(
    planned: set[dt.date], logs: list[SessionLog], per_log: dict[int, float], today: dt.date
) -> list[CalendarDay]:
    status_of: dict[dt.date, str] = {}
    minutes: dict[dt.date, float] = defaultdict(float)
    for log in logs:
        minutes[log.session_date] += per_log.get(log.id, 0.0)
        if log.status == "completed" or status_of.get(log.session_date) == "completed":
            status_of[log.session_date] = "completed"
        else:
            status_of[log.session_date] = log.status
    days = []
    for day in sorted(planned | set(status_of)):
        logged = status_of.get(day)
        status: DayStatus
        if logged == "completed":
            status = "done" if day in planned else "extra"
        elif logged is not None and minutes[day] > 0:
            status = "partial" if day in planned else "extra"
        elif day < today:
            status = "missed"
        else:
            status = "upcoming"
        if day not in planned and status in ("missed", "upcoming"):
            continue
        days.append(CalendarDay(day, day in planned, status, round(minutes[day], 1)))
    return days


def _reasons(changes: list[Any]) -> list[str]:
    """The distinct reasons behind a decision's changes (one reason often covers many)."""
    out: list[str] = []
    for change in changes or []:
        if isinstance(change, dict):
            keys = ("reason", "why", "message", "text", "summary")
            text = next((str(change[k]) for k in keys if k in change), "")
        else:
            text = str(change)
        if text and text not in out:
            out.append(text)
    return out


def _changed(changes: list[Any]) -> list[str]:
    """What was changed, e.g. "box-step-up-raise: 2 x 8 reps -> 2 x 6 reps"."""
    out = []
    for change in changes or []:
        if isinstance(change, dict) and "before" in change and "after" in change:
            name = change.get("exercise_id") or change.get("what") or "plan"
            out.append(f"{name}: {change['before']} -> {change['after']}")
    return out


def _event(
    day: dt.date, when: str, verdict: str, checkin: CheckInRecord, changes: list[Any], message: str
) -> PainEvent:
    # Only what was eased or held belongs here; a step up in the same decision is not news.
    kept = [c for c in changes or [] if not (isinstance(c, dict) and c.get("what") == "more")]
    reasons = _reasons(kept) or ([message] if message else [])
    return PainEvent(
        day=day,
        verdict=verdict,
        pain_during=checkin.pain_during,
        pain_after=checkin.pain_after,
        next_day=checkin.next_day,
        reasons=reasons,
        changes=_changed(kept),
        when=when,
    )


def _pain_events(
    db: Session, user_id: int
) -> tuple[list[PainEvent], list[tuple[dt.date, int, int]]]:
    """Decisions that eased or held the plan (amber or red), each with its own reasons."""
    events: list[PainEvent] = []
    points: list[tuple[dt.date, int, int]] = []
    for row in db.execute(
        select(CheckInRecord, SessionLog.session_date)
        .join(SessionLog, SessionLog.id == CheckInRecord.session_id)
        .where(CheckInRecord.user_id == user_id)
        .order_by(SessionLog.session_date, CheckInRecord.id)
    ):
        checkin, day = row[0], row[1]
        points.append((day, checkin.pain_during, checkin.pain_after))
        if checkin.verdict in ("amber", "red") or checkin.new_leg_symptoms:
            events.append(
                _event(day, "after the session", checkin.verdict, checkin, checkin.changes,
                       checkin.message)
            )  # fmt: skip
        if checkin.next_day_verdict in ("amber", "red"):
            events.append(
                _event(day, "next morning", checkin.next_day_verdict, checkin,
                       checkin.next_day_changes, checkin.next_day_message)
            )  # fmt: skip
    return events, points


def build_dashboard(db: Session, *, user_id: int, today: dt.date | None = None) -> Dashboard:
    """Everything the progress page and the report show, for one user."""
    day = today or dt.date.today()
    logs = _logs(db, user_id)
    practice, estimated, per_log = _practice_and_estimates(db, logs)
    events, points = _pain_events(db, user_id)
    return Dashboard(
        today=day,
        summaries=summarise(db, user_id=user_id),
        calendar=_calendar(_planned_dates(db, user_id), logs, per_log, day),
        practice=practice,
        jumps=_jumps(db, user_id, estimated),
        pain_events=events,
        checkins=points,
    )
