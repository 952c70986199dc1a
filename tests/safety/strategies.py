"""Hypothesis strategies for people as the safety rules see them: profile facts and status.

Conditions are drawn with the safety-relevant ones over-represented, so that the pathways
(pregnancy weeks, weeks since an operation, hip approach ...) are hit often rather than once
in a thousand profiles. Every profile's ``as_of`` is the programme's first day, so weeks of
pregnancy or since a birth count on from it.
"""

import datetime as dt
from typing import TypeVar

from hypothesis import strategies as st

from limber.profile import Profile
from limber.safety.facts import SafetyStatus
from limber.safety.screening import load_questions
from limber.vocab import CLEARANCE_KINDS, CONDITIONS, EQUIPMENT, SURGERY_TYPES

# The programme's first day. Surgery dates lie before it, so it must not be after today
# (a future operation date is refused by the Profile).
START = dt.date.today()

RISKY = (
    "pregnancy",
    "postpartum",
    "recent_spinal_surgery",
    "knee_or_ankle_problem",
    "pelvic_floor_symptoms",
    "osteoporosis",
    "osteoporosis_vertebral_fracture",
    "heart_condition",
    "metabolic_or_kidney_disease",
    "high_blood_pressure",
    "glaucoma",
    "hip_replacement",
    "recent_fall",
    "acute_disc_herniation",
    "sciatica",
)

READINESS_IDS: tuple[str, ...] = tuple(q.id for q in load_questions().readiness)

T = TypeVar("T")

# Each optional fact is given for about one profile in five.
rarely = st.sampled_from([False, False, False, False, True])


def sometimes(values: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``values`` about one time in five, otherwise None."""
    return rarely.flatmap(lambda given: values if given else st.none())


conditions = st.lists(
    st.one_of(st.sampled_from(RISKY), st.sampled_from(CONDITIONS)), max_size=6, unique=True
)


@st.composite
def profiles(draw: st.DrawFn, start: dt.date = START) -> Profile:
    """A random person with any mix of conditions and the facts their pathways need."""
    surgery_weeks = draw(sometimes(st.integers(0, 80)))
    surgery_date = None
    if surgery_weeks is not None:
        extra_days = draw(st.integers(0, 6))
        surgery_date = start - dt.timedelta(days=7 * surgery_weeks + extra_days)
    return Profile(
        pain_area=draw(st.sampled_from(["low_back", "mid_back", "upper_back", "whole_back"])),
        duration=draw(st.sampled_from(["acute", "subacute", "chronic"])),
        aggravated_by=draw(st.sampled_from(["bending_forward", "bending_back", "neither", "both"])),
        pain_now=draw(st.integers(0, 10)),
        conditions=draw(conditions),
        fitness=draw(st.sampled_from(["low", "moderate", "high"])),
        rope_experience=draw(st.sampled_from(["none", "some", "regular"])),
        # Rope is in most kits, so rope skills are reachable for most people.
        equipment=draw(
            st.lists(st.sampled_from(EQUIPMENT), max_size=4, unique=True)
            | st.just(["rope", "mat", "chair_or_box", "strap"])
        ),
        minutes_per_session=draw(st.integers(10, 90)),
        weekdays=draw(st.lists(st.integers(0, 6), min_size=1, max_size=7)),
        age=draw(st.none() | st.integers(16, 100)),
        as_of=start,
        pregnancy_week=draw(sometimes(st.integers(0, 42))),
        weeks_postpartum=draw(sometimes(st.integers(0, 60))),
        spinal_surgery_date=surgery_date,
        spinal_surgery_type=draw(sometimes(st.sampled_from(SURGERY_TYPES))),
        leg_pain_worse_than_back=draw(rarely),
        hip_replacement_approach=draw(
            sometimes(st.sampled_from(["posterior", "anterior", "lateral", "unknown"]))
        ),
    )


@st.composite
def statuses(draw: st.DrawFn) -> SafetyStatus:
    """A consistent safety status: ``light`` exactly when a readiness "yes" is not cleared.

    Red-flag states (stopped, emergency) can come with anything, as they do in life.
    """
    readiness_yes = tuple(
        draw(st.lists(st.sampled_from(READINESS_IDS), max_size=3, unique=True) | st.just([]))
    )
    clearances = tuple(draw(st.lists(st.sampled_from(CLEARANCE_KINDS), max_size=4, unique=True)))
    red = draw(st.sampled_from(["none", "none", "none", "none", "stopped", "emergency"]))
    if red != "none":
        state = red
    elif readiness_yes and "readiness" not in clearances:
        state = "light"
    else:
        state = "active"
    flare = draw(rarely)
    return SafetyStatus(
        state=state,
        readiness_yes=readiness_yes,
        clearances=clearances,
        flare=flare,
        flare_days=draw(st.integers(1, 30)) if flare else 0,
        flares_in_4_weeks=draw(
            st.sampled_from([0, 0, 1, 2, 3]) if not flare else st.integers(1, 4)
        ),
        weeks_without_improvement=draw(st.integers(0, 10)),
        pelvic_floor_symptoms_now=draw(rarely),
    )
