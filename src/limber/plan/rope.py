"""The jump-rope ladder: skills in order of difficulty, and work:rest stages for intervals.

Both ladders are read from the library (``skill_rank`` and the ``rope_interval`` exercises),
so adding a skill or an interval stage is a content change, not a code change. Progression
moves one rung at a time; the generator picks the highest rung the person may do.
"""

from dataclasses import dataclass

from limber.content.loader import Library
from limber.content.schema import Exercise
from limber.profile import Profile

# Used when the library has no interval exercises: 1:3, then 1:2, then 1:1 (clinical.md §6).
DEFAULT_STAGES: tuple[tuple[float, float, int | None], ...] = (
    (30.0, 90.0, 100),
    (30.0, 60.0, 110),
    (30.0, 30.0, 120),
)


@dataclass(frozen=True)
class IntervalStage:
    """One work:rest stage of the interval ladder."""

    work_s: float
    rest_s: float
    cadence_per_min: int | None
    source_id: str | None = None

    @property
    def ratio(self) -> str:
        """The work:rest ratio in words, e.g. ``1:3``."""
        rest = self.rest_s / self.work_s if self.work_s else 0
        return f"1:{rest:g}" if rest >= 1 else f"{self.work_s:g}:{self.rest_s:g}"


def skill_ladder(library: Library) -> list[Exercise]:
    """Rope-less drills and rope skills in their skill order (rope-less first)."""
    rungs = [
        e for e in library if e.skill_rank is not None and e.role in ("rope_prep", "rope_skill")
    ]
    return sorted(rungs, key=lambda e: (e.skill_rank or 0, e.difficulty, e.id))


def interval_stages(library: Library) -> list[IntervalStage]:
    """Work:rest stages from the most rest to the least (1:3 -> 1:2 -> 1:1)."""
    stages = []
    for e in library:
        if e.role == "rope_interval" and e.dosage.work_s and e.dosage.rest_s is not None:
            stages.append(
                IntervalStage(e.dosage.work_s, e.dosage.rest_s, e.dosage.cadence_per_min, e.id)
            )
    if not stages:
        stages = [IntervalStage(w, r, c) for w, r, c in DEFAULT_STAGES]
    stages.sort(key=lambda s: (-(s.rest_s / s.work_s), s.work_s))
    unique: dict[tuple[float, float], IntervalStage] = {}
    for s in stages:
        unique.setdefault((s.work_s, s.rest_s), s)
    return list(unique.values())


def start_rung(profile: Profile, ladder: list[Exercise]) -> int:
    """Where a person starts on the skill ladder, from rope experience and fitness."""
    if not ladder:
        return 0
    first_rope = next((i for i, e in enumerate(ladder) if "rope" in e.equipment), len(ladder) - 1)
    first_jump = next(
        (i for i, e in enumerate(ladder) if i >= first_rope and "impact" in e.tags), first_rope
    )
    if profile.rope_experience == "none":
        index = 0 if profile.fitness == "low" else min(1, first_rope)
    elif profile.rope_experience == "some":
        index = first_rope if profile.fitness == "low" else first_jump
    else:
        index = first_jump + (2 if profile.fitness == "high" else 1)
    return max(0, min(index, len(ladder) - 1))


def start_stage(profile: Profile, stages: list[IntervalStage]) -> int:
    """The starting work:rest stage: the most rest unless the person already skips."""
    if profile.rope_experience == "none" or profile.fitness == "low":
        index = 0
    elif profile.rope_experience == "regular" and profile.fitness == "high":
        index = 2
    else:
        index = 1
    return max(0, min(index, len(stages) - 1))


def is_staged(exercise: Exercise) -> bool:
    """Jumping drills follow the work:rest stages; marching and swinging keep their own dose."""
    return bool({"impact", "high_impact"} & set(exercise.tags))
