"""``limber init``: screening, profile and the first programme, asked or read from a file.

The red-flag questions come first and a "yes" ends onboarding there: the screening is stored,
the person is told whom to see and how urgently, and nothing but breathing is planned (nothing
at all after an emergency sign). Running ``init`` again with every answer "no" does not lift a
red flag: it still exits 3 and shows the ``limber clearance add`` command that does.
"""

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.prompt import Confirm, FloatPrompt, IntPrompt, Prompt

from limber.cli.answers import AnswersError, read_answers_file, template_text
from limber.cli.context import Local, local_session, prompts
from limber.cli.errors import EXIT_RED_FLAG, clearance_command, fail
from limber.content.questionnaire import Question, load_questionnaire
from limber.plan.models import Programme
from limber.profile import Profile
from limber.safety.screening import ScreeningAnswers, ScreeningResult, evaluate, load_questions
from limber.services.onboarding import create_programme, red_flag, save_profile, save_screening
from limber.services.profile_facts import applicable, missing_facts
from limber.vocab import CONDITION_LABELS, Condition

console = Console(highlight=False)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The profile questions, their words and order (content/profile.yaml; the web form reads it too).
QUESTIONS = load_questionnaire()


def show_red_flag(result: ScreeningResult) -> None:
    """Print every red-flag sign with its urgency and advice, most urgent first."""
    console.print("[bold red]Stop: please do not start the programme.[/]")
    for finding in result.red_flags:
        console.print(
            f"[bold]{finding.sign}[/] — urgency: [bold red]{finding.urgency}[/]\n"
            f"  {finding.advice}",
            highlight=False,
        )


def red_flag_exit(result: ScreeningResult, *, rescreened: bool = False) -> None:
    """Exit 3 with the signs, their urgency and what lifts the stop (the screening is stored).

    ``rescreened``: the new answers found no red flag, but an earlier one still waits for a
    clinician's clearance, and the person must be told why "no" did not lift it.
    """
    signs = "; ".join(f"{f.sign} (urgency: {f.urgency})" for f in result.red_flags)
    emergency = any(f.urgency == "emergency" for f in result.red_flags)
    head = (
        f"a red flag still stops your programme: {signs}. Your new answers cannot clear it; "
        "only a clinician can."
        if rescreened
        else f"red flag found: {signs}."
    )
    offered = (
        "No session is offered, not even breathing, until a clinician has seen you."
        if emergency
        else "Only breathing exercises stay available (`limber today`)."
    )
    fail(
        f"{head} {result.message.splitlines()[0]} {offered} Once a clinician has seen you, "
        f"record their clearance: {clearance_command()}",
        EXIT_RED_FLAG,
    )


def _ask_yes_no(text: str) -> bool:
    return Confirm.ask(text, console=console)


def ask_screening() -> ScreeningAnswers:
    """Ask every red-flag and readiness question, and the follow-ups of each "yes"."""
    q = load_questions()
    console.print("[bold]Safety questions[/] — answer y (yes) or n (no).\n")
    red = {x.id: _ask_yes_no(x.text) for x in q.red_flags}
    console.print("\n[bold]Are you ready to exercise?[/]\n")
    readiness: dict[str, bool] = {}
    followups: dict[str, bool] = {}
    # A condition reached from two parents (a fall: after dizziness or a joint problem) is
    # asked once; the second follow-up takes the same answer.
    by_condition: dict[str, bool] = {}
    for x in q.readiness:
        readiness[x.id] = _ask_yes_no(x.text)
        if readiness[x.id]:
            for f in q.followups_of(x.id):
                if f.condition not in by_condition:
                    by_condition[f.condition] = _ask_yes_no(f"  {f.text}")
                followups[f.id] = by_condition[f.condition]
    return ScreeningAnswers(red_flags=red, readiness=readiness, followups=followups)


def _choice(text: str, choices: list[str], default: str) -> str:
    return Prompt.ask(text, choices=choices, default=default, console=console)


def _number(text: str, low: float, high: float, default: Any, *, whole: bool) -> Any:
    """A number in the model's range (a whole one where the model wants an int), or None."""
    prompt, kind = (IntPrompt, "whole number") if whole else (FloatPrompt, "number")
    while True:
        value = prompt.ask(f"{text} ({low:g}-{high:g})", default=default, console=console)
        if value is None or low <= value <= high:
            return value
        console.print(f"[red]Please enter a {kind} from {low:g} to {high:g}.[/]")


def _date(text: str) -> dt.date | None:
    """A past date as YYYY-MM-DD, or None when the person presses Enter (does not know)."""
    while True:
        raw = Prompt.ask(
            f"{text} (YYYY-MM-DD, Enter if you do not know)",
            default="",
            show_default=False,
            console=console,
        )
        if not raw.strip():
            return None
        try:
            value = dt.date.fromisoformat(raw.strip())
        except ValueError:
            console.print("[red]Please write the date as YYYY-MM-DD, e.g. 2025-03-14.[/]")
            continue
        if value <= dt.date.today():
            return value
        console.print("[red]That date is in the future; give the day of the operation.[/]")


def _pick_many(title: str, options: list[tuple[str, str]]) -> list[str]:
    console.print(f"\n[bold]{title}[/]")
    for n, (_, label) in enumerate(options, 1):
        console.print(f"  {n:>2}. {label}")
    while True:
        raw = Prompt.ask("Numbers separated by commas (empty for none)", default="")
        parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
        if all(p.isdigit() and 1 <= int(p) <= len(options) for p in parts):
            return list(dict.fromkeys(options[int(p) - 1][0] for p in parts))
        console.print(f"[red]Use numbers from 1 to {len(options)}, e.g. 1,3.[/]")


def _weekdays(text: str, default: list[int]) -> list[int]:
    while True:
        shown = ",".join(DAYS[d] for d in default)
        raw = Prompt.ask(f"{text} (e.g. mon,wed,fri)", default=shown)
        parts = [p.strip().lower()[:3] for p in raw.split(",") if p.strip()]
        if parts and all(p in DAYS for p in parts):
            return sorted({DAYS.index(p) for p in parts})
        console.print("[red]Use day names like mon, tue, wed, separated by commas.[/]")


def ask_question(q: Question, default: Any) -> Any:
    """Ask one profile question the way its kind needs (words and range from the YAML/model)."""
    text = q.label.rstrip("?") if q.kind in ("choice", "number", "scale") else q.label
    if q.help and q.kind == "scale":
        text += f", {q.help}"
    if q.optional and default is None and q.kind in ("number", "scale"):
        text += " (Enter to skip)"
    if q.kind == "choice":
        options = q.options()
        console.print(
            "  " + "; ".join(f"{value}: {label}" for value, label in options), style="dim"
        )
        answer = _choice(text, [v for v, _ in options], default if default else options[-1][0])
        return None if answer == q.none_value else answer
    if q.kind in ("scale", "number"):
        if q.low is None or q.high is None:  # `limber content check` refuses such a file
            raise ValueError(f"the profile model gives {q.field} no range")
        return _number(text, q.low, q.high, default, whole=q.whole)
    if q.kind == "date":
        return _date(q.label.rstrip("?"))
    if q.kind == "yes_no":
        return _ask_yes_no(q.label)
    if q.kind == "weekdays":
        return _weekdays(q.label.rstrip("?"), default)
    return _pick_many(q.label, q.options())


def ask_facts(conditions: list[str]) -> tuple[dict[str, Any], list[Condition]]:
    """Ask the facts the safety pathways need for these conditions (issue 11 §4).

    Returns the facts and any condition the answers add (pelvic-floor symptoms after a
    birth). A number or date the person does not know may be skipped; the plan then reads it
    the safer way and :func:`_say_assumptions` tells them so.
    """
    wanted = applicable(conditions)
    facts: dict[str, Any] = {}
    extra: list[Condition] = []
    for section in QUESTIONS.sections:
        if not section.facts:
            continue
        asked = [q for q in section.questions if q.field in wanted]
        if asked:
            console.print(f"\n[bold]{section.title}[/]\n")
        for q in asked:
            facts[q.field] = ask_question(q, q.default)
            also = q.also_ask
            if also and also.adds_condition not in conditions and _ask_yes_no(also.text):
                extra.append(cast(Condition, also.adds_condition))
    return facts, extra


def _say_assumptions(notes: list[str]) -> None:
    for note in notes:
        console.print(f"[yellow]Note:[/] {note}", highlight=False)


def ask_profile(implied: list[str]) -> Profile:
    """Ask the profile questions in the questionnaire's order, re-asking any out of range."""
    defaults = Profile().model_dump()
    data: dict[str, Any] = {}
    for section in QUESTIONS.sections:
        if section.facts:
            facts, extra = ask_facts(data["conditions"])
            data.update(facts)
            data["conditions"] += extra
            continue
        console.print(f"\n[bold]{section.title}[/]\n")
        for q in section.questions:
            if q.field == "conditions":
                known = [CONDITION_LABELS[c] for c in implied]
                if known:
                    console.print(f"Already noted from your answers: {', '.join(known)}")
                picked = ask_question(q, [])
                data["conditions"] = list(dict.fromkeys([*implied, *picked]))
            else:
                data[q.field] = ask_question(q, defaults[q.field])
    # Weeks of pregnancy or since a birth count on from the day they were given.
    data["as_of"] = dt.date.today()
    profile = Profile.model_validate(data)
    _say_assumptions([a.note for a in missing_facts(profile)])
    return profile


def _finish(local: Local, profile: Profile, weeks: int) -> Programme:
    saved = save_profile(local.db, user_id=local.user_id, profile=profile)
    programme = create_programme(local.db, user_id=local.user_id, weeks=weeks)
    if saved.conditions:
        labels = ", ".join(CONDITION_LABELS[c] for c in saved.conditions)
        console.print(f"Your plan takes into account: {labels}.", highlight=False)
    return programme


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _report(result: ScreeningResult, programme: Programme) -> None:
    console.print(result.message, highlight=False)
    console.print(
        f"\n[green]✓[/] Planned {_count(len(programme.sessions), 'session')} over "
        f"{_count(programme.weeks, 'week')} "
        f"from {programme.start.isoformat()}.",
        highlight=False,
    )
    console.print(
        "Next: [bold]limber today[/] to see today's session, [bold]limber plan[/] for all."
    )


def init(
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Read every answer from this YAML file (no questions)."),
    ] = None,
    answers_template: Annotated[
        bool, typer.Option("--answers-template", help="Print an answers file to edit and exit.")
    ] = False,
    weeks: Annotated[int, typer.Option(min=1, max=52, help="Programme length in weeks.")] = 8,
) -> None:
    """Answer the safety questions and your profile, then plan your programme."""
    if answers_template:
        typer.echo(template_text(), nl=False)
        return
    if answers is not None:
        try:
            parsed = read_answers_file(answers)
        except AnswersError as exc:
            fail("the answers file has problems:\n  " + "\n  ".join(exc.problems))
        screening, profile = parsed.screening, parsed.profile
        _say_assumptions(parsed.notes)
        with local_session() as local:
            result = save_screening(local.db, user_id=local.user_id, answers=screening)
            flag = red_flag(local.db, user_id=local.user_id)
            if flag is not None:
                save_profile(local.db, user_id=local.user_id, profile=profile)
                # Kept although the command exits 3: the stop rests on these answers.
                local.keep()
                show_red_flag(flag)
                red_flag_exit(flag, rescreened=result.outcome != "red_flag")
            programme = _finish(local, profile, weeks)
            _report(result, programme)
        return
    with prompts():
        screening = ask_screening()
        # Judged before anything is stored, so stopping half-way through saves nothing.
        result = evaluate(screening)
        saved = False
        with local_session() as local:
            # A new red flag, or an earlier one no clinician has cleared yet: stop here.
            if result.outcome == "red_flag" or red_flag(local.db, user_id=local.user_id):
                save_screening(local.db, user_id=local.user_id, answers=screening)
                saved = True
                flag = red_flag(local.db, user_id=local.user_id)
                if flag is not None:
                    # Kept although the command exits 3: the stop rests on these answers.
                    local.keep()
                    show_red_flag(flag)
                    red_flag_exit(flag, rescreened=result.outcome != "red_flag")
        profile = ask_profile(list(result.conditions))
    with local_session() as local:
        if not saved:
            result = save_screening(local.db, user_id=local.user_id, answers=screening)
        programme = _finish(local, profile, weeks)
        _report(result, programme)
