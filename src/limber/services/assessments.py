"""Record outcome assessments, list them, and say which are due.

Baseline at onboarding, then every two weeks: the app (CLI or web) asks
:func:`assessment_due` and offers the measures it returns. Scores are computed here (PEG
mean, WHO-5 percentage) so every front end scores a questionnaire the same way.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.services.errors import InvalidInput, NotFound
from limber.services.interpret import Change, advice, judge
from limber.services.jump_volume import jump_result_count
from limber.services.measures import (
    MEASURE_KEYS,
    MEASURES,
    PEG_ITEM_MAX,
    PEG_ITEMS,
    REASSESS_DAYS,
    RED_FLAG_MEASURES,
    SKIP_WHEN,
    WHO5_ITEM_MAX,
    WHO5_ITEMS,
)
from limber.services.records import current_profile
from limber.services.safety import safety_status
from limber.services.weeks import as_utc
from limber.store.assessments import Assessment
from limber.store.base import utcnow

SOURCES = ("typed", "timer", "jump_result", "demo")


@dataclass(frozen=True)
class AssessmentOut:
    """One stored assessment, as front ends show it."""

    id: int
    measure: str
    value: float
    taken_at: dt.datetime
    items: list[Any]
    source: str
    note: str
    # A plain-words note this reading calls for (e.g. WHO-5 at or below 50 %).
    advice: str | None = None

    @classmethod
    def of(cls, row: Assessment) -> "AssessmentOut":
        return cls(
            id=row.id,
            measure=row.measure,
            value=row.value,
            taken_at=row.taken_at,
            items=list(row.items or []),
            source=row.source,
            note=row.note,
            advice=advice(row.measure, row.value),
        )


@dataclass(frozen=True)
class MeasureSummary:
    """Baseline, previous and latest reading of one measure, with the changes judged."""

    measure: str
    readings: list[AssessmentOut]
    vs_baseline: Change | None = None
    vs_previous: Change | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def latest(self) -> AssessmentOut | None:
        return self.readings[-1] if self.readings else None


def _check_value(measure: str, value: float) -> float:
    if measure not in MEASURES:
        raise InvalidInput(f"unknown measure {measure!r}; choose one of: {', '.join(MEASURE_KEYS)}")
    m = MEASURES[measure]
    if value != value or not m.lo <= value <= m.hi:  # NaN or out of range
        raise InvalidInput(
            f"{m.label} must be between {m.lo:g} and {m.hi:g} {m.unit}; got {value:g}"
        )
    if m.integer and float(value) != int(value):
        raise InvalidInput(f"{m.label} must be a whole number; got {value:g}")
    return float(value)


def _check_items(name: str, items: Sequence[int], count: int, hi: int) -> list[int]:
    if len(items) != count:
        raise InvalidInput(f"{name} has {count} questions; got {len(items)} answers")
    for n, item in enumerate(items, 1):
        if not 0 <= item <= hi or int(item) != item:
            raise InvalidInput(f"{name} answer {n} must be a whole number 0-{hi}; got {item}")
    return [int(i) for i in items]


def record_assessment(
    db: Session,
    *,
    user_id: int,
    measure: str,
    value: float,
    items: Sequence[int] = (),
    source: str = "typed",
    jump_result_id: int | None = None,
    note: str = "",
    taken_at: dt.datetime | None = None,
) -> AssessmentOut:
    """Store one reading after checking it is in range for its measure."""
    value = _check_value(measure, value)
    if source not in SOURCES:
        raise InvalidInput(f"unknown source {source!r}")
    if len(note) > 2000:
        raise InvalidInput("the note is too long (at most 2000 characters)")
    row = Assessment(
        user_id=user_id,
        measure=measure,
        value=value,
        items=list(items),
        source=source,
        jump_result_id=jump_result_id,
        note=note,
        taken_at=taken_at or utcnow(),
    )
    db.add(row)
    db.flush()
    return AssessmentOut.of(row)


def record_peg(
    db: Session, *, user_id: int, items: Sequence[int], taken_at: dt.datetime | None = None
) -> AssessmentOut:
    """PEG: the mean of its three 0-10 answers (Krebs 2009)."""
    answers = _check_items("PEG", items, len(PEG_ITEMS), PEG_ITEM_MAX)
    score = round(sum(answers) / len(answers), 2)
    return record_assessment(
        db, user_id=user_id, measure="peg", value=score, items=answers, taken_at=taken_at
    )


def record_who5(
    db: Session, *, user_id: int, items: Sequence[int], taken_at: dt.datetime | None = None
) -> AssessmentOut:
    """WHO-5: five 0-5 answers; the raw sum times 4 is the percentage score."""
    answers = _check_items("WHO-5", items, len(WHO5_ITEMS), WHO5_ITEM_MAX)
    return record_assessment(
        db, user_id=user_id, measure="who5", value=sum(answers) * 4, items=answers,
        taken_at=taken_at,
    )  # fmt: skip


def record_jump_test_from_result(
    db: Session, *, user_id: int, result_id: int, taken_at: dt.datetime | None = None
) -> AssessmentOut:
    """The 60-second jump test read from a jump-counter result the user owns."""
    count = jump_result_count(db, user_id=user_id, result_id=result_id)
    if count is None:
        raise NotFound(f"no jump-counter result with id {result_id}")
    return record_assessment(
        db,
        user_id=user_id,
        measure="jump_test",
        value=count,
        source="jump_result",
        jump_result_id=result_id,
        taken_at=taken_at,
    )


@dataclass(frozen=True)
class RecordedReading:
    """A reading just saved, with its measure's readings so far judged (``summary``)."""

    saved: AssessmentOut
    summary: MeasureSummary

    @property
    def baseline(self) -> AssessmentOut | None:
        """The first reading, when this one is not it."""
        return self.summary.readings[0] if len(self.summary.readings) > 1 else None

    @property
    def previous(self) -> AssessmentOut | None:
        """The reading before this one, when that is not the baseline (no need to say twice)."""
        return self.summary.readings[-2] if len(self.summary.readings) > 2 else None


def record_reading(
    db: Session,
    *,
    user_id: int,
    measure: str,
    value: float | None = None,
    items: Sequence[int] | None = None,
    jump_result_id: int | None = None,
    note: str = "",
    source: str = "typed",
) -> RecordedReading:
    """Record one reading of any measure, then judge it against baseline and last time.

    PEG and WHO-5 take their answers (``items``), the jump test a jump-counter result
    (``jump_result_id``) or a ``value``, every other measure a ``value``. The CLI commands,
    the web forms and ``POST /api/assessments`` all come here, so they refuse the same input
    and judge a new reading the same way.
    """
    if measure in ("peg", "who5"):
        if items is None:
            raise InvalidInput(f"{measure} needs its answers in 'items'")
        saver = record_peg if measure == "peg" else record_who5
        saved = saver(db, user_id=user_id, items=items)
    elif measure == "jump_test" and jump_result_id is not None:
        saved = record_jump_test_from_result(db, user_id=user_id, result_id=jump_result_id)
    elif value is None:
        raise InvalidInput(f"{measure} needs a 'value'")
    else:
        saved = record_assessment(
            db, user_id=user_id, measure=measure, value=value, note=note, source=source
        )
    (summary,) = summarise(db, user_id=user_id, measure=saved.measure)
    return RecordedReading(saved, summary)


class StoredReadingOut(BaseModel):
    """One stored reading as ``limber assess list --json`` prints it.

    No API route lists readings on their own: ``GET /api/progress`` shows them per measure
    (``ProgressOut.measures[].readings``) and ``POST /api/assessments`` answers one new reading.
    """

    id: int
    measure: str
    value: float
    items: list[int]
    taken_at: dt.datetime
    source: str

    @classmethod
    def of(cls, reading: AssessmentOut) -> "StoredReadingOut":
        return cls(
            id=reading.id,
            measure=reading.measure,
            value=reading.value,
            items=[int(i) for i in reading.items],
            # Aware UTC on every store, as the answer to a new reading (SQLite reads naive).
            taken_at=as_utc(reading.taken_at),
            source=reading.source,
        )


def list_assessments(
    db: Session, *, user_id: int, measure: str | None = None
) -> list[AssessmentOut]:
    """Readings oldest first (optionally of one measure)."""
    query = select(Assessment).where(Assessment.user_id == user_id)
    if measure is not None:
        query = query.where(Assessment.measure == measure)
    rows = db.scalars(query.order_by(Assessment.taken_at, Assessment.id))
    return [AssessmentOut.of(r) for r in rows]


def applicable_measures(db: Session, *, user_id: int) -> list[str]:
    """The measures worth asking this person for, given their screening and conditions.

    A red flag leaves only the questionnaires and the breathing count; conditions that rule
    out impact, loaded bending or lying face down drop the test that needs them.
    """
    # A red flag no clinician has cleared yet (an all-"no" re-screening does not lift it).
    state = safety_status(db, user_id=user_id).state
    if state in ("stopped", "emergency"):
        return list(RED_FLAG_MEASURES)
    profile = current_profile(db, user_id=user_id)
    conditions: set[str] = set(profile.conditions) if profile else set()
    keys = [k for k in MEASURE_KEYS if not (SKIP_WHEN.get(k, frozenset()) & conditions)]
    # Light work only (a readiness "yes" without clearance, R1): no 60-second jump test.
    return [k for k in keys if not (state == "light" and k == "jump_test")]


def _as_date(moment: dt.datetime) -> dt.date:
    return moment.date()


def assessment_due(db: Session, *, user_id: int, today: dt.date) -> list[str]:
    """The measures due today: never taken (baseline) or last taken 14 or more days ago.

    >>> assessment_due(db, user_id=1, today=dt.date(2026, 1, 15))  # doctest: +SKIP
    ['pain', 'peg', 'who5', 'fingertip_floor', 'extensor_hold', 'jump_test', 'breathing_rate']
    """
    last: dict[str, dt.date] = {}
    for row in list_assessments(db, user_id=user_id):
        last[row.measure] = _as_date(row.taken_at)
    due = []
    for key in applicable_measures(db, user_id=user_id):
        seen = last.get(key)
        if seen is None or (today - seen).days >= REASSESS_DAYS:
            due.append(key)
    return due


def summarise(db: Session, *, user_id: int, measure: str | None = None) -> list[MeasureSummary]:
    """Per measure with readings: the changes vs baseline and vs the previous reading.

    The one place "change since baseline" is judged: the progress page, ``/api/progress``,
    ``limber progress``, the report and the answer to a new reading all read it from here.
    """
    by_measure: dict[str, list[AssessmentOut]] = {}
    for row in list_assessments(db, user_id=user_id, measure=measure):
        by_measure.setdefault(row.measure, []).append(row)
    out = []
    for key in MEASURE_KEYS:
        readings = by_measure.get(key, [])
        if not readings:
            continue
        first, last = readings[0], readings[-1]
        vs_base = judge(key, first.value, last.value) if len(readings) > 1 else None
        prev = judge(key, readings[-2].value, last.value) if len(readings) > 1 else None
        notes = [n for n in [last.advice] if n]
        out.append(MeasureSummary(key, readings, vs_base, prev, notes))
    return out
