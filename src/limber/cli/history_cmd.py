"""``limber history``: sessions done, how they felt and what changed, plus the streak."""

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from limber.cli.adverse import event_json, print_events_detail
from limber.cli.checkin import print_changes
from limber.cli.clearance_cmd import print_clearances
from limber.cli.context import local_session
from limber.services.adverse import list_adverse_events
from limber.services.history import history as session_history
from limber.services.history import pain_series, streak
from limber.services.safety_words import clearance_history

console = Console(highlight=False)


def history(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show the sessions you did, your check-ins and the changes they led to."""
    with local_session() as local:
        sessions = session_history(local.db, user_id=local.user_id)
        run = streak(local.db, user_id=local.user_id, today=dt.date.today())
        pain = pain_series(local.db, user_id=local.user_id)
        events = list_adverse_events(local.db, user_id=local.user_id)
        cleared = clearance_history(local.db, user_id=local.user_id)
    if as_json:
        data = {
            "streak": run,
            "sessions": [s.model_dump(mode="json") for s in sessions],
            "pain": [
                {"date": d.isoformat(), "pain_during": during, "pain_after": after}
                for d, during, after in pain
            ],
            "adverse_events": [event_json(e) for e in events],
            "clearances": [c.model_dump(mode="json") for c in cleared],
        }
        typer.echo(json.dumps(data, indent=2))
        return
    if cleared:
        console.print("Clinician clearances you recorded (limber clearance list):")
        print_clearances(cleared)
    if events:
        console.print(f"Adverse events reported: {len(events)} (limber adverse list)")
        print_events_detail(events)
    if not sessions:
        console.print("No sessions yet. Start one with [bold]limber session start[/].")
        return
    table = Table(title=f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}")
    for col in ("id", "date", "status", "done", "skipped", "min", "pain", "effort", "verdict"):
        table.add_column(col, no_wrap=col in ("id", "date", "done", "pain"))
    for s in sessions:
        pain_text = "-" if s.pain_during is None else f"{s.pain_during}/{s.pain_after}"
        table.add_row(
            str(s.session_id),
            s.date.isoformat(),
            s.status + (" (breathing)" if s.breathing_only else ""),
            f"{s.steps_done}/{s.steps_total}",
            str(s.steps_skipped),
            f"{s.minutes:g}",
            pain_text,
            "-" if s.effort is None else str(s.effort),
            (s.verdict or "-") + (f", next day {s.next_day}" if s.next_day else ""),
        )
    console.print(table)
    for s in sessions:
        if s.changes:
            console.print(f"Session {s.session_id} ({s.date.isoformat()}) changed your plan:")
            print_changes(s.changes)
    console.print(f"Streak: {run} planned session(s) in a row.", highlight=False)
