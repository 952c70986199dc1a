"""Pain-guided progression with memory: when the load may rise, hold, come down or pause.

The rules (issue 11, deliverable 5; clinical.md section 4, clinical-rules.md R7 and R11):

- **A check-in never raises the load.** A good one (pain during 0-5, pain after 0-5,
  manageable effort) *waits* for the next-morning answer.
- **The load rises only at a "settled" next morning**, when that session's pain during was in
  the acceptable zone (0-5) and pain is not rising from week to week
  (:func:`limber.safety.pain_monitor.weekly_rise`). No next-morning answer, no step up.
- **"Worse" the next morning comes down**, and takes back the step up the session was done
  on, even when it is answered after a later session (:mod:`limber.plan.progression_undo`).
- **A flare** (next-morning pain 2+ above the baseline, or pain during above 5 twice in a
  row) steps down and asks the red-flag questions again; the safety gate halves the volume
  and pauses the rope while it lasts (rulebook 40-pain.yaml, fed by
  :meth:`limber.safety.pain_monitor.PainFacts.status_fields`).
- **A flare of two weeks, or three flares in four weeks, pauses the programme** and advises a
  clinician review; no improvement of pain or PEG in 6 weeks advises a review.

Every decision carries its kind, its reason and the changes, each with its reason. The
state is a small document the store keeps as JSON; the generator reads it.
"""

import datetime as dt
from typing import Literal

from limber.content.loader import Library
from limber.plan.models import CheckIn, PlannedSession
from limber.plan.progression_moves import progress, regress
from limber.plan.progression_state import (
    SEVERITY,
    Change,
    Decision,
    DecisionKind,
    HistoryEntry,
    ProgressionState,
    snapshot,
)
from limber.plan.progression_undo import checkin_index, undo_step
from limber.plan.progression_words import (
    VERDICT,
    decide,
    escalate,
    flare_started_reason,
    flare_text,
    message_of,
    paused_for_review,
    symptoms_reason,
    usual,
)
from limber.safety.pain import ACCEPTABLE_MAX, explain_during
from limber.safety.pain_monitor import (
    PainEntry,
    baseline_of,
    open_flare,
    pain_facts,
    pain_rising,
    step_flares,
)

__all__ = [
    "Change",
    "Decision",
    "DecisionKind",
    "HistoryEntry",
    "ProgressionState",
    "apply_checkin",
    "apply_next_day",
    "combine",
]

HIGH_EFFORT = 8
# The 24-hour rule asks about the next morning: a "settled" given later than this many days
# after the session is too old to raise the load (design choice; "worse" always counts).
NEXT_MORNING_DAYS = 2


def _finish(
    new: ProgressionState,
    session: PlannedSession,
    source: Literal["checkin", "next_day"],
    decision: Decision,
    before: dict[str, object],
    day: dt.date,
    reviewed_on: dt.date | None,
    pelvic_floor_clear: bool | None = None,
) -> Decision:
    facts = pain_facts(new, day)
    decision = escalate(decision, facts, reviewed_on)
    decision = decision.model_copy(update={"message": message_of(decision)})
    new.history.append(
        HistoryEntry(
            session_date=session.date,
            session_number=session.number,
            source=source,
            verdict=decision.verdict,
            kind=decision.kind,
            day=day,
            changes=decision.changes,
            before=dict(before),
            pelvic_floor_clear=pelvic_floor_clear,
        )
    )
    return decision


def _start(
    state: ProgressionState, pain_now: int | None
) -> tuple[ProgressionState, dict[str, object]]:
    new = state.model_copy(deep=True)
    if new.start_pain is None and pain_now is not None:
        new.start_pain = pain_now
    return new, dict(snapshot(state))


def apply_checkin(
    state: ProgressionState,
    checkin: CheckIn,
    session: PlannedSession,
    library: Library,
    *,
    today: dt.date | None = None,
    pain_now: int | None = None,
    reviewed_on: dt.date | None = None,
) -> tuple[ProgressionState, Decision]:
    """Apply a post-session check-in; return the new state and the explained decision.

    ``today`` is the day of the check-in (default: the session's date); ``pain_now`` the
    profile's pain at the start (the first baseline); ``reviewed_on`` the date of the newest
    clinician review recorded, which lifts a review pause for flares that began before it.
    A next-morning answer given in the check-in itself is applied right after it.
    """
    day = today or session.date
    new, before = _start(state, pain_now)
    baseline = baseline_of(new, day)
    new.pain_log.append(
        # The pain during happened on the session's day, even when the check-in comes later.
        PainEntry(
            day=min(day, session.date),
            kind="during",
            score=checkin.pain_during,
            session_number=session.number,
        )
    )
    event = step_flares(new.pain_log, new.flares, baseline)
    new.checkins += 1
    current = open_flare(new)
    if checkin.symptoms:
        decision = decide(
            "regress",
            symptoms_reason(checkin),
            regress(new, session, library, "You reported new or worse symptoms."),
            rescreen=True,
        )
    elif event == "started":
        reason = flare_started_reason(new, baseline)
        decision = decide("flare", reason, regress(new, session, library, reason), rescreen=True)
    elif checkin.pain_during > ACCEPTABLE_MAX:
        reason = explain_during(checkin.pain_during) + " The load comes down."
        decision = decide("regress", reason, regress(new, session, library, reason))
    elif current is not None:
        decision = decide(
            "hold",
            f"You are in a flare since {current.start:%d %b}, so the load holds; "
            + flare_text(new, baseline),
            [],
        )
    elif checkin.pain_after > ACCEPTABLE_MAX:
        decision = decide(
            "hold",
            f"Pain of {checkin.pain_after}/10 after the session is high, so the plan stays the "
            "same until it has settled.",
            [],
        )
    elif checkin.effort >= HIGH_EFFORT:
        decision = decide(
            "hold",
            f"Effort of {checkin.effort}/10 is near your limit, so you repeat this level first.",
            [],
        )
    else:
        decision = decide(
            "wait",
            f"{explain_during(checkin.pain_during)} The load stays as it is until tomorrow "
            "morning: if your pain has settled by then, it goes up a little.",
            [],
        )
    clear = None if checkin.pelvic_floor_symptoms is None else not checkin.pelvic_floor_symptoms
    if checkin.pelvic_floor_symptoms:
        decision = decision.model_copy(
            update={
                "reason": decision.reason
                + " You noticed leaking or heaviness while jumping, so jumping waits and "
                "pelvic-floor training comes first; a pelvic-health physiotherapist can help.",
                "rescreen": decision.rescreen,
            }
        )
    decision = _finish(new, session, "checkin", decision, before, day, reviewed_on, clear)
    if checkin.next_day is None:
        return new, decision
    later, morning = apply_next_day(
        new,
        checkin.next_day,
        session,
        library,
        morning_pain=checkin.morning_pain,
        today=day,
        reviewed_on=reviewed_on,
    )
    return later, combine(decision, morning)


def combine(first: Decision, then: Decision) -> Decision:
    """A check-in that also brings the next-morning answer: one decision for both."""
    kind = (
        then.kind
        if first.kind == "wait" or SEVERITY[then.kind] >= SEVERITY[first.kind]
        else first.kind
    )
    return Decision(
        verdict=VERDICT[kind],
        kind=kind,
        reason=f"{first.reason} {then.reason}",
        changes=first.changes + then.changes,
        rescreen=first.rescreen or then.rescreen,
        review=first.review or then.review,
        message=f"{first.message} The next morning: {then.message}",
    )


def _settled(
    new: ProgressionState,
    session: PlannedSession,
    library: Library,
    day: dt.date,
    index: int | None,
    reviewed_on: dt.date | None,
) -> Decision:
    """A settled next morning: step up only if every condition for it holds."""
    if index is None:
        return decide(
            "hold",
            "Your pain settled by the next morning, but there is no check-in for that session, "
            "so the load holds.",
            [],
        )
    entry = new.history[index]
    if entry.kind is None:
        return decide(
            "hold",
            "Your pain settled by the next morning, so the step made at the check-in stays.",
            [],
        )
    if entry.kind != "wait":
        return decide(
            "hold",
            "Your pain settled by the next morning, but the check-in after that session did "
            "not allow a step up, so the load holds.",
            [],
        )
    if any(e.source == "checkin" for e in new.history[index + 1 :]):
        return decide(
            "hold",
            "Your pain settled after that session, but a later session has been checked in "
            "since: its own next-morning answer decides, so the load holds.",
            [],
        )
    # Counted from the check-in (made on the session's day, or later when checked in late).
    late = (day - (entry.day or session.date)).days
    if late > NEXT_MORNING_DAYS:
        return decide(
            "hold",
            f"This answer came {late} days after the check-in, too late to count as the next "
            "morning, so the load holds.",
            [],
        )
    if paused_for_review(pain_facts(new, day), reviewed_on):
        # No step up while the programme waits for a review (the reason says why below).
        return decide("hold", "Your pain settled by the next morning.", [])
    rising = pain_rising(new, day)
    if rising:
        return decide(
            "hold",
            "Your pain settled by the next morning, but it is rising ("
            + "; ".join(rising)
            + "), so the load holds until it stops rising.",
            [],
        )
    during = next(
        (
            e.score
            for e in reversed(new.pain_log)
            if e.kind == "during" and e.session_number == session.number and e.day <= day
        ),
        None,
    )
    zone = (
        f"Your pain during the session was {during}/10 (within 0-5)"
        if during is not None
        else "Your pain during the session was within 0-5"
    )
    reason = (
        f"{zone}, it settled by the next morning and it is not rising from week to week, so "
        "the load goes up a little."
    )
    skill_up = entry.pelvic_floor_clear is True
    return decide("progress", reason, progress(new, session, library, reason, skill_up=skill_up))


def apply_next_day(
    state: ProgressionState,
    next_day: Literal["settled", "same", "worse"],
    session: PlannedSession,
    library: Library,
    *,
    morning_pain: int | None = None,
    today: dt.date | None = None,
    pain_now: int | None = None,
    reviewed_on: dt.date | None = None,
) -> tuple[ProgressionState, Decision]:
    """Apply the next-morning answer (the 24-hour rule) for ``session``'s check-in.

    ``morning_pain`` (0-10) is the pain that morning; it feeds the baseline and the flare
    rule. ``today`` is the day of the answer (default: the day after the session), which may
    be later than the next morning: a late "worse" still takes back the step it followed.
    """
    day = today or session.date + dt.timedelta(days=1)
    new, before = _start(state, pain_now)
    baseline = baseline_of(new, day)
    event = None
    if baseline is None and morning_pain is not None:
        # Nothing known about the usual pain yet: this first morning answer sets it.
        new.start_pain = baseline = morning_pain
    if morning_pain is not None:
        new.pain_log.append(
            PainEntry(day=day, kind="morning", score=morning_pain, session_number=session.number)
        )
        event = step_flares(new.pain_log, new.flares, baseline)
    index = checkin_index(new, session)
    pain = f" ({morning_pain}/10)" if morning_pain is not None else ""
    if event == "started":
        reason = flare_started_reason(new, baseline)
        changes, still = undo_step(new, session, reason)
        if still:
            changes += regress(new, session, library, reason)
        decision = decide("flare", reason, changes, rescreen=True)
    elif next_day == "worse":
        reason = f"Your pain was worse the next morning{pain}, so the load comes down."
        changes, still = undo_step(new, session, reason)
        if still:
            changes += regress(new, session, library, reason)
        decision = decide("regress", reason, changes)
    elif event == "ended":
        decision = decide(
            "hold",
            f"Your morning pain has been back at {usual(baseline)} on two "
            "mornings in a row, so the flare is over: the rope and the full amount come back, "
            "and the load can rise again after the next settled morning.",
            [],
        )
    elif (current := open_flare(new)) is not None:
        decision = decide(
            "hold",
            f"You are in a flare since {current.start:%d %b}, so the load holds; "
            + flare_text(new, baseline),
            [],
        )
    elif next_day == "same":
        decision = decide(
            "hold",
            f"Your pain had not settled by the next morning{pain}, so the plan holds.",
            [],
        )
    else:
        decision = _settled(new, session, library, day, index, reviewed_on)
    return new, _finish(new, session, "next_day", decision, before, day, reviewed_on)
