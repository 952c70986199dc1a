"""Shape domain objects for pages and their JSON twins, so both show the same thing.

Figures come from ``limber.content.figure.render_svg`` (inline SVG, drawn from the pose spec);
they are cached per exercise because the library does not change while the app runs.
"""

import logging
from functools import lru_cache

from sqlalchemy.orm import Session

from limber.content.loader import default_library
from limber.content.schema import Dosage, Exercise
from limber.plan.steps import BLOCK_TITLES
from limber.services.checkins import checkin_for_session
from limber.services.hurts import session_swaps
from limber.services.sessions import planned_of, resume_point, timeline_of
from limber.store.models import SessionLog
from limber.web.schemas import ExerciseInfo, PlayerExercise, SessionOut

log = logging.getLogger(__name__)

LABELS: dict[str, dict[str, str]] = {
    "pillar": {"stretch": "Stretch", "jump_rope": "Jump rope", "breathing": "Breathing"},
    "verdict": {"green": "Keep going", "amber": "Go steady", "red": "Ease off"},
    "verdict_word": {"green": "Green", "amber": "Amber", "red": "Red"},
    "verdict_headline": {
        "green": "Keep going",
        "amber": "Go steady",
        "red": "Ease off for now",
    },
    "urgency": {
        "emergency": "Emergency: go now",
        "urgent": "Urgent: today",
        "soon": "Soon: within a week",
    },
    "next_day": {"settled": "Settled", "same": "About the same", "worse": "Worse"},
    "status": {"in_progress": "In progress", "completed": "Completed", "stopped": "Stopped early"},
}


@lru_cache(maxsize=256)
def figure_svg(exercise_id: str) -> str:
    """The exercise's figure as inline SVG, or "" when it cannot be drawn."""
    exercise = default_library().get(exercise_id)
    if exercise is None:
        return ""
    try:
        from limber.content.figure import render_svg
    except ImportError:  # pragma: no cover - the figure module is optional
        return ""
    try:
        return render_svg(exercise)
    except Exception:  # a figure that fails to draw must not take the page down
        log.exception("could not draw the figure of %s", exercise_id)
        return ""


def exercise_name(exercise_id: str | None) -> str:
    """The exercise's name for display ("" when unknown or None)."""
    exercise = default_library().get(exercise_id) if exercise_id else None
    return exercise.name if exercise else ""


def player_exercise(exercise: Exercise, *, figure: bool = True) -> PlayerExercise:
    """The exercise as the player shows it (no library regressions: swaps come per session)."""
    return PlayerExercise(
        id=exercise.id,
        name=exercise.name,
        pillar=exercise.pillar,
        summary=exercise.summary,
        steps=list(exercise.steps),
        cues=list(exercise.cues),
        figure=figure_svg(exercise.id) if figure else "",
    )


def exercise_info(exercise: Exercise, *, figure: bool = True) -> ExerciseInfo:
    """The library page's exercise: what the player shows, plus its easier versions."""
    shown = player_exercise(exercise, figure=figure)
    return ExerciseInfo(**shown.model_dump(), regressions=list(exercise.regressions))


def _seconds(value: float) -> str:
    if value >= 60 and value % 60 == 0:
        return f"{int(value // 60)} min"
    if value >= 60:
        return f"{int(value // 60)} min {int(value % 60)} s"
    return f"{value:g} s"


def dose_text(dose: Dosage) -> str:
    """A dose in words, e.g. "2 sets × 8 reps, each side, 2 s hold"."""
    if dose.breath:
        pattern = " · ".join(f"{p.phase} {p.seconds:g} s" for p in dose.breath)
        total = f"{_seconds(dose.duration_s)} of " if dose.duration_s else ""
        return f"{total}breathing: {pattern}"
    if dose.work_s:
        rounds = (dose.rounds or 1) * dose.sets
        pace = f" at {dose.cadence_per_min}/min" if dose.cadence_per_min else ""
        return (
            f"{rounds} rounds: {_seconds(dose.work_s)} on, {_seconds(dose.rest_s or 0)} rest{pace}"
        )
    parts = []
    if dose.reps:
        parts.append(f"{dose.sets} × {dose.reps} reps" if dose.sets > 1 else f"{dose.reps} reps")
        if dose.hold_s:
            parts.append(f"{dose.hold_s:g} s hold")
    elif dose.hold_s:
        parts.append(
            f"{dose.sets} × {_seconds(dose.hold_s)} hold"
            if dose.sets > 1
            else f"{_seconds(dose.hold_s)} hold"
        )
    elif dose.duration_s:
        parts.append(_seconds(dose.duration_s))
        if dose.cadence_per_min:
            parts.append(f"{dose.cadence_per_min}/min")
    if dose.sides == 2:
        parts.append("each side")
    return ", ".join(parts)


def session_out(db: Session, *, user_id: int, log: SessionLog) -> SessionOut:
    """The session as the player needs it: timeline, resume point, exercises with figures."""
    timeline = timeline_of(log)
    library = default_library()
    wanted: list[str] = []
    for step in timeline.steps:
        if step.exercise_id and step.exercise_id not in wanted:
            wanted.append(step.exercise_id)
    # What "this hurts" may offer comes from the safety gate, for this person on this day.
    swaps = session_swaps(db, user_id=user_id, log=log, library=library)
    wanted.extend(s for s in swaps.values() if s is not None and s not in wanted)
    exercises = {
        e.id: player_exercise(e) for e in (library.get(i) for i in wanted) if e is not None
    }
    titles = dict(BLOCK_TITLES)
    if log.plan:
        titles.update({b.kind: b.title for b in planned_of(log).blocks if b.title})
    checkin = checkin_for_session(db, user_id=user_id, session_id=log.id)
    return SessionOut(
        id=log.id,
        date=log.session_date,
        status=log.status,
        resume_at=resume_point(db, user_id=user_id, session_id=log.id),
        timeline=timeline,
        exercises=exercises,
        swaps=swaps,
        block_titles=titles,
        checkin_id=checkin.id if checkin else None,
    )
