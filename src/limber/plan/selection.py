"""Which exercises may go into each block for a person, in the order the planner tries them.

Selection is by role, tags, difficulty and the founding flag, never by id, so the library can
grow without touching the planner. Everything here has already passed the safety rules:
pools only ever contain exercises with no exclusion reason.
"""

from dataclasses import dataclass

from limber.content.loader import Library
from limber.content.schema import Exercise
from limber.plan.models import Profile
from limber.plan.progression import ProgressionState
from limber.safety.rules import caution_notes, exclusion_reason

FITNESS_DIFFICULTY = {"low": 1, "moderate": 2, "high": 3}


@dataclass(frozen=True)
class Pick:
    """A pool exercise and what stands in for it now (after progressions or regressions)."""

    origin: Exercise
    exercise: Exercise

    @property
    def swapped(self) -> bool:
        return self.origin.id != self.exercise.id

    @property
    def harder(self) -> bool:
        return self.exercise.difficulty > self.origin.difficulty or (
            self.exercise.id in self.origin.progressions
        )


def allowed(exercise: Exercise, profile: Profile) -> bool:
    return exclusion_reason(exercise, profile) is None


def resolve(
    origin: Exercise, state: ProgressionState | None, library: Library, profile: Profile
) -> Exercise:
    """The exercise that stands in for ``origin``: the last safe one along its swap chain."""
    if state is None:
        return origin
    chosen = origin
    seen = {origin.id}
    current = origin.id
    while current in state.swaps and state.swaps[current] not in seen:
        current = state.swaps[current]
        seen.add(current)
        candidate = library.get(current)
        if candidate is not None and allowed(candidate, profile):
            chosen = candidate
    return chosen


def _preference(exercise: Exercise, profile: Profile) -> int:
    """Lower is better: what suits this person's pain pattern comes first."""
    tags = set(exercise.tags)
    score = 0
    if profile.aggravated_by == "bending_forward" and "extension" in tags:
        score -= 2
    if profile.aggravated_by == "bending_back" and "flexion" in tags:
        score -= 2
    if profile.pain_area in ("mid_back", "upper_back") and tags & {"rotation", "upper_body"}:
        score -= 1
    if profile.pain_area == "low_back" and tags & {"hip", "core"}:
        score -= 1
    if profile.fitness == "low" and exercise.difficulty >= 3:
        score += 2
    if caution_notes(exercise, profile):
        score += 1
    return score


def _rotate(items: list[Exercise], by: int) -> list[Exercise]:
    if not items:
        return items
    k = by % len(items)
    return items[k:] + items[:k]


def _picks(
    ordered: list[Exercise], state: ProgressionState | None, library: Library, profile: Profile
) -> list[Pick]:
    picks: list[Pick] = []
    used: set[str] = set()
    for origin in ordered:
        exercise = resolve(origin, state, library, profile)
        if exercise.id in used:
            continue
        used.add(exercise.id)
        picks.append(Pick(origin, exercise))
    return picks


def mobility_picks(
    profile: Profile, library: Library, state: ProgressionState | None, session_index: int
) -> list[Pick]:
    """Founding stretches first (where safe), then the others, varied from session to session."""
    pool = [e for e in library if e.role == "mobility" and allowed(e, profile)]
    founding = [e for e in pool if e.founding]
    others = sorted(
        (e for e in pool if not e.founding),
        key=lambda e: (_preference(e, profile), e.difficulty, e.id),
    )
    # Keep the best-suited half in front; vary the order inside it between sessions.
    half = max(1, (len(others) + 1) // 2)
    others = _rotate(others[:half], session_index) + _rotate(others[half:], session_index)
    return _picks(founding + others, state, library, profile)


def strength_picks(
    profile: Profile, library: Library, state: ProgressionState | None, session_index: int
) -> list[Pick]:
    """Motor-control and strength work near the person's level, varied between sessions."""
    target = FITNESS_DIFFICULTY[profile.fitness]
    if profile.duration == "acute" or profile.pain_now >= 5:
        target = max(1, target - 1)
    pool = [e for e in library if e.role == "strength" and allowed(e, profile)]
    near = [e for e in pool if e.difficulty <= target + 1] or pool
    near.sort(key=lambda e: (abs(e.difficulty - target), _preference(e, profile), e.id))
    return _picks(_rotate(near, session_index), state, library, profile)


def breathing_pool(profile: Profile, library: Library) -> list[Exercise]:
    """Breathing practices, calmest and simplest first; ones needing care for this person last."""
    pool = [
        e
        for e in library
        if (e.role == "breathing" or e.pillar == "breathing")
        and e.dosage.breath
        and allowed(e, profile)
    ]
    return sorted(
        pool,
        key=lambda e: (
            bool(caution_notes(e, profile)),
            "breath_hold" in e.tags,
            e.difficulty,
            "relaxation" not in e.tags,
            # Abdominal (dantian) breathing is the foundation of the practice.
            "core" not in e.tags,
            e.id,
        ),
    )
