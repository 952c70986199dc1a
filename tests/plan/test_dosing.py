"""Dose levels move doses in small, bounded, monotone steps; shrinking fits a time limit."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from limber.content.loader import default_library
from limber.plan.dosing import apply_level, describe_dose, seconds, shrink_to
from tests.plan.factories import small_library

EXERCISES = [e for e in [*default_library(), *small_library()] if e.pillar == "stretch"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(EXERCISES), st.integers(-4, 5))
def test_levels_are_monotone_and_bounded(exercise, level: int) -> None:  # type: ignore[no-untyped-def]
    lower = apply_level(exercise.dosage, level)
    higher = apply_level(exercise.dosage, level + 1)
    assert seconds(exercise, lower) <= seconds(exercise, higher)
    for dose in (lower, higher):
        if dose.hold_s and exercise.dosage.hold_s and exercise.dosage.hold_s >= 10:
            assert min(10, exercise.dosage.hold_s) <= dose.hold_s <= max(60, exercise.dosage.hold_s)
        if dose.reps and exercise.dosage.reps:
            assert dose.reps >= min(3, exercise.dosage.reps)


def test_hold_grows_for_stretches_and_reps_for_drills() -> None:
    lib = small_library()
    hold = apply_level(lib["standing-forward-bend"].dosage, 1)
    assert hold.hold_s == 35
    reps = apply_level(lib["pelvic-tilt"].dosage, 1)
    assert reps.reps == 12
    assert apply_level(lib["pelvic-tilt"].dosage, 0) == lib["pelvic-tilt"].dosage


@pytest.mark.parametrize("limit", [30.0, 60.0, 120.0])
def test_shrink_fits_where_it_can(limit: float) -> None:
    for exercise in EXERCISES:
        dose = shrink_to(exercise, exercise.dosage, limit)
        assert seconds(exercise, dose) <= max(limit, seconds(exercise, exercise.dosage))
        assert dose.sets == 1 or seconds(exercise, dose) <= limit


def test_descriptions_are_plain() -> None:
    lib = small_library()
    assert describe_dose(lib["glute-bridge"].dosage) == "2 x 12 reps, 3 s hold"
    assert describe_dose(lib["standing-forward-bend"].dosage) == "2 x 30 s hold"
    assert describe_dose(lib["intervals-30-60"].dosage) == "6 rounds of 30 s on, 60 s off"
