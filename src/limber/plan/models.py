"""The shapes a programme is made of: shared by the planner, the store, the CLI and the web.

These are plain pydantic models so they serialise to JSON for the API, the store and the
backup without any extra mapping.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from limber.content.schema import Dosage
from limber.vocab import BlockKind, Condition, Equipment, Pillar

_DEFAULT_EQUIPMENT: tuple[Equipment, ...] = ("chair_or_box", "mat")

PainScore = Annotated[int, Field(ge=0, le=10)]


class Profile(BaseModel):
    """What the planner needs to know about a person."""

    model_config = ConfigDict(extra="forbid")

    pain_area: Literal["low_back", "mid_back", "upper_back", "whole_back"] = "low_back"
    duration: Literal["acute", "subacute", "chronic"] = "chronic"
    aggravated_by: Literal["bending_forward", "bending_back", "neither", "both"] = "neither"
    pain_now: PainScore = 3
    conditions: list[Condition] = Field(default_factory=list)
    fitness: Literal["low", "moderate", "high"] = "moderate"
    rope_experience: Literal["none", "some", "regular"] = "none"
    equipment: list[Equipment] = Field(default_factory=lambda: list(_DEFAULT_EQUIPMENT))
    minutes_per_session: Annotated[int, Field(ge=10, le=90)] = 30
    # Monday = 0 ... Sunday = 6
    weekdays: Annotated[list[Annotated[int, Field(ge=0, le=6)]], Field(min_length=1)] = Field(
        default_factory=lambda: [0, 2, 4]
    )
    body_weight_kg: Annotated[float, Field(ge=25, le=300)] | None = None
    age: Annotated[int, Field(ge=16, le=110)] | None = None

    @field_validator("weekdays")
    @classmethod
    def _sorted_unique(cls, value: list[int]) -> list[int]:
        return sorted(set(value))

    @field_validator("conditions", "equipment")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @property
    def days_per_week(self) -> int:
        return len(self.weekdays)


class PlannedExercise(BaseModel):
    """One exercise in a session, with its dose and the reason it was chosen."""

    id: str
    name: str
    pillar: Pillar
    dose: Dosage
    minutes: float
    why: str
    # What this person should take care with in this exercise (from limber.safety.rules).
    cautions: list[str] = Field(default_factory=list)
    # The harder and easier versions this person may safely move to (None: there is none).
    # Set by the planner, which knows the profile; progression reads them and never guesses.
    harder: str | None = None
    easier: str | None = None


class Block(BaseModel):
    """A block of a session (opening breathing, mobility, strength, rope, closing breathing)."""

    kind: BlockKind
    title: str
    exercises: list[PlannedExercise]
    # Set when the block differs from the usual (e.g. rope-less instead of rope), and why.
    substitution: str | None = None
    # Rope block only: the next rope skill this person may move on to (None at the top, or
    # when nothing harder is safe for them). Progression reads it; it never guesses.
    rope_next: str | None = None


class PlannedSession(BaseModel):
    """One day's session of a programme."""

    date: dt.date
    week: int
    number: int
    minutes: float
    light_week: bool = False
    blocks: list[Block]

    @property
    def pillars(self) -> set[str]:
        return {ex.pillar for block in self.blocks for ex in block.exercises}


class Programme(BaseModel):
    """A run of planned sessions, with the notes that explain its overall shape."""

    start: dt.date
    weeks: int
    sessions: list[PlannedSession]
    notes: list[str] = Field(default_factory=list)
    # Set when screening found a red flag: only breathing may be planned.
    breathing_only: bool = False


Verdict = Literal["green", "amber", "red"]


class CheckIn(BaseModel):
    """The user's report after a session (and, the next day, whether pain settled)."""

    model_config = ConfigDict(extra="forbid")

    pain_during: PainScore
    pain_after: PainScore
    effort: PainScore
    next_day: Literal["settled", "same", "worse"] | None = None
    new_leg_symptoms: bool = False
    note: Annotated[str, Field(max_length=2000)] = ""
