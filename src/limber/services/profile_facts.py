"""The facts the safety pathways need beyond a condition: which belongs to which, what Limber
assumes when one is missing, and how the dated ones move on with the calendar.

Every front end (answers file, interactive CLI, web form) asks for the same facts, so the
pairing and the wording of each assumption live here once. The assumptions mirror how
:class:`limber.safety.facts.Person` reads a missing fact (always the safer way): a front end
only has to say them out loud.
"""

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from limber.profile import Profile
from limber.vocab import Condition

# Each fact field and the condition it belongs to (a fact implies its condition, see
# Profile._facts_imply_conditions); a front end asks a fact only when its condition applies.
FACT_CONDITIONS: dict[str, Condition] = {
    "pregnancy_week": "pregnancy",
    "weeks_postpartum": "postpartum",
    "spinal_surgery_date": "recent_spinal_surgery",
    "spinal_surgery_type": "recent_spinal_surgery",
    "leg_pain_worse_than_back": "sciatica",
    "hip_replacement_approach": "hip_replacement",
}


@dataclass(frozen=True)
class Assumption:
    """A fact that was not given, and what Limber plans with instead (in plain words)."""

    field: str
    condition: Condition
    note: str


_ASSUMED: dict[str, str] = {
    "pregnancy_week": (
        "the week of pregnancy was not given: Limber plans as if you were 28 weeks pregnant "
        "(no exercises lying on your back, marching instead of jumping) until you give it"
    ),
    "weeks_postpartum": (
        "the weeks since the birth were not given: Limber plans as if you gave birth this "
        "week (no rope, pelvic-floor exercises first) until you give them"
    ),
    "spinal_surgery_date": (
        "the date of the spinal operation was not given: Limber plans as if it was this week, "
        "so the programme waits for your surgeon's plan"
    ),
    "spinal_surgery_type": (
        "the type of spinal operation was not given: Limber keeps to the limits of every "
        "type, including those after a fusion (the strictest)"
    ),
    "leg_pain_worse_than_back": (
        "whether your leg pain is worse than your back pain was not given: Limber assumes it "
        "is (no rope, no deep forward bends) until you say otherwise"
    ),
    "hip_replacement_approach": (
        "how the hip was replaced (from the back, front or side) was not given: Limber keeps "
        "every hip precaution (no deep hip bending, crossing the legs or turning the leg in)"
    ),
}


def applicable(conditions: Iterable[str]) -> list[str]:
    """The fact fields to ask for, given the conditions that apply (in asking order)."""
    have = set(conditions)
    return [name for name, condition in FACT_CONDITIONS.items() if condition in have]


def missing_facts(
    profile: Profile, conditions: Iterable[str] = (), *, given: Collection[str] | None = None
) -> list[Assumption]:
    """The facts a condition needs but ``profile`` lacks, each with what is assumed instead.

    ``conditions`` adds conditions the profile does not carry yet (screening follow-ups).
    A yes/no fact (leg pain worse than back pain) cannot be "missing" in a Profile, whose
    default is "no"; pass ``given`` (the fields the person actually filled in) to judge it.
    """
    have = [*profile.conditions, *conditions]
    out: list[Assumption] = []
    for name in applicable(have):
        if name == "leg_pain_worse_than_back":
            missing = given is not None and name not in given
        else:
            missing = getattr(profile, name) is None
        if missing:
            out.append(Assumption(name, FACT_CONDITIONS[name], _ASSUMED[name]))
    return out


def weeks_between(earlier: dt.date, later: dt.date) -> int:
    """Whole weeks from ``earlier`` to ``later`` (0 when ``later`` is not after it)."""
    return max(0, (later - earlier).days) // 7


def facts_on(profile: Profile, day: dt.date) -> Profile:
    """The profile with its counted facts moved on to ``day`` (and ``as_of`` set to it).

    A form filled in again months later must show the pregnancy week of today, not of the
    day it was first answered; saving it then stamps today, so nothing is counted twice.
    """
    if profile.as_of is None or profile.as_of >= day:
        return profile.model_copy(update={"as_of": day})
    weeks = weeks_between(profile.as_of, day)
    update: dict[str, object] = {"as_of": day}
    if profile.pregnancy_week is not None:
        update["pregnancy_week"] = min(42, profile.pregnancy_week + weeks)
    if profile.weeks_postpartum is not None:
        update["weeks_postpartum"] = min(104, profile.weeks_postpartum + weeks)
    return profile.model_copy(update=update)
