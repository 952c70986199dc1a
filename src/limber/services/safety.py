"""The safety state from what is stored: screenings, clinician clearances and the pain log.

A red flag stops the programme until the person records what a clinician said; answering
the questions again with every answer "no" does not lift it, because the clinician, not the
questionnaire, decides (issue 11, clinical.md 1). An emergency sign offers no session at all.
A readiness "yes" (PAR-Q+ structure, clinical.md 2) keeps the programme light (under 3 MET)
until a doctor or exercise professional clears it; that clearance lapses after 12 months or
when a new "yes" appears (clinical-rules.md R1). Re-screening is due after new or worse
symptoms, at a flare and every 4 weeks (R11).

The planner never reads the database: the service layer builds a
:class:`~limber.safety.facts.SafetyStatus` here and hands it to ``generate_programme``.
This module only reads (the store, never another service that plans), so onboarding,
check-ins and hurts can all ask it; recording a clearance is :mod:`limber.services.clearance`.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from limber.plan.progression import ProgressionState
from limber.safety.facts import SafetyState, SafetyStatus
from limber.safety.screening import RedFlagFinding, ScreeningResult, load_questions
from limber.services.pelvic_floor import pelvic_floor_reported
from limber.services.records import current_profile, current_programme_record
from limber.services.weeks import as_utc, local_day
from limber.store.assessments import Assessment
from limber.store.clearance import Clearance
from limber.store.hurts import HurtReport
from limber.store.models import CheckInRecord, Screening
from limber.vocab import CLEARANCE_KINDS, ClearanceKind

# clinical-rules.md R1: a clearance lapses after 12 months.
VALID_DAYS = 365
# clinical-rules.md R11 (design choice): the red-flag questions come back every 4 weeks.
RESCREEN_DAYS = 28
# A review clearance with no flare on counts for the window the flares are counted in (R7).
REVIEW_WINDOW_DAYS = 28


def lapses_on(clearance: Clearance) -> dt.date:
    """The first day a clearance no longer counts (R1: 12 months after the visit)."""
    return clearance.seen_on + dt.timedelta(days=VALID_DAYS)


def _valid_on(clearance: Clearance, today: dt.date) -> bool:
    return clearance.seen_on <= today < lapses_on(clearance)


def _after(clearance: Clearance, screening: Screening) -> bool:
    return as_utc(clearance.recorded_at) > as_utc(screening.taken_at)


def findings_of(row: Screening) -> list[RedFlagFinding]:
    return [RedFlagFinding.model_validate(f) for f in (row.result or {}).get("red_flags", [])]


def readiness_yes_of(row: Screening | None) -> tuple[str, ...]:
    if row is None:
        return ()
    given = (row.answers or {}).get("readiness", {})
    return tuple(q.id for q in load_questions().readiness if given.get(q.id))


def result_of(row: Screening) -> ScreeningResult:
    """A stored screening's result (its ``message`` is recomputed, never stored)."""
    data: dict[str, Any] = {k: v for k, v in (row.result or {}).items() if k != "message"}
    return ScreeningResult.model_validate(data)


@dataclass(frozen=True)
class SafetyHistory:
    screenings: list[Screening]  # oldest first
    clearances: list[Clearance]  # oldest first

    def of_kind(self, kind: str) -> list[Clearance]:
        return [c for c in self.clearances if c.kind == kind]

    @property
    def newest(self) -> Screening | None:
        return self.screenings[-1] if self.screenings else None


def safety_history(db: Session, user_id: int) -> SafetyHistory:
    screenings = db.scalars(
        select(Screening)
        .where(Screening.user_id == user_id)
        .order_by(Screening.taken_at, Screening.id)
    )
    rows = db.scalars(
        select(Clearance)
        .where(Clearance.user_id == user_id)
        .order_by(Clearance.recorded_at, Clearance.id)
    )
    return SafetyHistory(list(screenings), list(rows))


def _red_flag_cleared(row: Screening, history: SafetyHistory, today: dt.date) -> bool:
    """Whether a clinician's clearance answers this red-flag screening.

    A clearance recorded after the screening answers it. One recorded before answers a later
    screening only while it is valid and only if that screening names no sign the clinician
    was not told about and no emergency sign (those always need a fresh visit).
    """
    findings = findings_of(row)
    ids = {f.id for f in findings}
    emergency = any(f.urgency == "emergency" for f in findings)
    for c in history.of_kind("red_flag"):
        if _after(c, row):
            return True
        if not emergency and _valid_on(c, today) and ids <= set(c.covers or []):
            return True
    return False


def open_red_flags(history: SafetyHistory, today: dt.date) -> list[Screening]:
    return [
        row
        for row in history.screenings
        if row.outcome == "red_flag" and not _red_flag_cleared(row, history, today)
    ]


def _readiness_clearance(history: SafetyHistory, today: dt.date) -> Clearance | None:
    """The valid readiness clearance that covers the newest screening's "yes" answers."""
    newest = history.newest
    yes = set(readiness_yes_of(newest))
    for c in reversed(history.of_kind("readiness")):
        if not _valid_on(c, today):
            continue
        if newest is None or _after(c, newest) or yes <= set(c.covers or []):
            return c
    return None


@dataclass(frozen=True)
class _PainView:
    fields: dict[str, Any]
    flare_started: dt.date | None


def _pain_view(db: Session, user_id: int, today: dt.date) -> _PainView:
    """Flare facts from the pain log kept in the active programme's progression state."""
    try:
        from limber.safety.pain_monitor import pain_facts
    except ImportError:  # pragma: no cover - the module ships with the planner
        return _PainView({}, None)
    record = current_programme_record(db, user_id=user_id)
    if record is None or not record.progression:
        return _PainView({}, None)
    memory = ProgressionState.model_validate(record.progression)
    profile = current_profile(db, user_id=user_id)
    start_pain = profile.pain_now if profile else None
    peg = [
        (local_day(a.taken_at), a.value)
        for a in db.scalars(
            select(Assessment)
            .where(Assessment.user_id == user_id, Assessment.measure == "peg")
            .order_by(Assessment.taken_at)
        )
    ]
    facts = pain_facts(memory, today, peg=peg, start_pain=start_pain)
    return _PainView(facts.status_fields(), facts.flare_started)


def _valid_kinds(
    history: SafetyHistory, today: dt.date, state: SafetyState, pain: _PainView
) -> tuple[ClearanceKind, ...]:
    kinds: list[ClearanceKind] = []
    for kind in CLEARANCE_KINDS:
        rows = [c for c in history.of_kind(kind) if _valid_on(c, today)]
        if kind == "red_flag":
            ok = bool(rows) and state not in ("stopped", "emergency")
        elif kind == "readiness":
            ok = _readiness_clearance(history, today) is not None
        elif kind == "review":
            since = pain.flare_started or today - dt.timedelta(days=REVIEW_WINDOW_DAYS)
            ok = any(c.seen_on >= since for c in rows)
        else:
            ok = bool(rows)
        if ok:
            kinds.append(kind)  # type: ignore[arg-type]
    return tuple(kinds)


def _state(history: SafetyHistory, today: dt.date) -> SafetyState:
    open_flags = open_red_flags(history, today)
    if any(f.urgency == "emergency" for row in open_flags for f in findings_of(row)):
        return "emergency"
    if open_flags:
        return "stopped"
    if readiness_yes_of(history.newest) and _readiness_clearance(history, today) is None:
        return "light"
    return "active"


def safety_status(db: Session, *, user_id: int, today: dt.date | None = None) -> SafetyStatus:
    """What the stored history says about the person's safety on ``today``.

    Example: ``status = safety_status(db, user_id=1, today=dt.date.today())``, then
    ``generate_programme(profile, library, start=..., status=status)``.
    """
    day = today or dt.date.today()
    history = safety_history(db, user_id)
    state = _state(history, day)
    pain = _pain_view(db, user_id, day)
    return SafetyStatus(
        state=state,
        readiness_yes=readiness_yes_of(history.newest),
        clearances=_valid_kinds(history, day, state, pain),
        pelvic_floor_symptoms_now=pelvic_floor_reported(db, user_id=user_id),
        **pain.fields,
    )


def open_red_flag(db: Session, *, user_id: int, today: dt.date | None = None) -> Screening | None:
    """The newest red-flag screening no clearance answers yet (what keeps a person stopped)."""
    open_flags = open_red_flags(safety_history(db, user_id), today or dt.date.today())
    emergency = [r for r in open_flags if any(f.urgency == "emergency" for f in findings_of(r))]
    # An emergency sign speaks first: it decides what the person must do now.
    chosen = emergency or open_flags
    return chosen[-1] if chosen else None


def rescreen_needed(db: Session, *, user_id: int, today: dt.date | None = None) -> str | None:
    """Why the red-flag questions must be answered again before the programme goes on.

    New or worse symptoms in a check-in or a "this hurts" report since the last screening, a
    last screening 4 weeks old or more, or a flare that began after it (R11). ``None`` when
    nothing is due (or the person was never screened: onboarding asks first anyway).
    """
    day = today or dt.date.today()
    last = safety_history(db, user_id).newest
    if last is None:
        return None
    due = rescreen_due(db, user_id=user_id)
    if due is not None:
        when = getattr(due, "at", None)
        on = f" on {local_day(when).isoformat()}" if isinstance(when, dt.datetime) else ""
        return f"you reported new or worse symptoms{on}"
    hurt = hurt_rescreen_due(db, user_id=user_id, since=last.taken_at)
    if hurt is not None:
        return f'you reported new symptoms with "this hurts" on {local_day(hurt.at).isoformat()}'
    taken = local_day(last.taken_at)
    age = (day - taken).days
    if age >= RESCREEN_DAYS:
        return (
            f"you last answered the safety questions {age} days ago ({taken.isoformat()}); "
            "they are asked again every 4 weeks"
        )
    flare = _pain_view(db, user_id, day)
    if flare.fields.get("flare") and flare.flare_started and flare.flare_started > taken:
        return f"a flare began on {flare.flare_started.isoformat()}"
    return None


def clearances(db: Session, *, user_id: int) -> list[Clearance]:
    """Every clearance the person recorded, oldest first (the history and the report)."""
    return safety_history(db, user_id).clearances


# --- what asks for the safety questions again ----------------------------------------


def rescreen_due(db: Session, *, user_id: int) -> CheckInRecord | None:
    """The check-in that asked for the red-flag questions again, if no screening followed."""
    last_screening = (
        select(func.max(Screening.taken_at)).where(Screening.user_id == user_id).scalar_subquery()
    )
    return db.scalar(
        select(CheckInRecord)
        .where(
            CheckInRecord.user_id == user_id,
            CheckInRecord.rescreen.is_(True),
            (func.coalesce(CheckInRecord.next_day_at, CheckInRecord.at) > last_screening)
            | last_screening.is_(None),
        )
        .order_by(CheckInRecord.at.desc(), CheckInRecord.id.desc())
        .limit(1)
    )


def hurt_rescreen_due(db: Session, *, user_id: int, since: dt.datetime | None) -> HurtReport | None:
    """The newest "this hurts" report with symptoms made after ``since``, if any.

    ``since`` is the moment of the last screening (None: never screened, every report
    counts). A report returned here means the red-flag questions are due again.
    """
    query = select(HurtReport).where(HurtReport.user_id == user_id)
    if since is not None:
        query = query.where(HurtReport.at > since)
    for row in db.scalars(query.order_by(HurtReport.at.desc(), HurtReport.id.desc())):
        if row.symptoms:
            return row
    return None
