"""``limber history``: sessions done, how they felt and what changed, plus the streak.

``--json`` prints :class:`limber.services.history.HistoryOut`, what ``GET /api/history``
returns.
"""

from rich.console import Console
from rich.table import Table

from limber.cli.adverse import print_events_detail
from limber.cli.checkin import print_changes
from limber.cli.clearance_cmd import print_clearances
from limber.cli.context import local_session
from limber.cli.output import JsonFlag, print_answer
from limber.services.history import HistoryOut, history_out

console = Console(highlight=False)


def history(as_json: JsonFlag = False) -> None:
    """Show the sessions you did, your check-ins and the changes they led to."""
    with local_session() as local:
        data = history_out(local.db, user_id=local.user_id)
    print_answer(data, as_json=as_json, show=print_history)


def print_history(data: HistoryOut) -> None:
    """The history in words: clearances, adverse events, a table of sessions, the streak."""
    sessions, events, cleared = data.sessions, data.adverse_events, data.clearances
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
    console.print(f"Streak: {data.streak} planned session(s) in a row.", highlight=False)
