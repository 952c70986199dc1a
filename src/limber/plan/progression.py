"""Pain-guided progression: a check-in after a session moves doses up, keeps them, or lowers them.

The rule is the pain-monitoring model (limber.safety.pain): pain during exercise up to 5/10
that settles by the next morning means the load suits you, so it rises a little; more pain,
or pain worse the next day, means it comes down. The state is a small document the store
keeps as JSON; the generator reads it, so replanning after check-ins gives the new doses.
"""

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from limber.content.loader import Library
from limber.plan.dosing import MAX_LEVEL, MIN_LEVEL, apply_level, describe_dose
from limber.plan.models import CheckIn, PlannedExercise, PlannedSession, Verdict
from limber.plan.rope import IntervalStage, interval_stages, is_staged, skill_ladder
from limber.safety.pain import ACCEPTABLE_MAX, explain_during

HIGH_EFFORT = 8
# A new rope skill starts this many work:rest stages easier, so it is learnt with more rest.
NEW_SKILL_STAGES_BACK = 2


class Change(BaseModel):
    """One explained change to the plan."""

    exercise_id: str | None
    what: str
    before: str
    after: str
    reason: str


class Decision(BaseModel):
    """What a check-in led to: the verdict, the changes and a message for the user."""

    verdict: Verdict
    changes: list[Change] = Field(default_factory=list)
    rescreen: bool = False
    message: str


class HistoryEntry(BaseModel):
    """One decision, kept so the user can see why their plan looks as it does."""

    session_date: dt.date | None = None
    session_number: int | None = None
    source: Literal["checkin", "next_day"] = "checkin"
    verdict: Verdict
    changes: list[Change] = Field(default_factory=list)
    # The state before this decision, so a later "worse next morning" can undo a step up.
    before: dict[str, Any] | None = None


class ProgressionState(BaseModel):
    """Where each exercise and the rope work stand, and how they got there."""

    # Dose level per exercise id (0 = library default; see limber.plan.dosing).
    levels: dict[str, int] = Field(default_factory=dict)
    # Exercise id -> the progression or regression that replaces it.
    swaps: dict[str, str] = Field(default_factory=dict)
    # Current rung of the rope skill ladder (an exercise id) and interval stage index.
    rope_skill: str | None = None
    rope_stage: int | None = None
    checkins: int = 0
    history: list[HistoryEntry] = Field(default_factory=list)

    def resolve(self, exercise_id: str) -> str:
        """Follow the swaps from an exercise to the one that currently stands in for it."""
        seen = {exercise_id}
        current = exercise_id
        while current in self.swaps and self.swaps[current] not in seen:
            current = self.swaps[current]
            seen.add(current)
        return current

    def level(self, exercise_id: str, default: int = 0) -> int:
        return self.levels.get(exercise_id, default)


def _exercises(session: PlannedSession, kinds: tuple[str, ...]) -> list[PlannedExercise]:
    return [pe for b in session.blocks if b.kind in kinds for pe in b.exercises]


def _swap(state: ProgressionState, old: str, new: str) -> None:
    """Replace ``old`` by ``new``, undoing an earlier swap instead of chaining back."""
    back = [k for k, v in state.swaps.items() if v == old and k == new]
    if back:
        del state.swaps[back[0]]
    else:
        state.swaps[old] = new


def _move_exercise(
    state: ProgressionState, pe: PlannedExercise, library: Library, up: bool, reason: str
) -> Change | None:
    exercise = library.get(pe.id)
    if exercise is None:
        return None
    level = state.level(pe.id)
    # The planner named the versions that are safe for this person; nothing else is tried.
    target_id = pe.harder if up else pe.easier
    target = library.get(target_id) if target_id else None
    at_end = level >= MAX_LEVEL if up else level <= MIN_LEVEL
    if target is not None and (at_end or not up):
        # Up: a harder version once the dose has topped out. Down: the easier version at once.
        _swap(state, pe.id, target.id)
        state.levels.pop(target.id, None)
        if not up:
            # Should the person come back to it later, it starts a step lower than before.
            state.levels[pe.id] = max(MIN_LEVEL, level - 1)
        what = "harder version" if up else "easier version"
        return Change(
            exercise_id=pe.id, what=what, before=exercise.name, after=target.name, reason=reason
        )
    new_level = max(MIN_LEVEL, min(MAX_LEVEL, level + (1 if up else -1)))
    if new_level == level:
        return None
    # Described from what the person actually did in this session.
    before = describe_dose(pe.dose)
    after = describe_dose(apply_level(pe.dose, 1 if up else -1))
    state.levels[pe.id] = new_level
    if before == after:
        return None
    return Change(
        exercise_id=pe.id,
        what="more" if up else "less",
        before=before,
        after=after,
        reason=reason,
    )


def _rope_rung(session: PlannedSession) -> tuple[PlannedExercise | None, str | None]:
    """The rope exercise of the session and the next skill the planner said is open."""
    for block in session.blocks:
        if block.kind == "rope":
            pe = block.exercises[0] if block.exercises else None
            return pe, block.rope_next
    return None, None


def _stage_change(before: IntervalStage, after: IntervalStage) -> str:
    """Name a move between interval stages by what the person will notice."""
    ratio_before, ratio_after = before.rest_s / before.work_s, after.rest_s / after.work_s
    if ratio_after < ratio_before:
        return "shorter rests"
    if ratio_after > ratio_before:
        return "longer rests"
    return "longer intervals" if after.work_s > before.work_s else "shorter intervals"


def _stage_label(stage: IntervalStage) -> str:
    return f"{stage.work_s:g} s on, {stage.rest_s:g} s off ({stage.ratio})"


def _move_rope(
    state: ProgressionState, session: PlannedSession, library: Library, up: bool, reason: str
) -> list[Change]:
    """One rung on the rope ladder: the work:rest stage first, then the skill."""
    pe, rope_next = _rope_rung(session)
    if pe is None or pe.id not in library:
        return []
    ladder = [e.id for e in skill_ladder(library)]
    stages = interval_stages(library)
    done = (pe.dose.work_s, pe.dose.rest_s)
    seen = next((i for i, s in enumerate(stages) if (s.work_s, s.rest_s) == done), 0)
    # The state is the truth (a lighter week plans one stage easier); the session fills gaps.
    stage = state.rope_stage if state.rope_stage is not None else seen
    stage = max(0, min(stage, len(stages) - 1))
    skill = state.rope_skill if state.rope_skill in ladder else pe.id
    state.rope_skill, state.rope_stage = skill, stage
    staged = is_staged(library[pe.id])
    step = 1 if up else -1
    if staged and 0 <= stage + step < len(stages):
        state.rope_stage = stage + step
        return [
            Change(
                exercise_id=pe.id,
                what=_stage_change(stages[stage], stages[stage + step]),
                before=_stage_label(stages[stage]),
                after=_stage_label(stages[stage + step]),
                reason=reason,
            )
        ]
    target: str | None = None
    if up and skill == pe.id and rope_next in library:
        # The planner names the next skill only when this person may do it.
        target = rope_next
    elif not up and skill in ladder and ladder.index(skill) > 0:
        target = ladder[ladder.index(skill) - 1]
    if target is None:
        return []
    state.rope_skill = target
    if up and staged:
        state.rope_stage = max(0, stage - NEW_SKILL_STAGES_BACK)
    return [
        Change(
            exercise_id=pe.id,
            what="next rope skill" if up else "easier rope step",
            before=library[skill].name,
            after=library[target].name,
            reason=reason + (" A new skill starts with a little more rest." if up else ""),
        )
    ]


def _regress(
    state: ProgressionState, session: PlannedSession, library: Library, reason: str
) -> list[Change]:
    changes = [
        c
        for pe in _exercises(session, ("mobility", "strength"))
        if (c := _move_exercise(state, pe, library, False, reason)) is not None
    ]
    return changes + _move_rope(state, session, library, False, reason)


def _progress(
    state: ProgressionState, session: PlannedSession, library: Library, reason: str
) -> list[Change]:
    changes = [
        c
        for pe in _exercises(session, ("mobility", "strength"))
        if (c := _move_exercise(state, pe, library, True, reason)) is not None
    ]
    return changes + _move_rope(state, session, library, True, reason)


def _record(
    state: ProgressionState,
    session: PlannedSession,
    source: Literal["checkin", "next_day"],
    decision: Decision,
    before: dict[str, Any] | None = None,
) -> None:
    state.history.append(
        HistoryEntry(
            session_date=session.date,
            session_number=session.number,
            source=source,
            verdict=decision.verdict,
            changes=decision.changes,
            before=before,
        )
    )


_SNAPSHOT_FIELDS = {"levels", "swaps", "rope_skill", "rope_stage"}


def _undo_step_up(state: ProgressionState, session: PlannedSession, reason: str) -> list[Change]:
    """Undo the step up this session's green check-in made, if it is the latest decision."""
    if not state.history:
        return []
    last = state.history[-1]
    if (
        last.source != "checkin"
        or last.verdict != "green"
        or not last.changes
        or last.before is None
        or (last.session_date, last.session_number) != (session.date, session.number)
    ):
        return []
    restored = ProgressionState.model_validate(last.before)
    for name in _SNAPSHOT_FIELDS:
        setattr(state, name, getattr(restored, name))
    return [
        Change(
            exercise_id=None,
            what="step up taken back",
            before=f"{len(last.changes)} change(s) made after this session",
            after="back to what you did in this session",
            reason=reason,
        )
    ]


def verdict_of(checkin: CheckIn) -> tuple[Verdict, str]:
    """The traffic light for a check-in, with the reason in plain words."""
    if checkin.new_leg_symptoms:
        return "red", "You noticed new symptoms in your leg, so the load comes down."
    if checkin.pain_during > ACCEPTABLE_MAX:
        return "red", explain_during(checkin.pain_during)
    if checkin.next_day == "worse":
        return "red", "Your pain was worse the next morning, so the load comes down."
    if checkin.pain_after > ACCEPTABLE_MAX:
        return "amber", (
            f"Pain of {checkin.pain_after}/10 after the session is high, so the plan stays the "
            "same until it has settled."
        )
    if checkin.next_day == "same":
        return "amber", "Your pain had not settled by the next morning, so the plan holds."
    if checkin.effort >= HIGH_EFFORT:
        return "amber", (
            f"Effort of {checkin.effort}/10 is near your limit, so you repeat this level first."
        )
    return "green", (
        f"{explain_during(checkin.pain_during)} Effort was manageable, so the load goes up a "
        "little."
    )


_RED_TAIL = (
    " If your pain keeps getting worse over several sessions, or spreads down a leg, stop and "
    "see a doctor or physiotherapist."
)
_RESCREEN = (
    " New leg symptoms can matter: please answer the red-flag questions again before your "
    "next session."
)


def _message(verdict: Verdict, reason: str, changes: list[Change], rescreen: bool) -> str:
    if verdict == "green":
        head = "Green: well done. " + reason
        tail = (
            f" {len(changes)} change(s) to your next sessions."
            if changes
            else (" You are at the top of what this plan offers; keep it up.")
        )
    elif verdict == "amber":
        head, tail = "Amber: " + reason, " Your next session stays as it was."
    else:
        head = "Red: " + reason
        tail = (
            f" {len(changes)} change(s) make the next sessions easier."
            if changes
            else " Your doses are already at their lowest; rest a day and keep to the breathing."
        )
        tail += _RED_TAIL
    return head + tail + (_RESCREEN if rescreen else "")


def apply_checkin(
    state: ProgressionState, checkin: CheckIn, session: PlannedSession, library: Library
) -> tuple[ProgressionState, Decision]:
    """Apply a post-session check-in; return the new state and the explained decision."""
    new = state.model_copy(deep=True)
    before = state.model_dump(include=_SNAPSHOT_FIELDS)
    verdict, reason = verdict_of(checkin)
    if verdict == "green":
        changes = _progress(new, session, library, reason)
    elif verdict == "red":
        changes = _regress(new, session, library, reason)
    else:
        changes = []
    new.checkins += 1
    decision = Decision(
        verdict=verdict,
        changes=changes,
        rescreen=checkin.new_leg_symptoms,
        message=_message(verdict, reason, changes, checkin.new_leg_symptoms),
    )
    _record(new, session, "checkin", decision, before)
    return new, decision


def apply_next_day(
    state: ProgressionState,
    next_day: Literal["settled", "same", "worse"],
    session: PlannedSession,
    library: Library,
) -> tuple[ProgressionState, Decision]:
    """Apply the next-morning report (the 24-hour rule) that arrives after the check-in."""
    new = state.model_copy(deep=True)
    if next_day == "worse":
        reason = "Your pain was worse the next morning, so the load comes down."
        changes = _undo_step_up(new, session, reason) + _regress(new, session, library, reason)
        decision = Decision(
            verdict="red", changes=changes, message=_message("red", reason, changes, False)
        )
    elif next_day == "same":
        reason = "Your pain had not settled by the next morning, so the plan holds."
        changes = _undo_step_up(new, session, reason)
        decision = Decision(
            verdict="amber", changes=changes, message=_message("amber", reason, changes, False)
        )
    else:
        decision = Decision(
            verdict="green",
            message="Green: your pain settled by the next morning, so the load suits you.",
        )
    _record(new, session, "next_day", decision)
    return new, decision
