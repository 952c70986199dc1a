"""How a step up or down moves the doses, the easier/harder versions and the rope ladder.

The mechanics only: *whether* to move is decided in :mod:`limber.plan.progression`. A move
only ever goes to the versions the planner named for this person (``harder``/``easier``,
``rope_next``), which the safety gate has passed; nothing here guesses.
"""

from limber.content.loader import Library
from limber.plan.dosing import MAX_LEVEL, MIN_LEVEL, apply_level, describe_dose
from limber.plan.models import PlannedExercise, PlannedSession
from limber.plan.progression_state import Change, ProgressionState
from limber.plan.rope import IntervalStage, interval_stages, is_staged, skill_ladder

# A new rope skill starts this many work:rest stages easier, so it is learnt with more rest.
NEW_SKILL_STAGES_BACK = 2


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
    state: ProgressionState,
    session: PlannedSession,
    library: Library,
    up: bool,
    reason: str,
    *,
    skill_up: bool = True,
) -> list[Change]:
    """One rung on the rope ladder: the work:rest stage first, then the skill."""
    pe, rope_next = _rope_rung(session)
    if pe is None or pe.id not in library:
        return []
    ladder = [e.id for e in skill_ladder(library)]
    stages = interval_stages(library)
    planned_stage = next((b.rope_stage for b in session.blocks if b.kind == "rope"), None)
    done = (pe.dose.work_s, pe.dose.rest_s)
    seen = (
        planned_stage
        if planned_stage is not None
        else next((i for i, s in enumerate(stages) if (s.work_s, s.rest_s) == done), 0)
    )
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
    if up and not skill_up:
        return [
            Change(
                exercise_id=pe.id,
                what="next rope skill waits",
                before=library[skill].name,
                after=library[skill].name,
                reason="Before a new rope skill, Limber asks whether jumping made you leak or "
                "feel heaviness; answer that question at your next check-in.",
            )
        ]
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


def regress(
    state: ProgressionState, session: PlannedSession, library: Library, reason: str
) -> list[Change]:
    changes = [
        c
        for pe in _exercises(session, ("mobility", "strength"))
        if (c := _move_exercise(state, pe, library, False, reason)) is not None
    ]
    return changes + _move_rope(state, session, library, False, reason)


def progress(
    state: ProgressionState,
    session: PlannedSession,
    library: Library,
    reason: str,
    *,
    skill_up: bool = True,
) -> list[Change]:
    """Step up. ``skill_up`` False keeps the rope skill where it is (the pelvic-floor
    question was not answered "no" at the check-in: clinical-rules.md R4)."""
    changes = [
        c
        for pe in _exercises(session, ("mobility", "strength"))
        if (c := _move_exercise(state, pe, library, True, reason)) is not None
    ]
    return changes + _move_rope(state, session, library, True, reason, skill_up=skill_up)
