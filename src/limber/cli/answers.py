"""The answers file of ``limber init --answers``: its template and its validation.

Everything in the file is checked before anything is stored, and every problem is reported
at once with the place it was found (``profile.pain_now``, ``red_flags``), so a person fixing
the file does not have to run the command once per mistake.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from limber.content.questionnaire import Question, field_bounds, load_questionnaire
from limber.profile import Profile
from limber.safety.screening import ScreeningAnswers, answers_template, evaluate
from limber.services.profile_facts import missing_facts
from limber.vocab import CONDITIONS, EQUIPMENT

SECTIONS = ("red_flags", "readiness", "followups", "profile")
# The profile questions (content/profile.yaml): the template names their values and ranges.
QUESTIONS = load_questionnaire()

TEMPLATE_HEADER = """\
# Limber onboarding answers. Edit, then run: limber init --answers FILE
# red_flags, readiness, followups: answer every question id true (yes) or false (no).
#   `limber init` without --answers asks the same questions in full sentences.
"""
FACTS_NOTE = (
    "A fact left null when its condition applies is planned the safer way, and init says "
    "what it assumed."
)


def _spec(q: Question) -> str:
    """One profile field as the answers file takes it: its values or its range."""
    if q.kind in ("choice", "yes_no"):
        values = "|".join(v for v, _ in q.options() if v != q.none_value)
        return f"{q.field} {values}" + (" (null if you do not know)" if q.none_value else "")
    if q.kind == "date":
        return f"{q.field} YYYY-MM-DD"
    if q.kind == "weekdays":
        return f"{q.field} {q.low:g}-{q.high:g} (Monday = 0)"
    spec = f"{q.field} {q.low:g}-{q.high:g}"
    return spec + (" or null" if q.optional else "")


def _items(lead: str, items: list[str], width: int = 95) -> str:
    """``# lead item; item; ...`` wrapped between items, so no value is cut from its field."""
    lines = [f"# {lead}"]
    for n, item in enumerate(items):
        text = item + (";" if n < len(items) - 1 else ".")
        if len(lines[-1]) + 1 + len(text) > width:
            lines.append("#   " + text)
        else:
            lines[-1] += " " + text
    return "\n".join(lines)


def _profile_header() -> str:
    """The profile part of the template's comment, from the questionnaire (never retyped)."""
    out: list[str] = []
    for section in QUESTIONS.sections:
        specs = [_spec(q) for q in section.questions if q.kind != "many"]
        if specs:
            facts = "profile facts the safety rules need (null when the condition does not apply):"
            out.append(_items(facts if section.facts else "profile:", specs))
    recorded = [f"{r.field} YYYY-MM-DD (null = today): {r.why}" for r in QUESTIONS.recorded]
    out.append(_wrap("# " + " ".join([*recorded, FACTS_NOTE])))
    return "\n".join(out) + "\n"


class AnswersError(Exception):
    """The answers file cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def template_text() -> str:
    """The YAML template: every question answered "no" and the default profile."""
    data: dict[str, Any] = dict(answers_template())
    data["profile"] = Profile().model_dump(mode="json")
    data["profile"]["conditions"] = []
    # Null, not false: a sciatica without this answer is read the safer way (see _facts).
    data["profile"]["leg_pain_worse_than_back"] = None
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    conditions = "# conditions: any of " + ", ".join(CONDITIONS)
    equipment = "# equipment: any of " + ", ".join(EQUIPMENT)
    header = TEMPLATE_HEADER + _profile_header()
    return f"{header}{_wrap(conditions)}\n{_wrap(equipment)}\n{body}"


def _wrap(comment: str, width: int = 95) -> str:
    lines: list[str] = []
    line = ""
    for word in comment.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = "#  " + word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _where(section: str, loc: tuple[int | str, ...]) -> str:
    """``profile.conditions[0]``: the place of a problem, as the person would find it."""
    out = section
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _bounds(model: type[BaseModel], name: str) -> tuple[float | None, float | None]:
    """The ``ge``/``le`` limits of a field, read from its annotation (Optional, list, ...)."""
    return field_bounds(model.model_fields.get(name))


_KNOWN_LISTS = {"conditions": ("condition", CONDITIONS), "equipment": ("equipment", EQUIPMENT)}
_DATE_ERRORS = ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact")


def _describe(section: str, exc: ValidationError, model: type[BaseModel]) -> list[str]:
    problems = []
    for err in exc.errors():
        loc = _where(section, err["loc"])
        name = str(err["loc"][0]) if err["loc"] else ""
        given = err.get("input")
        kind = err["type"]
        if kind == "missing":
            problems.append(f"{loc} is missing")
        elif kind == "extra_forbidden":
            problems.append(f"{loc} is not a known field")
        elif kind == "literal_error" and name in _KNOWN_LISTS:
            noun, known = _KNOWN_LISTS[name]
            problems.append(f"{loc}: {given!r} is not a known {noun}; known: {', '.join(known)}")
        elif kind == "literal_error":
            problems.append(f"{loc}: {given!r} is not allowed; {err['msg'].lower()}")
        elif kind in ("greater_than_equal", "less_than_equal"):
            low, high = _bounds(model, name)
            if low is not None and high is not None:
                problems.append(f"{loc}: {given} is outside {low:g}-{high:g}")
            else:
                problems.append(f"{loc}: {err['msg'].lower()} (got {given!r})")
        elif kind in _DATE_ERRORS or kind == "date_type":
            problems.append(f"{loc}: {given!r} is not a date; write it as YYYY-MM-DD")
        elif kind in ("bool_parsing", "bool_type"):
            problems.append(f"{loc}: {given!r} is not true or false")
        elif kind in ("int_parsing", "int_from_float", "int_type"):
            problems.append(f"{loc}: {given!r} is not a whole number")
        elif kind == "value_error":
            text = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{loc if err['loc'] else section}: {text}")
        else:
            problems.append(f"{loc}: {err['msg'].lower()} (got {given!r})")
    return problems


@dataclass(frozen=True)
class AnswersFile:
    """A validated answers file, with notes on what was assumed for facts left out."""

    screening: ScreeningAnswers
    profile: Profile
    notes: list[str] = field(default_factory=list)


def _profile_problems(raw: dict[Any, Any]) -> list[str]:
    # Checks the Profile model leaves to the front end: the day the answers are true must
    # have come (a typo there would shift every counted week). A malformed date is left to
    # the model, which names it.
    value = raw.get("as_of")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return []
    if isinstance(value, dt.date) and value > dt.date.today():
        return [
            f"profile.as_of: {value.isoformat()} is in the future; give the day the answers "
            "are true, or null for today"
        ]
    return []


def _facts(
    screening: ScreeningAnswers, profile: Profile, given: set[str]
) -> tuple[Profile, list[str]]:
    """Fill a missing yes/no fact the safer way and say what was assumed for every gap.

    The file may leave a fact out (the person may not know it); the safety layer then reads
    it the safer way. Only "leg pain worse than back pain" needs help here: a Profile's
    default is "no", so the safer "yes" is written in.
    """
    implied = evaluate(screening).conditions
    assumed = missing_facts(profile, implied, given=given)
    if any(a.field == "leg_pain_worse_than_back" for a in assumed):
        data = profile.model_dump() | {"leg_pain_worse_than_back": True}
        profile = Profile.model_validate(data)
    return profile, [f"profile.{a.field}: {a.note}" for a in assumed]


def parse_answers_file(raw: object) -> AnswersFile:
    """Validate loaded YAML; raise :class:`AnswersError` listing every problem."""
    if not isinstance(raw, dict):
        raise AnswersError(
            [
                "the answers file must be a YAML mapping with red_flags, readiness, followups "
                "and profile; see `limber init --answers-template`"
            ]
        )
    problems = [
        f"{key!r} is not a known section; the sections are {', '.join(SECTIONS)}"
        for key in raw
        if key not in SECTIONS
    ]
    screening: ScreeningAnswers | None = None
    profile: Profile | None = None
    section_data = {k: raw.get(k) for k in ("red_flags", "readiness", "followups")}
    for key, value in section_data.items():
        if value is None and key != "followups":
            problems.append(f"{key} is missing: answer every question (true or false)")
        elif value is not None and not isinstance(value, dict):
            problems.append(f"{key} must map question ids to true or false")
    if not problems:
        try:
            screening = ScreeningAnswers.model_validate(
                {k: v for k, v in section_data.items() if v is not None}
            )
        except ValidationError as exc:
            problems += _describe("answers", exc, ScreeningAnswers)
    profile_raw = raw.get("profile") or {}
    given: set[str] = set()
    if not isinstance(profile_raw, dict):
        problems.append("profile must be a mapping of field: value")
    else:
        # A yes/no fact left null means "not answered", not "no" (see _facts).
        if profile_raw.get("leg_pain_worse_than_back", False) is None:
            profile_raw = {k: v for k, v in profile_raw.items() if k != "leg_pain_worse_than_back"}
        given = {str(k) for k, v in profile_raw.items() if v is not None}
        problems += _profile_problems(profile_raw)
        try:
            profile = Profile.model_validate(profile_raw)
        except ValidationError as exc:
            problems += _describe("profile", exc, Profile)
    if problems or screening is None or profile is None:
        raise AnswersError(problems)
    profile, notes = _facts(screening, profile, given)
    return AnswersFile(screening, profile, notes)


def parse_answers(raw: object) -> tuple[ScreeningAnswers, Profile]:
    """Validate loaded YAML (see :func:`parse_answers_file`), without the notes."""
    parsed = parse_answers_file(raw)
    return parsed.screening, parsed.profile


def read_answers(path: Path) -> tuple[ScreeningAnswers, Profile]:
    """Read and validate an answers file (see :func:`read_answers_file`), without notes."""
    parsed = read_answers_file(path)
    return parsed.screening, parsed.profile


def read_answers_file(path: Path) -> AnswersFile:
    """Read and validate an answers file (see :func:`parse_answers_file`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersError([f"the answers file {path} does not exist"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersError([f"the answers file {path} cannot be read: {exc}"]) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise AnswersError([f"{path} is not valid YAML{where}"]) from None
    return parse_answers_file(raw)
