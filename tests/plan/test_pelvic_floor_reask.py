"""A new rope skill only after the pelvic-floor question is answered "no" (R4)."""

import datetime as dt

import pytest

from limber.content.loader import default_library
from limber.plan.generator import generate_programme
from limber.plan.models import CheckIn
from limber.plan.progression import ProgressionState, apply_checkin, apply_next_day
from limber.plan.rope import interval_stages
from limber.profile import Profile

LIB = default_library()
START = dt.date(2026, 1, 5)
PROFILE = Profile(equipment=["rope", "mat", "chair_or_box"], rope_experience="some", pain_now=2)


def _skill_after(answer: bool | None) -> tuple[str | None, list[str]]:
    # At the last interval stage, the next step up is a new skill.
    top = len(interval_stages(LIB)) - 1
    state = ProgressionState(rope_skill="basic-bounce", rope_stage=top)
    session = generate_programme(PROFILE, LIB, start=START, weeks=1, state=state).sessions[0]
    rope = next(b for b in session.blocks if b.kind == "rope")
    assert rope.exercises[0].id == "basic-bounce" and rope.rope_next
    checkin = CheckIn(pain_during=1, pain_after=1, effort=4, pelvic_floor_symptoms=answer)
    state, _ = apply_checkin(state, checkin, session, LIB, pain_now=2)
    state, decision = apply_next_day(state, "settled", session, LIB, morning_pain=1)
    return state.rope_skill, [c.what for c in decision.changes]


def test_an_explicit_no_opens_the_next_skill() -> None:
    skill, changes = _skill_after(False)
    assert skill != "basic-bounce" and "next rope skill" in changes


@pytest.mark.parametrize("answer", [None, True])
def test_no_answer_or_yes_keeps_the_skill(answer: bool | None) -> None:
    skill, changes = _skill_after(answer)
    assert skill == "basic-bounce"
    assert "next rope skill" not in changes
