"""Hypothesis strategies for random people and check-ins."""

from hypothesis import strategies as st

from limber.plan.models import CheckIn
from limber.profile import Profile
from limber.vocab import CONDITIONS, EQUIPMENT

profiles = st.builds(
    Profile,
    pain_area=st.sampled_from(["low_back", "mid_back", "upper_back", "whole_back"]),
    duration=st.sampled_from(["acute", "subacute", "chronic"]),
    aggravated_by=st.sampled_from(["bending_forward", "bending_back", "neither", "both"]),
    pain_now=st.integers(0, 10),
    conditions=st.lists(st.sampled_from(CONDITIONS), max_size=5),
    fitness=st.sampled_from(["low", "moderate", "high"]),
    rope_experience=st.sampled_from(["none", "some", "regular"]),
    equipment=st.lists(st.sampled_from(EQUIPMENT), max_size=4),
    minutes_per_session=st.integers(10, 90),
    weekdays=st.lists(st.integers(0, 6), min_size=1, max_size=7),
    age=st.one_of(st.none(), st.integers(16, 110)),
)

checkins = st.builds(
    CheckIn,
    pain_during=st.integers(0, 10),
    pain_after=st.integers(0, 10),
    effort=st.integers(0, 10),
    next_day=st.sampled_from([None, "settled", "same", "worse"]),
    new_leg_symptoms=st.booleans(),
)
