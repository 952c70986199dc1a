"""The safety state from what is stored: screenings, clinician clearances and the pain log.

A red flag stops the programme until the person records what a clinician said; answering
the questions again with every answer "no" does not lift it, because the clinician, not the
questionnaire, decides (issue 11, clinical.md 1). An emergency sign offers no session at all.
A readiness "yes" (PAR-Q+ structure, clinical.md 2) keeps the programme light (under 3 MET)
until a doctor or exercise professional clears it; that clearance lapses after 12 months or
when a new "yes" appears (clinical-rules.md R1). Re-screening is due after new or worse
symptoms, at a flare and every 4 weeks (R11).

The planner never reads the database: the track layer builds a
:class:`~limber.safety.facts.SafetyStatus` here and hands it to ``generate_programme``.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.plan.models import Profile, Programme
from limber.plan.progression import ProgressionState
from limber.safety.facts import SafetyState, SafetyStatus
from limber.safety.screening import RedFlagFinding, ScreeningResult, load_questions
from limber.services.errors import InvalidInput
from limber.services.pelvic_floor import pelvic_floor_reported
from limber.store.assessments import Assessment
from limber.store.clearance import Clearance
from limber.store.models import ProfileRecord, ProgrammeRecord, Screening
from limber.vocab import CLEARANCE_KINDS, ClearanceKind

# clinical-rules.md R1: a clearance lapses after 12 months.
VALID_DAYS = 365
# clinical-rules.md R11 (design choice): the red-flag questions come back every 4 weeks.
RESCREEN_DAYS = 28
# A review clearance with no flare on counts for the window the flares are counted in (R7).
REVIEW_WINDOW_DAYS = 28
MAX_NAME = 120
MAX_STATEMENT = 2000


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite hands datetimes back naive, PostgreSQL aware; Limber stores UTC either way.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    """The day a stored moment fell on in the user's own calendar (``date.today()``'s)."""
    return _utc(moment).astimezone().date()


def lapses_on(clearance: Clearance) -> dt.date:
    """The first day a clearance no longer counts (R1: 12 months after the visit)."""
    return clearance.seen_on + dt.timedelta(days=VALID_DAYS)


def _valid_on(clearance: Clearance, today: dt.date) -> bool:
    return clearance.seen_on <= today < lapses_on(clearance)


def _after(clearance: Clearance, screening: Screening) -> bool:
    return _utc(clearance.recorded_at) > _utc(screening.taken_at)


def _findings(row: Screening) -> list[RedFlagFinding]:
    return [RedFlagFinding.model_validate(f) for f in (row.result or {}).get("red_flags", [])]


def _readiness_yes(row: Screening | None) -> tuple[str, ...]:
    if row is None:
        return ()
    given = (row.answers or {}).get("readiness", {})
    return tuple(q.id for q in load_questions().readiness if given.get(q.id))


def result_of(row: Screening) -> ScreeningResult:
    """A stored screening's result (its ``message`` is recomputed, never stored)."""
    data: dict[str, Any] = {k: v for k, v in (row.result or {}).items() if k != "message"}
    return ScreeningResult.model_validate(data)


@dataclass(frozen=True)
class _History:
    screenings: list[Screening]  # oldest first
    clearances: list[Clearance]  # oldest first

    def of_kind(self, kind: str) -> list[Clearance]:
        return [c for c in self.clearances if c.kind == kind]

    @property
    def newest(self) -> Screening | None:
        return self.screenings[-1] if self.screenings else None


def _history(db: Session, user_id: int) -> _History:
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
    return _History(list(screenings), list(rows))


def _red_flag_cleared(row: Screening, history: _History, today: dt.date) -> bool:
    """Whether a clinician's clearance answers this red-flag screening.

    A clearance recorded after the screening answers it. One recorded before answers a later
    screening only while it is valid and only if that screening names no sign the clinician
    was not told about and no emergency sign (those always need a fresh visit).
    """
    findings = _findings(row)
    ids = {f.id for f in findings}
    emergency = any(f.urgency == "emergency" for f in findings)
    for c in history.of_kind("red_flag"):
        if _after(c, row):
            return True
        if not emergency and _valid_on(c, today) and ids <= set(c.covers or []):
            return True
    return False


def _open_red_flags(history: _History, today: dt.date) -> list[Screening]:
    return [
        row
        for row in history.screenings
        if row.outcome == "red_flag" and not _red_flag_cleared(row, history, today)
    ]


def _readiness_clearance(history: _History, today: dt.date) -> Clearance | None:
    """The valid readiness clearance that covers the newest screening's "yes" answers."""
    newest = history.newest
    yes = set(_readiness_yes(newest))
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
    record = _active_programme(db, user_id)
    if record is None or not record.progression:
        return _PainView({}, None)
    memory = ProgressionState.model_validate(record.progression)
    profile_row = db.scalar(
        select(ProfileRecord)
        .where(ProfileRecord.user_id == user_id)
        .order_by(ProfileRecord.saved_at.desc(), ProfileRecord.id.desc())
        .limit(1)
    )
    start_pain = Profile.model_validate(profile_row.data).pain_now if profile_row else None
    peg = [
        (local_date(a.taken_at), a.value)
        for a in db.scalars(
            select(Assessment)
            .where(Assessment.user_id == user_id, Assessment.measure == "peg")
            .order_by(Assessment.taken_at)
        )
    ]
    facts = pain_facts(memory, today, peg=peg, start_pain=start_pain)
    names = set(SafetyStatus.model_fields) & set(type(facts).model_fields)
    return _PainView({n: getattr(facts, n) for n in names}, facts.flare_started)


def _active_programme(db: Session, user_id: int) -> ProgrammeRecord | None:
    return db.scalar(
        select(ProgrammeRecord)
        .where(ProgrammeRecord.user_id == user_id, ProgrammeRecord.active.is_(True))
        .order_by(ProgrammeRecord.created_at.desc(), ProgrammeRecord.id.desc())
        .limit(1)
    )


def _valid_kinds(
    history: _History, today: dt.date, state: SafetyState, pain: _PainView
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


def _state(history: _History, today: dt.date) -> SafetyState:
    open_flags = _open_red_flags(history, today)
    if any(f.urgency == "emergency" for row in open_flags for f in _findings(row)):
        return "emergency"
    if open_flags:
        return "stopped"
    if _readiness_yes(history.newest) and _readiness_clearance(history, today) is None:
        return "light"
    return "active"


def safety_status(db: Session, *, user_id: int, today: dt.date | None = None) -> SafetyStatus:
    """What the stored history says about the person's safety on ``today``.

    Example: ``status = safety_status(db, user_id=1, today=dt.date.today())``, then
    ``generate_programme(profile, library, start=..., status=status)``.
    """
    day = today or dt.date.today()
    history = _history(db, user_id)
    state = _state(history, day)
    pain = _pain_view(db, user_id, day)
    return SafetyStatus(
        state=state,
        readiness_yes=_readiness_yes(history.newest),
        clearances=_valid_kinds(history, day, state, pain),
        pelvic_floor_symptoms_now=pelvic_floor_reported(db, user_id=user_id),
        **pain.fields,
    )


def open_red_flag(db: Session, *, user_id: int, today: dt.date | None = None) -> Screening | None:
    """The newest red-flag screening no clearance answers yet (what keeps a person stopped)."""
    open_flags = _open_red_flags(_history(db, user_id), today or dt.date.today())
    emergency = [r for r in open_flags if any(f.urgency == "emergency" for f in _findings(r))]
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
    last = _history(db, user_id).newest
    if last is None:
        return None
    # Imported here: check-ins plan through limber.services.onboarding, which reads this module.
    from limber.services.checkins import rescreen_due

    due = rescreen_due(db, user_id=user_id)
    if due is not None:
        when = getattr(due, "at", None)
        on = f" on {local_date(when).isoformat()}" if isinstance(when, dt.datetime) else ""
        return f"you reported new or worse symptoms{on}"
    try:
        from limber.services.hurts import hurt_rescreen_due
    except ImportError:  # pragma: no cover - the module ships with the player
        hurt = None
    else:
        hurt = hurt_rescreen_due(db, user_id=user_id, since=last.taken_at)
    if hurt is not None:
        return f'you reported new symptoms with "this hurts" on {local_date(hurt.at).isoformat()}'
    taken = local_date(last.taken_at)
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


# --- clearances ----------------------------------------------------------------------------


def _text(
    value: object, what: str, limit: int, *, required: bool, one_line: bool = True
) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{what} is required and cannot be blank")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text")
    text = " ".join(value.split()) if one_line else value.strip()
    if len(text) > limit:
        raise InvalidInput(f"{what} is at most {limit} characters, not {len(text)}")
    return text


def _check_date(seen_on: object, today: dt.date) -> dt.date:
    if seen_on is None or seen_on == "":
        raise InvalidInput("the date you saw the clinician is required (YYYY-MM-DD)")
    if isinstance(seen_on, str):
        try:
            seen_on = dt.date.fromisoformat(seen_on.strip())
        except ValueError:
            raise InvalidInput(
                f"the date you saw the clinician must look like 2026-01-31, not {seen_on!r}"
            ) from None
    if not isinstance(seen_on, dt.date) or isinstance(seen_on, dt.datetime):
        raise InvalidInput("the date you saw the clinician must be a date (YYYY-MM-DD)")
    if seen_on > today:
        raise InvalidInput(
            f"the date you saw the clinician ({seen_on.isoformat()}) is in the future; "
            "record a clearance after the visit"
        )
    if seen_on + dt.timedelta(days=VALID_DAYS) <= today:
        raise InvalidInput(
            f"a clearance from {seen_on.isoformat()} is more than 12 months old and has "
            "lapsed; please see the clinician again"
        )
    return seen_on


def record_clearance(
    db: Session,
    user_id: int,
    kind: str,
    clinician_name: str,
    seen_on: dt.date | str | None,
    statement: str,
    clinician_role: str | None = None,
    *,
    today: dt.date | None = None,
) -> Clearance:
    """Store a clinician's clearance, typed by the person, and replan what it changes.

    Every problem is an :class:`InvalidInput` with a specific message and nothing is
    stored: a blank name or statement, a missing, malformed, future or lapsed date, an
    unknown kind, or a red-flag clearance when no red flag waits for one (or dated before
    the red flag was reported: the clinician must have seen it).
    """
    day = today or dt.date.today()
    if not kind:
        raise InvalidInput(
            f"the kind of clearance is required: one of {', '.join(CLEARANCE_KINDS)}"
        )
    if kind not in CLEARANCE_KINDS:
        raise InvalidInput(
            f"the kind of clearance is one of {', '.join(CLEARANCE_KINDS)}, not {kind!r}"
        )
    name = _text(clinician_name, "the clinician's name", MAX_NAME, required=True)
    role = _text(clinician_role, "the clinician's role", MAX_NAME, required=False)
    said = _text(statement, "what the clinician said", MAX_STATEMENT, required=True, one_line=False)
    seen = _check_date(seen_on, day)
    history = _history(db, user_id)
    covers: list[str] = []
    if kind == "red_flag":
        open_flags = _open_red_flags(history, day)
        if not open_flags:
            raise InvalidInput("there is no red flag waiting for a clinician's clearance")
        reported = local_date(open_flags[-1].taken_at)
        if seen < reported:
            raise InvalidInput(
                f"the red flag was reported on {reported.isoformat()}: the clearance must come "
                f"from a visit on or after that day, not {seen.isoformat()}"
            )
        covers = list(dict.fromkeys(f.id for row in open_flags for f in _findings(row)))
    elif kind == "readiness":
        covers = list(_readiness_yes(history.newest))
    before = safety_status(db, user_id=user_id, today=day)
    row = Clearance(
        user_id=user_id,
        kind=kind,
        clinician_name=name,
        clinician_role=role,
        seen_on=seen,
        statement=said,
        covers=covers,
    )
    db.add(row)
    db.flush()
    refresh_plan(db, user_id=user_id, before=before, today=day)
    return row


def clearances(db: Session, *, user_id: int) -> list[Clearance]:
    """Every clearance the person recorded, oldest first (the history and the report)."""
    return _history(db, user_id).clearances


def refresh_plan(db: Session, *, user_id: int, before: SafetyStatus, today: dt.date) -> None:
    """Replan from ``today`` when the safety state moved (a screening or a clearance).

    The sessions ahead must follow the new state at once: a clearance opens the full
    programme, a readiness "yes" makes it light. A stopped programme is left as it was
    (today's session is breathing only, or nothing after an emergency sign), so a clearance
    later picks it up where it paused.
    """
    after = safety_status(db, user_id=user_id, today=today)
    if after == before or after.state not in ("active", "light"):
        return
    # Imported here: both modules build on this one.
    from limber.services.checkins import replan_from
    from limber.services.onboarding import create_programme, current_profile

    record = _active_programme(db, user_id)
    if record is not None and not Programme.model_validate(record.data).breathing_only:
        state = ProgressionState.model_validate(record.progression or {})
        replan_from(db, user_id=user_id, record=record, state=state, cutoff=today)
    elif current_profile(db, user_id=user_id) is not None:
        create_programme(db, user_id=user_id, start=today)
