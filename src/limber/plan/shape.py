"""The programme notes: the overall shape of the plan and what was left out, in plain words.

A person should be able to read why their plan looks as it does without opening every
exercise: the session order, the founding routine, the rope ladder, the lighter weeks, the
pain rule and every exercise left out for safety, with its reason.
"""

from limber.content.loader import Library
from limber.plan.models import PlannedSession
from limber.plan.progression import ProgressionState
from limber.safety.facts import Person
from limber.safety.gate import escalations, exclusion_reason

PAIN_RULE = (
    "During exercise keep pain at 5/10 or below (0-2 is safe, 3-5 acceptable) and let it settle "
    "by the next morning. Check in after each session: green check-ins move you on, a worse "
    "next morning brings the load down."
)


EMERGENCY_NOTE = (
    "Your answers include an emergency sign. No session is offered: go to an emergency "
    "department (A&E) now, today, and say you have back pain with this sign. Once a clinician "
    "has seen you, record what they said (Clearance) and Limber plans again."
)
LIGHT_NOTE = (
    "You answered yes to a readiness question, so only light work is planned (breathing and "
    "gentle mobility, under 3 MET; no rope) until a doctor or qualified exercise professional "
    "clears you. Record their clearance (who, when, what they said) and the full programme "
    "opens."
)


def emergency_notes() -> list[str]:
    """What an emergency result says instead of a programme."""
    return [EMERGENCY_NOTE]


def _left_out(person: Person, library: Library, pillars: set[str]) -> list[str]:
    by_reason: dict[str, list[str]] = {}
    for exercise in library:
        if exercise.pillar not in pillars or exercise.role == "rope_interval":
            continue
        reason = exclusion_reason(exercise, person)
        if reason:
            by_reason.setdefault(reason, []).append(exercise.name)
    return [
        f"Left out because {reason}: {', '.join(names)}." for reason, names in by_reason.items()
    ]


def programme_notes(
    person: Person,
    library: Library,
    state: ProgressionState | None,
    sessions: list[PlannedSession],
    weeks: int,
    breathing_only: bool,
) -> list[str]:
    """Notes explaining the overall shape of a programme."""
    profile = person.profile
    per_week = profile.days_per_week
    advice = [f"Please note: {e.reason[0].upper()}{e.reason[1:]}." for e in escalations(person)]
    if breathing_only:
        head = (
            "Your screening found a warning sign, so only slow breathing is planned until a "
            "clinician has checked you and you record their clearance. This is not a "
            "diagnosis; please follow the advice on whom to see."
            if person.status.state == "stopped"
            else "Only slow breathing is planned for now."
        )
        return [
            *advice,
            head,
            f"{per_week} short breathing session(s) a week of about "
            f"{profile.minutes_per_session} minutes help you stay calm and ease pain meanwhile.",
        ]
    sessions_word = "session" if per_week == 1 else "sessions"
    weeks_word = "week" if weeks == 1 else "weeks"
    notes = [
        *advice,
        *([LIGHT_NOTE] if person.status.state == "light" else []),
        f"{per_week} {sessions_word} a week for {weeks} {weeks_word}, about "
        f"{profile.minutes_per_session} minutes each, always in the same order: opening "
        "breathing, mobility, strength and control, jump rope, closing breathing.",
        "Strength and motor-control exercises do the most for back pain; the stretches warm "
        "you up and keep you moving, and the breathing calms pain and tension.",
    ]
    founding = [e.name for e in library if e.founding and exclusion_reason(e, person) is None]
    if founding:
        notes.append(
            "Mobility starts with Limber's founding routine where it is safe for you: "
            + ", ".join(founding)
            + "."
        )
    first = sessions[0] if sessions else None
    rope = next((b for b in first.blocks if b.kind == "rope"), None) if first else None
    if rope and rope.exercises:
        pe = rope.exercises[0]
        notes.append(
            f"Jump rope starts at {pe.name.lower()}, {pe.dose.work_s:g} s on and "
            f"{pe.dose.rest_s or 0:g} s off. Green check-ins shorten the rests (1:3, then 1:2, "
            "then 1:1) and then move you up the skill ladder."
        )
    if rope and rope.substitution:
        notes.append(rope.substitution)
    if weeks >= 4:
        numbers = [str(w) for w in range(4, weeks + 1, 4)]
        which = (
            f"Week {numbers[0]} is"
            if len(numbers) == 1
            else f"Weeks {', '.join(numbers[:-1])} and {numbers[-1]} are"
        )
        notes.append(
            f"{which} lighter: less strength work and shorter, easier rope work, with more "
            "time for breathing, so your body can absorb the training."
        )
    if state is not None and state.checkins:
        notes.append(f"Doses follow your {state.checkins} check-in(s) so far.")
    notes.append(PAIN_RULE)
    if profile.pain_now >= 5:
        notes.append(
            f"Your pain is {profile.pain_now}/10 at the moment: use a smaller range, move "
            "slowly and let the check-ins guide you."
        )
    return notes + _left_out(person, library, {"stretch", "jump_rope", "breathing"})
