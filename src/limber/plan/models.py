"""The shapes a programme is made of: shared by the planner, the store, the CLI and the web.

These are plain pydantic models so they serialise to JSON for the API, the store and the
backup without any extra mapping.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from limber.content.schema import Dosage
from limber.profile import PainScore
from limber.safety.pain import Symptom
from limber.vocab import BlockKind, Pillar


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
    # Rope block only: the work:rest stage its dose was scaled by (progression reads it; the
    # dose itself is the skill's own, so the stage cannot be recovered from it).
    rope_stage: int | None = None


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
    """The user's report after a session (and, the next day, whether pain settled).

    ``symptoms`` is the short list of new or worse symptoms (limber.safety.pain.SYMPTOMS);
    any of them asks the red-flag questions again. ``new_leg_symptoms`` is still accepted
    (older clients) and stands for the "leg" item; the two are kept in step.
    """

    model_config = ConfigDict(extra="forbid")

    pain_during: PainScore
    pain_after: PainScore
    effort: PainScore
    next_day: Literal["settled", "same", "worse"] | None = None
    # Pain on the next morning, 0-10 (with ``next_day``; optional for older clients).
    morning_pain: PainScore | None = None
    # Asked after every session with jumping (clinical-rules.md R4: before each rope
    # level-up): leaking, heaviness or a bulge while jumping. None = not asked/answered.
    pelvic_floor_symptoms: bool | None = None
    symptoms: list[Symptom] = Field(default_factory=list)
    new_leg_symptoms: bool = False
    note: Annotated[str, Field(max_length=2000)] = ""

    @model_validator(mode="after")
    def _leg_symptoms_in_the_list(self) -> "CheckIn":
        if self.new_leg_symptoms and "leg" not in self.symptoms:
            self.symptoms = ["leg", *self.symptoms]
        self.symptoms = list(dict.fromkeys(self.symptoms))
        self.new_leg_symptoms = "leg" in self.symptoms
        return self
