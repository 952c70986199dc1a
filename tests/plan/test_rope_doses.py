"""Rope skills keep their own dose; the interval stage only scales it (issue 11, item 7)."""

import datetime as dt

import pytest

from limber.content.loader import default_library
from limber.plan.generator import generate_programme
from limber.plan.progression_state import ProgressionState
from limber.plan.rope import interval_stages
from limber.profile import Profile

LIB = default_library()
START = dt.date(2026, 12, 7)
SKIPPER = Profile(
    rope_experience="regular", fitness="high", equipment=["rope", "mat", "chair_or_box", "strap"]
)


def _rope(skill: str, stage: int) -> tuple[float, float, int, int | None]:
    state = ProgressionState(rope_skill=skill, rope_stage=stage)
    programme = generate_programme(SKIPPER, LIB, start=START, weeks=1, state=state)
    block = next(b for b in programme.sessions[0].blocks if b.kind == "rope")
    pe = block.exercises[0]
    assert pe.id == skill
    assert block.rope_stage == stage
    return pe.dose.work_s or 0, pe.dose.rest_s or 0, pe.dose.rounds or 0, pe.dose.cadence_per_min


@pytest.mark.parametrize("skill", ["double-under", "criss-cross", "high-knees", "basic-bounce"])
def test_every_stage_keeps_the_skills_own_work_period_and_pace(skill: str) -> None:
    own = LIB[skill].dosage
    for stage in range(len(interval_stages(LIB))):
        work, rest, rounds, cadence = _rope(skill, stage)
        assert work == own.work_s, (skill, stage)
        assert cadence == own.cadence_per_min
        assert rest >= work / 2 and rounds >= 1


def test_double_unders_stay_short_bursts() -> None:
    # The issue: double unders were planned as 15 x 30 s instead of the library's 6 x 15 s.
    work, rest, rounds, _ = _rope("double-under", 0)
    assert (work, rest, rounds) == (15, 60, 6)


def test_later_stages_shorten_the_rest_and_add_rounds() -> None:
    first = _rope("basic-bounce", 0)
    last = _rope("basic-bounce", len(interval_stages(LIB)) - 1)
    assert last[1] < first[1]
    assert last[2] >= first[2]
