"""Scripted check-in series (issue 11 acceptance): pain monitoring with memory.

Each series drives the pure progression with the shipped library and, where the safety
state matters, plans the next sessions through the gate with the flare facts the pain log
gives (``PainFacts.status_fields`` -> ``SafetyStatus``), as the track layer does.
"""

import datetime as dt
from typing import Literal

from limber.content.loader import default_library
from limber.plan.generator import generate_programme
from limber.plan.models import CheckIn, PlannedSession, Programme
from limber.plan.progression import Decision, ProgressionState, apply_checkin, apply_next_day
from limber.profile import Profile
from limber.safety.facts import SafetyStatus
from limber.safety.pain_monitor import pain_facts

LIB = default_library()
START = dt.date(2026, 1, 5)  # a Monday: sessions on Monday, Wednesday, Friday
PROFILE = Profile(equipment=["rope", "mat", "chair_or_box"], rope_experience="some", pain_now=2)
ROPE_UP = {"shorter rests", "longer intervals", "next rope skill"}


def _plan(state: ProgressionState, status: SafetyStatus | None = None) -> Programme:
    return generate_programme(PROFILE, LIB, start=START, weeks=8, state=state, status=status)


def _status(state: ProgressionState, day: dt.date) -> SafetyStatus:
    return SafetyStatus(**pain_facts(state, day).status_fields())


def _checkin(pain: int, after: int | None = None) -> CheckIn:
    return CheckIn(
        pain_during=pain,
        pain_after=pain if after is None else after,
        effort=5,
        pelvic_floor_symptoms=False,
    )


def _session_day(
    state: ProgressionState,
    n: int,
    pain: int,
    morning: int | None,
    answer: Literal["settled", "same", "worse"] | None,
) -> tuple[ProgressionState, PlannedSession, Decision, Decision | None]:
    """Session ``n`` as planned now, its check-in and (if given) its next-morning answer."""
    session = _plan(state).sessions[n]
    state, checked = apply_checkin(state, _checkin(pain), session, LIB, pain_now=PROFILE.pain_now)
    morning_decision = None
    if answer is not None:
        state, morning_decision = apply_next_day(
            state,
            answer,
            session,
            LIB,
            morning_pain=morning,
        )
    return state, session, checked, morning_decision


def _rope_steps_up(decisions: list[Decision]) -> int:
    return sum(1 for d in decisions for c in d.changes if c.what in ROPE_UP)


def _rope_block(session: PlannedSession) -> list[str]:
    return [pe.id for b in session.blocks if b.kind == "rope" for pe in b.exercises]


def _volumes(session: PlannedSession) -> dict[str, float]:
    """Sets x reps (or seconds held) per mobility and strength exercise."""
    return {
        pe.id: pe.dose.sets * (pe.dose.reps or 1) * (pe.dose.hold_s or 1)
        for b in session.blocks
        if b.kind in ("mobility", "strength")
        for pe in b.exercises
    }


def _rope_free(session: PlannedSession) -> bool:
    ids = [pe.id for b in session.blocks for pe in b.exercises]
    return all("rope" not in LIB[i].equipment and LIB[i].safety.impact == "none" for i in ids)


def test_pain_rising_in_the_green_zone_holds_by_trend() -> None:
    # Pain during 0 -> 5 over four weeks, every morning settled at the usual level.
    pains = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    state = ProgressionState()
    mornings: list[Decision] = []
    for n, pain in enumerate(pains):
        state, _, checked, morning = _session_day(state, n, pain, 2, "settled")
        assert checked.kind == "wait" and checked.changes == []
        assert morning is not None
        mornings.append(morning)
    # Never the four rungs the old rules climbed; from week 2 on the trend holds it.
    assert _rope_steps_up(mornings) < 4
    later = mornings[4:]
    assert all(d.kind == "hold" for d in later), [d.reason for d in later]
    assert all("rising" in d.reason and "averaged" in d.reason for d in later)
    assert "the week before" in later[-1].reason


def test_next_morning_never_answered_means_no_progression() -> None:
    state = ProgressionState()
    decisions = []
    for n in range(6):
        state, _, checked, _ = _session_day(state, n, 1, None, None)
        decisions.append(checked)
    assert [d.kind for d in decisions] == ["wait"] * 6
    assert all("until tomorrow morning" in d.reason for d in decisions)
    assert (state.levels, state.swaps, state.rope_skill, state.rope_stage) == ({}, {}, None, None)
    assert _plan(state).sessions == _plan(ProgressionState()).sessions


def test_a_late_worse_takes_back_the_step_it_followed() -> None:
    state = ProgressionState()
    state, _, _, stepped = _session_day(state, 0, 2, 2, "settled")
    assert stepped is not None and stepped.kind == "progress" and stepped.changes
    before_step = state.history[-1].before
    # Session 2 is done at the new load; its morning goes unanswered; session 3 follows.
    state, s2, _, _ = _session_day(state, 1, 2, None, None)
    state, s3, _, _ = _session_day(state, 2, 2, None, None)
    # Then the answer for session 2 comes in, late: worse.
    state, late = apply_next_day(state, "worse", s2, LIB, morning_pain=3, today=s3.date)
    assert late.kind == "regress" and late.verdict == "red"
    assert [c.what for c in late.changes] == ["step up taken back"]
    assert "taken back" in late.changes[0].reason and "worse the next morning" in late.reason
    assert state.model_dump(mode="json", include=set(before_step or {})) == before_step
    # The sessions ahead are back at session 1's load, and the step is not taken back twice.
    assert _plan(state).sessions[3].blocks == _plan(ProgressionState()).sessions[3].blocks
    assert [h.undone for h in state.history if h.kind == "progress"] == [True]


def test_three_red_sessions_make_a_flare_without_rope_and_at_half_volume() -> None:
    state = ProgressionState()
    decisions = []
    for n, pain in enumerate([8, 9, 8]):
        state, _, checked, _ = _session_day(state, n, pain, None, None)
        decisions.append(checked)
    assert [d.kind for d in decisions] == ["regress", "flare", "regress"]
    flare = decisions[1]
    assert flare.rescreen and "second session in a row" in flare.reason
    assert "rope pauses" in flare.reason and "halved" in flare.reason
    assert all(d.changes for d in decisions)
    day = _plan(state).sessions[3].date
    facts = pain_facts(state, day)
    assert facts.flare and facts.flare_started == _plan(state).sessions[1].date
    plain = _plan(state).sessions[3]
    flared = _plan(state, _status(state, day)).sessions[3]
    # No rope, no jumping (the old rules still planned rope-less bouncing).
    assert _rope_block(plain) and not _rope_free(plain)
    assert _rope_free(flared) and "rope-less-bounce" not in _rope_block(flared)
    full, half = _volumes(plain), _volumes(flared)
    common = set(full) & set(half)
    assert common and all(half[i] <= full[i] for i in common)
    assert sum(half[i] for i in common) <= 0.6 * sum(full[i] for i in common)


def test_a_flare_of_two_weeks_pauses_for_a_review() -> None:
    state = ProgressionState()
    # A morning 3 points above the usual 2/10 starts the flare; it never settles.
    state, _, _, first = _session_day(state, 0, 3, 5, "worse")
    assert first is not None and first.kind == "flare" and first.rescreen
    assert "2 or more above your usual 2/10" in first.reason
    decisions: list[Decision] = []
    for n in range(1, 9):
        state, _, checked, morning = _session_day(state, n, 3, 4, "same")
        assert morning is not None
        decisions += [checked, morning]
    kinds = [d.kind for d in decisions]
    assert "pause" in kinds
    first_pause = kinds.index("pause")
    assert all(k == "hold" for k in kinds[:first_pause])
    assert all(k == "pause" for k in kinds[first_pause:])
    pause = decisions[first_pause]
    assert pause.review and "doctor or physiotherapist" in pause.reason
    assert "lasted 14 days" in pause.reason or "lasted 15 days" in pause.reason
    day = _plan(state).sessions[9].date
    facts = pain_facts(state, day)
    assert facts.flare and facts.flare_days >= 14
    # The gate pauses the programme: breathing only, until a review is recorded.
    paused = _plan(state, _status(state, day)).sessions[9]
    assert {pe.pillar for b in paused.blocks for pe in b.exercises} == {"breathing"}
    reviewed = SafetyStatus(**pain_facts(state, day).status_fields(), clearances=("review",))
    assert "stretch" in {
        pe.pillar for b in _plan(state, reviewed).sessions[9].blocks for pe in b.exercises
    }
    # The progression honours a recorded review too: the flare holds, no more pause.
    later = _plan(state).sessions[10]
    _, after_review = apply_checkin(state, _checkin(3), later, LIB, reviewed_on=facts.flare_started)
    assert after_review.kind == "hold"


def test_three_flares_in_four_weeks_pause_for_a_review() -> None:
    state = ProgressionState()
    n = 0
    decisions: list[Decision] = []
    for _ in range(3):
        # A flare: a bad morning, then two settled mornings at the usual level end it.
        steps: tuple[tuple[int, int, Literal["settled", "worse"]], ...] = (
            (3, 5, "worse"),
            (2, 2, "settled"),
            (2, 2, "settled"),
        )
        for pain, morning, answer in steps:
            state, _, _, d = _session_day(state, n, pain, morning, answer)
            assert d is not None
            decisions.append(d)
            n += 1
    kinds = [d.kind for d in decisions]
    assert kinds[:6] == ["flare", "hold", "hold", "flare", "hold", "hold"]
    # The third flare pauses the programme, and it stays paused (until a review).
    assert kinds[6:] == ["pause", "pause", "pause"]
    # Settled mornings while paused never step up.
    assert all(not d.changes for d in decisions[7:])
    assert all(decisions[i].rescreen for i in (0, 3, 6))
    third = decisions[6]
    assert third.review and "doctor or physiotherapist" in third.reason
    assert "3 flares began in the last four weeks" in third.reason
    assert len(state.flares) == 3 and all(f.end is not None for f in state.flares[:2])


def test_pain_steady_then_improving_progresses_after_settled_mornings() -> None:
    state = ProgressionState()
    series = [(3, 3), (3, 3), (3, 3), (3, 2), (2, 2), (2, 1), (1, 1), (1, 1)]
    mornings = []
    profile_pain = 3
    for n, (pain, morning) in enumerate(series):
        session = _plan(state).sessions[n]
        state, checked = apply_checkin(state, _checkin(pain), session, LIB, pain_now=profile_pain)
        assert checked.kind == "wait"
        state, settled = apply_next_day(state, "settled", session, LIB, morning_pain=morning)
        mornings.append(settled)
    assert [d.kind for d in mornings] == ["progress"] * len(series)
    assert all(d.changes for d in mornings[:3])
    assert all(
        "settled by the next morning" in d.reason and "not rising" in d.reason for d in mornings
    )
    assert state.rope_stage is not None or state.rope_skill is not None
    assert pain_facts(state, _plan(state).sessions[8].date).weeks_without_improvement == 0


def test_no_improvement_in_six_weeks_advises_a_review() -> None:
    state = ProgressionState()
    decisions = []
    for n in range(20):
        state, _, _, morning = _session_day(state, n, 2, 2, "same")
        assert morning is not None
        decisions.append(morning)
    last = decisions[-1]
    assert last.review and last.kind == "hold"
    assert "has improved in 6 weeks" in last.reason and "review" in last.reason
    # Improvement by PEG (1 point) is enough to stop the advice.
    day = _plan(state).sessions[19].date + dt.timedelta(days=1)
    peg = [(START, 6.0), (day, 4.5)]
    assert pain_facts(state, day).weeks_without_improvement >= 6
    assert pain_facts(state, day, peg=peg).weeks_without_improvement == 0
