"""``limber adverse``: report a problem that happened with exercise, and list the ones reported.

Every field can be given as an option (scripts, tests); on a terminal the missing ones are
asked one by one, with the choices spelled out. Validation is the service's
(:func:`limber.services.adverse.parse_event`), so the CLI refuses exactly what the web app
refuses, with the same words, and the advice printed is the advice stored.
"""

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.prompt import Confirm, Prompt
from rich.table import Table

from limber.cli.context import interactive, local_session, prompts
from limber.cli.errors import fail
from limber.cli.output import JsonFlag, print_answer
from limber.services.adverse import (
    ACTION_MAX,
    DURATION_LABELS,
    EVENT_TYPES,
    ONSET_LABELS,
    RELATEDNESS_LABELS,
    SERIOUS_HELP,
    SEVERITY_LABELS,
    TYPE_LABELS,
    AdverseEventOut,
    list_adverse_events,
    parse_event,
    record_adverse_event,
)
from limber.services.sessions import latest_session
from limber.store.models import SessionLog

console = Console(highlight=False)
adverse_app = typer.Typer(
    help="Report a problem (adverse event) that came with exercise, or list them.",
    no_args_is_help=True,
)

_CHOICE_FIELDS: list[tuple[str, str, dict[str, str]]] = [
    ("type", "What happened?", TYPE_LABELS),
    ("onset", "When did it start?", ONSET_LABELS),
    ("duration", "How long did it last (so far)?", DURATION_LABELS),
    ("severity", "How bad was it?", SEVERITY_LABELS),
    ("relatedness", "Do you think the exercise caused it?", RELATEDNESS_LABELS),
]


def _choose(question: str, labels: dict[str, str]) -> str:
    console.print(f"[bold]{question}[/]")
    for key, label in labels.items():
        console.print(f"  {key:<15} {label}", markup=False)
    return Prompt.ask("Your answer", choices=list(labels), console=console, show_choices=False)


def _ask(values: dict[str, Any], latest: SessionLog | None) -> dict[str, Any]:
    """Ask for whatever was not given on the command line (the session only if not given)."""
    # In R12's order: what, when, how long, how bad, serious, caused by the exercise.
    for name, question, labels in _CHOICE_FIELDS:
        if name == "relatedness" and values.get("serious") is None:
            console.print(SERIOUS_HELP, markup=False)
            values["serious"] = Confirm.ask("Was it serious?", console=console)
        if values.get(name) is None:
            values[name] = _choose(question, labels)
    while not (values.get("action_taken") or "").strip():
        values["action_taken"] = Prompt.ask(
            f"What did you do about it? (at most {ACTION_MAX} characters)", console=console
        )
    if values.get("session_id") is None:
        hint = f"latest: {latest.id} on {latest.session_date:%a %d %b}; " if latest else ""
        raw = Prompt.ask(
            f"Which session was it in or after? ({hint}session id, blank for none)",
            default="",
            show_default=False,
            console=console,
        ).strip()
        values["session_id"] = raw or None
    return values


def show_event(event: AdverseEventOut) -> None:
    """The stored event in one line, then what to do now and the review flag."""
    serious = "serious" if event.serious else "not serious"
    console.print(
        f"[bold]Adverse event {event.id} recorded:[/] {event.type_label}, {event.severity}, "
        f"{serious}.",
    )
    colour = {"urgent": "bold red", "today": "bold yellow"}.get(event.urgency)
    if colour:
        console.print(f"[{colour}]What to do now:[/]", end=" ")
    console.print(event.advice, markup=False)
    if event.needs_review:
        console.print(f"[bold red]Flag:[/] {event.review_text}.")


@adverse_app.command("report")
def report(
    event_type: Annotated[
        str | None,
        typer.Option("--type", help="What happened: " + ", ".join(EVENT_TYPES) + "."),
    ] = None,
    onset: Annotated[
        str | None, typer.Option(help="When it started: during_session or within_24h.")
    ] = None,
    duration: Annotated[
        str | None, typer.Option(help="How long it lasted: under_24h, 1_to_7_days or longer.")
    ] = None,
    severity: Annotated[
        str | None,
        typer.Option(
            help="mild (settled by the next day), moderate (missed a session), "
            "severe (needed care)."
        ),
    ] = None,
    serious: Annotated[
        bool | None,
        typer.Option(
            "--serious/--not-serious",
            help="Serious: hospital admission, danger to life or lasting disability.",
        ),
    ] = None,
    relatedness: Annotated[
        str | None,
        typer.Option(help="Caused by the exercise? unlikely, possible or likely."),
    ] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", help=f"What you did about it (required, {ACTION_MAX} chars)."),
    ] = None,
    session: Annotated[
        int | None, typer.Option("--session", help="The session it happened in or after.")
    ] = None,
    note: Annotated[str, typer.Option(help="Anything else worth knowing.")] = "",
) -> None:
    """Report a problem (adverse event): pain, numbness, dizziness, a fall, leaking, chest."""
    values: dict[str, Any] = {
        "type": event_type,
        "onset": onset,
        "duration": duration,
        "severity": severity,
        "serious": serious,
        "relatedness": relatedness,
        "action_taken": action,
        "session_id": session,
        "note": note,
    }
    options = {
        "type": "--type",
        "onset": "--onset",
        "duration": "--duration",
        "severity": "--severity",
        "serious": "--serious/--not-serious",
        "relatedness": "--relatedness",
        "action_taken": "--action",
    }
    missing = [flag for key, flag in options.items() if values[key] is None]
    if missing and not interactive():
        fail(f"missing {', '.join(missing)}; or run this on a terminal to be asked")
    with local_session() as local:
        if missing:
            latest = latest_session(local.db, user_id=local.user_id)
            with prompts():
                values = _ask(values, latest)
        event = parse_event({k: v for k, v in values.items() if v is not None})
        out = record_adverse_event(local.db, user_id=local.user_id, event=event)
    show_event(out)


@adverse_app.command("list")
def list_events(
    as_json: JsonFlag = False,
) -> None:
    """The problems you reported, oldest first, with any review flag."""
    with local_session() as local:
        events = list_adverse_events(local.db, user_id=local.user_id)
    print_answer(events, as_json=as_json, show=print_events)


def print_events(events: list[AdverseEventOut]) -> None:
    """The reported events as a table, then each one's advice and review flag."""
    if not events:
        console.print("No adverse events reported. Report one with [bold]limber adverse report[/].")
        return
    table = Table(title=f"{len(events)} adverse event{'s' if len(events) != 1 else ''}")
    for col in ("id", "date", "type", "severity", "serious", "related", "session", "review"):
        table.add_column(col, no_wrap=col in ("id", "date", "type"))
    for e in events:
        table.add_row(
            str(e.id),
            f"{e.reported_at:%Y-%m-%d}",
            e.type,
            e.severity,
            "yes" if e.serious else "no",
            e.relatedness,
            "-" if e.session_id is None else str(e.session_id),
            f"by {e.review_due:%d %b}" if e.needs_review and e.review_due else "-",
        )
    console.print(table)
    print_events_detail(events)


def print_events_detail(events: list[AdverseEventOut]) -> None:
    """Action taken for each event, and the review flag for those that need one."""
    for e in events:
        when = f"{ONSET_LABELS[e.onset].lower()}, lasting {DURATION_LABELS[e.duration].lower()}"
        head = f"Event {e.id} ({e.reported_at:%Y-%m-%d}, {e.type_label.lower()})"
        console.print(f"{head}: {when}; action taken: {e.action_taken}", markup=False)
        if e.needs_review:
            console.print(f"  [bold red]FLAG:[/] {e.review_text} ({e.review_reason}).")
