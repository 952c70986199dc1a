"""The steps a planned exercise expands into, and how long they take.

One function (:func:`drafts`) expands a planned exercise into its timed steps;
:func:`duration_s_of` sums exactly those steps and the player's timeline
(:func:`limber.session.timeline.build_timeline`) numbers and places exactly those steps. The
planner sizes sessions with :func:`duration_s_of`, so the minutes it promises and the seconds
the player counts cannot drift apart. It lives in ``plan/`` because the planner needs it and
``session/`` sits above ``plan/`` (the timeline is built from a planned session).
"""

from dataclasses import dataclass
from typing import Literal

from limber.content.schema import Dosage, Exercise
from limber.plan.models import PlannedExercise

# What a step is; the player's :class:`limber.session.models.Step` carries the same kinds.
StepKind = Literal["prepare", "hold", "rep", "switch_side", "rest", "work", "breath", "cadence"]

PREPARE_S = 6.0
SWITCH_SIDE_S = 5.0
SET_REST_S = 20.0
DEFAULT_REP_S = 3.0
# Time to move into and out of the top position of a rep that pauses there.
MOVE_S = 1.5

Side = Literal["left", "right"]

BLOCK_TITLES: dict[str, str] = {
    "opening_breathing": "Opening breathing",
    "mobility": "Mobility",
    "strength": "Strength and control",
    "rope": "Jump rope",
    "closing_breathing": "Closing breathing",
}

_BREATH_CUES: dict[str, str] = {
    "in": "Breathe in through the nose, belly rises.",
    "hold": "Hold the breath gently, shoulders soft.",
    "out": "Breathe out slowly, belly falls.",
}


@dataclass(frozen=True)
class StepDraft:
    """A step before it gets its index, start time and block."""

    kind: StepKind
    duration_s: float
    title: str
    cue: str
    side: Side | None = None
    set_number: int | None = None
    rep_number: int | None = None
    breath_phase: Literal["in", "hold", "out"] | None = None
    cadence_per_min: int | None = None
    bell: bool = False


def breath_cycle_s(dose: Dosage) -> float:
    """Seconds of one breathing cycle (0 when the dose has no breath pattern)."""
    return sum(p.seconds for p in dose.breath or [])


def breath_cycles(dose: Dosage) -> int:
    """How many breathing cycles a breathing dose means (``duration_s`` rounded to cycles)."""
    cycle = breath_cycle_s(dose)
    if cycle <= 0:
        return 0
    if dose.duration_s:
        return max(1, round(dose.duration_s / cycle))
    return max(1, (dose.reps or 1) * dose.sets)


def rep_length_s(dose: Dosage) -> float:
    """Seconds of one repetition, including a pause at the top when the dose has one."""
    rep = dose.rep_s or DEFAULT_REP_S
    if dose.hold_s:
        return max(rep, dose.hold_s + 2 * MOVE_S)
    return rep


def _cue(exercise: Exercise | None, n: int, fallback: str) -> str:
    if exercise is None or not exercise.cues:
        return fallback
    return exercise.cues[n % len(exercise.cues)]


def _breathing(pe: PlannedExercise, ex: Exercise | None) -> list[StepDraft]:
    drafts = []
    cycles = breath_cycles(pe.dose)
    for cycle in range(1, cycles + 1):
        for phase in pe.dose.breath or []:
            cue = phase.cue or _BREATH_CUES[phase.phase]
            drafts.append(
                StepDraft(
                    "breath",
                    phase.seconds,
                    f"{pe.name}: breath {cycle} of {cycles}, {phase.phase}",
                    cue,
                    rep_number=cycle,
                    breath_phase=phase.phase,
                )
            )
    return drafts


def _intervals(pe: PlannedExercise, ex: Exercise | None) -> list[StepDraft]:
    dose = pe.dose
    rounds = (dose.rounds or 1) * dose.sets
    work, rest = dose.work_s or 0.0, dose.rest_s or 0.0
    cadence = dose.cadence_per_min
    pace = f" at about {cadence} per minute" if cadence else ""
    drafts = []
    for r in range(1, rounds + 1):
        drafts.append(
            StepDraft(
                "work",
                work,
                f"{pe.name}: round {r} of {rounds}",
                f"Go: {pe.name.lower()}{pace}. {_cue(ex, r - 1, 'Stay light on your feet.')}",
                set_number=r,
                cadence_per_min=cadence,
                bell=True,
            )
        )
        if r < rounds and rest > 0:
            drafts.append(
                StepDraft(
                    "rest",
                    rest,
                    f"Rest after round {r}",
                    "Rest. Walk around slowly and breathe out long.",
                    set_number=r,
                    bell=True,
                )
            )
    return drafts


def _one_side(
    pe: PlannedExercise, ex: Exercise | None, s: int, side: Side | None
) -> list[StepDraft]:
    dose = pe.dose
    where = f" ({side})" if side else ""
    if dose.reps:
        drafts = []
        for r in range(1, dose.reps + 1):
            label = f"{pe.name}{where}: rep {r} of {dose.reps}"
            if dose.hold_s:
                move = (rep_length_s(dose) - dose.hold_s) / 2
                drafts += [
                    StepDraft("rep", move, f"{label}, in", f"Rep {r}. Ease into it.", side, s, r),
                    StepDraft(
                        "rep", dose.hold_s, f"{label}, hold", _cue(ex, r - 1, "Hold."), side, s, r
                    ),
                    StepDraft("rep", move, f"{label}, out", "And slowly release.", side, s, r),
                ]
            else:
                cue = f"{r}." if r > 1 else f"{r}. {_cue(ex, 0, 'Move slowly.')}"
                drafts.append(StepDraft("rep", rep_length_s(dose), label, cue, side, s, r))
        return drafts
    if dose.hold_s:
        return [
            StepDraft(
                "hold",
                dose.hold_s,
                f"{pe.name}{where}: hold",
                f"Hold{where}. {_cue(ex, s - 1, 'Breathe slowly.')}",
                side,
                s,
            )
        ]
    cadence = dose.cadence_per_min
    return [
        StepDraft(
            "work",
            dose.duration_s or 0.0,
            f"{pe.name}{where}",
            f"Keep going{where}. {_cue(ex, s - 1, 'Breathe slowly.')}",
            side,
            s,
            cadence_per_min=cadence,
        )
    ]


def _sets(pe: PlannedExercise, ex: Exercise | None) -> list[StepDraft]:
    dose = pe.dose
    sides: list[Side | None] = ["left", "right"] if dose.sides == 2 else [None]
    drafts: list[StepDraft] = []
    for s in range(1, dose.sets + 1):
        if s > 1:
            rest = dose.rest_s if dose.rest_s else SET_REST_S
            drafts.append(
                StepDraft("rest", rest, f"Rest before set {s}", "Rest and breathe easily.", None, s)
            )
        for i, side in enumerate(sides):
            if i > 0:
                drafts.append(
                    StepDraft(
                        "switch_side",
                        SWITCH_SIDE_S,
                        "Switch sides",
                        f"Switch to the {side}.",
                        side,
                        s,
                    )
                )
            drafts += _one_side(pe, ex, s, side)
    return drafts


def drafts(pe: PlannedExercise, ex: Exercise | None) -> list[StepDraft]:
    first_cue = _cue(ex, 0, "")
    prepare = StepDraft(
        "prepare", PREPARE_S, f"Get ready: {pe.name}", f"Next: {pe.name}. {first_cue}"
    )
    dose = pe.dose
    if dose.breath:
        body = _breathing(pe, ex)
    elif dose.work_s:
        body = _intervals(pe, ex)
    else:
        body = _sets(pe, ex)
    return [prepare, *body]


def duration_s_of(planned: PlannedExercise) -> float:
    """Seconds this planned exercise takes in the timeline, its preparation step included."""
    return sum(d.duration_s for d in drafts(planned, None))
