"""Run one person through every chooser and hold each offer against the oracle.

Shared by ``test_gate_property.py`` (thousands of profiles in ``make test``) and
``bench/safety_property.py`` (tens of thousands in ``make bench``). The choosers are the
real ones: the planner (every planned exercise at its planned dose, on its session's day),
its harder/easier links and the rope block's next rung, the gate's "this hurts" alternative
for every library exercise and the player's swap (``limber.services.hurts.safe_swap``) for
every planned exercise at its dose, and the progression: green check-ins with settled next
mornings, then a new plan from the progressed state.
"""

import datetime as dt
import multiprocessing
import os
import re
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings

from limber.content.loader import Library, default_library
from limber.content.schema import Dosage
from limber.plan.generator import generate_programme
from limber.plan.models import CheckIn, Programme
from limber.plan.progression import ProgressionState, apply_checkin, apply_next_day
from limber.profile import Profile
from limber.safety import gate
from limber.safety.facts import Person, SafetyStatus
from limber.services.hurts import safe_swap
from tests.safety.oracle import forbidden
from tests.safety.strategies import START, profiles, statuses

GREEN = CheckIn(pain_during=1, pain_after=1, effort=4)
MAX_EXAMPLES_KEPT = 25


@dataclass
class Tally:
    """How many people and offers were checked, and every offer the oracle forbids."""

    profiles: int = 0
    offers: Counter[str] = field(default_factory=Counter)
    violations: list[dict[str, Any]] = field(default_factory=list)
    by_reason: Counter[str] = field(default_factory=Counter)
    # CPU time spent checking (summed over worker processes).
    cpu_seconds: float = 0.0

    def add(self, other: "Tally") -> None:
        self.profiles += other.profiles
        self.cpu_seconds += other.cpu_seconds
        self.offers.update(other.offers)
        self.by_reason.update(other.by_reason)
        self.violations.extend(other.violations)

    def summary(self) -> dict[str, Any]:
        """The artifact's shape: counts first, then the first violations in full."""
        return {
            "profiles_checked": self.profiles,
            "offers_checked": dict(sorted(self.offers.items())),
            "violations": len(self.violations),
            "cpu_seconds": round(self.cpu_seconds, 1),
            "violations_by_kind_exercise_and_reason": dict(self.by_reason.most_common()),
            "examples": self.violations[:MAX_EXAMPLES_KEPT],
        }


@dataclass
class Checker:
    """Checks the offers made to one person, counting into ``tally``."""

    profile: Profile
    status: SafetyStatus
    library: Library
    start: dt.date
    tally: Tally = field(default_factory=Tally)

    def person(self, day: dt.date) -> Person:
        return Person(profile=self.profile, status=self.status, day=day, programme_start=self.start)

    def offer(self, kind: str, exercise_id: str, day: dt.date, dose: Dosage | None = None) -> None:
        """One offer: ``exercise_id`` at ``dose`` (the gate's own dose for it when None)."""
        self.tally.offers[kind] += 1
        exercise = self.library[exercise_id]
        person = self.person(day)
        if dose is None:
            dose = gate.adjust_dose(exercise, exercise.dosage, person)
        reason = forbidden(exercise, person, dose, programme_start=self.start)
        if reason is None:
            return
        # Numbers (weeks, seconds) vary from person to person; the kind of mistake does not.
        self.tally.by_reason[f"{kind} | {exercise_id} | {re.sub(r' [0-9.]+', ' N', reason)}"] += 1
        if len(self.tally.violations) < 10 * MAX_EXAMPLES_KEPT:
            self.tally.violations.append(
                {
                    "kind": kind,
                    "exercise": exercise_id,
                    "day": day.isoformat(),
                    "oracle": reason,
                    "gate": gate.judge(exercise, person, dose).model_dump(
                        include={"allowed", "reason"}
                    ),
                    "dose": dose.model_dump(exclude_none=True, exclude_defaults=True),
                    "profile": self.profile.model_dump(mode="json", exclude_defaults=True),
                    "status": self.status.model_dump(mode="json", exclude_defaults=True),
                    "programme_start": self.start.isoformat(),
                }
            )

    def programme(self, programme: Programme, tag: str = "plan") -> None:
        """Every planned exercise, its harder/easier links, the next rope rung, the swaps."""
        for session in programme.sessions:
            person = self.person(session.date)
            for block in session.blocks:
                for item in block.exercises:
                    self.offer(tag, item.id, session.date, item.dose)
                    for link in (item.harder, item.easier):
                        if link:
                            self.offer(f"{tag} harder/easier", link, session.date)
                    swap = safe_swap(item.id, self.library, person, item.dose)
                    if swap:
                        self.offer(f"{tag} this-hurts swap", swap, session.date, item.dose)
                if block.rope_next:
                    self.offer(f"{tag} rope_next", block.rope_next, session.date)

    def alternatives(self, day: dt.date) -> None:
        """The gate's stand-in for every library exercise (what "this hurts" may offer)."""
        person = self.person(day)
        for exercise in self.library:
            alternative = gate.allowed_alternative(exercise, self.library, person)
            if alternative:
                self.offer("allowed_alternative", alternative, day)

    def state(self, state: ProgressionState, day: dt.date) -> None:
        """What a progressed state points at: the rope rung and every swap target."""
        if state.rope_skill:
            self.offer("state rope_skill", state.rope_skill, day)
        for target in dict.fromkeys(state.swaps.values()):
            self.offer("state swap", target, day)

    def progression(self, programme: Programme, checkins: int, weeks: int) -> None:
        """Green check-ins with settled next mornings, then a new plan from that state."""
        sessions = [s for s in programme.sessions if s.blocks][:checkins]
        if not sessions:
            return
        state = ProgressionState()
        for session in sessions:
            state, _ = apply_checkin(
                state, GREEN, session, self.library, pain_now=self.profile.pain_now
            )
            morning = session.date + dt.timedelta(days=1)
            state, _ = apply_next_day(
                state,
                "settled",
                session,
                self.library,
                morning_pain=self.profile.pain_now,
                today=morning,
                pain_now=self.profile.pain_now,
            )
        day = sessions[-1].date + dt.timedelta(days=1)
        self.state(state, day)
        again = generate_programme(
            self.profile, self.library, start=day, weeks=weeks, state=state, status=self.status
        )
        self.programme(again, tag="progressed plan")


def check_person(
    profile: Profile,
    status: SafetyStatus,
    library: Library,
    *,
    start: dt.date,
    weeks: int = 2,
    checkins: int = 2,
    progressed_weeks: int = 1,
) -> Tally:
    """Every offer the choosers make to this person, checked; the tally of one profile."""
    checker = Checker(profile, status, library, start)
    checker.tally.profiles = 1
    programme = generate_programme(profile, library, start=start, weeks=weeks, status=status)
    checker.programme(programme)
    checker.alternatives(start)
    if checkins:
        checker.progression(programme, checkins, progressed_weeks)
    return checker.tally


People = list[tuple[Profile, SafetyStatus]]


def draw_people(count: int) -> People:
    """``count`` people drawn by the hypothesis strategies, the same ones on every run.

    Hypothesis draws them (``derandomize``), the checks run afterwards, so they can be spread
    over processes: a violation is reported with its whole profile, not shrunk.
    """
    people: People = []

    @settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(profiles(), statuses())
    def draw(profile: Profile, status: SafetyStatus) -> None:
        people.append((profile, status))

    draw()
    return people


def _check_chunk(args: tuple[People, int, int]) -> Tally:
    people, weeks, checkins = args
    began = time.process_time()
    library = default_library()
    tally = Tally()
    for profile, status in people:
        tally.add(
            check_person(profile, status, library, start=START, weeks=weeks, checkins=checkins)
        )
    tally.cpu_seconds += time.process_time() - began
    return tally


def check_people(
    people: Sequence[tuple[Profile, SafetyStatus]],
    *,
    weeks: int = 2,
    checkins: int = 2,
    workers: int | None = None,
) -> Tally:
    """Check every person, spread over ``workers`` processes (default: one per core)."""
    workers = workers or os.cpu_count() or 1
    size = max(1, min(200, len(people) // (workers * 4) or 1))
    chunks = [(list(people[i : i + size]), weeks, checkins) for i in range(0, len(people), size)]
    tally = Tally()
    if workers == 1 or len(chunks) == 1:
        for chunk in chunks:
            tally.add(_check_chunk(chunk))
        return tally
    # "spawn": the test process may hold threads (servers, browsers) that fork would copy.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for part in pool.map(_check_chunk, chunks):
            tally.add(part)
    return tally
