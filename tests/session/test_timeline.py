"""The timeline: contiguous steps whose total equals what the planner promised."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from limber.content.schema import BreathPhase, Dosage
from limber.plan.generator import generate_programme
from limber.plan.models import Block, PlannedExercise, PlannedSession
from limber.plan.steps import PREPARE_S, SET_REST_S, SWITCH_SIDE_S, duration_s_of
from limber.profile import Profile
from limber.session.timeline import build_timeline
from tests.plan.factories import small_library

LIB = small_library()


def _session(*exercises: tuple[str, Dosage], kind: str = "mobility") -> PlannedSession:
    pes = [
        PlannedExercise(id=i, name=LIB[i].name, pillar=LIB[i].pillar, dose=d, minutes=0, why="w")
        for i, d in exercises
    ]
    return PlannedSession(
        date=dt.date(2026, 1, 5),
        week=1,
        number=1,
        minutes=0,
        blocks=[Block(kind=kind, title="Block", exercises=pes)],  # type: ignore[arg-type]
    )


def _contiguous(steps: list) -> None:  # type: ignore[type-arg]
    clock = 0.0
    for i, step in enumerate(steps):
        assert step.index == i
        assert step.start_s == pytest.approx(clock)
        assert step.duration_s > 0
        assert step.cue
        clock += step.duration_s


def test_hold_with_sides_and_sets() -> None:
    dose = Dosage(hold_s=30, sides=2, sets=2)
    tl = build_timeline(_session(("standing-forward-bend", dose)), LIB)
    kinds = [s.kind for s in tl.steps]
    assert kinds == [
        "prepare",
        "hold",
        "switch_side",
        "hold",
        "rest",
        "hold",
        "switch_side",
        "hold",
    ]
    assert tl.total_s == PREPARE_S + 4 * 30 + 2 * SWITCH_SIDE_S + SET_REST_S
    assert tl.steps[0].title.endswith("Standing forward bend")
    assert "Move slowly." in tl.steps[0].cue  # the first cue of the exercise
    assert [s.side for s in tl.steps if s.kind == "hold"] == ["left", "right"] * 2
    _contiguous(tl.steps)


def test_plain_reps_are_one_step_each() -> None:
    tl = build_timeline(_session(("pelvic-tilt", Dosage(reps=5, rep_s=4))), LIB)
    reps = [s for s in tl.steps if s.kind == "rep"]
    assert [s.rep_number for s in reps] == [1, 2, 3, 4, 5]
    assert all(s.duration_s == 4 for s in reps)


def test_hold_at_top_reps_have_phases() -> None:
    tl = build_timeline(_session(("box-step-up-raise", Dosage(reps=2, rep_s=5, hold_s=2))), LIB)
    reps = [s for s in tl.steps if s.kind == "rep"]
    assert len(reps) == 6
    assert [s.duration_s for s in reps[:3]] == [1.5, 2, 1.5]
    assert reps[1].title.endswith("hold")


def test_intervals_ring_at_every_change() -> None:
    dose = Dosage(work_s=30, rest_s=60, rounds=3, cadence_per_min=110)
    tl = build_timeline(_session(("basic-bounce", dose), kind="rope"), LIB)
    body = tl.steps[1:]
    assert [s.kind for s in body] == ["work", "rest", "work", "rest", "work"]
    assert all(s.bell for s in body)
    assert all(s.cadence_per_min == 110 for s in body if s.kind == "work")
    assert tl.total_s == PREPARE_S + 3 * 30 + 2 * 60


def test_breathing_is_one_step_per_phase() -> None:
    dose = Dosage(
        duration_s=30,
        breath=[BreathPhase(phase="in", seconds=4), BreathPhase(phase="out", seconds=6)],
    )
    tl = build_timeline(_session(("paced-breathing-6", dose), kind="closing_breathing"), LIB)
    breaths = [s for s in tl.steps if s.kind == "breath"]
    assert [s.breath_phase for s in breaths] == ["in", "out"] * 3
    assert breaths[0].cue == "Breathe in through the nose, belly rises."
    assert tl.total_s == PREPARE_S + 30


def test_bell_at_each_block_change() -> None:
    profile = Profile(equipment=["rope", "mat", "chair_or_box"])
    prog = generate_programme(profile, LIB, start=dt.date(2026, 1, 5), weeks=1)
    session = prog.sessions[0]
    tl = build_timeline(session, LIB)
    _contiguous(tl.steps)
    firsts = [i for i, s in enumerate(tl.steps) if i == 0 or s.block != tl.steps[i - 1].block]
    assert len(firsts) == len([b for b in session.blocks if b.exercises])
    assert all(tl.steps[i].bell for i in firsts)
    # The planner's minutes are the timeline's seconds.
    assert tl.total_s == pytest.approx(session.minutes * 60, abs=1)
    for block in session.blocks:
        for pe in block.exercises:
            assert pe.minutes * 60 == pytest.approx(duration_s_of(pe))


doses = st.one_of(
    st.builds(
        Dosage,
        sets=st.integers(1, 4),
        reps=st.integers(1, 20),
        rep_s=st.one_of(st.none(), st.floats(1, 60)),
        hold_s=st.one_of(st.none(), st.floats(1, 60)),
        sides=st.sampled_from([1, 2]),
    ),
    st.builds(
        Dosage, sets=st.integers(1, 4), hold_s=st.floats(1, 120), sides=st.sampled_from([1, 2])
    ),
    st.builds(
        Dosage,
        work_s=st.floats(5, 120),
        rest_s=st.floats(0, 120),
        rounds=st.integers(1, 20),
        cadence_per_min=st.one_of(st.none(), st.integers(60, 180)),
    ),
    st.builds(Dosage, duration_s=st.floats(5, 600)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(doses, min_size=1, max_size=5))
def test_any_dose_gives_a_contiguous_timeline_matching_its_duration(dose_list: list) -> None:  # type: ignore[type-arg]
    session = _session(*[("glute-bridge", d) for d in dose_list])
    tl = build_timeline(session, LIB)
    _contiguous(tl.steps)
    expected = sum(duration_s_of(pe) for b in session.blocks for pe in b.exercises)
    assert tl.total_s == pytest.approx(expected)
    assert tl.steps[-1].end_s == pytest.approx(tl.total_s)
