"""The progression state and the shapes of its decisions (kept by the store as JSON).

Split from :mod:`limber.plan.progression` so the movement mechanics, the undo of a step up
and the decision rules can each live in a small module; import them from
``limber.plan.progression``.
"""

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from limber.plan.models import Verdict
from limber.safety.pain_monitor import FlareSpan, PainEntry

# What a check-in or next-morning answer led to:
# "progress": the load went up (only after a settled next morning);
# "wait": a good check-in; the load waits for the next-morning answer;
# "hold": nothing changes (and the reason says why);
# "regress": the load comes down;
# "flare": a flare began: down, volume halved and rope paused (through the safety gate);
# "pause": the programme pauses for a clinician review (a long flare or repeated flares).
DecisionKind = Literal["progress", "wait", "hold", "regress", "flare", "pause"]
SEVERITY: dict[DecisionKind, int] = {
    "progress": 0,
    "wait": 1,
    "hold": 2,
    "regress": 3,
    "flare": 4,
    "pause": 5,
}


class Change(BaseModel):
    """One explained change to the plan."""

    exercise_id: str | None
    what: str
    before: str
    after: str
    reason: str


class Decision(BaseModel):
    """What a check-in led to: the verdict, the changes and a message for the user."""

    verdict: Verdict
    kind: DecisionKind = "hold"
    # The main reason in plain words (the message adds what happens next).
    reason: str = ""
    changes: list[Change] = Field(default_factory=list)
    # The red-flag questions must be answered again before the next session.
    rescreen: bool = False
    # A clinician should review the programme (a long flare, repeated flares, no progress).
    review: bool = False
    message: str


class HistoryEntry(BaseModel):
    """One decision, kept so the user can see why their plan looks as it does."""

    session_date: dt.date | None = None
    session_number: int | None = None
    source: Literal["checkin", "next_day"] = "checkin"
    verdict: Verdict
    # None in states stored before decisions had kinds (a green check-in then stepped up).
    kind: DecisionKind | None = None
    # The day the decision was made (a late answer is made after later sessions).
    day: dt.date | None = None
    changes: list[Change] = Field(default_factory=list)
    # The state before this decision, so a later "worse next morning" can undo a step up.
    before: dict[str, Any] | None = None
    # Set when a later "worse" took this step up back, so it is not taken back twice.
    undone: bool = False
    # The check-in's pelvic-floor answer (R4): a new rope skill only after an explicit "no".
    pelvic_floor_clear: bool | None = None


class ProgressionState(BaseModel):
    """Where each exercise and the rope work stand, and how they got there."""

    # Dose level per exercise id (0 = library default; see limber.plan.dosing).
    levels: dict[str, int] = Field(default_factory=dict)
    # Exercise id -> the progression or regression that replaces it.
    swaps: dict[str, str] = Field(default_factory=dict)
    # Current rung of the rope skill ladder (an exercise id) and interval stage index.
    rope_skill: str | None = None
    rope_stage: int | None = None
    checkins: int = 0
    history: list[HistoryEntry] = Field(default_factory=list)
    # Pain monitoring with memory (limber.safety.pain_monitor): every pain score reported,
    # the flares found in them, and the pain at the start (profile.pain_now).
    pain_log: list[PainEntry] = Field(default_factory=list)
    flares: list[FlareSpan] = Field(default_factory=list)
    start_pain: int | None = None

    def resolve(self, exercise_id: str) -> str:
        """Follow the swaps from an exercise to the one that currently stands in for it."""
        seen = {exercise_id}
        current = exercise_id
        while current in self.swaps and self.swaps[current] not in seen:
            current = self.swaps[current]
            seen.add(current)
        return current

    def level(self, exercise_id: str, default: int = 0) -> int:
        return self.levels.get(exercise_id, default)


# The fields a step up changes: what a snapshot keeps and an undo restores.
SNAPSHOT_FIELDS = {"levels", "swaps", "rope_skill", "rope_stage"}


def snapshot(state: ProgressionState) -> dict[str, Any]:
    return state.model_dump(mode="json", include=SNAPSHOT_FIELDS)
