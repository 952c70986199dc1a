"""``limber plan`` and ``limber today``: the programme and the session to do now.

Both print JSON with ``--json`` built from the same planned-session shape, so scripts and the
web app's JSON twin read the same fields.
"""

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from limber.cli.context import Local, local_session, parse_date
from limber.cli.errors import clearance_command
from limber.plan.dosing import describe_dose
from limber.plan.models import PlannedSession, Programme
from limber.services.checkins import pending_next_day, rescreen_due
from limber.services.onboarding import (
    create_programme,
    current_programme,
    red_flag,
    red_flag_stop,
    today_session,
)
from limber.services.safety import safety_status

console = Console(highlight=False)


def session_json(session: PlannedSession) -> dict[str, Any]:
    """One planned session as the ``--json`` outputs show it."""
    return {
        "date": session.date.isoformat(),
        "minutes": session.minutes,
        "light_week": session.light_week,
        "blocks": [
            {
                "kind": block.kind,
                "title": block.title,
                "substitution": block.substitution,
                "exercises": [
                    {
                        "id": ex.id,
                        "name": ex.name,
                        "pillar": ex.pillar,
                        "dose": ex.dose.model_dump(mode="json", exclude_none=True),
                        "minutes": ex.minutes,
                        "why": ex.why,
                    }
                    for ex in block.exercises
                ],
            }
            for block in session.blocks
        ],
    }


def programme_json(programme: Programme) -> dict[str, Any]:
    """The whole programme for ``limber plan --json``."""
    return {
        "start": programme.start.isoformat(),
        "weeks": programme.weeks,
        "notes": list(programme.notes),
        "sessions": [session_json(s) for s in programme.sessions],
    }


def print_session(session: PlannedSession, *, heading: str) -> None:
    """A planned session as a table per block, each exercise with its dose and why."""
    light = " (lighter week)" if session.light_week else ""
    console.print(
        f"[bold]{heading}[/] {session.date.isoformat()} — about {session.minutes:.0f} min{light}",
        highlight=False,
    )
    for block in session.blocks:
        table = Table(title=block.title, title_justify="left", show_header=False, expand=False)
        table.add_column("exercise", style="bold")
        table.add_column("dose")
        table.add_column("min", justify="right")
        table.add_column("why", style="dim")
        for ex in block.exercises:
            table.add_row(ex.name, describe_dose(ex.dose), f"{ex.minutes:.1f}", ex.why)
        console.print(table)
        if block.substitution:
            console.print(f"  [yellow]Note:[/] {block.substitution}", highlight=False)


def print_reminders(local: Local) -> None:
    """What the user should do before training: a next-day answer, or a new screening."""
    due = rescreen_due(local.db, user_id=local.user_id)
    if due is not None:
        console.print(
            "[bold yellow]Your last check-in asks you to answer the safety questions again:[/] "
            "run [bold]limber init[/] before your next session.",
            highlight=False,
        )
    pending = pending_next_day(local.db, user_id=local.user_id)
    if pending is not None:
        console.print(
            "How is your back this morning compared with after your last session? Answer with "
            f"[bold]limber checkin --next-day settled|same|worse[/] (check-in {pending.id}).",
            highlight=False,
        )


def plan(
    weeks: Annotated[
        int | None, typer.Option(min=1, max=52, help="Plan a new programme of N weeks.")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First day of a new programme (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show your programme (planning it first if needed)."""
    start_date = parse_date(start, "--start")
    with local_session() as local:
        flagged = red_flag(local.db, user_id=local.user_id)
        if flagged is not None:
            # Exit 3 with the signs, what is still offered and the clearance that lifts it.
            raise red_flag_stop(flagged)
        current = current_programme(local.db, user_id=local.user_id)
        wants_new = weeks is not None or start_date is not None
        if current is None or wants_new:
            programme = create_programme(
                local.db, user_id=local.user_id, start=start_date, weeks=weeks or 8
            )
        else:
            programme = current[1]
        if as_json:
            typer.echo(json.dumps(programme_json(programme), indent=2))
            return
        console.print(
            f"[bold]Your programme[/]: {len(programme.sessions)} sessions over "
            f"{programme.weeks} weeks from {programme.start.isoformat()}",
            highlight=False,
        )
        for note in programme.notes:
            console.print(f"  • {note}", highlight=False)
        for session in programme.sessions:
            print_session(session, heading=f"Week {session.week}, session {session.number}:")
        print_reminders(local)


def today(
    date: Annotated[str | None, typer.Option(help="Another day than today (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the session to do today (only breathing after a red flag)."""
    day = parse_date(date, "--date")
    with local_session() as local:
        flagged = red_flag(local.db, user_id=local.user_id)
        # Exit 3 after an uncleared emergency sign, 4 when the safety questions are due.
        session = today_session(local.db, user_id=local.user_id, today=day)
        state = safety_status(local.db, user_id=local.user_id, today=day).state
        if as_json:
            data: dict[str, Any] | None = None
            if session is not None:
                data = session_json(session)
                data["breathing_only"] = flagged is not None
                data["red_flag"] = flagged.message if flagged is not None else None
                data["safety_state"] = state
            typer.echo(json.dumps(data, indent=2))
            return
        if flagged is not None:
            console.print(
                "[bold red]Your programme is stopped because of a red flag.[/] "
                + flagged.message.splitlines()[0]
                + "\nOnly gentle breathing is offered until a clinician has checked you. "
                "Answering the questions again cannot lift it; once a clinician has seen you, "
                f"record their clearance: [bold]{clearance_command()}[/]",
                highlight=False,
            )
        elif state == "light":
            console.print(
                "[bold yellow]Light work only until a clearance is recorded[/] (a readiness "
                '"yes"): breathing and gentle mobility, no rope. See [bold]limber status[/].',
                highlight=False,
            )
        if session is None:
            console.print(
                "Your programme has no sessions left: plan a new one with "
                "[bold]limber plan --weeks 8[/]."
            )
            return
        heading = "Breathing only:" if flagged is not None else "Today's session:"
        print_session(session, heading=heading)
        console.print("Start it with [bold]limber session start[/].")
        print_reminders(local)
