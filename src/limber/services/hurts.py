"""After "this hurts": what the player may offer instead, what to do now, when to re-screen.

The easier version the player offers comes from the one safety gate
(:func:`limber.safety.gate.allowed_alternative`) for this person on the session's day, and
must also pass the gate at the dose the session planned (the player keeps the step timing of
the exercise it replaces). The browser never looks a regression up itself: a raw library
lookup offered rope-less bouncing where jumping is banned, and high knees as the "easier"
straddle.

Pain follows the pain-monitoring rule (clinical-rules.md R7): over 5/10, or 2 or more above
the first pain reported in the same session, stops that exercise. Any new or worse symptom
brings the red-flag questions back before the next session (clinical.md §1), through
:func:`limber.services.safety.hurt_rescreen_due`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.content.loader import Library, default_library
from limber.content.schema import Dosage
from limber.limits import PAIN_MAX, PAIN_MIN
from limber.safety.facts import Person
from limber.safety.gate import allowed_alternative, judge
from limber.services.errors import InvalidInput
from limber.services.records import current_profile
from limber.services.safety import safety_status
from limber.services.sessions import get_session, planned_of, timeline_of
from limber.store.hurts import HurtReport
from limber.store.models import ProgrammeRecord, SessionLog

Symptom = Literal[
    "spreading_leg_symptoms",
    "new_weakness",
    "bladder_bowel_saddle",
    "chest_pain",
    "dizziness",
    "other",
]
SYMPTOMS: tuple[str, ...] = get_args(Symptom)
SYMPTOM_LABELS: dict[str, str] = {
    "spreading_leg_symptoms": "Pain, tingling or numbness spreading down a leg",
    "new_weakness": "New weakness in a leg or foot",
    "bladder_bowel_saddle": "A change in bladder or bowel control, or numbness between the legs",
    "chest_pain": "Chest pain or pressure",
    "dizziness": "Dizziness or feeling faint",
    "other": "Something else new or worse",
}
# Most urgent first; each names what to do now (clinical.md §1, clinical-rules.md R2, R3, R6).
SYMPTOM_ADVICE: dict[str, str] = {
    "bladder_bowel_saddle": (
        "Stop the session now. Numbness between the legs or a change in bladder or bowel "
        "control can mean pressure on the nerves that needs treatment the same day: go to an "
        "emergency department now."
    ),
    "chest_pain": (
        "Stop the session now and sit down. Chest pain with exercise needs a doctor's advice "
        "before you exercise again; if it does not ease within a few minutes of rest, or comes "
        "with breathlessness or sweating, call emergency services."
    ),
    "new_weakness": (
        "Stop the session. New or worsening weakness in a leg or foot needs a clinician today."
    ),
    "dizziness": (
        "Stop the session and sit, or lie on your side, until it passes. If it does not settle "
        "with rest, get medical help."
    ),
    "spreading_leg_symptoms": (
        "Stop this exercise: symptoms spreading down the leg mean this movement is not right "
        "for you now. Tell a clinician if they do not settle."
    ),
    "other": "Stop this exercise and see whether it settles.",
}
# Symptoms that end the session; the others stop the exercise (only "other" leaves it to pain).
STOP_SESSION = frozenset({"bladder_bowel_saddle", "chest_pain", "new_weakness", "dizziness"})
STOP_EXERCISE = STOP_SESSION | {"spreading_leg_symptoms"}
PREGNANCY_DIZZY = "You are pregnant: call your midwife or doctor as well."

# R7: over 5/10 during exercise is too much; 2 or more above the session's start stops it.
PAIN_LIMIT = 5
PAIN_RISE = 2


@dataclass(frozen=True)
class HurtOutcome:
    """What the player shows after a "this hurts" report."""

    swap: str | None
    advice: str
    stop_exercise: bool
    stop_session: bool
    rescreen: bool


def session_person(db: Session, *, user_id: int, log: SessionLog) -> Person | None:
    """The person as the gate sees them on the session's day (None without a profile)."""
    profile = current_profile(db, user_id=user_id)
    if profile is None:
        return None
    status = safety_status(db, user_id=user_id, today=dt.date.today())
    record = db.get(ProgrammeRecord, log.programme_id) if log.programme_id else None
    return Person(
        profile=profile,
        status=status,
        day=log.session_date,
        programme_start=record.start if record is not None else None,
    )


def _planned_doses(log: SessionLog) -> dict[str, Dosage]:
    if not log.plan:
        return {}
    doses: dict[str, Dosage] = {}
    for block in planned_of(log).blocks:
        for item in block.exercises:
            doses.setdefault(item.id, item.dose)
    return doses


def safe_swap(
    exercise_id: str, library: Library, person: Person | None, dose: Dosage | None
) -> str | None:
    """The easier version the gate allows in place of ``exercise_id`` at ``dose``, or None.

    Without a profile nothing can be judged, so nothing is offered.
    """
    exercise = library.get(exercise_id)
    if exercise is None or person is None:
        return None
    swap = allowed_alternative(exercise, library, person)
    candidate = library.get(swap) if swap else None
    if candidate is None:
        return None
    # The swap is played in the replaced exercise's steps, so its dose must pass as well.
    if dose is not None and not judge(candidate, person, dose).allowed:
        return None
    return candidate.id


def session_swaps(
    db: Session, *, user_id: int, log: SessionLog, library: Library | None = None
) -> dict[str, str | None]:
    """For every exercise of the session, the safe easier version (None when there is none)."""
    lib = library or default_library()
    person = session_person(db, user_id=user_id, log=log)
    doses = _planned_doses(log)
    swaps: dict[str, str | None] = {}
    for step in timeline_of(log).steps:
        if step.exercise_id and step.exercise_id not in swaps:
            swaps[step.exercise_id] = safe_swap(
                step.exercise_id, lib, person, doses.get(step.exercise_id)
            )
    return swaps


def _first_pain(db: Session, session_id: int) -> int | None:
    return db.scalar(
        select(HurtReport.pain)
        .where(HurtReport.session_id == session_id)
        .order_by(HurtReport.at, HurtReport.id)
        .limit(1)
    )


def _pain_advice(pain: int, first: int | None) -> tuple[bool, str]:
    if pain > PAIN_LIMIT:
        return True, (
            f"{pain}/10 is more than exercise should hurt (over {PAIN_LIMIT} is too much): "
            "stop this exercise."
        )
    if first is not None and pain - first >= PAIN_RISE:
        return True, (
            f"That is {pain - first} points above the {first}/10 you reported earlier in this "
            "session: stop this exercise."
        )
    if pain > 2:
        return False, (
            f"{pain}/10 is acceptable if it eases when you stop and has settled by tomorrow "
            "morning. Sharp, shooting or spreading pain means stop."
        )
    return False, f"{pain}/10 is in the safe zone. Sharp, shooting or spreading pain means stop."


def report_hurt(
    db: Session,
    *,
    user_id: int,
    session_id: int,
    step_index: int,
    pain: int,
    symptoms: Sequence[str] = (),
    library: Library | None = None,
) -> HurtOutcome:
    """Store a "this hurts" report and decide what the player offers (flushed; caller commits).

    Example: ``report_hurt(db, user_id=1, session_id=7, step_index=12, pain=6)`` stops the
    exercise (over 5/10) and offers the gate's easier version, if any.
    """
    log = get_session(db, user_id=user_id, session_id=session_id)
    if log.status != "in_progress":
        raise InvalidInput(f"session {session_id} is already {log.status}; start a new one")
    steps = timeline_of(log).steps
    if not 0 <= step_index < len(steps):
        raise InvalidInput(
            f"step {step_index} does not exist: this session has steps 0 to {len(steps) - 1}"
        )
    if not PAIN_MIN <= pain <= PAIN_MAX:
        raise InvalidInput(f"pain is scored from {PAIN_MIN} to {PAIN_MAX}, not {pain}")
    unknown = [s for s in symptoms if s not in SYMPTOMS]
    if unknown:
        raise InvalidInput(f"unknown symptom {unknown[0]!r}: one of {', '.join(SYMPTOMS)}")
    ticked = list(dict.fromkeys(symptoms))
    exercise_id = steps[step_index].exercise_id
    first = _first_pain(db, log.id)
    db.add(
        HurtReport(
            user_id=user_id,
            session_id=log.id,
            step_index=step_index,
            exercise_id=exercise_id,
            pain=pain,
            symptoms=ticked,
        )
    )
    db.flush()

    pain_stops, pain_text = _pain_advice(pain, first)
    symptom_stops = any(s in STOP_EXERCISE for s in ticked)
    stop_session = any(s in STOP_SESSION for s in ticked)
    person = session_person(db, user_id=user_id, log=log)
    advice = [SYMPTOM_ADVICE[s] for s in SYMPTOM_ADVICE if s in ticked]
    if "dizziness" in ticked and person is not None and person.pregnancy_week is not None:
        advice.append(PREGNANCY_DIZZY)
    if pain_stops or not symptom_stops:
        # A stop sign already said what to do; "the pain is acceptable" would contradict it.
        advice.append(pain_text)
    swap: str | None = None
    if exercise_id and not symptom_stops:
        # No easier version after a stop sign: the symptom, not the exercise, is the problem.
        swap = safe_swap(
            exercise_id, library or default_library(), person, _planned_doses(log).get(exercise_id)
        )
        if swap is None and pain_stops:
            advice.append(
                "There is no easier version that is safe for you here: skip the rest of this "
                "block, or end the session."
            )
    # ``rescreen`` is its own field (front ends say the safety questions come back).
    return HurtOutcome(
        swap=swap,
        advice=" ".join(advice),
        stop_exercise=pain_stops or symptom_stops,
        stop_session=stop_session,
        rescreen=bool(ticked),
    )
