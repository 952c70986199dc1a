"""The programme notes: the overall shape of the plan and what was left out, in plain words.

A person should be able to read why their plan looks as it does without opening every
exercise: the session order, the founding routine, the rope ladder, the lighter weeks, the
pain rule and every exercise left out for safety, with its reason.
"""

from limber.content.loader import Library
from limber.plan.models import PlannedSession, Profile
from limber.plan.progression import ProgressionState
from limber.safety.rules import exclusion_reason

PAIN_RULE = (
    "During exercise keep pain at 5/10 or below (0-2 is safe, 3-5 acceptable) and let it settle "
    "by the next morning. Check in after each session: green check-ins move you on, a worse "
    "next morning brings the load down."
)


def _left_out(profile: Profile, library: Library, pillars: set[str]) -> list[str]:
    by_reason: dict[str, list[str]] = {}
    for exercise in library:
        if exercise.pillar not in pillars or exercise.role == "rope_interval":
            continue
        reason = exclusion_reason(exercise, profile)
        if reason:
            by_reason.setdefault(reason, []).append(exercise.name)
    return [
        f"Left out because {reason}: {', '.join(names)}." for reason, names in by_reason.items()
    ]


def programme_notes(
    profile: Profile,
    library: Library,
    state: ProgressionState | None,
    sessions: list[PlannedSession],
    weeks: int,
    breathing_only: bool,
) -> list[str]:
    """Notes explaining the overall shape of a programme."""
    per_week = profile.days_per_week
    if breathing_only:
        return [
            "Your screening found a warning sign, so only slow breathing is planned until a "
            "clinician has checked you. This is not a diagnosis; please follow the advice on "
            "whom to see.",
            f"{per_week} short breathing session(s) a week of about "
            f"{profile.minutes_per_session} minutes help you stay calm and ease pain meanwhile.",
        ]
    sessions_word = "session" if per_week == 1 else "sessions"
    weeks_word = "week" if weeks == 1 else "weeks"
    notes = [
        f"{per_week} {sessions_word} a week for {weeks} {weeks_word}, about "
        f"{profile.minutes_per_session} minutes each, always in the same order: opening "
        "breathing, mobility, strength and control, jump rope, closing breathing.",
        "Strength and motor-control exercises do the most for back pain; the stretches warm "
        "you up and keep you moving, and the breathing calms pain and tension.",
    ]
    founding = [e.name for e in library if e.founding and exclusion_reason(e, profile) is None]
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
    return notes + _left_out(profile, library, {"stretch", "jump_rope", "breathing"})
