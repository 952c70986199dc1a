"""Selection preferences as one table of (condition, weight, reason): ``preferences.yaml``.

The scorer (:func:`score`, used by :mod:`limber.plan.selection`) adds up the weights of the
rows that apply; :mod:`limber.plan.why` says the reasons of the same rows. Both read
:func:`matching`, so the stated reason cannot drift from the one that moved the exercise.
"""

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from limber.content.loader import LibraryError, Problem, check_yaml_model
from limber.content.questionnaire import allowed_values
from limber.content.schema import Exercise
from limber.profile import Profile
from limber.safety.facts import Person
from limber.safety.gate import judge

PREFERENCES_FILE = Path(__file__).with_name("preferences.yaml")


class Preference(BaseModel):
    """One row: when it applies, how much it moves the exercise, and the reason said."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    profile: dict[str, list[str]] = Field(default_factory=dict)
    tags_any: list[str] = Field(default_factory=list)
    tags_none: list[str] = Field(default_factory=list)
    min_difficulty: Annotated[int, Field(ge=1, le=3)] | None = None
    has_cautions: bool | None = None
    weight: int
    reason: str

    @model_validator(mode="after")
    def _fits_the_profile(self) -> "Preference":
        if self.weight == 0:
            raise ValueError("weight 0 changes no score: give the row a weight or remove it")
        try:
            self.reason.format(area="back", fitness="moderate")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"the reason may use only {{area}} and {{fitness}} ({exc})") from None
        for field, values in self.profile.items():
            if field not in Profile.model_fields:
                raise ValueError(f"profile.{field} is not a field of the profile")
            allowed = allowed_values(field)
            wrong = [v for v in values if allowed is not None and v not in allowed]
            if wrong:
                raise ValueError(f"profile.{field}: {wrong} are not among {allowed}")
        return self

    def applies(self, exercise: Exercise, person: Person) -> bool:
        """Whether every condition of the row holds for this exercise and person."""
        answers = person.profile
        if any(str(getattr(answers, f)) not in values for f, values in self.profile.items()):
            return False
        tags = set(exercise.tags)
        if self.tags_any and not tags & set(self.tags_any):
            return False
        if tags & set(self.tags_none):
            return False
        if self.min_difficulty is not None and exercise.difficulty < self.min_difficulty:
            return False
        if self.has_cautions is not None:
            return bool(judge(exercise, person).cautions) == self.has_cautions
        return True


class Preferences(BaseModel):
    """The whole ``preferences.yaml``, rows in the order their reasons are said."""

    model_config = ConfigDict(extra="forbid")

    preferences: list[Preference]


def check_preferences(path: Path = PREFERENCES_FILE) -> tuple[Preferences | None, list[Problem]]:
    """Validate a preferences file: the table, or every problem (file, field, what is wrong)."""
    return check_yaml_model(path, Preferences)


@lru_cache(maxsize=4)
def load_preferences(path: Path = PREFERENCES_FILE) -> tuple[Preference, ...]:
    """The rows of a preferences file (the shipped one by default), loaded once."""
    table, problems = check_preferences(path)
    if table is None:
        raise LibraryError(problems)
    return tuple(table.preferences)


def matching(
    exercise: Exercise, person: Person, table: tuple[Preference, ...] | None = None
) -> list[Preference]:
    """The rows that apply to this exercise for this person, in table order."""
    rows = load_preferences() if table is None else table
    return [row for row in rows if row.applies(exercise, person)]


def score(exercise: Exercise, person: Person, table: tuple[Preference, ...] | None = None) -> int:
    """Lower is better: the sum of the weights of the rows that apply."""
    return sum(row.weight for row in matching(exercise, person, table))
