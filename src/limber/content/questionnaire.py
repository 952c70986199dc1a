"""The profile questionnaire as data: ``profile.yaml`` drives the CLI prompts and the web form.

The words (labels, help, choice labels, error messages) and the order live in the YAML; the
pydantic :class:`~limber.profile.Profile` stays the validator and the one place for the
allowed values and ranges, which this module reads from the model (so a range is never
typed twice). ``check_questionnaire`` is run by ``limber content check``: it names every
question that does not fit the model, and every model field without exactly one question.
"""

import datetime as dt
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from limber.content.loader import LibraryError, Problem, check_yaml_model
from limber.profile import Profile
from limber.vocab import CONDITION_LABELS, EQUIPMENT_LABELS

QUESTIONNAIRE_FILE = Path(__file__).with_name("profile.yaml")

Kind = Literal["choice", "many", "scale", "number", "date", "yes_no", "weekdays"]
# Choice lists too long (or shared too widely) to write twice come from the vocabulary.
SHARED_CHOICES: dict[str, dict[str, str]] = {
    "conditions": CONDITION_LABELS,
    "equipment": EQUIPMENT_LABELS,
}
KINDS_WITH_CHOICES = ("choice", "many", "yes_no", "weekdays")


class Choice(BaseModel):
    """One answer to pick: the stored value and the words shown."""

    model_config = ConfigDict(extra="forbid")

    value: str
    label: str


class AlsoAsk(BaseModel):
    """A yes/no asked in the terminal after a question, adding a condition on "yes".

    The web form needs no such question: the condition is a box to tick there.
    """

    model_config = ConfigDict(extra="forbid")

    text: str
    adds_condition: str


class Question(BaseModel):
    """One profile field as it is asked."""

    model_config = ConfigDict(extra="forbid")

    field: str
    kind: Kind
    label: str
    help: str | None = None
    # Shown after the label when the answer may be left out ("optional", "leave empty ...").
    optional: str | None = None
    choices: list[Choice] = Field(default_factory=list)
    # "conditions" or "equipment": the choices come from limber.vocab.
    choices_from: Literal["conditions", "equipment"] | None = None
    # The choice stored as "not given" (None) instead of its own value.
    none_value: str | None = None
    # The terminal's default where the model has none (a fact asked only with its condition).
    default: str | None = None
    # Web number inputs: the step of the arrows.
    step: float | None = None
    # Shown when the answer does not fit; {low} and {high} are the model's range.
    error: str | None = None
    also_ask: AlsoAsk | None = None
    # Filled in from the model by the loader, never written in the YAML.
    low: float | None = Field(default=None, exclude=True)
    high: float | None = Field(default=None, exclude=True)
    whole: bool = Field(default=True, exclude=True)

    def options(self) -> list[tuple[str, str]]:
        """(value, label) pairs in the order shown."""
        if self.choices_from is not None:
            return list(SHARED_CHOICES[self.choices_from].items())
        return [(c.value, c.label) for c in self.choices]

    def message(self) -> str | None:
        """The error message with the model's range filled in."""
        if self.error is None:
            return None
        return self.error.format(low=_num(self.low), high=_num(self.high))


class Section(BaseModel):
    """A group of questions with a heading (a card on the web, a title in the terminal)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    intro: str | None = None
    # The facts the safety pathways need: each shown only with (and counting only for) its
    # condition (limber.services.profile_facts.FACT_CONDITIONS says which).
    facts: bool = False
    questions: list[Question]


class Recorded(BaseModel):
    """A profile field that is never asked: Limber records it (the day of the answers)."""

    model_config = ConfigDict(extra="forbid")

    field: str
    why: str
    error: str | None = None


class Questionnaire(BaseModel):
    """The whole ``profile.yaml``."""

    model_config = ConfigDict(extra="forbid")

    sections: list[Section]
    recorded: list[Recorded] = Field(default_factory=list)

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, field: str) -> Question:
        return next(q for q in self.questions() if q.field == field)

    def messages(self) -> dict[str, str]:
        """Per-field error messages for the form."""
        out = {q.field: m for q in self.questions() if (m := q.message())}
        out.update({r.field: r.error for r in self.recorded if r.error})
        return out


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _shape(info: FieldInfo) -> tuple[Any, bool]:
    """A field's base type (without ``| None``, ``list[...]`` or ``Annotated``) and if a list."""
    annotation = info.annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    is_list = typing.get_origin(annotation) is list
    if is_list:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation, is_list


def field_bounds(info: FieldInfo | None) -> tuple[float | None, float | None]:
    """The ``ge``/``le`` limits of a model field, read from its annotation (Optional, list ...).

    Also used by the answers file of ``limber init --answers`` to say a value's range.
    """
    low: float | None = None
    high: float | None = None
    todo: list[Any] = [] if info is None else [*info.metadata, info.annotation]
    while todo:
        item = todo.pop()
        ge, le = getattr(item, "ge", None), getattr(item, "le", None)
        low = low if ge is None else float(ge)
        high = high if le is None else float(le)
        todo += [*getattr(item, "metadata", ()), *typing.get_args(item)]
    return low, high


def allowed_values(field: str) -> list[str] | None:
    """The values the model allows for a choice field, as strings (None: not a literal)."""
    inner, _ = _shape(Profile.model_fields[field])
    if inner is bool:
        return ["true", "false"]
    if typing.get_origin(inner) is Literal:
        return [str(v) for v in typing.get_args(inner)]
    return None


def _kind_fits(question: Question) -> str | None:
    inner, is_list = _shape(Profile.model_fields[question.field])
    literal = typing.get_origin(inner) is Literal
    wanted = {
        "choice": not is_list and literal,
        "many": is_list and literal,
        "weekdays": is_list and inner is int,
        "scale": inner is int and not is_list,
        "number": inner in (int, float) and not is_list,
        "date": inner is dt.date,
        "yes_no": inner is bool,
    }[question.kind]
    return None if wanted else f"kind {question.kind!r} does not fit the model's field"


def _question_problems(name: str, n: int, question: Question) -> list[Problem]:
    where = f"questions.{n}"
    if question.field not in Profile.model_fields:
        return [Problem(name, question.field, where, "is not a field of the profile")]
    problems: list[Problem] = []
    if (kind_problem := _kind_fits(question)) is not None:
        problems.append(Problem(name, question.field, f"{where}.kind", kind_problem))
    if question.kind in ("number", "scale") and None in field_bounds(
        Profile.model_fields[question.field]
    ):
        problems.append(Problem(name, question.field, f"{where}.kind", "has no range in the model"))
    values = [v for v, _ in question.options()]
    if question.kind in KINDS_WITH_CHOICES:
        allowed = allowed_values(question.field)
        if question.kind == "weekdays":
            allowed = [str(d) for d in range(7)]
        extra = {question.none_value} if question.none_value else set()
        if allowed is not None and set(values) != set(allowed) | extra:
            problems.append(
                Problem(
                    name,
                    question.field,
                    f"{where}.choices",
                    f"must offer exactly the model's values {sorted(set(allowed) | extra)} "
                    f"(got {values})",
                )
            )
    elif values:
        problems.append(Problem(name, question.field, f"{where}.choices", "is only for choices"))
    try:
        question.message()
    except (KeyError, IndexError, ValueError) as exc:
        problems.append(Problem(name, question.field, f"{where}.error", f"cannot be filled: {exc}"))
    return problems


def questionnaire_problems(questionnaire: Questionnaire, name: str) -> list[Problem]:
    """What does not fit the Profile model: each field must have exactly one question."""
    problems: list[Problem] = []
    asked: list[str] = []
    for n, question in enumerate(questionnaire.questions()):
        problems.extend(_question_problems(name, n, question))
        asked.append(question.field)
    asked += [r.field for r in questionnaire.recorded]
    for field in sorted({f for f in asked if asked.count(f) > 1}):
        problems.append(Problem(name, field, "field", "is asked more than once"))
    for field in Profile.model_fields:
        if field not in asked:
            problems.append(Problem(name, field, "field", "has no question (nor a recorded entry)"))
    for field in [r.field for r in questionnaire.recorded if r.field not in Profile.model_fields]:
        problems.append(Problem(name, field, "recorded", "is not a field of the profile"))
    return problems


def check_questionnaire(
    path: Path = QUESTIONNAIRE_FILE,
) -> tuple[Questionnaire | None, list[Problem]]:
    """Validate a questionnaire file: the questionnaire (ranges filled in), or every problem."""
    questionnaire, problems = check_yaml_model(path, Questionnaire)
    if questionnaire is None:
        return None, problems
    problems = questionnaire_problems(questionnaire, path.name)
    if problems:
        return None, problems
    for question in questionnaire.questions():
        info = Profile.model_fields[question.field]
        question.low, question.high = field_bounds(info)
        question.whole = _shape(info)[0] is not float
    return questionnaire, []


@lru_cache(maxsize=1)
def load_questionnaire(path: Path = QUESTIONNAIRE_FILE) -> Questionnaire:
    """The shipped questionnaire (loaded once), raising :class:`LibraryError` when broken."""
    questionnaire, problems = check_questionnaire(path)
    if questionnaire is None:
        raise LibraryError(problems)
    return questionnaire
