"""The jump-rope block of a session: the right rung of the ladder, sized to its time share.

Every rung is judged by the safety gate for the person on the session's day. When a rung
is refused (a flare, a condition, pregnancy) or there is no rope, the block keeps the rhythm
with the highest rung the gate allows below it and says why in ``Block.substitution``; when
no drill at all is allowed, it stays empty and says so, and the time goes to the other blocks.

Doses: a rope skill keeps its own dose from the library (work, rest, rounds, cadence); the
interval stage only scales it (more or less rest, more or fewer rounds), so double unders
stay 15 s bursts however far the person has come (issue 11, deliverable 7).
"""

import math

from limber.content.loader import Library
from limber.content.schema import Dosage, Exercise
from limber.plan import why
from limber.plan.dosing import planned
from limber.plan.models import Block
from limber.plan.progression import ProgressionState
from limber.plan.rope import IntervalStage, is_staged, start_rung, start_stage
from limber.plan.steps import BLOCK_TITLES, PREPARE_S
from limber.safety.facts import Person
from limber.safety.gate import adjust_dose, judge, may_offer

# Total jumping per session: about 5 min at the start, up to 10 min at 1:1 (clinical.md §6).
BASE_WORK_S = 300.0
WORK_PER_STAGE_S = 150.0
MAX_WORK_S = 600.0
LIGHT_ROUNDS = 0.75


def _substitution(
    person: Person, target: Exercise, chosen: Exercise | None, ladder: list[Exercise]
) -> str | None:
    parts: list[str] = []
    if "rope" not in person.profile.equipment and any("rope" in e.equipment for e in ladder):
        parts.append(
            "You have no jump rope listed, so this block uses rope-less drills; add a rope to "
            "your equipment to move on to rope skills."
        )
    verdict = judge(target, person)
    if chosen is None:
        why_not = f" ({verdict.reason})" if verdict.reason else ""
        parts.append(
            f"No jump rope drill is safe for you right now{why_not}, so this time goes to the rest."
        )
    elif chosen.id != target.id and verdict.reason and not verdict.reason.startswith("needs "):
        parts.append(
            f"{target.name} is left out ({verdict.reason}), so you do {chosen.name} instead."
        )
    elif chosen.id != target.id and not parts:
        parts.append(f"You do {chosen.name} instead of {target.name} for now.")
    return " ".join(parts) or None


def _reference_stage(exercise: Exercise, stages: list[IntervalStage]) -> int:
    """The stage whose work:rest ratio is nearest the skill's own dose (its "home" stage)."""
    own = (exercise.dosage.rest_s or 0) / (exercise.dosage.work_s or 1)
    return min(range(len(stages)), key=lambda i: abs(stages[i].rest_s / stages[i].work_s - own))


def _interval(
    exercise: Exercise,
    stages: list[IntervalStage],
    stage_index: int,
    share: float,
    light: bool,
) -> Dosage:
    own = exercise.dosage
    work = own.work_s or min(60.0, own.duration_s or 30.0)
    rest = own.rest_s if own.rest_s is not None else 30.0
    rounds = own.rounds or max(1, math.floor(MAX_WORK_S / 2 / work))
    if is_staged(exercise) and stages and own.work_s is None:
        # A jumping drill without an interval dose of its own takes the stage's work:rest.
        stage = stages[stage_index]
        work, rest = stage.work_s, stage.rest_s
        rounds = math.floor(min(MAX_WORK_S, BASE_WORK_S + WORK_PER_STAGE_S * stage_index) / work)
    elif is_staged(exercise) and stages:
        # Scale the skill's own rest by the stage's rest ratio against the skill's home stage,
        # never below half the work period; rounds grow with the stage's work budget.
        home = _reference_stage(exercise, stages)

        def ratio(i: int) -> float:
            return stages[i].rest_s / stages[i].work_s

        def budget(i: int) -> float:
            return min(MAX_WORK_S, BASE_WORK_S + WORK_PER_STAGE_S * i)

        rest = max(work / 2, round(rest * ratio(stage_index) / ratio(home)))
        rounds = max(1, round(rounds * budget(stage_index) / budget(home)))
    fit = math.floor((share - PREPARE_S + rest) / (work + rest))
    rounds = min(rounds, fit, math.floor(MAX_WORK_S / work))
    if light:
        rounds = math.floor(rounds * LIGHT_ROUNDS)
    rounds = max(1, min(50, rounds))
    return Dosage(work_s=work, rest_s=rest, rounds=rounds, cadence_per_min=own.cadence_per_min)


def rope_block(
    person: Person,
    library: Library,
    state: ProgressionState | None,
    ladder: list[Exercise],
    stages: list[IntervalStage],
    *,
    light: bool,
    share: float,
) -> Block:
    """The rope block for one session (see the module docstring)."""
    profile = person.profile
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
    open_i = [i for i, e in enumerate(ladder) if may_offer(e, person)]
    chosen_i = max((i for i in open_i if i <= target_i), default=None)
    target = ladder[target_i]
    chosen = ladder[chosen_i] if chosen_i is not None else None
    substitution = _substitution(person, target, chosen, ladder)
    if chosen is None or chosen_i is None:
        return Block(kind="rope", title=title, exercises=[], substitution=substitution)
    # The next rung opens only from the person's own rung: while the gate holds them below
    # it (a flare, high pain), nothing moves up.
    rope_next = None
    if chosen_i == target_i:
        rope_next = next((ladder[i].id for i in open_i if i > chosen_i), None)
    stage_i = state.rope_stage if state and state.rope_stage is not None else None
    if stage_i is None:
        stage_i = start_stage(profile, stages)
    stage_i = max(0, min(stage_i - (1 if light else 0), len(stages) - 1))
    dose = adjust_dose(chosen, _interval(chosen, stages, stage_i, share, light), person)
    if not judge(chosen, person, dose).allowed:
        return Block(
            kind="rope",
            title=title,
            exercises=[],
            substitution=judge(chosen, person, dose).reason,
        )
    situation: why.RopeSituation = "progressed" if progressed else "start"
    blocked = judge(target, person).reason
    if chosen.id != target.id and blocked and not blocked.startswith("needs "):
        situation = "no_impact" if not is_staged(chosen) and is_staged(target) else "swapped"
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
    pe = planned(chosen, dose, text, list(judge(chosen, person).cautions))
    return Block(
        kind="rope",
        title=title,
        exercises=[pe],
        substitution=substitution,
        rope_next=rope_next,
        rope_stage=stage_i,
    )
