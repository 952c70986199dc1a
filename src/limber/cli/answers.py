"""The answers file of ``limber init --answers``: its template and its validation.

Everything in the file is checked before anything is stored, and every problem is reported
at once with the place it was found (``profile.pain_now``, ``red_flags``), so a person fixing
the file does not have to run the command once per mistake.
"""

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from limber.plan.models import Profile
from limber.safety.screening import ScreeningAnswers, answers_template
from limber.vocab import CONDITIONS, EQUIPMENT

SECTIONS = ("red_flags", "readiness", "followups", "profile")

TEMPLATE_HEADER = """\
# Limber onboarding answers. Edit, then run: limber init --answers FILE
# red_flags, readiness, followups: answer every question id true (yes) or false (no).
#   `limber init` without --answers asks the same questions in full sentences.
# profile: pain_area low_back|mid_back|upper_back|whole_back;
#   duration acute|subacute|chronic; aggravated_by bending_forward|bending_back|neither|both;
#   pain_now 0-10; fitness low|moderate|high; rope_experience none|some|regular;
#   minutes_per_session 10-90; weekdays 0-6 (Monday = 0); body_weight_kg 25-300 or null;
#   age 16-110 or null.
"""


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
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    conditions = "# conditions: any of " + ", ".join(CONDITIONS)
    equipment = "# equipment: any of " + ", ".join(EQUIPMENT)
    return f"{TEMPLATE_HEADER}{_wrap(conditions)}\n{_wrap(equipment)}\n{body}"


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


def _describe(section: str, exc: ValidationError) -> list[str]:
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in (section, *err["loc"]))
        given = err.get("input")
        if err["type"] == "missing":
            problems.append(f"{loc} is missing")
        elif err["type"] == "extra_forbidden":
            problems.append(f"{loc} is not a known field")
        elif err["type"] == "literal_error":
            problems.append(f"{loc}: {given!r} is not allowed; {err['msg'].lower()}")
        elif err["type"] == "value_error":
            problems.append(f"{section}: {str(err['msg']).removeprefix('Value error, ')}")
        else:
            problems.append(f"{loc}: {err['msg'].lower()} (got {given!r})")
    return problems


def parse_answers(raw: object) -> tuple[ScreeningAnswers, Profile]:
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
            problems += _describe("answers", exc)
    profile_raw = raw.get("profile") or {}
    if not isinstance(profile_raw, dict):
        problems.append("profile must be a mapping of field: value")
    else:
        try:
            profile = Profile.model_validate(profile_raw)
        except ValidationError as exc:
            problems += _describe("profile", exc)
    if problems or screening is None or profile is None:
        raise AnswersError(problems)
    return screening, profile


def read_answers(path: Path) -> tuple[ScreeningAnswers, Profile]:
    """Read and validate an answers file (see :func:`parse_answers`)."""
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
    return parse_answers(raw)
