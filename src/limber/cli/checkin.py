"""``limber checkin``: how a session went, and the next morning how the back feels.

Values can be given as options (scripts, tests) or asked one by one on a terminal. The
decision is printed with a reason for every change, so the user knows why the next session
is harder, the same or easier. A good check-in never raises the load: the next-morning
answer (``--next-day settled --morning-pain 2``) decides. The short symptom list
(``--symptom leg``, repeatable) brings the red-flag questions back before the next session.
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
from limber.safety.pain import SYMPTOM_LABELS, SYMPTOMS, Symptom
from limber.services.checkins import (
    NEXT_DAY_ANSWERS,
    checkin_for_session,
    pending_next_day,
    record_checkin,
    record_next_day,
)
from limber.services.sessions import get_session, had_jumping, latest_session

console = Console(highlight=False)
NextDay = Literal["settled", "same", "worse"]


def _score(text: str) -> int:
    while True:
        value = IntPrompt.ask(f"{text} (0-10)", console=console)
        if 0 <= value <= 10:
            return value
        console.print("[red]Please enter a whole number from 0 to 10.[/]")


def ask_symptoms() -> list[Symptom]:
    """The short symptom list, answered with the numbers of those that apply."""
    console.print("Since your last session, have you noticed anything new or worse?")
    for n, key in enumerate(SYMPTOMS, start=1):
        console.print(f"  {n}. {SYMPTOM_LABELS[key]}", highlight=False)
    while True:
        answer = Prompt.ask(
            "Numbers of any that apply, e.g. 1,3 (Enter for none)", default="", console=console
        )
        picked = [p.strip() for p in answer.replace(" ", ",").split(",") if p.strip()]
        if all(p.isdigit() and 1 <= int(p) <= len(SYMPTOMS) for p in picked):
            return list(dict.fromkeys(SYMPTOMS[int(p) - 1] for p in picked))
        console.print(f"[red]Please give numbers from 1 to {len(SYMPTOMS)}, or press Enter.[/]")


def ask_checkin(
    pain_during: int | None = None,
    pain_after: int | None = None,
    effort: int | None = None,
    symptoms: list[Symptom] | None = None,
) -> CheckIn:
    """Ask for whatever was not given on the command line."""
    if pain_during is None:
        pain_during = _score("Pain during the session, 0 = none, 10 = worst")
    if pain_after is None:
        pain_after = _score("Pain now, after the session")
    if effort is None:
        effort = _score("How hard was it, 0 = rest, 10 = maximal")
    if symptoms is None:
        symptoms = ask_symptoms()
    return CheckIn(
        pain_during=pain_during,
        pain_after=pain_after,
        effort=effort,
        symptoms=symptoms,
    )


def parse_symptoms(given: list[str], leg: bool) -> list[Symptom]:
    """The ``--symptom`` values (and ``--leg-symptoms``), or exit 2 naming a wrong one."""
    unknown = [s for s in given if s not in SYMPTOMS]
    if unknown:
        fail(f"--symptom {unknown[0]!r} is not one of: {', '.join(SYMPTOMS)}")
    picked: list[Symptom] = ["leg"] if leg else []
    picked += [cast(Symptom, s) for s in given]
    return list(dict.fromkeys(picked))


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
    """Record a check-in and show the decision (committed with the command's unit)."""
    decision = record_checkin(
        local.db, user_id=local.user_id, session_id=session_id, checkin=checkin
    )
    show_decision(decision, heading=f"Check-in for session {session_id}:")
    return decision


def _answer_next_day(
    local: Local, session_id: int | None, next_day: NextDay, morning_pain: int | None
) -> None:
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
    if row.next_day_verdict is not None:
        fail(f"the check-in of session {row.session_id} already has its next-day answer")
    decision = record_next_day(
        local.db,
        user_id=local.user_id,
        checkin_id=row.id,
        next_day=next_day,
        morning_pain=morning_pain,
    )
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
    morning_pain: Annotated[
        int | None,
        typer.Option(
            "--morning-pain", min=0, max=10, help="Pain the morning after the session, 0-10."
        ),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            "--symptom",
            help="Something new or worse since the last session (repeatable): "
            + ", ".join(SYMPTOMS)
            + ".",
        ),
    ] = None,
    leg_symptoms: Annotated[
        bool,
        typer.Option("--leg-symptoms", help="New pain, numbness or tingling spreading into a leg."),
    ] = False,
    pelvic_floor: Annotated[
        bool | None,
        typer.Option(
            "--pelvic-floor-symptoms/--no-pelvic-floor-symptoms",
            help="After jumping: did you leak urine or feel heaviness? (asked before rope "
            "level-ups)",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str, typer.Option(help="Anything you want to remember.")] = "",
) -> None:
    """Tell Limber how your session went; the next morning, whether the pain settled."""
    values = {"--pain-during": pain_during, "--pain-after": pain_after, "--effort": effort}
    missing = [name for name, v in values.items() if v is None]
    only_next_day = next_day is not None and len(missing) == 3
    if len(note) > 2000:
        fail("--note can be at most 2000 characters long")
    if morning_pain is not None and next_day is None:
        fail("--morning-pain goes with --next-day settled|same|worse")
    given = parse_symptoms(symptom or [], leg_symptoms)
    if only_next_day and given:
        fail("--symptom is asked with the check-in after a session, not with --next-day alone")
    if missing and not only_next_day and not interactive():
        fail(f"missing {', '.join(missing)} (0-10 each); or run this on a terminal to be asked")
    with local_session() as local:
        if only_next_day and next_day is not None:
            _answer_next_day(local, session, next_day, morning_pain)
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
                    pain = _score("Pain this morning, 0 = none, 10 = worst")
                _answer_next_day(local, pending.session_id, cast(NextDay, answer), pain)
                return
            fail(f"session {log.id} already has a check-in; each session is checked in once")
        # The symptom list is asked on a terminal only when the scores are being asked too.
        asked: list[Symptom] | None = given if (given or not missing) else None
        with prompts():
            answers = ask_checkin(pain_during, pain_after, effort, asked)
        if pelvic_floor is None and had_jumping(log) and interactive():
            with prompts():
                pelvic_floor = Confirm.ask(
                    "While jumping, did you leak urine, or feel heaviness or a bulge in your "
                    "pelvis?",
                    console=console,
                )
        answers = answers.model_copy(update={"note": note, "pelvic_floor_symptoms": pelvic_floor})
        checkin_session(local, log.id, answers)
        if next_day is not None:
            _answer_next_day(local, log.id, next_day, morning_pain)
