"""``limber clearance add|list`` and ``limber status``: what a clinician said, and the state.

A red flag (or a readiness "yes") holds the programme back until the person records who
cleared them, when and what they said; ``limber status`` says in words what is allowed now
and what would lift it. A bad clearance (blank name, missing or future date, unknown kind)
exits 2 and stores nothing.
"""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from limber.cli.context import local_session
from limber.cli.errors import clearance_command
from limber.cli.output import JsonFlag, print_answer, print_json
from limber.services.clearance import record_clearance
from limber.services.safety import lapses_on
from limber.services.safety_words import (
    ClearanceOut,
    ClearanceRecordedOut,
    SafetySummary,
    clearance_history,
    summarise,
)
from limber.vocab import CLEARANCE_KINDS

console = Console(highlight=False)
clearance_app = typer.Typer(
    help="Record what a clinician said: it lifts a red flag or the light-work limit.",
    no_args_is_help=True,
)


def print_summary(summary: SafetySummary) -> None:
    """The safety state in words: headline, what is allowed, why, and what lifts it."""
    colour = {"active": "green", "light": "yellow", "stopped": "red", "emergency": "red"}
    console.print(
        f"[bold {colour[summary.state]}]{summary.state.upper()}[/]: {summary.headline}",
        highlight=False,
    )
    console.print(f"Allowed now: {summary.allowed}", highlight=False)
    for reason in summary.reasons:
        console.print(f"  • {reason}", highlight=False)
    if summary.lifted_by and summary.needs_clearance:
        console.print(f"What lifts it: {summary.lifted_by}", highlight=False)
        console.print(
            f"  Record it with: [bold]{clearance_command(summary.needs_clearance)}[/]",
            highlight=False,
        )
    if summary.rescreen:
        console.print("Answer the safety questions again with [bold]limber init[/].")
    if summary.clearances:
        console.print("Clearances in force: " + "; ".join(summary.clearances), highlight=False)


@clearance_app.command("add")
def add(
    kind: Annotated[
        str | None, typer.Option("--kind", help=f"One of: {', '.join(CLEARANCE_KINDS)}.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The clinician's name.")] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="Their role (GP, physiotherapist, ...).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The day you saw them (YYYY-MM-DD).")
    ] = None,
    said: Annotated[
        str | None, typer.Option("--said", help="What they said, in your words.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a clinician's clearance (who, when, what they said)."""
    with local_session() as local:
        row = record_clearance(
            local.db,
            local.user_id,
            kind or "",
            name or "",
            date,
            said or "",
            clinician_role=role,
        )
        summary = summarise(local.db, user_id=local.user_id)
        answer = ClearanceRecordedOut(clearance=ClearanceOut.of(row), safety=summary)
    if as_json:
        print_json(answer)
        return
    who = row.clinician_name + (f" ({row.clinician_role})" if row.clinician_role else "")
    console.print(
        f"[green]✓[/] Recorded clearance {row.id} ({row.kind}) from {who}, seen "
        f"{row.seen_on.isoformat()}. It counts until {lapses_on(row).isoformat()}.",
        highlight=False,
    )
    print_summary(summary)
    if summary.state in ("active", "light"):
        console.print("Next: [bold]limber today[/] (or [bold]limber plan[/]).")


def print_clearances(rows: list[ClearanceOut]) -> None:
    """The recorded clearances as a table (``limber clearance list``, ``limber history``)."""
    table = Table(title=f"{len(rows)} clearance{'s' if len(rows) != 1 else ''}")
    for col in ("id", "kind", "clinician", "seen", "counts until", "what they said"):
        table.add_column(col, no_wrap=col in ("id", "seen", "counts until"))
    for r in rows:
        who = r.clinician_name + (f" ({r.clinician_role})" if r.clinician_role else "")
        table.add_row(
            str(r.id),
            r.kind,
            who,
            r.seen_on.isoformat(),
            r.lapses_on.isoformat(),
            r.statement,
        )
    console.print(table)


@clearance_app.command("list")
def list_clearances(
    as_json: JsonFlag = False,
) -> None:
    """Every clearance you recorded, oldest first."""
    with local_session() as local:
        rows = clearance_history(local.db, user_id=local.user_id)
    print_answer(rows, as_json=as_json, show=_print_list)


def _print_list(rows: list[ClearanceOut]) -> None:
    if not rows:
        console.print("No clearances recorded yet.")
        return
    print_clearances(rows)


def status(as_json: JsonFlag = False) -> None:
    """Your safety state: what is allowed now, why, and what lifts it."""
    with local_session() as local:
        summary = summarise(local.db, user_id=local.user_id)
    print_answer(summary, as_json=as_json, show=print_summary)
