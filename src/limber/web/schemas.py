"""Request and response shapes of the JSON API, apart from the tables and the domain models.

Requests forbid unknown fields and bound every number, so a typo or a wild value is a 422
with a readable message instead of reaching a service.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from limber.plan.models import CheckIn
from limber.profile import PainScore
from limber.services.hurts import SYMPTOMS, Symptom
from limber.session.models import Timeline


class StrictIn(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionStart(StrictIn):
    """Start (or resume) the session planned for ``date`` (default: today)."""

    date: dt.date | None = None


class StepRecord(StrictIn):
    """One step of the timeline, done or skipped, with the seconds spent and any pain."""

    step_index: Annotated[int, Field(ge=0, le=100_000)]
    status: Literal["done", "skipped"]
    seconds: Annotated[float, Field(ge=0, le=86_400, allow_inf_nan=False)]
    pain: PainScore | None = None


class SessionFinish(StrictIn):
    status: Literal["completed", "stopped"] = "completed"


class NextDayIn(StrictIn):
    next_day: Literal["settled", "same", "worse"]
    # Pain this morning, 0-10: feeds the baseline and the flare rule (optional for old clients).
    morning_pain: PainScore | None = None


class ProgrammeCreate(StrictIn):
    weeks: Annotated[int, Field(ge=1, le=52)] = 8
    start: dt.date | None = None


class PlayerExercise(BaseModel):
    """What the player shows of an exercise, its figure included (inline SVG).

    No easier or harder versions: what the player may offer instead is the server's
    per-session ``SessionOut.swaps``, which the safety gate chose for this person.
    """

    id: str
    name: str
    pillar: str
    summary: str
    steps: list[str]
    cues: list[str]
    figure: str = ""


class ExerciseInfo(PlayerExercise):
    """An exercise of the library as the exercise pages and ``/api/exercises`` show it."""

    regressions: list[str]


class SessionOut(BaseModel):
    """A session log as the player reads it: the stored timeline and where to resume."""

    id: int
    date: dt.date
    status: str
    resume_at: int
    timeline: Timeline
    exercises: dict[str, PlayerExercise]
    # Exercise id -> the easier version "this hurts" may offer (None: nothing safe to offer).
    swaps: dict[str, str | None] = Field(default_factory=dict)
    block_titles: dict[str, str]
    checkin_id: int | None = None


class HurtIn(StrictIn):
    """A "this hurts" report: the step, the pain now and any new or worse symptoms."""

    step_index: Annotated[int, Field(ge=0, le=100_000)]
    pain: PainScore
    symptoms: Annotated[list[Symptom], Field(max_length=len(SYMPTOMS))] = Field(
        default_factory=list
    )


class SwapOut(BaseModel):
    id: str
    name: str


class HurtOut(BaseModel):
    """What to do after "this hurts": the safe easier version (if any) and the advice."""

    swap: SwapOut | None
    advice: str
    stop_exercise: bool
    stop_session: bool = False
    rescreen: bool


class StepOut(BaseModel):
    step_index: int
    status: str
    pain: int | None
    resume_at: int


class DecisionOut(BaseModel):
    """What a check-in (or the next-day answer) changed, each change with its reason."""

    checkin_id: int
    verdict: str
    message: str
    rescreen: bool = False
    changes: list[dict[str, Any]] = Field(default_factory=list)


class CheckInOut(CheckIn):
    """A stored check-in with the decision it led to and, later, the next-day answer's.

    The person's answers are :class:`CheckIn`'s own fields, so the API shows exactly what
    the check-in asks (a field added there appears here too).
    """

    model_config = ConfigDict(extra="ignore")

    id: int
    session_id: int
    at: dt.datetime
    verdict: str
    message: str
    rescreen: bool
    changes: list[dict[str, Any]]
    next_day_verdict: str | None
    next_day_message: str = ""
    next_day_changes: list[dict[str, Any]] = Field(default_factory=list)
