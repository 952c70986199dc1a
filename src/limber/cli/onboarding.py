"""``limber init``: screening, profile and the first programme, asked or read from a file.

The red-flag questions come first and a "yes" ends onboarding there: the screening is stored,
the person is told whom to see and how urgently, and nothing but breathing is planned (nothing
at all after an emergency sign). Running ``init`` again with every answer "no" does not lift a
red flag: it still exits 3 and shows the ``limber clearance add`` command that does.
"""

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.prompt import Confirm, IntPrompt, Prompt

from limber.cli.answers import AnswersError, read_answers_file, template_text
from limber.cli.context import Local, local_session, prompts
from limber.cli.errors import EXIT_RED_FLAG, clearance_command, fail
from limber.plan.models import Profile, Programme
from limber.safety.screening import ScreeningAnswers, ScreeningResult, evaluate, load_questions
from limber.services.onboarding import create_programme, red_flag, save_profile, save_screening
from limber.services.profile_facts import applicable, missing_facts
from limber.vocab import CONDITION_LABELS, CONDITIONS, EQUIPMENT, EQUIPMENT_LABELS, Condition

console = Console(highlight=False)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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


def _int(text: str, low: int, high: int, default: int | None) -> int | None:
    while True:
        value = IntPrompt.ask(f"{text} ({low}-{high})", default=default, console=console)
        if value is None or low <= value <= high:
            return value
        console.print(f"[red]Please enter a whole number from {low} to {high}.[/]")


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


def ask_facts(conditions: list[str]) -> tuple[dict[str, Any], list[Condition]]:
    """Ask the facts the safety pathways need for these conditions (issue 11 §4).

    Returns the facts and any condition the answers add (pelvic-floor symptoms after a
    birth). A number or date the person does not know may be skipped; the plan then reads it
    the safer way and :func:`_say_assumptions` tells them so.
    """
    wanted = applicable(conditions)
    facts: dict[str, Any] = {}
    extra: list[Condition] = []
    if wanted:
        console.print("\n[bold]A few details, so the plan fits safely[/]\n")
    if "pregnancy_week" in wanted:
        facts["pregnancy_week"] = _int(
            "Which week of your pregnancy are you in (Enter if you do not know)", 0, 42, None
        )
    if "weeks_postpartum" in wanted:
        facts["weeks_postpartum"] = _int(
            "How many weeks ago did you give birth (Enter if you do not know)", 0, 104, None
        )
        if "pelvic_floor_symptoms" not in conditions and _ask_yes_no(
            "Since the birth, do you leak urine when you cough, laugh or jump, or feel "
            "heaviness in your pelvis?"
        ):
            extra.append("pelvic_floor_symptoms")
    if "spinal_surgery_date" in wanted:
        facts["spinal_surgery_date"] = _date("On which day was the operation on your spine")
        kind = _choice(
            "What kind of operation was it (discectomy: part of a disc removed; laminectomy: "
            "bone removed to free a nerve; fusion: bones joined)",
            ["discectomy", "laminectomy", "fusion", "other", "unknown"],
            "unknown",
        )
        facts["spinal_surgery_type"] = None if kind == "unknown" else kind
    if "leg_pain_worse_than_back" in wanted:
        facts["leg_pain_worse_than_back"] = _ask_yes_no(
            "Is the pain in your leg worse than the pain in your back?"
        )
    if "hip_replacement_approach" in wanted:
        facts["hip_replacement_approach"] = _choice(
            "How was your hip replaced: from the back (posterior), the front (anterior) or "
            "the side (lateral)",
            ["posterior", "anterior", "lateral", "unknown"],
            "unknown",
        )
    return facts, extra


def _say_assumptions(notes: list[str]) -> None:
    for note in notes:
        console.print(f"[yellow]Note:[/] {note}", highlight=False)


def _pick_many(title: str, options: tuple[str, ...], labels: dict[str, str]) -> list[str]:
    console.print(f"\n[bold]{title}[/]")
    for n, key in enumerate(options, 1):
        console.print(f"  {n:>2}. {labels.get(key, key)}")
    while True:
        raw = Prompt.ask("Numbers separated by commas (empty for none)", default="")
        parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
        if all(p.isdigit() and 1 <= int(p) <= len(options) for p in parts):
            return list(dict.fromkeys(options[int(p) - 1] for p in parts))
        console.print(f"[red]Use numbers from 1 to {len(options)}, e.g. 1,3.[/]")


def _weekdays() -> list[int]:
    while True:
        raw = Prompt.ask("Which days will you train (e.g. mon,wed,fri)", default="mon,wed,fri")
        parts = [p.strip().lower()[:3] for p in raw.split(",") if p.strip()]
        if parts and all(p in DAYS for p in parts):
            return sorted({DAYS.index(p) for p in parts})
        console.print("[red]Use day names like mon, tue, wed, separated by commas.[/]")


def ask_profile(implied: list[str]) -> Profile:
    """Ask the profile fields, re-asking any answer out of range."""
    console.print("\n[bold]About your back and your training[/]\n")
    d = Profile()
    data: dict[str, Any] = {
        "pain_area": _choice(
            "Where is the pain", ["low_back", "mid_back", "upper_back", "whole_back"], d.pain_area
        ),
        "duration": _choice(
            "How long have you had it (acute < 6 weeks, subacute < 12 weeks, chronic longer)",
            ["acute", "subacute", "chronic"],
            d.duration,
        ),
        "aggravated_by": _choice(
            "What makes it worse",
            ["bending_forward", "bending_back", "neither", "both"],
            d.aggravated_by,
        ),
        "pain_now": _int("Pain right now, 0 = none, 10 = worst imaginable", 0, 10, d.pain_now),
    }
    known = [CONDITION_LABELS[c] for c in implied]
    if known:
        console.print(f"Already noted from your answers: {', '.join(known)}")
    data["conditions"] = list(
        dict.fromkeys(
            [*implied, *_pick_many("Do any of these apply to you?", CONDITIONS, CONDITION_LABELS)]
        )
    )
    facts, extra = ask_facts(data["conditions"])
    data.update(facts)
    data["conditions"] += extra
    data["fitness"] = _choice("Your fitness", ["low", "moderate", "high"], d.fitness)
    data["rope_experience"] = _choice(
        "Jump rope experience", ["none", "some", "regular"], d.rope_experience
    )
    data["equipment"] = _pick_many("What do you have at home?", EQUIPMENT, EQUIPMENT_LABELS)
    data["minutes_per_session"] = _int("Minutes per session", 10, 90, d.minutes_per_session)
    data["weekdays"] = _weekdays()
    data["age"] = _int("Your age (Enter to skip)", 16, 110, None)
    # Weeks of pregnancy or since a birth count on from the day they were given.
    data["as_of"] = dt.date.today()
    profile = Profile.model_validate(data)
    _say_assumptions([a.note for a in missing_facts(profile)])
    return profile


def _finish(local: Local, profile: Profile, weeks: int) -> Programme:
    saved = save_profile(local.db, user_id=local.user_id, profile=profile)
    programme = create_programme(local.db, user_id=local.user_id, weeks=weeks)
    local.db.commit()
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
                local.db.commit()
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
                    local.db.commit()
                    show_red_flag(flag)
                    red_flag_exit(flag, rescreened=result.outcome != "red_flag")
        profile = ask_profile(list(result.conditions))
    with local_session() as local:
        if not saved:
            result = save_screening(local.db, user_id=local.user_id, answers=screening)
        programme = _finish(local, profile, weeks)
        _report(result, programme)
