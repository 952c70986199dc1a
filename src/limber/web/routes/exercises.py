"""The exercise library: every exercise with its figure, steps, cues and common mistakes."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from limber.content.loader import default_library
from limber.content.schema import Exercise
from limber.vocab import CONDITION_LABELS, EQUIPMENT_LABELS
from limber.web.deps import CurrentUser, render
from limber.web.exceptions import WebError
from limber.web.present import LABELS, dose_text, exercise_info, figure_svg
from limber.web.schemas import ExerciseInfo

router = APIRouter(tags=["exercises"])

ExerciseIdPath = Annotated[str, Path(max_length=80)]


def _get(exercise_id: str) -> Exercise:
    exercise = default_library().get(exercise_id)
    if exercise is None:
        raise WebError(f"There is no exercise called {exercise_id[:80]!r}.", 404)
    return exercise


@router.get("/exercises", include_in_schema=False)
def exercises_page(request: Request, user: CurrentUser) -> Response:
    library = default_library()
    groups = [(LABELS["pillar"][p], library.by_pillar(p)) for p in LABELS["pillar"]]
    ctx = {"title": "Exercises", "groups": groups, "figure_svg": figure_svg, "dose_text": dose_text}
    return render(request, "exercises.html", ctx)


@router.get("/exercises/{exercise_id}", include_in_schema=False)
def exercise_page(request: Request, user: CurrentUser, exercise_id: ExerciseIdPath) -> Response:
    exercise = _get(exercise_id)
    library = default_library()
    ctx = {
        "title": exercise.name,
        "ex": exercise,
        "figure": figure_svg(exercise.id),
        "dose": dose_text(exercise.dosage),
        "labels": LABELS,
        "conditions": CONDITION_LABELS,
        "equipment": EQUIPMENT_LABELS,
        "related": {i: library.get(i) for i in [*exercise.regressions, *exercise.progressions]},
    }
    return render(request, "exercise.html", ctx)


@router.get("/api/exercises", response_model=list[ExerciseInfo])
def api_exercises(user: CurrentUser) -> list[ExerciseInfo]:
    """Every exercise of the library (without figures; ask for one exercise to get its figure)."""
    return [exercise_info(e, figure=False) for e in default_library()]


@router.get("/api/exercises/{exercise_id}", response_model=ExerciseInfo)
def api_exercise(user: CurrentUser, exercise_id: ExerciseIdPath) -> ExerciseInfo:
    """One exercise with its figure as inline SVG."""
    return exercise_info(_get(exercise_id))
