"""The jump-rope block of a session: the right rung of the ladder, sized to its time share.

When jumping is ruled out (a flare, a condition) or there is no rope, the block keeps the
rhythm with rope-less or low-impact drills and says why in ``Block.substitution``; when no
drill at all is safe, it stays empty and says so, and the time goes to the other blocks.
"""

import math

from limber.content.loader import Library
from limber.content.schema import Dosage, Exercise
from limber.plan import why
from limber.plan.dosing import planned
from limber.plan.models import Block, Profile
from limber.plan.progression import ProgressionState
from limber.plan.rope import IntervalStage, is_staged, start_rung, start_stage
from limber.safety.rules import caution_notes, exclusion_reason, impact_ruled_out
from limber.session.timeline import BLOCK_TITLES, PREPARE_S

# Total jumping per session: about 5 min at the start, up to 10 min at 1:1 (clinical.md §6).
BASE_WORK_S = 300.0
WORK_PER_STAGE_S = 150.0
MAX_WORK_S = 600.0
LIGHT_ROUNDS = 0.75


def _substitution(
    profile: Profile, target: Exercise, chosen: Exercise | None, ladder: list[Exercise]
) -> str | None:
    parts: list[str] = []
    flare = impact_ruled_out(profile)
    if flare and any(is_staged(e) for e in ladder):
        parts.append(f"No jumping for now: {flare}.")
    if "rope" not in profile.equipment and any("rope" in e.equipment for e in ladder):
        parts.append(
            "You have no jump rope listed, so this block uses rope-less drills; add a rope to "
            "your equipment to move on to rope skills."
        )
    if chosen is None:
        parts.append("No jump rope drill is safe for you right now, so this time goes to the rest.")
    elif chosen.id != target.id and not parts:
        reason = exclusion_reason(target, profile) or "it is not available to you"
        parts.append(f"{target.name} is left out ({reason}), so you do {chosen.name} instead.")
    elif chosen.id != target.id:
        parts.append(f"You do {chosen.name} instead of {target.name} until then.")
    return " ".join(parts) or None


def _interval(
    exercise: Exercise, stage: IntervalStage, stage_index: int, share: float, light: bool
) -> Dosage:
    if is_staged(exercise):
        work, rest = stage.work_s, stage.rest_s
        cadence = exercise.dosage.cadence_per_min or stage.cadence_per_min
        max_work = min(MAX_WORK_S, BASE_WORK_S + WORK_PER_STAGE_S * stage_index)
    else:
        # Marching and swinging without jumps keep their own work:rest.
        work = exercise.dosage.work_s or min(60.0, exercise.dosage.duration_s or 30.0)
        rest = exercise.dosage.rest_s if exercise.dosage.rest_s is not None else 30.0
        cadence = exercise.dosage.cadence_per_min
        max_work = MAX_WORK_S
    rounds = math.floor((share - PREPARE_S + rest) / (work + rest))
    rounds = min(rounds, math.floor(max_work / work))
    if light:
        rounds = math.floor(rounds * LIGHT_ROUNDS)
    rounds = max(1, min(50, rounds))
    return Dosage(work_s=work, rest_s=rest, rounds=rounds, cadence_per_min=cadence)


def rope_block(
    profile: Profile,
    library: Library,
    state: ProgressionState | None,
    ladder: list[Exercise],
    stages: list[IntervalStage],
    *,
    light: bool,
    share: float,
) -> Block:
    """The rope block for one session (see the module docstring)."""
    title = BLOCK_TITLES["rope"] + (" (lighter week)" if light else "")
    if not ladder:
        return Block(
            kind="rope",
            title=title,
            exercises=[],
            substitution="The exercise library has no jump rope drills yet.",
        )
    ids = [e.id for e in ladder]
    progressed = state is not None and state.rope_skill in ids
    target_i = ids.index(state.rope_skill) if state and state.rope_skill in ids else None
    if target_i is None:
        target_i = start_rung(profile, ladder)
    open_i = [i for i, e in enumerate(ladder) if exclusion_reason(e, profile) is None]
    chosen_i = max((i for i in open_i if i <= target_i), default=None)
    target = ladder[target_i]
    chosen = ladder[chosen_i] if chosen_i is not None else None
    substitution = _substitution(profile, target, chosen, ladder)
    if chosen is None or chosen_i is None:
        return Block(kind="rope", title=title, exercises=[], substitution=substitution)
    # The next rung is offered only for lasting reasons; a flare just waits.
    rope_next = None
    if not impact_ruled_out(profile):
        rope_next = next((ladder[i].id for i in open_i if i > chosen_i), None)
    stage_i = state.rope_stage if state and state.rope_stage is not None else None
    if stage_i is None:
        stage_i = start_stage(profile, stages)
    stage_i = max(0, min(stage_i - (1 if light else 0), len(stages) - 1))
    dose = _interval(chosen, stages[stage_i], stage_i, share, light)
    situation: why.RopeSituation = "progressed" if progressed else "start"
    if impact_ruled_out(profile) and chosen.id != target.id:
        situation = "no_impact"
    elif "rope" not in profile.equipment and any("rope" in e.equipment for e in ladder):
        situation = "no_rope"
    elif chosen.id != target.id:
        situation = "swapped"
    text = why.rope(
        chosen,
        profile,
        IntervalStage(dose.work_s or 0, dose.rest_s or 0, dose.cadence_per_min),
        dose.rounds or 1,
        situation,
    )
    pe = planned(chosen, dose, text, caution_notes(chosen, profile))
    return Block(
        kind="rope", title=title, exercises=[pe], substitution=substitution, rope_next=rope_next
    )
