"""The pain-monitoring model: how much pain during exercise is fine, and the 24-hour rule.

Following Silbernagel (2007) and Thomee (1997): pain on a 0-10 scale of 0-2 during exercise is
safe, 3-5 acceptable, above 5 not acceptable; pain after a session must settle by the next
morning. Progression decisions and the in-session "this hurts" button both use these
thresholds, so the user hears one consistent rule.
"""

from typing import Literal, get_args

from limber.limits import PAIN_MAX, PAIN_MIN

PainZone = Literal["safe", "acceptable", "not_acceptable"]
NextDay = Literal["settled", "same", "worse"]

SAFE_MAX = 2
ACCEPTABLE_MAX = 5


def classify_during(score: int) -> PainZone:
    """Which zone a pain score during exercise falls into."""
    if not PAIN_MIN <= score <= PAIN_MAX:
        raise ValueError(f"a pain score runs from {PAIN_MIN} to {PAIN_MAX}, got {score}")
    if score <= SAFE_MAX:
        return "safe"
    if score <= ACCEPTABLE_MAX:
        return "acceptable"
    return "not_acceptable"


def explain_during(score: int) -> str:
    """A plain sentence about a pain score during exercise."""
    zone = classify_during(score)
    if zone == "safe":
        return f"Pain of {score}/10 during exercise is in the safe zone (0-2)."
    if zone == "acceptable":
        return (
            f"Pain of {score}/10 during exercise is acceptable (3-5), as long as it settles "
            "by the next morning."
        )
    return (
        f"Pain of {score}/10 during exercise is above 5, which is too much: ease off or stop "
        "that exercise."
    )


def next_day_action(next_day: NextDay) -> Literal["keep_or_progress", "hold", "reduce"]:
    """The 24-hour rule: settled -> keep or raise slightly; same -> hold; worse -> reduce."""
    if next_day == "settled":
        return "keep_or_progress"
    if next_day == "same":
        return "hold"
    return "reduce"


def explain_next_day(next_day: NextDay) -> str:
    """A plain sentence about how the pain behaved over the following 24 hours."""
    action = next_day_action(next_day)
    if action == "keep_or_progress":
        return "Your pain settled by the next morning, so the load suited you."
    if action == "hold":
        return (
            "Your pain had not settled by the next morning but was no worse, so the load "
            "stays the same for now."
        )
    return "Your pain was worse the next morning, so the load comes down."


# The short symptom list a check-in asks (issue 11, deliverable 6; clinical-rules.md R11 and
# clinical.md section 1): any of them means the red-flag questions are asked again before the
# next session, because new or changed symptoms call for the diagnosis to be reconsidered
# (NICE NG59). Deliberately short and not only about the legs.
Symptom = Literal["leg", "weakness", "bladder_bowel_saddle", "pain_elsewhere", "unwell", "fall"]
SYMPTOMS: tuple[Symptom, ...] = get_args(Symptom)
SYMPTOM_LABELS: dict[Symptom, str] = {
    "leg": "New or worse pain, numbness or tingling in a leg",
    "weakness": "New weakness in a leg or foot",
    "bladder_bowel_saddle": (
        "A new change in bladder or bowel control, or numbness between the legs (saddle area)"
    ),
    "pain_elsewhere": "New pain somewhere else: in the chest, or pain at night or at rest",
    "unwell": "A fever, or feeling generally unwell",
    "fall": "A fall",
}
