"""The words of a progression decision: its verdict colour, reasons and message.

Kept apart from the rules in :mod:`limber.plan.progression` so each stays short. Every
decision says why in plain words; the message adds what happens next.
"""

import datetime as dt

from limber.plan.models import CheckIn, Verdict
from limber.plan.progression_state import (
    SEVERITY,
    Change,
    Decision,
    DecisionKind,
    ProgressionState,
)
from limber.safety.pain import SYMPTOM_LABELS
from limber.safety.pain_monitor import REVIEW_FLARE_DAYS, REVIEW_WEEKS, PainFacts, needs_review

VERDICT: dict[DecisionKind, Verdict] = {
    "progress": "green",
    "wait": "green",
    "hold": "amber",
    "regress": "red",
    "flare": "red",
    "pause": "red",
}


def usual(baseline: int | None) -> str:
    return f"your usual level ({baseline}/10)" if baseline is not None else "your usual level"


def flare_text(state: ProgressionState, baseline: int | None) -> str:
    return (
        "the volume is halved and the rope pauses until your morning pain is back at "
        f"{usual(baseline)} on two mornings in a row."
    )


def flare_started_reason(state: ProgressionState, baseline: int | None) -> str:
    flare = state.flares[-1]
    if flare.trigger == "during":
        head = "Your pain during the session was above 5 for the second session in a row."
    else:
        head = (
            f"Your pain this morning is {state.pain_log[-1].score}/10, 2 or more above your "
            f"usual {baseline}/10."
        )
    return f"{head} That is a flare: {flare_text(state, baseline)}"


def symptoms_reason(checkin: CheckIn) -> str:
    named = "; ".join(SYMPTOM_LABELS[s].lower() for s in checkin.symptoms)
    return (
        f"You reported: {named}. New or changed symptoms need a fresh check, so the load comes "
        "down and the red-flag questions are asked again before your next session."
    )


def paused_for_review(facts: PainFacts, reviewed_on: dt.date | None) -> bool:
    """A long flare or repeated flares, and no review recorded since the flare began (R7)."""
    reviewed = (
        reviewed_on is not None
        and facts.flare_started is not None
        and reviewed_on >= facts.flare_started
    )
    return needs_review(facts) and not reviewed


def escalate(decision: Decision, facts: PainFacts, reviewed_on: dt.date | None) -> Decision:
    """Add the review advice (and the pause) that the pain log calls for."""
    extra: list[str] = []
    kind = decision.kind
    if paused_for_review(facts, reviewed_on):
        kind = "pause"
        what = (
            f"your flare has lasted {facts.flare_days} days"
            if facts.flare_days >= REVIEW_FLARE_DAYS
            else f"{facts.flares_in_4_weeks} flares began in the last four weeks"
        )
        extra.append(
            f"Because {what}, the programme pauses (breathing stays) and you should see your "
            "doctor or physiotherapist for a review; it goes on once you record their review."
        )
    if facts.weeks_without_improvement >= REVIEW_WEEKS:
        extra.append(
            f"Neither your pain nor your PEG score has improved in "
            f"{facts.weeks_without_improvement} weeks: please ask your doctor or "
            "physiotherapist to review your back."
        )
    if not extra:
        return decision
    reason = " ".join([decision.reason, *extra])
    return decision.model_copy(
        update={
            "kind": kind,
            "verdict": VERDICT[kind]
            if SEVERITY[kind] > SEVERITY[decision.kind]
            else decision.verdict,
            "reason": reason,
            "review": True,
        }
    )


_RED_TAIL = (
    " If your pain keeps getting worse over several sessions, or spreads down a leg, stop and "
    "see a doctor or physiotherapist."
)
_RESCREEN = " Please answer the red-flag questions again before your next session."


def message_of(decision: Decision) -> str:
    kind, changes = decision.kind, decision.changes
    word = {"green": "Green", "amber": "Amber", "red": "Red"}[decision.verdict]
    head = f"{word}: {decision.reason}"
    if kind == "progress":
        tail = (
            f" {len(changes)} change(s) to your next sessions."
            if changes
            else " You are at the top of what this plan offers; keep it up."
        )
    elif kind == "wait":
        tail = " Your next session stays as it was until then."
    elif kind == "hold":
        tail = " Your next session stays as it was."
    elif kind == "pause":
        tail = " Until then only breathing is planned." + _RED_TAIL
    else:
        tail = (
            f" {len(changes)} change(s) make the next sessions easier."
            if changes
            else " Your doses are already at their lowest; rest a day and keep to the breathing."
        ) + _RED_TAIL
    return head + tail + (_RESCREEN if decision.rescreen else "")


def decide(
    kind: DecisionKind, reason: str, changes: list[Change], *, rescreen: bool = False
) -> Decision:
    return Decision(
        verdict=VERDICT[kind],
        kind=kind,
        reason=reason,
        changes=changes,
        rescreen=rescreen,
        message="",
    )
