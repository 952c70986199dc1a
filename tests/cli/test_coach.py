"""The coach player on a fake clock: keys, pauses, skips, speed and resuming."""

import io
from typing import Literal

import pytest
from rich.console import Console

from limber.cli import bigdigits
from limber.cli.coach import Coach, LineView, LiveView
from limber.session.models import Step, Timeline


def _timeline(durations: list[float]) -> Timeline:
    steps, start = [], 0.0
    for i, d in enumerate(durations):
        steps.append(
            Step(
                index=i,
                kind="hold",
                start_s=start,
                duration_s=d,
                title=f"Step {i}",
                cue=f"cue {i}",
                block="Mobility",
                bell=i == 0,
            )
        )
        start += d
    return Timeline(steps=steps, total_s=start)


class FakeTime:
    """A clock that only moves when the coach waits, and keys pressed at set times."""

    def __init__(self, presses: list[tuple[float, str]] | None = None) -> None:
        self.now = 0.0
        self.presses = sorted(presses or [])

    def clock(self) -> float:
        return self.now

    def read(self, timeout: float) -> str | None:
        if self.presses and self.presses[0][0] <= self.now + timeout:
            at, key = self.presses.pop(0)
            self.now = max(self.now, at)
            return key
        self.now += timeout
        return None


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, str, float]] = []

    def __call__(self, index: int, status: Literal["done", "skipped"], seconds: float) -> None:
        self.calls.append((index, status, seconds))


class SilentView:
    def __init__(self) -> None:
        self.started: list[int] = []
        self.ticks = 0

    def step_started(self, index: int, step: Step) -> None:
        self.started.append(index)

    def tick(self, index: int, step: Step, left_s: float, paused: bool) -> None:
        self.ticks += 1


def _coach(timeline: Timeline, fake: FakeTime, record: Recorder, speed: float = 1.0) -> Coach:
    return Coach(
        timeline, speed=speed, record=record, keys=fake, view=SilentView(), clock=fake.clock
    )


def test_plays_every_step_and_records_it_done() -> None:
    fake, record = FakeTime(), Recorder()
    assert _coach(_timeline([3, 5, 2]), fake, record).play() == "completed"
    assert record.calls == [(0, "done", 3), (1, "done", 5), (2, "done", 2)]
    assert fake.now == pytest.approx(10)


def test_speed_plays_faster_but_records_session_seconds() -> None:
    fake, record = FakeTime(), Recorder()
    _coach(_timeline([30, 30]), fake, record, speed=10).play()
    assert fake.now == pytest.approx(6)
    assert [c[2] for c in record.calls] == [30, 30]


def test_n_skips_the_step_and_records_how_far_it_got() -> None:
    fake, record = FakeTime([(1.0, "n")]), Recorder()
    _coach(_timeline([4, 4]), fake, record).play()
    assert record.calls[0] == (0, "skipped", pytest.approx(1.0))
    assert record.calls[1] == (1, "done", 4)


def test_q_quits_keeping_what_was_done() -> None:
    fake, record = FakeTime([(5.0, "q")]), Recorder()
    assert _coach(_timeline([3, 4, 4]), fake, record).play() == "stopped"
    assert record.calls == [(0, "done", 3)]


def test_space_pauses_and_resumes() -> None:
    fake, record = FakeTime([(1.0, " "), (11.0, " ")]), Recorder()
    _coach(_timeline([3]), fake, record).play()
    # Ten seconds paused: the 3 s step ends at 13 s, not 3 s.
    assert fake.now == pytest.approx(13)
    assert record.calls == [(0, "done", 3)]


def test_resumes_from_a_given_step() -> None:
    fake, record = FakeTime(), Recorder()
    view = SilentView()
    coach = Coach(
        _timeline([1, 1, 1, 1]), speed=1, record=record, keys=fake, view=view, clock=fake.clock
    )
    coach.play(start=2)
    assert view.started == [2, 3]
    assert [c[0] for c in record.calls] == [2, 3]


def test_speed_must_be_positive() -> None:
    with pytest.raises(ValueError, match="speed"):
        Coach(_timeline([1]), speed=0, record=Recorder(), keys=FakeTime(), view=SilentView())


def test_line_view_prints_one_line_per_step() -> None:
    console = Console(record=True, width=200)
    timeline = _timeline([1, 2])
    view = LineView(console, timeline)
    view.step_started(1, timeline.steps[1])
    assert console.export_text().strip() == "[2/2] Step 1 (2 s): cue 1"


def test_live_view_shows_countdown_title_cue_and_next() -> None:
    console = Console(record=True, width=100)
    timeline = _timeline([75, 2])
    view = LiveView(console, timeline, live=None)  # type: ignore[arg-type]
    console.print(view.render(0, timeline.steps[0], 74.2, paused=True))
    text = console.export_text()
    assert bigdigits.render("1:15").splitlines()[0] in text
    assert "Step 0" in text and "cue 0" in text and "Next: Step 1 (2 s)" in text
    assert "PAUSED" in text


def test_big_digits() -> None:
    rows = bigdigits.render("0:30").splitlines()
    assert len(rows) == bigdigits.ROWS
    assert len({len(r) for r in rows}) == 1
    assert bigdigits.clock(9.2) == "10"
    assert bigdigits.clock(0) == "0"
    assert bigdigits.clock(75) == "1:15"
    with pytest.raises(ValueError):
        bigdigits.render("1a")


class _StubLive:
    def __init__(self) -> None:
        self.updates = 0

    def update(self, renderable: object, refresh: bool = False) -> None:
        self.updates += 1


def test_live_view_rings_the_bell_only_at_interval_changes() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    timeline = _timeline([1, 1])
    live = _StubLive()
    view = LiveView(console, timeline, live)  # type: ignore[arg-type]
    view.step_started(0, timeline.steps[0])
    assert out.getvalue().count("\a") == 1
    view.step_started(1, timeline.steps[1])
    assert out.getvalue().count("\a") == 1
    assert live.updates == 2
