"""The terminal coach: plays a stored timeline step by step, with a large countdown.

It only plays the timeline it is given and never recomputes timings, so the terminal, the
browser player and any audio agree to the second. Keys (on a terminal): space pauses and
resumes, ``n`` skips the step, ``q`` quits and keeps what was done. Off a terminal it just
plays through, one line per step. Each finished step is handed to ``record`` at once, which
the command line uses to commit it to the database.
"""

import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, Protocol

from rich.align import Align
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from limber.cli import bigdigits
from limber.plan.steps import BLOCK_TITLES
from limber.session.models import Step, Timeline

Outcome = Literal["completed", "stopped"]
Record = Callable[[int, Literal["done", "skipped"], float], None]
TICK_S = 0.1
END_SLACK_S = 0.001

_PHASE_TEXT = {"in": "BREATHE IN", "hold": "HOLD", "out": "BREATHE OUT"}
_KIND_STYLE = {
    "rest": "bold blue",
    "breath": "bold cyan",
    "prepare": "bold yellow",
    "switch_side": "bold yellow",
}


class KeySource(Protocol):
    """Waits up to ``timeout`` seconds for one key press; ``None`` if none came."""

    def read(self, timeout: float) -> str | None: ...


class NoKeys:
    """Off a terminal: nobody can press keys, so waiting is just sleeping."""

    def read(self, timeout: float) -> str | None:
        time.sleep(max(0.0, timeout))
        return None


class TerminalKeys:
    """Single key presses from a terminal in cbreak mode (no Enter needed, no echo)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, timeout: float) -> str | None:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return None
        data = os.read(self.fd, 1)
        return data.decode("utf-8", errors="ignore") or None


@contextmanager
def terminal_keys() -> Iterator[KeySource]:
    """Put stdin in cbreak mode for the session and always restore it afterwards."""
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield TerminalKeys(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class View(Protocol):
    """What the coach shows; the player calls it, never the other way round."""

    def step_started(self, index: int, step: Step) -> None: ...

    def tick(self, index: int, step: Step, left_s: float, paused: bool) -> None: ...


class LineView:
    """Plain output for pipes and logs: one line per step, no redrawing."""

    def __init__(self, console: Console, timeline: Timeline) -> None:
        self.console = console
        self.total = len(timeline.steps)

    def step_started(self, index: int, step: Step) -> None:
        phase = f" — {_PHASE_TEXT[step.breath_phase]}" if step.breath_phase else ""
        self.console.print(
            f"[{index + 1}/{self.total}] {step.title}{phase} ({step.duration_s:g} s): {step.cue}",
            highlight=False,
            markup=False,
        )

    def tick(self, index: int, step: Step, left_s: float, paused: bool) -> None:
        return None


def _progress(done_s: float, total_s: float, width: int = 40) -> Text:
    """A one-line bar of the whole session, so the end is always in sight."""
    share = 0.0 if total_s <= 0 else min(1.0, max(0.0, done_s / total_s))
    filled = round(share * width)
    minutes = f" {done_s / 60:.0f} of {total_s / 60:.0f} min"
    return Text("━" * filled, style="green") + Text("─" * (width - filled), style="dim") + minutes


class LiveView:
    """A full-screen-ish Rich panel: big countdown, title, cue, breath phase, what's next."""

    def __init__(self, console: Console, timeline: Timeline, live: Live) -> None:
        self.console = console
        self.steps = timeline.steps
        self.total_s = timeline.total_s
        self.live = live

    def step_started(self, index: int, step: Step) -> None:
        if step.bell:
            self.console.bell()
        self.tick(index, step, step.duration_s, False)

    def render(self, index: int, step: Step, left_s: float, paused: bool) -> RenderableType:
        style = _KIND_STYLE.get(step.kind, "bold green")
        block = BLOCK_TITLES.get(step.block, step.block.replace("_", " ").capitalize())
        done_s = step.start_s + step.duration_s - left_s
        parts: list[RenderableType] = [
            Text(f"{block} · step {index + 1} of {len(self.steps)}", style="dim"),
            _progress(done_s, self.total_s),
            Text(step.title, style="bold"),
            Text(""),
            Align.center(Text(bigdigits.render(bigdigits.clock(left_s)), style=style)),
            Text(""),
        ]
        if step.breath_phase:
            parts.append(Align.center(Text(_PHASE_TEXT[step.breath_phase], style="bold cyan")))
        if step.cadence_per_min:
            parts.append(Text(f"Rhythm: {step.cadence_per_min} per minute", style="magenta"))
        parts.append(Text(step.cue))
        if index + 1 < len(self.steps):
            nxt = self.steps[index + 1]
            parts.append(Text(f"Next: {nxt.title} ({nxt.duration_s:g} s)", style="dim"))
        else:
            parts.append(Text("Next: finished", style="dim"))
        keys = "space pause/resume · n skip · q quit and save"
        parts.append(
            Text(f"PAUSED — {keys}" if paused else keys, style="reverse" if paused else "dim")
        )
        return Panel(Group(*parts), title="Limber coach", border_style=style)

    def tick(self, index: int, step: Step, left_s: float, paused: bool) -> None:
        self.live.update(self.render(index, step, left_s, paused), refresh=True)


class Coach:
    """Plays a timeline from a given step at ``speed`` times real time."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        speed: float,
        record: Record,
        keys: KeySource,
        view: View,
        clock: Callable[[], float] = time.monotonic,
        tick_s: float = TICK_S,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be above 0")
        self.timeline = timeline
        self.speed = speed
        self.record = record
        self.keys = keys
        self.view = view
        self.clock = clock
        self.tick_s = tick_s

    def play(self, start: int = 0) -> Outcome:
        """Play from step ``start``; ``stopped`` when the user quit, else ``completed``.

        Seconds recorded are session seconds (a 30 s hold counts 30 s at any speed); a skipped
        step records how far it got. The step in progress when quitting is not recorded.
        """
        for index in range(start, len(self.timeline.steps)):
            step = self.timeline.steps[index]
            self.view.step_started(index, step)
            outcome = self._play_step(index, step)
            if outcome == "quit":
                return "stopped"
        return "completed"

    def _play_step(self, index: int, step: Step) -> Literal["done", "skipped", "quit"]:
        left = step.duration_s
        paused = False
        last = self.clock()
        # A millisecond of slack: float rounding must not leave a step waiting forever.
        while left > END_SLACK_S:
            wait = self.tick_s if paused else max(END_SLACK_S, min(self.tick_s, left / self.speed))
            key = self.keys.read(wait)
            now = self.clock()
            if not paused:
                left -= (now - last) * self.speed
            last = now
            if key == " ":
                paused = not paused
            elif key in ("n", "N"):
                self.record(index, "skipped", round(step.duration_s - max(left, 0.0), 3))
                return "skipped"
            elif key in ("q", "Q"):
                return "quit"
            self.view.tick(index, step, max(left, 0.0), paused)
        self.record(index, "done", step.duration_s)
        return "done"


def play(
    timeline: Timeline,
    *,
    start: int,
    speed: float,
    record: Record,
    console: Console,
    on_terminal: bool,
) -> Outcome:
    """Play on a terminal with keys and a live panel, or through plainly off one.

    Ctrl-C counts as quitting: what was done is kept and the session is marked stopped.
    """
    try:
        if not on_terminal:
            view = LineView(console, timeline)
            return Coach(timeline, speed=speed, record=record, keys=NoKeys(), view=view).play(start)
        with (
            terminal_keys() as keys,
            Live(console=console, auto_refresh=False, transient=False) as live,
        ):
            coach = Coach(
                timeline,
                speed=speed,
                record=record,
                keys=keys,
                view=LiveView(console, timeline, live),
            )
            return coach.play(start)
    except KeyboardInterrupt:
        return "stopped"
