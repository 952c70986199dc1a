"""The person as the planner and the safety rules both see them: the profile answers.

It sits below ``safety/`` and ``plan/`` (both read it, neither owns it), so the safety rules
can judge a profile without importing the planner that reads their verdicts.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from limber.limits import PAIN_MAX, PAIN_MIN
from limber.vocab import Condition, Equipment, SurgeryType

_DEFAULT_EQUIPMENT: tuple[Equipment, ...] = ("chair_or_box", "mat")

PainScore = Annotated[int, Field(ge=PAIN_MIN, le=PAIN_MAX)]


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
    # The day these answers were given: weeks of pregnancy or since a birth count on from it.
    as_of: dt.date | None = None
    # Facts the safety pathways need (limber/safety/rules/*.yaml); each implies its condition.
    pregnancy_week: Annotated[int, Field(ge=0, le=42)] | None = None
    weeks_postpartum: Annotated[int, Field(ge=0, le=104)] | None = None
    spinal_surgery_date: dt.date | None = None
    spinal_surgery_type: SurgeryType | None = None
    # Sciatica: leg pain worse than back pain keeps the rope away (clinical-rules.md R6).
    leg_pain_worse_than_back: bool = False
    hip_replacement_approach: Literal["posterior", "anterior", "lateral", "unknown"] | None = None

    @field_validator("spinal_surgery_date")
    @classmethod
    def _not_future(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > dt.date.today():
            raise ValueError(
                f"the spinal surgery date {value.isoformat()} is in the future; give the date "
                "of an operation you have had"
            )
        return value

    @model_validator(mode="after")
    def _facts_imply_conditions(self) -> "Profile":
        # A fact given without its condition ticked still counts: the pathway must apply.
        implied: list[Condition] = []
        if self.pregnancy_week is not None:
            implied.append("pregnancy")
        if self.weeks_postpartum is not None:
            implied.append("postpartum")
        if self.spinal_surgery_date is not None or self.spinal_surgery_type is not None:
            implied.append("recent_spinal_surgery")
        if self.hip_replacement_approach is not None:
            implied.append("hip_replacement")
        if self.leg_pain_worse_than_back:
            implied.append("sciatica")
        missing = [c for c in implied if c not in self.conditions]
        if missing:
            self.conditions = [*self.conditions, *missing]
        return self

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
