"""The safety state in words: what is allowed now, why, and what lifts it.

The CLI's ``limber status``, ``GET /api/safety`` and the web pages all say the same thing, so
the sentences are written once, here, from the stored facts
(:func:`limber.services.safety.safety_status`).
"""

import datetime as dt

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from limber.safety.facts import SafetyState, SafetyStatus
from limber.safety.screening import RedFlagFinding, load_questions
from limber.services.safety import (
    clearances,
    lapses_on,
    open_red_flag,
    rescreen_needed,
    result_of,
    safety_status,
)
from limber.services.weeks import as_utc, local_day
from limber.store.clearance import Clearance
from limber.vocab import CLEARANCE_LABELS, ClearanceKind

LIFT_RED_FLAG = (
    "A clinician's clearance, recorded after they have seen you: who they are, when you saw "
    "them and what they said. Answering the questions again cannot lift a red flag."
)
LIFT_READINESS = (
    "A readiness clearance: a doctor or qualified exercise professional says you may exercise "
    "harder (it lapses after 12 months or when a new answer is 'yes')."
)


class ClearanceOut(BaseModel):
    """One recorded clearance, as the history, the API and the clinician report show it."""

    id: int
    kind: ClearanceKind
    label: str
    clinician_name: str
    clinician_role: str | None = None
    seen_on: dt.date
    # The first day it no longer counts (12 months after the visit, R1).
    lapses_on: dt.date
    statement: str
    # The red-flag signs or readiness answers it answered when it was recorded.
    covers: list[str] = Field(default_factory=list)
    recorded_at: dt.datetime

    @classmethod
    def of(cls, row: Clearance) -> "ClearanceOut":
        return cls(
            id=row.id,
            kind=row.kind,
            label=CLEARANCE_LABELS.get(row.kind, row.kind),
            clinician_name=row.clinician_name,
            clinician_role=row.clinician_role,
            seen_on=row.seen_on,
            lapses_on=lapses_on(row),
            statement=row.statement,
            covers=[str(c) for c in row.covers or []],
            # Aware UTC on every store: SQLite reads it back naive, so without this the
            # fresh answer (``clearance add``) and the stored one (``clearance list``) differed.
            recorded_at=as_utc(row.recorded_at),
        )


def clearance_history(db: Session, *, user_id: int) -> list[ClearanceOut]:
    """Every clearance the person recorded, oldest first."""
    return [ClearanceOut.of(row) for row in clearances(db, user_id=user_id)]


class SafetySummary(BaseModel):
    """The safety state, what it allows, why, and what lifts it."""

    state: SafetyState
    headline: str
    allowed: str
    # What lifts the state (None when nothing needs lifting) and the clearance kind it takes.
    lifted_by: str | None = None
    needs_clearance: ClearanceKind | None = None
    reasons: list[str] = Field(default_factory=list)
    # The red-flag signs still waiting for clearance, most urgent first, and since when.
    red_flags: list[RedFlagFinding] = Field(default_factory=list)
    red_flag_since: dt.date | None = None
    # Why the red-flag questions are due again (the programme waits), if they are.
    rescreen: str | None = None
    clearances: list[str] = Field(default_factory=list)
    status: SafetyStatus


class ClearanceRecordedOut(BaseModel):
    """The answer to recording a clearance (``limber clearance add --json``): the clearance as
    stored and the safety state it leaves, so a script sees at once whether the hold lifted.

    ``POST /api/clearances`` answers with the ``clearance`` part alone (the page asks
    ``/api/safety`` next); both are built from the same two models.
    """

    clearance: ClearanceOut
    safety: SafetySummary


def _readiness_texts(ids: tuple[str, ...]) -> list[str]:
    texts = {q.id: q.text for q in load_questions().readiness}
    return [f'You answered "yes" to: {texts.get(i, i)}' for i in ids]


def summarise(db: Session, *, user_id: int, today: dt.date | None = None) -> SafetySummary:
    """The person's safety state in words, as every front end shows it."""
    day = today or dt.date.today()
    status = safety_status(db, user_id=user_id, today=day)
    flag_row = open_red_flag(db, user_id=user_id, today=day)
    flag = result_of(flag_row) if flag_row is not None else None
    rescreen = rescreen_needed(db, user_id=user_id, today=day)
    reasons: list[str] = []
    lifted_by: str | None = None
    needs: ClearanceKind | None = None
    if status.state in ("emergency", "stopped") and flag is not None:
        signs = "; ".join(f.sign for f in flag.red_flags)
        reasons = [f"{f.sign}: {f.advice}" for f in flag.red_flags]
        lifted_by, needs = LIFT_RED_FLAG, "red_flag"
        if status.state == "emergency":
            headline = flag.message.splitlines()[0]
            allowed = (
                "No session at all, not even breathing: get help now. Limber offers nothing "
                "until a clinician has seen you."
            )
        else:
            headline = f"Your programme is stopped because of a red flag: {signs}."
            allowed = "Only gentle breathing, until a clinician has seen you."
    elif status.state == "light":
        headline = "Light work only until a clearance is recorded."
        allowed = (
            "Breathing and gentle mobility (under 3 MET); no rope and nothing harder until a "
            "doctor or exercise professional clears you."
        )
        reasons = _readiness_texts(status.readiness_yes)
        lifted_by, needs = LIFT_READINESS, "readiness"
    else:
        headline = "Your programme runs as planned."
        allowed = "The whole programme, within the safety rules for your profile."
    if status.flare:
        reasons.append(
            f"You are in a flare (day {status.flare_days + 1}): the amount is halved and the "
            "rope pauses until your pain is back at its usual level for two days."
        )
    if rescreen is not None:
        reasons.append(
            f"The safety questions are due again ({rescreen}); the programme waits until you "
            "answer them (breathing stays)."
        )
    return SafetySummary(
        state=status.state,
        headline=headline,
        allowed=allowed,
        lifted_by=lifted_by,
        needs_clearance=needs,
        reasons=reasons,
        red_flags=list(flag.red_flags) if flag is not None else [],
        red_flag_since=local_day(flag_row.taken_at) if flag_row is not None else None,
        rescreen=rescreen,
        clearances=[CLEARANCE_LABELS.get(k, k) for k in status.clearances],
        status=status,
    )
