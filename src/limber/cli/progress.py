"""``limber assess ...`` and ``limber progress``: take the outcome measures and see the trend.

Each assessment can be typed in as an option (scripts, tests) or guided interactively: a
question at a time for the questionnaires, a countdown and a stopwatch for the timed tests.
After each reading the command says how it compares with the baseline and the last time,
judged against the measure's meaningful-change threshold.
"""

import datetime as dt
import select
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from limber.cli.context import interactive, local_session
from limber.cli.errors import fail
from limber.cli.output import JsonFlag, print_json
from limber.services.assessments import (
    RecordedReading,
    StoredReadingOut,
    assessment_due,
    list_assessments,
    record_reading,
)
from limber.services.interpret import fmt
from limber.services.measures import (
    COUNT_S,
    HOLD_CAP_S,
    MEASURES,
    PEG_ITEM_MAX,
    PEG_ITEMS,
    WHO5_ITEM_MAX,
    WHO5_ITEMS,
    WHO5_SCALE,
    Measure,
)

assess_app = typer.Typer(
    help="Record outcome measures: baseline first, then every two weeks.", no_args_is_help=True
)
console = Console(highlight=False)
# The timed counts: their length and range come from the measures catalogue.
JUMPS, BREATHS = MEASURES["jump_test"], MEASURES["breathing_rate"]
JUMP_S, BREATH_S = COUNT_S["jump_test"], COUNT_S["breathing_rate"]

COMMANDS = {
    "pain": "limber assess pain SCORE",
    "peg": "limber assess peg",
    "who5": "limber assess who5",
    "fingertip_floor": "limber assess fingertip",
    "extensor_hold": "limber assess hold",
    "jump_test": "limber assess jumps",
    "breathing_rate": "limber assess breathing",
}


def _report(recorded: RecordedReading) -> None:
    """Print the reading, its comparison with baseline and last time, and any advice."""
    saved, summary = recorded.saved, recorded.summary
    m = MEASURES[saved.measure]
    console.print(f"[bold]Saved[/] {m.label}: {fmt(m, saved.value)} {m.unit}")
    base, prev = recorded.baseline, recorded.previous
    if base is not None and summary.vs_baseline is not None:
        console.print(f"  since baseline ({base.taken_at:%d %b}): {summary.vs_baseline.sentence}")
        if prev is not None and summary.vs_previous is not None:
            console.print(
                f"  since last time ({prev.taken_at:%d %b}): {summary.vs_previous.verdict}"
            )
        console.print(f"  [dim]a real change is {m.threshold_text}[/]")
    else:
        console.print("  This is your baseline; Limber will ask again in two weeks.")
    if saved.advice:
        console.print(f"[bold yellow]{saved.advice}[/]")


def _save(
    measure: str,
    value: float | None = None,
    *,
    items: list[int] | None = None,
    result_id: int | None = None,
    note: str = "",
    source: str = "typed",
) -> None:
    """Record one reading through the service every front end uses, then say what it means."""
    with local_session() as local:
        recorded = record_reading(
            local.db, user_id=local.user_id, measure=measure, value=value, items=items,
            jump_result_id=result_id, note=note, source=source,
        )  # fmt: skip
        _report(recorded)


def _answers(text: str | None, questions: tuple[str, ...], hi: int, scale: str) -> list[int]:
    """Answers from ``--answers 3,2,...`` or asked one by one at the terminal."""
    if text is not None:
        try:
            return [int(x) for x in text.replace(" ", "").split(",") if x != ""]
        except ValueError:
            fail(f"--answers takes {len(questions)} whole numbers separated by commas")
    if not interactive():
        fail(f"give the {len(questions)} answers with --answers (e.g. --answers 3,2,4)")
    console.print(f"[dim]{scale}[/]")
    return [_ask_int(f"{n}. {q} (0-{hi})", 0, hi) for n, q in enumerate(questions, 1)]


@assess_app.command("pain")
def pain(
    score: Annotated[int, typer.Argument(help="Pain right now, 0 (none) to 10 (worst).")],
    note: Annotated[str, typer.Option(help="A short note.")] = "",
) -> None:
    """Rate your back pain right now, 0-10."""
    _save("pain", score, note=note)


@assess_app.command("peg")
def peg(
    answers: Annotated[str | None, typer.Option(help=f"3 answers 0-{PEG_ITEM_MAX}: 6,5,4")] = None,
) -> None:
    """PEG: average pain, and how much pain got in the way of enjoyment and activity."""
    items = _answers(answers, PEG_ITEMS, PEG_ITEM_MAX, "About the past week:")
    _save("peg", items=items)


@assess_app.command("who5")
def who5(
    answers: Annotated[str | None, typer.Option(help=f"5 answers, 0-{WHO5_ITEM_MAX}.")] = None,
) -> None:
    """WHO-5 well-being: five questions about the last two weeks."""
    items = _answers(answers, WHO5_ITEMS, WHO5_ITEM_MAX, WHO5_SCALE)
    _save("who5", items=items)


FINGERTIP_GUIDE = """Fingertip-to-floor: how far your fingertips stay from the floor.
  1. Stand barefoot on a hard floor, feet together; have a tape measure or ruler ready.
  2. Keep your knees straight and slowly roll down, letting your arms and head hang.
  3. Go only as far as is comfortable - no bouncing, stop if pain shoots down a leg.
  4. Measure (or ask someone to) from the tip of your middle finger to the floor, in cm.
  If your fingertips pass the floor (standing on a step), give a negative number."""


@assess_app.command("fingertip")
def fingertip(
    cm: Annotated[
        float | None, typer.Option(help="Distance in cm (negative past the floor).")
    ] = None,
    figure: Annotated[
        Path | None, typer.Option(help="Also write a figure of the position (SVG) here.")
    ] = None,
) -> None:
    """Fingertip-to-floor distance in a standing forward bend (smaller is better)."""
    if figure is not None:
        _write_figure(figure)
    if cm is None:
        console.print(FINGERTIP_GUIDE)
        if not interactive():
            fail("give the distance with --cm (e.g. --cm 12.5)")
        cm = typer.prompt("Distance in cm", type=float)
    _save("fingertip_floor", round(cm, 1))


def _write_figure(path: Path) -> None:
    try:
        from limber.content.figure import render_svg
        from limber.content.loader import default_library
    except ImportError:
        console.print("[dim]Figures are not available in this version.[/]")
        return
    exercise = default_library().get("standing-forward-bend")
    if exercise is None:
        return
    try:
        path.write_text(render_svg(exercise), encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write the figure to {path}: {exc.strerror}")
    console.print(f"Figure of the position written to {path}")


def _enter_pressed(timeout: float) -> bool:
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    if ready:
        sys.stdin.readline()
        return True
    return False


def _ask_int(text: str, lo: int, hi: int) -> int:
    """Ask until the answer is a whole number in range (a typo costs one more question)."""
    while True:
        answer = typer.prompt(text, type=str).strip()
        try:
            value = int(answer)
        except ValueError:
            console.print(f"Please type a whole number from {lo} to {hi}.")
            continue
        if lo <= value <= hi:
            return value
        console.print(f"{value} is not in the range {lo} to {hi}.")


def _live(text: str) -> None:
    """Rewrite the current terminal line (a ticking clock)."""
    sys.stdout.write(f"\r{text}\x1b[K")
    sys.stdout.flush()


def _countdown(seconds: int, label: str) -> None:
    for left in range(seconds, 0, -1):
        _live(f"{label} in {left}...")
        time.sleep(1)
    _live(f"{label} - now!\n")


@assess_app.command("hold")
def hold(
    seconds: Annotated[
        float | None, typer.Option(help=f"Time held, 0-{HOLD_CAP_S} s (skips the timer).")
    ] = None,
) -> None:
    """Back-extensor endurance: a prone hold, timed (capped at the measure's top, 240 s)."""
    timed = seconds is None
    if seconds is None:
        if not interactive():
            fail("give the time held with --seconds (e.g. --seconds 75)")
        console.print(
            "Prone back-extensor hold: lie face down, arms by your sides, and lift your chest "
            "a little off the floor, looking at the floor. Hold as long as you comfortably can; "
            "stop at once if pain builds. Press Enter when you stop."
        )
        typer.prompt("Press Enter when you are lying ready", default="", show_default=False)
        _countdown(3, "Lift")
        start = time.monotonic()
        while (elapsed := time.monotonic() - start) < HOLD_CAP_S:
            _live(f"  {elapsed:5.0f} s  (Enter to stop)")
            if _enter_pressed(0.25):
                break
        seconds = min(time.monotonic() - start, HOLD_CAP_S)
        _live(f"You held for {seconds:.0f} s.\n")
    _save("extensor_hold", round(seconds), source="timer" if timed else "typed")


@assess_app.command("jumps")
def jumps(
    count: Annotated[int | None, typer.Option(help=f"Jumps counted in {JUMP_S} seconds.")] = None,
    result: Annotated[
        int | None, typer.Option(help="Take the count from a jump-counter result id.")
    ] = None,
) -> None:
    """The 60-second jump test: as many easy two-foot jumps as you comfortably can."""
    if result is not None:
        _save("jump_test", result_id=result)
        return
    if count is None:
        count = _count_while_timed(
            JUMPS,
            JUMP_S,
            missing="give the count with --count N, or --result ID of a jump-counter result",
            how=f"Jump easily on the balls of your feet for {JUMP_S} seconds; count each jump.",
            ready="Press Enter when ready",
            go="Go",
            question="How many jumps?",
        )
    _save("jump_test", count)


def _count_while_timed(
    measure: Measure, seconds: int, *, missing: str, how: str, ready: str, go: str, question: str
) -> int:
    """A counted self-test: say how, wait for Enter, count down, time it, ask the count.

    Without a terminal to ask in, the command fails with ``missing`` (how to give the value).
    """
    if not interactive():
        fail(missing)
    console.print(how)
    typer.prompt(ready, default="", show_default=False)
    _countdown(3, go)
    _timer(seconds)
    return _ask_int(question, int(measure.lo), int(measure.hi))


def _timer(seconds: int) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        _live(f"  {left:4.0f} s left")
        time.sleep(min(0.5, max(left, 0)))
    _live("\a  Stop!\n")


@assess_app.command("breathing")
def breathing(
    per_min: Annotated[
        int | None,
        typer.Option(help=f"Breaths per minute, {BREATHS.lo:g}-{BREATHS.hi:g}."),
    ] = None,
) -> None:
    """Resting breathing rate: count your breaths for one minute while sitting quietly."""
    if per_min is None:
        per_min = _count_while_timed(
            BREATHS,
            BREATH_S,
            missing="give the rate with --per-min N (breaths in one minute)",
            how="Sit quietly for a few minutes first. Breathe normally - do not slow it on "
            f"purpose. Count each breath in for {BREATH_S} seconds.",
            ready="Press Enter to start",
            go="Start counting",
            question="How many breaths?",
        )
    _save("breathing_rate", per_min)


@assess_app.command("due")
def due(
    today: Annotated[str | None, typer.Option(help="Date to check, e.g. 2026-01-31.")] = None,
) -> None:
    """Which measures are due (baseline, or two weeks since the last one)."""
    from limber.cli.context import parse_date

    day = parse_date(today, "--today") or dt.date.today()
    with local_session() as local:
        keys = assessment_due(local.db, user_id=local.user_id, today=day)
    if not keys:
        console.print("Nothing is due: your next re-assessment is within two weeks.")
        return
    console.print("[bold]Due now:[/]")
    for key in keys:
        console.print(f"  {MEASURES[key].label:<32} {COMMANDS[key]}")


@assess_app.command("list")
def list_cmd(
    as_json: JsonFlag = False,
) -> None:
    """Every reading, oldest first."""
    with local_session() as local:
        rows = list_assessments(local.db, user_id=local.user_id)
    if as_json:
        print_json([StoredReadingOut.of(r) for r in rows])
        return
    table = Table(title=f"{len(rows)} readings")
    for col in ("date", "measure", "value", "source"):
        table.add_column(col)
    for r in rows:
        m = MEASURES[r.measure]
        table.add_row(f"{r.taken_at:%Y-%m-%d}", m.label, f"{fmt(m, r.value)} {m.unit}", r.source)
    console.print(table)


def progress(
    charts: Annotated[
        Path | None, typer.Option(help="Write every chart as SVG into this folder.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the same as GET /api/progress).")
    ] = False,
) -> None:
    """Your progress: each measure's change since baseline, judged, plus adherence."""
    from limber.report.charts import render_all
    from limber.services.dashboard import PRACTICE_LABELS, build_dashboard
    from limber.services.progress import progress_out

    if charts is not None and charts.exists() and not charts.is_dir():
        # Refused before the database is opened, which would keep the new local user.
        fail(f"cannot write charts to {charts}: it is a file, not a folder")
    with local_session() as local:
        board = build_dashboard(local.db, user_id=local.user_id)
        data = progress_out(local.db, user_id=local.user_id, today=board.today, board=board)
    if as_json:
        typer.echo(data.model_dump_json(indent=2))
    else:
        if not data.measures:
            console.print("No assessments yet. Start with `limber assess due`.")
        for m in data.measures:
            console.print(m.sentence)
        if data.adherence_pct is not None:
            console.print(
                f"Sessions done: {data.done_to_date} of {data.planned_to_date} "
                f"({data.adherence_pct:.0f} %)"
            )
        minutes = ", ".join(
            f"{PRACTICE_LABELS[k].lower()} {v:.0f} min" for k, v in data.minutes.items()
        )
        console.print(f"Practice so far: {minutes}")
        if data.due:
            labels = ", ".join(MEASURES[k].label for k in data.due)
            console.print(f"[bold]Due now:[/] {labels} - see `limber assess due`")
    if charts is not None:
        try:
            charts.mkdir(parents=True, exist_ok=True)
            for name, svg in render_all(board, "svg").items():
                (charts / f"{name}.svg").write_text(str(svg), encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write charts to {charts}: {exc.strerror}")
        if not as_json:
            console.print(f"Charts written to {charts}")
