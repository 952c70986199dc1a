"""Shared by the "this hurts" tests: profiles, and what the safety gate allows for them.

The expected swap is computed here straight from the gate (``allowed_alternative`` and
``judge`` at the planned dose), and the invariants below are checked on every swap the server
offers, so a player that offered a raw library regression would fail.
"""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from limber.content.loader import Library
from limber.content.schema import Dosage
from limber.plan.models import PlannedSession
from limber.safety.facts import Person
from limber.safety.gate import allowed_alternative, judge
from limber.services.records import current_profile
from limber.services.safety import safety_status

EVERY_DAY = list(range(7))
PREGNANT: dict[str, Any] = {
    "conditions": ["pregnancy"],
    "pregnancy_week": 24,
    "rope_experience": "none",
    "weekdays": EVERY_DAY,
}
KNEE: dict[str, Any] = {
    "conditions": ["knee_or_ankle_problem"],
    "rope_experience": "regular",
    "equipment": ["rope", "mat", "chair_or_box", "strap"],
    "weekdays": EVERY_DAY,
}
IMPACTS = ("none", "low", "moderate", "high")


def person_of(db: Session, user_id: int, day: dt.date) -> Person:
    profile = current_profile(db, user_id=user_id)
    assert profile is not None
    status = safety_status(db, user_id=user_id, today=dt.date.today())
    return Person(profile=profile, status=status, day=day)


def planned_doses(plan: dict[str, Any]) -> dict[str, Dosage]:
    doses: dict[str, Dosage] = {}
    for block in PlannedSession.model_validate(plan).blocks:
        for item in block.exercises:
            doses.setdefault(item.id, item.dose)
    return doses


def expected_swap(
    exercise_id: str, library: Library, person: Person, dose: Dosage | None
) -> str | None:
    """What the gate allows in place of the exercise at the session's dose."""
    alternative = allowed_alternative(library[exercise_id], library, person)
    if alternative is None:
        return None
    if dose is not None and not judge(library[alternative], person, dose).allowed:
        return None
    return alternative


def assert_safe_swap(
    exercise_id: str, swap: str, library: Library, person: Person, dose: Dosage | None
) -> None:
    """A swap passes the gate, is an alternative of the exercise and no harder or harder-hitting."""
    original, easier = library[exercise_id], library[swap]
    verdict = judge(easier, person, dose)
    assert verdict.allowed, (exercise_id, swap, verdict.reason)
    assert swap in {*original.variants, *original.regressions, *judge(original, person).substitutes}
    assert easier.difficulty <= original.difficulty, (exercise_id, swap)
    assert IMPACTS.index(easier.safety.impact) <= IMPACTS.index(original.safety.impact)
    # Neither profile may jump: no swap is ever an impact exercise.
    assert easier.safety.impact == "none", (exercise_id, swap, easier.safety.impact)
