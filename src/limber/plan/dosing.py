"""Dose levels and fitting doses into a time budget.

A dose level is a small integer per exercise (0 = the library's default). Progression moves
it one step at a time, so each change is small and easy to explain; the generator turns the
level into concrete seconds and repetitions here.
"""

from functools import lru_cache
from typing import Any

from limber.content.schema import Dosage, Exercise
from limber.plan.models import PlannedExercise
from limber.plan.steps import duration_s_of

MIN_LEVEL = -2
MAX_LEVEL = 4
HOLD_STEP_S = 5.0
MIN_HOLD_S = 10.0
# ACSM: 10-30 s holds, up to 60 s for older adults; never go beyond a minute per hold.
MAX_HOLD_S = 60.0
REP_STEP = 2
MIN_REPS = 3


def with_changes(dose: Dosage, **changes: Any) -> Dosage:
    """A validated copy of ``dose`` with some fields changed (Dosage is frozen)."""
    return Dosage.model_validate({**dose.model_dump(), **changes})


def is_static_hold(dose: Dosage) -> bool:
    return bool(dose.hold_s) and not dose.reps and not dose.breath and not dose.work_s


def apply_level(dose: Dosage, level: int) -> Dosage:
    """The dose at ``level``: longer holds or more reps per step up, fewer per step down.

    Levels are not clamped here: the floors and ceilings of holds, reps and durations bound
    the dose, so a planned dose and a described change always agree.
    """
    if level == 0 or dose.breath or dose.work_s:
        return dose
    if dose.hold_s and dose.hold_s >= MIN_HOLD_S:
        # A real stretch hold (alone or as hold-at-top reps): the hold grows, not the reps.
        low, high = min(MIN_HOLD_S, dose.hold_s), max(MAX_HOLD_S, dose.hold_s)
        hold = max(low, min(high, dose.hold_s + HOLD_STEP_S * level))
        if dose.rep_s:
            rep = max(hold, min(60.0, dose.rep_s + hold - dose.hold_s))
            return with_changes(dose, hold_s=hold, rep_s=min(60.0, rep))
        return with_changes(dose, hold_s=hold)
    if dose.reps:
        reps = max(min(MIN_REPS, dose.reps), min(100, dose.reps + REP_STEP * level))
        return with_changes(dose, reps=reps)
    if dose.duration_s:
        seconds = max(10.0, min(3600.0, dose.duration_s * (1 + 0.15 * level)))
        return with_changes(dose, duration_s=round(seconds))
    return dose


def describe_dose(dose: Dosage) -> str:
    """A short plain description of a dose, for change messages and reasons."""
    sets = f"{dose.sets} x " if dose.sets > 1 else ""
    sides = " per side" if dose.sides == 2 else ""
    if dose.breath:
        return f"{round((dose.duration_s or 0) / 60, 1)} min"
    if dose.work_s:
        return f"{dose.rounds or 1} rounds of {dose.work_s:g} s on, {dose.rest_s or 0:g} s off"
    if dose.reps:
        hold = f", {dose.hold_s:g} s hold" if dose.hold_s else ""
        return f"{sets}{dose.reps} reps{sides}{hold}"
    if dose.hold_s:
        return f"{sets}{dose.hold_s:g} s hold{sides}"
    return f"{sets}{dose.duration_s or 0:g} s{sides}"


@lru_cache(maxsize=4096)
def _seconds_of_dose(dose_json: str) -> float:
    dose = Dosage.model_validate_json(dose_json)
    return duration_s_of(
        PlannedExercise(id="x", name="x", pillar="stretch", dose=dose, minutes=0, why="")
    )


def dose_seconds(dose: Dosage) -> float:
    """Seconds a dose takes in the timeline, preparation included (the timeline's own sum)."""
    return _seconds_of_dose(dose.model_dump_json())


def planned(exercise: Exercise, dose: Dosage, why: str, cautions: list[str]) -> PlannedExercise:
    """A planned exercise whose minutes come from the timeline's own duration function."""
    return PlannedExercise(
        id=exercise.id,
        name=exercise.name,
        pillar=exercise.pillar,
        dose=dose,
        minutes=dose_seconds(dose) / 60,
        why=why,
        cautions=cautions,
    )


def seconds(exercise: Exercise, dose: Dosage) -> float:
    """Seconds the exercise takes at this dose, preparation included."""
    return dose_seconds(dose)


def shrink_to(exercise: Exercise, dose: Dosage, max_s: float) -> Dosage:
    """The largest simple reduction of ``dose`` (sets, then reps or hold) that fits ``max_s``.

    Used only for the first exercise of a block, which must be there even in a short session.
    """
    while dose.sets > 1 and seconds(exercise, dose) > max_s:
        dose = with_changes(dose, sets=dose.sets - 1)
    while seconds(exercise, dose) > max_s:
        long_hold = bool(dose.hold_s and dose.hold_s >= MIN_HOLD_S)
        if dose.reps and dose.reps > (1 if long_hold else MIN_REPS):
            dose = with_changes(dose, reps=dose.reps - 1)
        elif long_hold and dose.hold_s and dose.hold_s > MIN_HOLD_S:
            hold = max(MIN_HOLD_S, dose.hold_s - HOLD_STEP_S)
            rep = max(hold, (dose.rep_s or hold) - (dose.hold_s - hold))
            dose = with_changes(dose, hold_s=hold, rep_s=rep if dose.rep_s else None)
        elif dose.duration_s and not dose.breath and dose.duration_s > 20:
            dose = with_changes(dose, duration_s=max(20.0, dose.duration_s - 10))
        else:
            break
    return dose
