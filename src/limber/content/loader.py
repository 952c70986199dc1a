"""Load and check a library folder, collecting every problem instead of stopping at the first.

A content editor wants the whole list of what is wrong, each naming the file, the exercise
and the field, so ``load_library`` gathers problems and raises them together.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from limber.content.schema import Exercise

DEFAULT_LIBRARY = Path(__file__).parent / "library"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a library folder."""

    file: str
    exercise: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.exercise:
            where += f" [{self.exercise}]"
        if self.field:
            where += f" {self.field}"
        return f"{where}: {self.message}"


class LibraryError(Exception):
    """The library folder has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Library:
    """The validated exercises, by id, in file order."""

    exercises: dict[str, Exercise]

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def by_pillar(self, pillar: str) -> list[Exercise]:
        return [e for e in self.exercises.values() if e.pillar == pillar]

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)


def _field_path(loc: Iterable[object]) -> str:
    return ".".join(str(part) for part in loc)


def read_yaml(path: Path, name: str) -> tuple[object, list[Problem]]:
    """The parsed YAML of a file, or the problem (with its line) that stopped the parse."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        return None, [Problem(name, None, None, f"is not valid YAML{where}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, None, None, f"cannot be read: {exc}")]


def validation_problems(exc: ValidationError, name: str, item: str | None) -> list[Problem]:
    """Pydantic's errors as problems naming the file, the item and the field, in plain words."""
    problems = []
    for err in exc.errors():
        loc = _field_path(err["loc"]) or None
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "is missing"
        elif err["type"] == "extra_forbidden":
            msg = "is not a known field"
        elif err["type"] == "literal_error":
            msg = f"{msg} (got {err.get('input')!r})"
        problems.append(Problem(name, item, loc, msg))
    return problems


def check_yaml_model(path: Path, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate one YAML file against a pydantic model: the model, or every problem found.

    Shared by the data files beside the library (the profile questionnaire, the measures
    catalogue, the selection preferences) so ``limber content check`` reports them alike.
    """
    raw, problems = read_yaml(path, path.name)
    if problems:
        return None, problems
    if not isinstance(raw, dict):
        return None, [Problem(path.name, None, None, "must hold a YAML mapping")]
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        return None, validation_problems(exc, path.name, None)


def _read_file(path: Path, root: Path) -> tuple[Exercise | None, list[Problem]]:
    name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    raw, problems = read_yaml(path, name)
    if problems:
        return None, problems
    if not isinstance(raw, dict):
        return None, [Problem(name, None, None, "must hold one exercise as a YAML mapping")]
    ex_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        exercise = Exercise.model_validate(raw)
    except ValidationError as exc:
        return None, validation_problems(exc, name, ex_id)
    expected = path.stem
    if exercise.id != expected:
        return None, [Problem(name, exercise.id, "id", f"must match the file name ({expected!r})")]
    return exercise, []


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Return the cycles in a progression graph (each once, as a list of ids)."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return cycles


def check_library(folder: Path) -> tuple[Library, list[Problem]]:
    """Validate every ``*.yaml`` file under ``folder``; return what loaded and all problems."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return Library({}), [Problem(str(folder), None, None, "is not a folder")]
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        return Library({}), [Problem(str(folder), None, None, "holds no .yaml exercise files")]
    exercises: dict[str, Exercise] = {}
    files_of: dict[str, str] = {}
    for path in files:
        exercise, file_problems = _read_file(path, folder)
        problems.extend(file_problems)
        if exercise is None:
            continue
        if exercise.id in exercises:
            problems.append(
                Problem(path.name, exercise.id, "id", f"is already used by {files_of[exercise.id]}")
            )
            continue
        exercises[exercise.id] = exercise
        files_of[exercise.id] = path.name
    for ex in exercises.values():
        for field in ("progressions", "regressions", "variants"):
            for target in getattr(ex, field):
                if target not in exercises:
                    problems.append(
                        Problem(
                            files_of[ex.id], ex.id, field, f"names {target!r}, which does not exist"
                        )
                    )
    graph = {ex.id: list(ex.progressions) for ex in exercises.values()}
    for cycle in _find_cycles(graph):
        problems.append(
            Problem(
                files_of[cycle[0]],
                cycle[0],
                "progressions",
                "form a cycle: " + " -> ".join(cycle),
            )
        )
    return Library(exercises), problems


def load_library(folder: Path | None = None) -> Library:
    """Load a library folder, raising :class:`LibraryError` listing every problem."""
    library, problems = check_library(folder or DEFAULT_LIBRARY)
    if problems:
        raise LibraryError(problems)
    return library


@lru_cache(maxsize=1)
def default_library() -> Library:
    """The library shipped with Limber, loaded once per process."""
    return load_library(DEFAULT_LIBRARY)
