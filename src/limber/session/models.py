"""A timeline: the single, precomputed list of timed steps of a session.

The browser player, the terminal coach and any audio player read this list as it is; none
recomputes timings, so what the user hears and sees is the same everywhere.
"""

from typing import Literal

from pydantic import BaseModel

from limber.plan.steps import StepKind


class Step(BaseModel):
    """One timed step."""

    index: int
    kind: StepKind
    start_s: float
    duration_s: float
    title: str
    # Spoken cue text: what a voice says when the step starts.
    cue: str
    block: str
    exercise_id: str | None = None
    side: Literal["left", "right"] | None = None
    set_number: int | None = None
    rep_number: int | None = None
    breath_phase: Literal["in", "hold", "out"] | None = None
    cadence_per_min: int | None = None
    # Ring a bell when this step starts (interval changes, block changes).
    bell: bool = False

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


class Timeline(BaseModel):
    """The steps of one session, with its total length."""

    steps: list[Step]
    total_s: float
