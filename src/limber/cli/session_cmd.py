"""``limber session start``: do today's session with the terminal coach.

Starting again after quitting or a crash resumes at the first step not yet recorded; the
session and every step are kept (:meth:`Local.keep`) as soon as they exist, so nothing done
is lost.
"""

import sys
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.prompt import Confirm

from limber.cli import coach
from limber.cli.checkin import ask_checkin, checkin_session
from limber.cli.context import Local, interactive, local_session, parse_date
from limber.services.sessions import (
    finish_session,
    record_step,
    resume_point,
    start_session,
    timeline_of,
)

session_app = typer.Typer(help="Do a session with the terminal coach.", no_args_is_help=True)
console = Console(highlight=False)


def _recorder(local: Local, session_id: int) -> coach.Record:
    def record(index: int, status: Literal["done", "skipped"], seconds: float) -> None:
        record_step(
            local.db,
            user_id=local.user_id,
            session_id=session_id,
            step_index=index,
            status=status,
            seconds=seconds,
        )
        local.keep()

    return record


def _offer_checkin(local: Local, session_id: int) -> None:
    try:
        if interactive() and Confirm.ask(
            "Check in now (pain and effort)?", default=True, console=console
        ):
            checkin_session(local, session_id, ask_checkin())
            return
    except (EOFError, KeyboardInterrupt):
        console.print()
    console.print(
        "Check in when you are ready: [bold]limber checkin --session "
        f"{session_id} --pain-during N --pain-after N --effort N[/]",
        highlight=False,
    )


@session_app.command("start")
def start(
    speed: Annotated[
        float, typer.Option(min=0.01, max=1000, help="Play N times faster (for trying it out).")
    ] = 1.0,
    date: Annotated[
        str | None, typer.Option(help="Do the session planned for this day (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Start (or resume) today's session and let the coach guide you through it."""
    day = parse_date(date, "--date")
    with local_session() as local:
        # Refuses (exit 3) after an uncleared emergency sign, exit 4 when re-screening is due.
        log = start_session(local.db, user_id=local.user_id, session_date=day)
        local.keep()
        if log.breathing_only:
            console.print(
                "[bold red]Your programme is stopped because of a red flag;[/] "
                "this is a breathing-only session."
            )
        timeline = timeline_of(log)
        first = resume_point(local.db, user_id=local.user_id, session_id=log.id)
        if first >= len(timeline.steps):
            outcome: coach.Outcome = "completed"
        else:
            if first > 0:
                console.print(
                    f"Resuming session {log.id} at step {first + 1} of {len(timeline.steps)}.",
                    highlight=False,
                )
            else:
                console.print(
                    f"Session {log.id}: {len(timeline.steps)} steps, about "
                    f"{timeline.total_s / 60:.0f} min. Keys: space pause, n skip, q quit.",
                    highlight=False,
                )
            outcome = coach.play(
                timeline,
                start=first,
                speed=speed,
                record=_recorder(local, log.id),
                console=console,
                on_terminal=sys.stdin.isatty() and sys.stdout.isatty(),
            )
        finish_session(local.db, user_id=local.user_id, session_id=log.id, status=outcome)
        # Kept before the check-in is offered: a refused check-in must not undo the session.
        local.keep()
        done = resume_point(local.db, user_id=local.user_id, session_id=log.id)
        if outcome == "completed":
            console.print(f"[green]✓[/] Session {log.id} complete. Well done.", highlight=False)
        else:
            console.print(
                f"Session {log.id} stopped after {done} of {len(timeline.steps)} steps; "
                "what you did is saved.",
                highlight=False,
            )
        _offer_checkin(local, log.id)
