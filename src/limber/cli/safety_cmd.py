"""``limber safety rules`` and ``limber safety explain``: the rule base, read by people.

A clinician reviewing Limber should not have to read YAML or code to know what it does: the
``rules`` listing says of every rule whom it applies to, what it does to which exercises, why,
and which source it rests on. ``explain`` answers the question a user or a physiotherapist
actually has: "why is (or isn't) this exercise in my plan?", from the same answers file
``limber init --answers`` reads, through the same gate the planner calls.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from limber.cli.answers import AnswersError, read_answers
from limber.cli.errors import EXIT_PROBLEMS, fail
from limber.cli.output import JsonFlag, print_json
from limber.content.loader import LibraryError, default_library
from limber.content.schema import Exercise, SafetyProps
from limber.profile import Profile
from limber.safety import gate
from limber.safety.facts import Person, SafetyStatus
from limber.safety.rulebase import (
    DESIGN_CHOICE,
    RULEBOOK,
    SOURCES_FILE,
    Bounds,
    ExerciseMatch,
    Rule,
    RuleBase,
    RuleProblem,
    SourceEntry,
    When,
    check_rulebook,
    load_sources,
    rule_base,
)
from limber.safety.screening import ScreeningAnswers, evaluate
from limber.vocab import CLEARANCE_LABELS, CONDITION_LABELS

safety_app = typer.Typer(
    help="The safety rules, and what they mean for one person.", no_args_is_help=True
)
console = Console()

ACTION_WORDS = {
    "exclude": "excludes it",
    "substitute": "replaces it with a position variant",
    "require_clearance": "waits for a clearance",
    "modify": "changes the dose",
    "caution": "asks for care",
    "escalate": "advises a clinician",
}

# ExerciseMatch keys that are not SafetyProps fields but other facts about an exercise.
EXERCISE_FACTS = {"pillar", "role", "tags", "uses_rope", "contraindicated", "cautioned"}


# --- rules in words -----------------------------------------------------------------------


def _range(name: str, b: Bounds, unit: str = "") -> str:
    def num(v: float) -> str:
        return f"{v:g}{unit}"

    if b.min is not None and b.max is not None:
        return f"{name} {num(b.min)} to {num(b.max)}"
    if b.min is not None:
        return f"{name} {num(b.min)} or more"
    return f"{name} up to {num(b.max or 0)}"


L = TypeVar("L")


def _any(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def _given(when: When, labels: dict[str, L]) -> Iterator[tuple[L, Any]]:
    """The conditions of ``when`` that a rule sets (not None), each with its label."""
    for key, label in labels.items():
        value = getattr(when, key)
        if value is not None:
            yield label, value


def who(when: When) -> str:
    """Whom a rule applies to, in words ("everyone" when it names nothing)."""
    parts: list[str] = []
    if when.conditions:
        labels = [CONDITION_LABELS[c].lower() for c in when.conditions]
        parts.append(labels[0] if len(labels) == 1 else "any of: " + "; ".join(labels))
    words = {
        "pregnancy_week": ("week of pregnancy", ""),
        "weeks_postpartum": ("weeks after a birth", ""),
        "weeks_since_surgery": ("weeks since spinal surgery", ""),
        "age": ("age", ""),
        "pain_now": ("pain now", "/10"),
        "flare_days": ("days of flare", ""),
        "flares_in_4_weeks": ("flares in 4 weeks", ""),
        "weeks_without_improvement": ("weeks without improvement", ""),
    }
    parts += [_range(label, bounds, unit) for (label, unit), bounds in _given(when, words)]
    lists = {
        "surgery_type": "operation",
        "duration": "pain duration",
        "aggravated_by": "worse when",
        "fitness": "fitness",
        "rope_experience": "rope experience",
        "hip_replacement_approach": "hip replacement approach",
        "state": "safety state",
        "readiness_yes": "readiness answer yes to",
    }
    parts += [
        f"{label} {_any([str(v).replace('_', ' ') for v in values])}"
        for label, values in _given(when, lists)
    ]
    flags = {
        "leg_pain_worse_than_back": "leg pain worse than back pain",
        "flare": "in a flare",
        "pelvic_floor_symptoms_now": "pelvic-floor symptoms reported now",
        "paused": "programme paused for a review",
    }
    parts += [label if value else f"not {label}" for label, value in _given(when, flags)]
    return "; ".join(parts) or "everyone"


def _match_words(match: ExerciseMatch) -> str:
    parts: list[str] = []
    for key, value in match.model_dump(exclude_none=True).items():
        name = key.replace("_", " ")
        if isinstance(value, bool):
            parts.append(name if value else f"not {name}")
        elif isinstance(value, dict):
            parts.append(_range(name, Bounds.model_validate(value)))
        else:
            parts.append(f"{name} {_any([str(v).replace('_', ' ') for v in value])}")
    return ", ".join(parts) or "every exercise"


def which(rule: Rule) -> str:
    """Which exercises a rule touches, in words ("" for a person-level escalation)."""
    return " or ".join(
        f"({_match_words(m)})" if len(rule.matches) > 1 else _match_words(m) for m in rule.matches
    )


def citation(source: str, sources: dict[str, SourceEntry]) -> str:
    if source == DESIGN_CHOICE:
        return "Limber's own design choice (no source)"
    entry = sources.get(source)
    if entry is None:
        return source
    return f"{entry.cites} ({entry.file} §{entry.heading.lstrip('# ').rstrip('.')})"


def rule_row(rule: Rule, sources: dict[str, SourceEntry]) -> dict[str, Any]:
    """One rule as the listing shows it (also the ``--json`` shape)."""
    return {
        "id": rule.id,
        "title": rule.title,
        "action": rule.action,
        "applies_to": who(rule.when),
        "exercises": which(rule) or None,
        "reason": rule.reason,
        "source": rule.source,
        "citation": citation(rule.source, sources),
        "clearance": rule.clearance,
        "lifted_by": rule.unless_cleared,
        "dose": rule.dose.model_dump(exclude_none=True) if rule.dose else None,
        "level": rule.level,
        "pause": rule.pause,
    }


# --- checking a rulebook folder (used by `limber content check`) ---------------------------


def rulebook_problems(folder: Path = RULEBOOK, sources_file: Path = SOURCES_FILE) -> list[str]:
    """Every problem of a rulebook folder: malformed rules, unknown sources, schema drift."""
    problems: list[str] = []
    try:
        sources = load_sources(sources_file)
    except (OSError, yaml.YAMLError, ValidationError, AttributeError) as exc:
        first = str(exc).splitlines()[0]
        return [f"{sources_file.name}: cannot be read as source entries: {first}"]
    if not folder.is_dir():
        return [f"{folder}: is not a rulebook folder"]
    _, found = check_rulebook(folder, sources)
    problems += found
    # A match key that names no exercise property could never match: the schema and the
    # exercise properties must not drift apart.
    props = set(SafetyProps.model_fields)
    for key in ExerciseMatch.model_fields:
        if key not in props and key not in EXERCISE_FACTS:
            problems.append(f"rulebase.py ExerciseMatch.{key}: names no exercise property")
    return problems


# --- the person from an answers file -----------------------------------------------------


def status_from(screening: ScreeningAnswers) -> tuple[SafetyStatus, list[str]]:
    """The safety status fresh answers give (no clearance recorded yet), and the conditions
    the follow-up answers add."""
    result = evaluate(screening)
    readiness_yes = tuple(q for q, yes in screening.readiness.items() if yes)
    if any(f.urgency == "emergency" for f in result.red_flags):
        state = "emergency"
    elif result.red_flags:
        state = "stopped"
    elif readiness_yes:
        state = "light"
    else:
        state = "active"
    status = SafetyStatus(state=state, readiness_yes=readiness_yes)
    return status, list(result.conditions)


def person_from(path: Path, day: dt.date) -> Person:
    """The person an answers file describes, judged on ``day`` (exit 2 on a bad file)."""
    try:
        screening, profile = read_answers(path)
    except AnswersError as exc:
        fail("the answers file has problems:\n  " + "\n  ".join(exc.problems))
    status, implied = status_from(screening)
    extra = [c for c in implied if c not in profile.conditions]
    if extra:
        data = profile.model_dump()
        data["conditions"] = [*profile.conditions, *extra]
        profile = Profile.model_validate(data)
    return Person(profile=profile, status=status, day=day)


# --- commands ------------------------------------------------------------------------------


def _rule_base() -> RuleBase:
    try:
        return rule_base()
    except RuleProblem as exc:
        fail(
            "the safety rule base has problems; run `limber content check`\n"
            + escape("\n".join(exc.problems)),
            EXIT_PROBLEMS,
        )


@safety_app.command("rules")
def rules(as_json: JsonFlag = False) -> None:
    """List every safety rule: whom it applies to, what it does, why, and its source."""
    base = _rule_base()
    rows = [rule_row(r, base.sources) for r in base.rules]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        console.print(f"[bold]{row['id']}[/]  {escape(row['title'])}", highlight=False)
        console.print(f"  does:       {ACTION_WORDS[row['action']]}", highlight=False)
        console.print(f"  applies to: {escape(row['applies_to'])}", highlight=False)
        if row["exercises"]:
            console.print(f"  exercises:  {escape(row['exercises'])}", highlight=False)
        if row["lifted_by"]:
            label = CLEARANCE_LABELS[row["lifted_by"]].lower()
            console.print(f"  lifted by:  {label}", highlight=False)
        console.print(f"  why:        {escape(row['reason'])}", highlight=False)
        console.print(f"  source:     {row['source']}: {escape(row['citation'])}", highlight=False)
    console.print(f"{len(rows)} rules", highlight=False)


def _parse_day(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--date must be a date as YYYY-MM-DD, got {text!r}")


def explanation(exercise: Exercise, person: Person) -> dict[str, Any]:
    """What the gate says about this exercise for this person, and what it would offer."""
    library = default_library()
    verdict = gate.judge(exercise, person)
    sources = _rule_base().sources
    dose = gate.adjust_dose(exercise, exercise.dosage, person)
    alternative = gate.allowed_alternative(exercise, library, person)
    return {
        "exercise": exercise.id,
        "name": exercise.name,
        "day": person.day.isoformat(),
        "state": person.status.state,
        "allowed": verdict.allowed,
        "reason": verdict.reason,
        "rules": [
            {
                **hit.model_dump(),
                "does": ACTION_WORDS.get(hit.action, hit.action),
                "citation": citation(hit.source, sources),
            }
            for hit in verdict.hits
        ],
        "dose": dose.model_dump(exclude_none=True, exclude_defaults=True),
        "dose_changed": dose != exercise.dosage,
        "alternative": alternative,
        "escalations": [e.model_dump() for e in gate.escalations(person)],
    }


@safety_app.command("explain")
def explain(
    exercise_id: Annotated[str, typer.Argument(metavar="EXERCISE", help="Exercise id.")],
    answers: Annotated[
        Path, typer.Option("--answers", help="An answers file as `limber init --answers` reads.")
    ],
    on: Annotated[
        str | None, typer.Option("--date", help="Judge for this day (YYYY-MM-DD; default today).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Say which rules allow, change or exclude EXERCISE for the person in the answers file."""
    day = _parse_day(on)
    try:
        library = default_library()
    except LibraryError as exc:
        fail(f"the exercise library has problems; run `limber content check`\n{exc}", 1)
    exercise = library.get(exercise_id)
    if exercise is None:
        fail(f"no exercise with id {exercise_id!r}; see `limber exercises list`")
    person = person_from(answers, day)
    info = explanation(exercise, person)
    if as_json:
        print_json(info)
        return
    _print_explanation(info)


def _print_explanation(info: dict[str, Any]) -> None:
    head = f"[bold]{escape(info['name'])}[/] ({info['exercise']}) on {info['day']}"
    console.print(head, highlight=False)
    if info["allowed"]:
        console.print("[green]Allowed[/] for you.", highlight=False)
    else:
        console.print(f"[red]Not offered[/]: {escape(info['reason'])}.", highlight=False)
    if not info["rules"]:
        console.print("No safety rule concerns this exercise for you.", highlight=False)
    for hit in info["rules"]:
        console.print(
            f"  - {hit['rule_id']} {hit['does']}: {escape(hit['reason'])}\n"
            f"    source: {hit['source']}: {escape(hit['citation'])}",
            highlight=False,
        )
    if info["dose_changed"]:
        console.print(f"Dose for you: {_dose_words(info['dose'])}", highlight=False)
    alt = info["alternative"]
    lead = "Instead" if not info["allowed"] else "If it hurts"
    console.print(
        f"{lead}, Limber offers: {alt}" if alt else f"{lead}, Limber has no safe alternative.",
        highlight=False,
    )
    for esc in info["escalations"]:
        console.print(f"[yellow]Advice[/] ({esc['level']}): {escape(esc['reason'])}")


def _dose_words(dose: dict[str, Any]) -> str:
    units = {
        "sets": " sets",
        "reps": " reps",
        "hold_s": " s hold",
        "rounds": " rounds",
        "work_s": " s work",
        "rest_s": " s rest",
        "duration_s": " s",
        "cadence_per_min": "/min",
    }
    parts = [f"{dose[k]:g}{unit}" for k, unit in units.items() if k in dose]
    breath = ", ".join(f"{p['phase']} {p['seconds']:g} s" for p in dose.get("breath", []))
    return "; ".join([*parts, *([f"breath {breath}"] if breath else [])])
