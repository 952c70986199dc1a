"""``limber plan`` and ``limber today``: the programme and the session to do now.

``--json`` prints the services' answers, :class:`~limber.services.programme.ProgrammeOut`
and :class:`~limber.services.today.TodayOut`: the JSON ``GET /api/programme`` and
``GET /api/today`` return, so scripts and the web app's JSON twin read the same fields.
"""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from limber.cli.context import local_session, parse_date
from limber.cli.errors import clearance_command
from limber.cli.output import JsonFlag, print_json
from limber.plan.dosing import describe_dose
from limber.plan.models import PlannedSession
from limber.services.checkins import pending_next_day
from limber.services.onboarding import red_flag, red_flag_stop
from limber.services.programme import current_programme_out, plan_programme
from limber.services.safety import rescreen_due
from limber.services.today import TodayOut, today_out

console = Console(highlight=False)


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


def print_reminders(*, rescreen: str | None, pending_checkin: int | None) -> None:
    """What the user should do before training: a new screening (and why), a next-day answer."""
    if rescreen is not None:
        console.print(
            f"[bold yellow]Please answer the safety questions again ({rescreen}):[/] "
            "run [bold]limber init[/] before your next session.",
            highlight=False,
        )
    if pending_checkin is not None:
        console.print(
            "How is your back this morning compared with after your last session? Answer with "
            f"[bold]limber checkin --next-day settled|same|worse[/] (check-in {pending_checkin}).",
            highlight=False,
        )


def plan(
    weeks: Annotated[
        int | None, typer.Option(min=1, max=52, help="Plan a new programme of N weeks.")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First day of a new programme (YYYY-MM-DD).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show your programme (planning it first if needed)."""
    start_date = parse_date(start, "--start")
    with local_session() as local:
        flagged = red_flag(local.db, user_id=local.user_id)
        if flagged is not None:
            # Exit 3 with the signs, what is still offered and the clearance that lifts it.
            raise red_flag_stop(flagged)
        programme = current_programme_out(local.db, user_id=local.user_id)
        if programme is None or weeks is not None or start_date is not None:
            programme = plan_programme(
                local.db, user_id=local.user_id, start=start_date, weeks=weeks or 8
            )
        if as_json:
            print_json(programme)
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
        pending = pending_next_day(local.db, user_id=local.user_id)
        print_reminders(
            rescreen=(
                "your last check-in asks for them"
                if rescreen_due(local.db, user_id=local.user_id) is not None
                else None
            ),
            pending_checkin=pending.id if pending is not None else None,
        )


def print_today(today: TodayOut) -> None:
    """Today in words: the safety state's banner, the session, what to answer first."""
    if today.breathing_only and today.safety is not None:
        console.print(
            f"[bold red]{today.safety.headline}[/]"
            "\nOnly gentle breathing is offered until a clinician has checked you. "
            "Answering the questions again cannot lift it; once a clinician has seen you, "
            f"record their clearance: [bold]{clearance_command()}[/]",
            highlight=False,
        )
    elif today.safety is not None and today.safety.state == "light":
        console.print(
            "[bold yellow]Light work only until a clearance is recorded[/] (a readiness "
            '"yes"): breathing and gentle mobility, no rope. See [bold]limber status[/].',
            highlight=False,
        )
    if today.session is None:
        console.print(
            "Your programme has no sessions left: plan a new one with "
            "[bold]limber plan --weeks 8[/]."
        )
        return
    heading = "Breathing only:" if today.breathing_only else "Today's session:"
    print_session(today.session, heading=heading)
    console.print("Start it with [bold]limber session start[/].")
    pending = today.pending_next_day
    print_reminders(
        rescreen=today.safety.rescreen if today.safety is not None else None,
        pending_checkin=pending.checkin_id if pending is not None else None,
    )


def today(
    date: Annotated[str | None, typer.Option(help="Another day than today (YYYY-MM-DD).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the session to do today (only breathing after a red flag)."""
    day = parse_date(date, "--date")
    with local_session() as local:
        # Exit 3 after an uncleared emergency sign, 4 when the safety questions are due.
        answer = today_out(local.db, user_id=local.user_id, today=day)
    if as_json:
        print_json(answer)
        return
    print_today(answer)
