"""``limber checkin``: how a session went, and the next morning how the back feels.

Values can be given as options (scripts, tests) or asked one by one on a terminal. The
decision is printed with a reason for every change, so the user knows why the next session
is harder, the same or easier.
"""

from typing import Annotated, Any, Literal, cast

import typer
from rich.console import Console
from rich.prompt import Confirm, IntPrompt, Prompt

from limber.cli.context import Local, interactive, local_session, prompts
from limber.cli.errors import fail
from limber.content.loader import default_library
from limber.plan.models import CheckIn
from limber.plan.progression import Decision
from limber.track.checkins import (
    NEXT_DAY_ANSWERS,
    checkin_for_session,
    pending_next_day,
    record_checkin,
    record_next_day,
)
from limber.track.sessions import get_session, latest_session

console = Console(highlight=False)
NextDay = Literal["settled", "same", "worse"]


def _score(text: str) -> int:
    while True:
        value = IntPrompt.ask(f"{text} (0-10)", console=console)
        if 0 <= value <= 10:
            return value
        console.print("[red]Please enter a whole number from 0 to 10.[/]")


def ask_checkin(
    pain_during: int | None = None,
    pain_after: int | None = None,
    effort: int | None = None,
    leg_symptoms: bool | None = None,
) -> CheckIn:
    """Ask for whatever was not given on the command line."""
    if pain_during is None:
        pain_during = _score("Pain during the session, 0 = none, 10 = worst")
    if pain_after is None:
        pain_after = _score("Pain now, after the session")
    if effort is None:
        effort = _score("How hard was it, 0 = rest, 10 = maximal")
    if leg_symptoms is None:
        leg_symptoms = Confirm.ask(
            "Any new pain, numbness or tingling spreading into a leg?", console=console
        )
    return CheckIn(
        pain_during=pain_during,
        pain_after=pain_after,
        effort=effort,
        new_leg_symptoms=leg_symptoms,
    )


def print_changes(changes: list[dict[str, Any]], indent: str = "  ") -> None:
    """One line per change; a reason shared by every change is said once, not per line."""
    library = default_library()
    reasons = {str(c.get("reason", "")) for c in changes}
    shared = len(reasons) == 1 and len(changes) > 1
    for c in changes:
        ex = library.get(str(c.get("exercise_id"))) if c.get("exercise_id") else None
        name = ex.name if ex is not None else c.get("exercise_id") or "Session"
        why = "" if shared else f" — {c.get('reason')}"
        console.print(
            f"{indent}• {name}: {c.get('what')}, {c.get('before')} → {c.get('after')}{why}",
            highlight=False,
            markup=False,
        )
    if shared:
        console.print(f"{indent}Why: {reasons.pop()}", highlight=False, markup=False)


def show_decision(decision: Decision, *, heading: str) -> None:
    """The verdict, its message and every change with its reason."""
    colour = {"green": "green", "amber": "yellow", "red": "red"}.get(decision.verdict, "bold")
    console.print(f"[bold]{heading}[/] [{colour}]{decision.verdict}[/]", highlight=False)
    console.print(decision.message, highlight=False)
    print_changes([c.model_dump(mode="json") for c in decision.changes])
    if decision.rescreen:
        console.print(
            "[bold red]Please answer the safety questions again before your next session:[/] "
            "[bold]limber init[/]",
            highlight=False,
        )


def checkin_session(local: Local, session_id: int, checkin: CheckIn) -> Decision:
    """Record a check-in, commit it, and show the decision."""
    decision = record_checkin(
        local.db, user_id=local.user_id, session_id=session_id, checkin=checkin
    )
    local.db.commit()
    show_decision(decision, heading=f"Check-in for session {session_id}:")
    return decision


def _answer_next_day(local: Local, session_id: int | None, next_day: NextDay) -> None:
    if session_id is not None:
        row = checkin_for_session(local.db, user_id=local.user_id, session_id=session_id)
        if row is None:
            fail(f"session {session_id} has no check-in yet to add the next-day answer to")
    else:
        row = pending_next_day(local.db, user_id=local.user_id)
        if row is None:
            fail(
                "no check-in from yesterday is waiting for a next-day answer; "
                "name one with --session ID"
            )
    decision = record_next_day(
        local.db, user_id=local.user_id, checkin_id=row.id, next_day=next_day
    )
    local.db.commit()
    show_decision(decision, heading="The morning after:")


def checkin(
    session: Annotated[
        int | None, typer.Option("--session", help="Session id (default: your latest session).")
    ] = None,
    pain_during: Annotated[
        int | None, typer.Option(min=0, max=10, help="Pain during the session, 0-10.")
    ] = None,
    pain_after: Annotated[
        int | None, typer.Option(min=0, max=10, help="Pain after the session, 0-10.")
    ] = None,
    effort: Annotated[int | None, typer.Option(min=0, max=10, help="Effort, 0-10.")] = None,
    next_day: Annotated[
        NextDay | None,
        typer.Option("--next-day", help="The morning after: settled, same or worse."),
    ] = None,
    leg_symptoms: Annotated[
        bool,
        typer.Option("--leg-symptoms", help="New pain, numbness or tingling spreading into a leg."),
    ] = False,
    note: Annotated[str, typer.Option(help="Anything you want to remember.")] = "",
) -> None:
    """Tell Limber how your session went; it adjusts the next ones."""
    values = {"--pain-during": pain_during, "--pain-after": pain_after, "--effort": effort}
    missing = [name for name, v in values.items() if v is None]
    only_next_day = next_day is not None and len(missing) == 3
    if len(note) > 2000:
        fail("--note can be at most 2000 characters long")
    if missing and not only_next_day and not interactive():
        fail(f"missing {', '.join(missing)} (0-10 each); or run this on a terminal to be asked")
    with local_session() as local:
        if only_next_day and next_day is not None:
            _answer_next_day(local, session, next_day)
            return
        if session is not None:
            log = get_session(local.db, user_id=local.user_id, session_id=session)
        else:
            latest = latest_session(local.db, user_id=local.user_id)
            if latest is None:
                fail(
                    "there is no session to check in for yet; start one with `limber session start`"
                )
            log = latest
        if checkin_for_session(local.db, user_id=local.user_id, session_id=log.id) is not None:
            pending = pending_next_day(local.db, user_id=local.user_id)
            if session is None and len(missing) == 3 and pending is not None and interactive():
                # Nothing given, last session already checked in: the morning-after question.
                with prompts():
                    answer = Prompt.ask(
                        "How is your back this morning, compared with after the last session",
                        choices=list(NEXT_DAY_ANSWERS),
                        console=console,
                    )
                _answer_next_day(local, pending.session_id, cast(NextDay, answer))
                return
            fail(f"session {log.id} already has a check-in; each session is checked in once")
        # Asked interactively only when the user is being asked the scores too.
        leg = True if leg_symptoms else (None if missing else False)
        with prompts():
            answers = ask_checkin(pain_during, pain_after, effort, leg)
        answers = answers.model_copy(update={"note": note})
        checkin_session(local, log.id, answers)
        if next_day is not None:
            _answer_next_day(local, log.id, next_day)
