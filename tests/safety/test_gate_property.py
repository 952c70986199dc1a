"""Acceptance (issue 11): no chooser ever offers what the independent oracle forbids.

Thousands of random people (``strategies.py``) go through the real planner, its easier and
harder links, the rope ladder, the "this hurts" swaps and the progression
(``checking.py``); every offer is judged by ``oracle.py``, written from the research notes
and not from the rule base. The counts and every violation found are written to
``test-artifacts/safety-property.json`` for the closing note; the test fails on any
violation. ``make bench`` runs the same check on more profiles (bench/safety_property.py).

Set LIMBER_SAFETY_PROFILES to run more (or, while working, fewer) than 5,000 profiles.
"""

import datetime as dt
import json
import os
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from limber.content.loader import default_library
from limber.content.schema import Dosage
from limber.plan.models import Block, PlannedExercise, PlannedSession, Programme
from limber.profile import Profile
from limber.safety.facts import Person, SafetyStatus
from tests.conftest import ARTIFACTS
from tests.safety.checking import Checker, Tally, check_people, check_person, draw_people
from tests.safety.oracle import forbidden
from tests.safety.strategies import START, profiles, statuses

PROFILES = int(os.environ.get("LIMBER_SAFETY_PROFILES", "5000"))
EIGHT_WEEK_PROFILES = max(1, PROFILES // 25)
LIBRARY = default_library()


def _describe(tally: Tally) -> str:
    lines = [f"{len(tally.violations)} violation(s) in {tally.profiles} profiles:"]
    lines += [f"  {n} x {key}" for key, n in tally.by_reason.most_common(30)]
    first = tally.violations[0]
    lines.append("first: " + json.dumps(first, default=str))
    return "\n".join(lines)


def _write(name: str, tally: Tally, seconds: float, **extra: Any) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "safety-property.json"
    data: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    data[name] = {**tally.summary(), "seconds": round(seconds, 1), **extra}
    path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


def test_no_chooser_offers_what_the_oracle_forbids() -> None:
    began = time.perf_counter()
    people = draw_people(PROFILES)
    tally = check_people(people, weeks=2, checkins=2)
    seconds = time.perf_counter() - began
    _write("two_week_plans_swaps_and_progression", tally, seconds, weeks=2, checkins=2)
    assert tally.profiles == len(people) >= PROFILES * 0.99  # hypothesis may skip duplicates
    if tally.violations:
        pytest.fail(_describe(tally), pytrace=False)


def test_eight_week_programmes_offer_nothing_forbidden() -> None:
    tally = Tally()

    @settings(
        max_examples=EIGHT_WEEK_PROFILES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(profiles(), statuses())
    def one(profile: Profile, status: SafetyStatus) -> None:
        tally.add(check_person(profile, status, LIBRARY, start=START, weeks=8, checkins=0))

    began = time.perf_counter()
    one()
    _write("eight_week_plans", tally, time.perf_counter() - began, weeks=8)
    assert tally.profiles >= EIGHT_WEEK_PROFILES
    if tally.violations:
        pytest.fail(_describe(tally), pytrace=False)


# --- the oracle and the checker can fail ----------------------------------------------------


def _person(day: dt.date = START, **facts: Any) -> Person:
    status = SafetyStatus(**facts.pop("status", {}))
    return Person(profile=Profile(as_of=START, **facts), status=status, day=day)


def test_the_oracle_forbids_what_the_issue_found() -> None:
    bounce = LIBRARY["basic-bounce"]
    assert forbidden(bounce, _person(conditions=["knee_or_ankle_problem"]))
    assert forbidden(bounce, _person(pregnancy_week=12, rope_experience="none"))
    assert forbidden(bounce, _person(conditions=["pelvic_floor_symptoms"]))
    assert forbidden(LIBRARY["alternate-foot-step"], _person(status={"state": "light"}))
    assert forbidden(LIBRARY["glute-bridge"], _person(pregnancy_week=24))
    assert forbidden(LIBRARY["box-breathing"], _person(pregnancy_week=10))
    two_weeks_ago = START - dt.timedelta(weeks=2)
    assert forbidden(LIBRARY["cat-cow"], _person(spinal_surgery_date=two_weeks_ago))
    assert forbidden(LIBRARY["knee-to-chest"], _person(hip_replacement_approach="posterior"))
    assert forbidden(LIBRARY["diaphragmatic-breathing"], _person(status={"state": "emergency"}))


def test_the_oracle_allows_what_the_rules_allow() -> None:
    assert forbidden(LIBRARY["basic-bounce"], _person(rope_experience="regular")) is None
    assert forbidden(LIBRARY["glute-bridge"], _person(pregnancy_week=12)) is None
    assert (
        forbidden(LIBRARY["diaphragmatic-breathing"], _person(status={"state": "stopped"})) is None
    )
    relaxed = Dosage.model_validate(
        {
            "duration_s": 120,
            "breath": [
                {"phase": "in", "seconds": 4},
                {"phase": "hold", "seconds": 2},
                {"phase": "out", "seconds": 4},
            ],
        }
    )
    assert forbidden(LIBRARY["box-breathing"], _person(pregnancy_week=10), relaxed) is None
    # The week counts on from the day of the answers: 18 weeks now is 22 in a month.
    later = START + dt.timedelta(weeks=4)
    assert forbidden(LIBRARY["glute-bridge"], _person(later, pregnancy_week=18))


def test_the_checker_reports_a_planted_violation() -> None:
    pregnant = Profile(as_of=START, pregnancy_week=30, rope_experience="regular")
    bounce = LIBRARY["basic-bounce"]
    planted = PlannedExercise(
        id=bounce.id, name=bounce.name, pillar=bounce.pillar, dose=bounce.dosage, minutes=2, why="x"
    )
    session = PlannedSession(
        date=START,
        week=1,
        number=1,
        minutes=2,
        blocks=[Block(kind="rope", title="Rope", exercises=[planted])],
    )
    checker = Checker(pregnant, SafetyStatus(), LIBRARY, START)
    checker.programme(Programme(start=START, weeks=1, sessions=[session]))
    assert [v["exercise"] for v in checker.tally.violations] == ["basic-bounce"]
    assert "28 weeks" in checker.tally.violations[0]["oracle"]
