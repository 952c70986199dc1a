"""Progress: each measure's change since baseline, what is due, adherence, practice, jumps.

The one answer to "is the programme helping?". ``limber progress`` (text and ``--json``),
``GET /api/progress`` and the progress page all render :class:`ProgressOut` from
:func:`progress_out`; the answer to a new reading (``POST /api/assessments``, ``limber assess
...``) is judged by the same :func:`~limber.services.assessments.summarise`. Built on the
:class:`~limber.services.dashboard.Dashboard` the charts and the clinician report draw from,
so no front end computes a change, an adherence figure or a weekly jump count of its own.
"""

import datetime as dt
from dataclasses import asdict
from typing import Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from limber.services.assessments import MeasureSummary, RecordedReading, assessment_due
from limber.services.dashboard import Dashboard, build_dashboard
from limber.services.interpret import fmt
from limber.services.measures import MEASURES


class ReadingOut(BaseModel):
    date: dt.date
    value: float


class MeasureOut(BaseModel):
    """One measure's readings, oldest first, and how the latest compares."""

    measure: str
    label: str
    unit: str
    better: str
    threshold: str
    readings: list[ReadingOut]
    # The verdicts ("meaningful improvement", "no real change", "worse") once there are two.
    vs_baseline: str | None
    vs_previous: str | None
    # In plain words: the change since baseline ("Pain (0-10): 6 -> 3 (-3 points): ..."),
    # or the baseline reading alone.
    sentence: str
    advice: str | None


class WeekJumpsOut(BaseModel):
    """Jumps in the week starting ``week_start`` (a Monday)."""

    week_start: dt.date
    jumps: int
    # "counted" by the jump counter, or "estimated" from rope seconds x planned cadence.
    source: Literal["counted", "estimated"]


class ProgressOut(BaseModel):
    """Assessments judged against baseline, what is due, adherence, practice and jumps."""

    due: list[str]
    measures: list[MeasureOut]
    planned_to_date: int
    done_to_date: int
    adherence_pct: float | None
    minutes: dict[str, float]
    jumps: list[WeekJumpsOut]


def measure_out(summary: MeasureSummary) -> MeasureOut:
    """One :class:`MeasureSummary` as the front ends show it."""
    m = MEASURES[summary.measure]
    latest = summary.readings[-1]
    base = summary.vs_baseline
    return MeasureOut(
        measure=summary.measure,
        label=m.label,
        unit=m.unit,
        better=m.better,
        threshold=m.threshold_text,
        readings=[ReadingOut(date=r.taken_at.date(), value=r.value) for r in summary.readings],
        vs_baseline=base.verdict if base else None,
        vs_previous=summary.vs_previous.verdict if summary.vs_previous else None,
        sentence=base.sentence
        if base
        else f"{m.label}: {fmt(m, latest.value)} {m.unit} (baseline)",
        advice=summary.notes[0] if summary.notes else None,
    )


def progress_out(
    db: Session, *, user_id: int, today: dt.date, board: Dashboard | None = None
) -> ProgressOut:
    """The user's progress on ``today``; pass ``board`` when the caller also draws charts."""
    board = board or build_dashboard(db, user_id=user_id, today=today)
    return ProgressOut(
        due=assessment_due(db, user_id=user_id, today=today),
        measures=[measure_out(s) for s in board.summaries],
        planned_to_date=board.planned_to_date,
        done_to_date=board.done_to_date,
        adherence_pct=board.adherence_pct,
        minutes=board.total_minutes(),
        jumps=[WeekJumpsOut(**asdict(w)) for w in board.jumps],
    )


class AssessmentRecordOut(BaseModel):
    """The answer to a new reading (``POST /api/assessments``)."""

    id: int
    measure: str
    value: float
    taken_at: dt.datetime
    items: list[int]
    source: str
    advice: str | None
    # The change since baseline, judged, once there are two readings.
    vs_baseline: str | None

    @classmethod
    def of(cls, recorded: RecordedReading) -> "AssessmentRecordOut":
        change = recorded.summary.vs_baseline
        fields = asdict(recorded.saved) | {"vs_baseline": change.verdict if change else None}
        return cls.model_validate(fields)
