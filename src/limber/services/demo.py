"""A realistic demo history, written through the same services a real user's actions call.

``limber demo --weeks 6`` shows what the progress page, the report and the exports look like
after weeks of use, without waiting weeks. Sessions are started, stepped through, finished
and checked in with :mod:`limber.services.sessions` and :mod:`limber.services.checkins`, so the
progression rules react to the demo's pain flare-ups exactly as they would to a person's.
The services stamp rows with the current time; the demo then moves those timestamps back to
the day the session happened, which is the only thing it writes directly.

Deterministic: the same ``seed``, ``weeks`` and ``today`` give the same history.
"""

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from limber.plan.models import CheckIn
from limber.profile import Profile
from limber.safety.screening import ScreeningAnswers, answers_template
from limber.services.assessments import (
    applicable_measures,
    record_assessment,
    record_jump_test_from_result,
    record_peg,
    record_who5,
)
from limber.services.checkins import NextDay, record_checkin, record_next_day
from limber.services.errors import InvalidInput
from limber.services.jumps import save_jump_result
from limber.services.measures import MEASURES, REASSESS_DAYS
from limber.services.onboarding import (
    create_programme,
    latest_screening,
    save_profile,
    save_screening,
    today_session,
)
from limber.services.records import current_profile, current_programme
from limber.services.sessions import (
    FinishStatus,
    finish_session,
    record_step,
    start_session,
    timeline_of,
)
from limber.services.users import get_or_create_local_user
from limber.store.models import CheckInRecord, SessionLog, StepLog

MAX_WEEKS = 26
# Baseline -> end-of-demo values: a typical, noisy improvement over a few weeks.
TRENDS: dict[str, tuple[float, float, float]] = {  # start, end, noise (sd)
    "pain": (6, 3, 0.6),
    "fingertip_floor": (18, 8, 1.5),
    "extensor_hold": (40, 95, 8),
    "jump_test": (60, 115, 6),
    "breathing_rate": (17, 12, 1),
}


@dataclass(frozen=True)
class DemoResult:
    user_id: int
    start: dt.date
    sessions: int
    missed: int
    stopped: int
    checkins: int
    flare_ups: int
    assessments: int
    jump_results: int


def _at(day: dt.date, hour: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC) + dt.timedelta(hours=hour)


def _ensure_plan(db: Session, user_id: int, start: dt.date, weeks: int) -> None:
    """Default screening, profile and programme where the user has none (or a later one)."""
    if latest_screening(db, user_id=user_id) is None:
        save_screening(
            db, user_id=user_id, answers=ScreeningAnswers.model_validate(answers_template())
        )
    if current_profile(db, user_id=user_id) is None:
        save_profile(
            db,
            user_id=user_id,
            profile=Profile(pain_now=6, equipment=["chair_or_box", "mat", "rope"]),
        )
    current = current_programme(db, user_id=user_id)
    if current is None or current[1].start > start:
        create_programme(db, user_id=user_id, start=start, weeks=min(weeks + 2, 52))


def _progress(rng: random.Random, key: str, frac: float) -> float:
    start, end, noise = TRENDS[key]
    m = MEASURES[key]
    value = start + (end - start) * frac + rng.gauss(0, noise)
    value = min(max(value, m.lo), m.hi)
    return round(value) if m.integer else round(value * 2) / 2


def _assess(db: Session, rng: random.Random, user_id: int, day: dt.date, frac: float) -> int:
    when = _at(day, 8.5)
    allowed = set(applicable_measures(db, user_id=user_id))
    count = 0
    for key in TRENDS:
        if key not in allowed:
            continue
        value = _progress(rng, key, frac)
        if key == "jump_test":
            bout = _save_bout(db, user_id, int(value), 60.0, when)
            record_jump_test_from_result(db, user_id=user_id, result_id=bout, taken_at=when)
        else:
            record_assessment(
                db, user_id=user_id, measure=key, value=value, source="demo", taken_at=when
            )
        count += 1
    if "peg" in allowed:
        base = 6.5 - 3 * frac
        items = [min(10, max(0, round(base + rng.gauss(0, 0.8)))) for _ in range(3)]
        record_peg(db, user_id=user_id, items=items, taken_at=when)
        count += 1
    if "who5" in allowed:
        base = 2.2 + 1.2 * frac
        items = [min(5, max(0, round(base + rng.gauss(0, 0.6)))) for _ in range(5)]
        record_who5(db, user_id=user_id, items=items, taken_at=when)
        count += 1
    return count


def _save_bout(db: Session, user_id: int, jumps: int, seconds: float, at: dt.datetime) -> int:
    """A jump-counter result, as if counted by hand ("manual"), through the jump log service."""
    step = seconds / max(jumps, 1)
    result = {
        "count": jumps,
        "events_s": [round(i * step, 2) for i in range(jumps)],
        "duration_s": round(seconds, 1),
        "active_s": round(seconds, 1),
        "style": "basic",
        "cadence_per_min": {"mean": round(60 / step, 1) if jumps else None, "series": []},
        "longest_streak": jumps,
        "misses": 0,
    }
    return save_jump_result(db, user_id=user_id, result=result, source="manual", recorded_at=at).id


def _backdate(db: Session, log: SessionLog, day: dt.date, hour: float) -> None:
    start = _at(day, hour)
    log.started_at = start
    elapsed = 0.0
    for step in db.scalars(select(StepLog).where(StepLog.session_id == log.id)):
        elapsed += step.seconds
        step.at = start + dt.timedelta(seconds=elapsed)
    log.finished_at = start + dt.timedelta(seconds=elapsed + 30)


def _do_session(
    db: Session, rng: random.Random, user_id: int, day: dt.date, pain: float, stop: bool
) -> tuple[SessionLog, int, float]:
    """Step through a session; return the log, the jumps done and the seconds of rope work."""
    log = start_session(db, user_id=user_id, session_date=day)
    steps = timeline_of(log).steps
    jumps, rope_s = 0.0, 0.0
    last = rng.randrange(len(steps) // 3, len(steps) * 2 // 3) if stop and steps else len(steps)
    for step in steps[:last]:
        skipped = rng.random() < 0.03
        seconds = 0.0 if skipped else step.duration_s * rng.uniform(0.92, 1.08)
        hurt = round(pain) if step.exercise_id and rng.random() < 0.02 else None
        record_step(
            db,
            user_id=user_id,
            session_id=log.id,
            step_index=step.index,
            status="skipped" if skipped else "done",
            seconds=round(seconds, 1),
            pain=hurt,
        )
        if step.cadence_per_min and step.kind in ("work", "cadence") and not skipped:
            jumps += seconds * step.cadence_per_min / 60 * rng.uniform(0.85, 1.0)
            rope_s += seconds
    status: FinishStatus = "stopped" if stop else "completed"
    log = finish_session(db, user_id=user_id, session_id=log.id, status=status)
    return log, round(jumps), rope_s


def fill_demo(
    db: Session, *, weeks: int, seed: int = 1, today: dt.date | None = None
) -> DemoResult:
    """Write ``weeks`` weeks of history ending yesterday for the local user."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"a demo history covers 1 to {MAX_WEEKS} weeks, not {weeks}")
    end = today or dt.date.today()
    start = end - dt.timedelta(weeks=weeks)
    user_id = get_or_create_local_user(db).id
    existing = db.scalar(
        select(func.count())
        .select_from(SessionLog)
        .where(SessionLog.user_id == user_id, SessionLog.session_date >= start)
    )
    if existing:
        raise InvalidInput(
            f"there are already {existing} sessions since {start.isoformat()}: the demo only "
            "fills an empty stretch of history (use a fresh LIMBER_HOME)"
        )
    rng = random.Random(f"{seed}/{weeks}")
    _ensure_plan(db, user_id, start, weeks)
    db.flush()
    total_days = (end - start).days
    keys = ("sessions", "missed", "stopped", "checkins", "flare_ups", "assess", "jump_results")
    counts = dict.fromkeys(keys, 0)
    day = start
    while True:
        planned = today_session(db, user_id=user_id, today=day)
        if planned is None or planned.date >= end:
            break
        day = planned.date + dt.timedelta(days=1)
        if rng.random() < 0.12:
            counts["missed"] += 1
            continue
        frac = (planned.date - start).days / max(total_days, 1)
        pain = 5.5 - 3 * frac + rng.gauss(0, 0.7)
        flare = rng.random() < 0.12
        stop = not flare and rng.random() < 0.05
        log, jumps, rope_s = _do_session(db, rng, user_id, planned.date, pain, stop)
        _backdate(db, log, planned.date, rng.choice([7.5, 12.5, 18.0, 19.5]))
        if jumps:
            _save_bout(db, user_id, jumps, rope_s, log.finished_at or _at(planned.date, 20))
            counts["jump_results"] += 1
        counts["sessions"] += 1
        counts["stopped"] += stop
        after = 6 + rng.randint(0, 1) if flare else max(0, round(pain - 1 + rng.gauss(0, 0.8)))
        during = min(10, max(0, round(pain - 1.5 if not flare else 5)))
        decision_day = planned.date
        record_checkin(
            db,
            user_id=user_id,
            session_id=log.id,
            checkin=CheckIn(
                pain_during=during, pain_after=min(after, 10), effort=rng.randint(4, 7)
            ),
            today=decision_day,
        )
        checkin = db.scalars(select(CheckInRecord).where(CheckInRecord.session_id == log.id)).one()
        checkin.at = log.finished_at or _at(planned.date, 20)
        counts["checkins"] += 1
        counts["flare_ups"] += flare
        next_day: NextDay = "worse" if flare and rng.random() < 0.7 else "settled"
        if not flare and rng.random() < 0.15:
            next_day = "same"
        record_next_day(
            db,
            user_id=user_id,
            checkin_id=checkin.id,
            next_day=next_day,
            today=planned.date + dt.timedelta(days=1),
        )
        checkin.next_day_at = _at(planned.date + dt.timedelta(days=1), 8)
        db.flush()
    for offset in range(0, total_days, REASSESS_DAYS):
        frac = offset / max(total_days, 1)
        counts["assess"] += _assess(db, rng, user_id, start + dt.timedelta(days=offset), frac)
    db.flush()
    return DemoResult(
        user_id=user_id,
        start=start,
        sessions=counts["sessions"],
        missed=counts["missed"],
        stopped=counts["stopped"],
        checkins=counts["checkins"],
        flare_ups=counts["flare_ups"],
        assessments=counts["assess"],
        jump_results=counts["jump_results"],
    )
