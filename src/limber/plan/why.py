"""One plain sentence per planned exercise saying why *this person* got it.

People follow a plan they understand. Each sentence starts "Chosen because", names something
about the person (their pain, what aggravates it, their fitness or rope experience, their
progress) and ends with what the exercise does for them.
"""

from typing import Literal

from limber.content.schema import Exercise
from limber.plan import preferences
from limber.plan.preferences import Preference
from limber.plan.rope import IntervalStage
from limber.profile import Profile
from limber.safety.facts import Person

AREA: dict[str, str] = {
    "low_back": "lower back",
    "mid_back": "mid back",
    "upper_back": "upper back",
    "whole_back": "back",
}


def targets(exercise: Exercise) -> str:
    """The exercise's targets as a short list in words."""
    items = [t.lower() for t in exercise.targets[:3]]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _said(row: Preference, profile: Profile) -> str:
    return row.reason.format(area=AREA[profile.pain_area], fitness=profile.fitness)


def _also(reason: str, rows: list[Preference], profile: Profile) -> str:
    """The reason, then the reasons of every other preference row that moved the exercise."""
    return "; ".join([reason, *(_said(row, profile) for row in rows)])


def mobility(exercise: Exercise, person: Person) -> str:
    """Why a stretch: the founding routine, else the first preference that brought it forward.

    The preferences are the rows the scorer used (:func:`limber.plan.preferences.matching`),
    so every row that changed its place is said, in the table's order.
    """
    profile = person.profile
    area = AREA[profile.pain_area]
    # The founding stretches go first whatever their score, so no preference placed them.
    rows = [] if exercise.founding else preferences.matching(exercise, person)
    lead = next((row for row in rows if row.weight < 0), None)
    if exercise.founding:
        reason = f"it belongs to Limber's founding routine and is safe for your {area}"
    elif lead is not None:
        reason = _said(lead, profile)
    elif profile.duration == "acute":
        reason = f"gentle movement helps an acute {area} settle faster than rest"
    else:
        reason = f"it keeps your {area} moving without strain"
    reason = _also(reason, [row for row in rows if row is not lead], profile)
    return f"Chosen because {reason}: it works your {targets(exercise)}."


def strength(
    exercise: Exercise, person: Person, replaced: Exercise | None, harder: bool | None
) -> str:
    """Why a strength exercise: a progression or regression, else the person's fitness.

    The preference rows the scorer used for it are said too (they break ties by level).
    """
    profile = person.profile
    if replaced is not None and harder:
        reason = f"you handled {replaced.name.lower()} well, so you moved on to this harder version"
    elif replaced is not None:
        reason = f"{replaced.name.lower()} was too much recently, so this easier version takes over"
    else:
        reason = (
            "strength and control exercises do the most for back pain, and this one suits your "
            f"{profile.fitness} fitness"
        )
    reason = _also(reason, preferences.matching(exercise, person), profile)
    return f"Chosen because {reason}: it trains your {targets(exercise)}."


RopeSituation = Literal["start", "progressed", "no_rope", "no_impact", "swapped"]


def rope(
    exercise: Exercise,
    profile: Profile,
    stage: IntervalStage,
    rounds: int,
    situation: RopeSituation,
) -> str:
    plan = f"{rounds} rounds of {stage.work_s:g} s on and {stage.rest_s:g} s off ({stage.ratio})"
    if situation == "no_rope":
        reason = "you have no jump rope yet, so rope-less drills build the rhythm and the calves"
    elif situation == "no_impact":
        reason = "jumping has to wait for now, so you keep the rhythm without impact"
    elif situation == "swapped":
        reason = "your next rope step is not suitable for you, so you stay with this one"
    elif situation == "progressed":
        reason = "your check-ins say your back copes, so you are at this step of the rope ladder"
    else:
        experience = {"none": "no", "some": "some", "regular": "regular"}[profile.rope_experience]
        reason = (
            f"with {experience} rope experience and {profile.fitness} fitness this is your "
            "starting step on the rope ladder"
        )
    return f"Chosen because {reason}: {plan}."


def breathing(exercise: Exercise, profile: Profile, where: str) -> str:
    if where == "only":
        reason = "slow breathing stays safe while you get your symptoms checked"
    elif where == "opening":
        reason = f"slow breathing before you move lowers tension in your {AREA[profile.pain_area]}"
    elif profile.pain_now >= 5:
        reason = f"with pain at {profile.pain_now}/10, ending on slow breathing helps it settle"
    else:
        reason = "ending on slow breathing helps your back and your nerves settle after work"
    return f"Chosen because {reason}: it trains {targets(exercise)}."
