"""Which exercises may go into each block for a person, in the order the planner tries them.

Selection is by role, tags, difficulty and the founding flag, never by id, so the library can
grow without touching the planner. Every pool is filtered by the one safety gate
(:mod:`limber.safety.gate`) for the person on the session's day; where a ``substitute`` rule
blocks an exercise, its first allowed position variant takes its place in the pool.
"""

from dataclasses import dataclass

from limber.content.loader import Library
from limber.content.schema import Exercise
from limber.plan import preferences
from limber.plan.progression import ProgressionState
from limber.safety.facts import Person
from limber.safety.gate import judge, may_offer

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


def allowed(exercise: Exercise, person: Person) -> bool:
    return may_offer(exercise, person)


def role_pool(role: str, library: Library, person: Person) -> list[Exercise]:
    """The exercises of a role the gate allows, with allowed variants for substituted ones."""
    pool: list[Exercise] = []
    seen: set[str] = set()
    for exercise in library:
        if exercise.role != role:
            continue
        verdict = judge(exercise, person)
        if verdict.allowed:
            candidate: Exercise | None = exercise
        else:
            candidate = next(
                (
                    v
                    for v in (library.get(i) for i in verdict.substitutes)
                    if v is not None and v.pillar != "breathing" and may_offer(v, person)
                ),
                None,
            )
        if candidate is not None and candidate.id not in seen:
            seen.add(candidate.id)
            pool.append(candidate)
    return pool


def resolve(
    origin: Exercise, state: ProgressionState | None, library: Library, person: Person
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
        if candidate is not None and allowed(candidate, person):
            chosen = candidate
    return chosen


def _preference(exercise: Exercise, person: Person) -> int:
    """Lower is better: the weights of the preference table (plan/preferences.yaml)."""
    return preferences.score(exercise, person)


def _rotate(items: list[Exercise], by: int) -> list[Exercise]:
    if not items:
        return items
    k = by % len(items)
    return items[k:] + items[:k]


def _picks(
    ordered: list[Exercise], state: ProgressionState | None, library: Library, person: Person
) -> list[Pick]:
    picks: list[Pick] = []
    used: set[str] = set()
    for origin in ordered:
        exercise = resolve(origin, state, library, person)
        if exercise.id in used:
            continue
        used.add(exercise.id)
        picks.append(Pick(origin, exercise))
    return picks


def mobility_picks(
    person: Person, library: Library, state: ProgressionState | None, session_index: int
) -> list[Pick]:
    """Founding stretches first (where safe), then the others, varied from session to session."""
    pool = role_pool("mobility", library, person)
    founding = [e for e in pool if e.founding]
    others = sorted(
        (e for e in pool if not e.founding),
        key=lambda e: (_preference(e, person), e.difficulty, e.id),
    )
    # Keep the best-suited half in front; vary the order inside it between sessions.
    half = max(1, (len(others) + 1) // 2)
    others = _rotate(others[:half], session_index) + _rotate(others[half:], session_index)
    return _picks(founding + others, state, library, person)


def pelvic_floor_first(person: Person) -> bool:
    """Pelvic-floor training leads the strength block after a birth or with symptoms (R3, R4)."""
    conditions = set(person.profile.conditions)
    return bool(
        conditions & {"pelvic_floor_symptoms", "postpartum"}
        or person.status.pelvic_floor_symptoms_now
    )


def strength_picks(
    person: Person, library: Library, state: ProgressionState | None, session_index: int
) -> list[Pick]:
    """Motor-control and strength work near the person's level, varied between sessions.

    After a birth or with pelvic-floor symptoms, pelvic-floor training comes first
    (clinical-rules.md R3, R4: NICE QS77).
    """
    profile = person.profile
    target = FITNESS_DIFFICULTY[profile.fitness]
    if profile.duration == "acute" or profile.pain_now >= 5:
        target = max(1, target - 1)
    pool = role_pool("strength", library, person)
    near = [e for e in pool if e.difficulty <= target + 1] or pool
    near.sort(key=lambda e: (abs(e.difficulty - target), _preference(e, person), e.id))
    ordered = _rotate(near, session_index)
    if pelvic_floor_first(person):
        first = [e for e in pool if e.safety.pelvic_floor_training]
        ordered = first + [e for e in ordered if e not in first]
    else:
        ordered = [e for e in ordered if not e.safety.pelvic_floor_training] + [
            e for e in ordered if e.safety.pelvic_floor_training
        ]
    return _picks(ordered, state, library, person)


def breathing_pool(person: Person, library: Library) -> list[Exercise]:
    """Breathing practices, calmest and simplest first; ones needing care for this person last."""
    pool = [
        e
        for e in library
        if (e.role == "breathing" or e.pillar == "breathing")
        and e.dosage.breath
        and allowed(e, person)
    ]
    return sorted(
        pool,
        key=lambda e: (
            bool(judge(e, person).cautions),
            "breath_hold" in e.tags,
            e.difficulty,
            "relaxation" not in e.tags,
            # Abdominal (dantian) breathing is the foundation of the practice.
            "core" not in e.tags,
            e.id,
        ),
    )
