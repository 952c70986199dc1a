"""From counted jumps to what a person wants to know: count, cadence, streaks, calories.

Kept apart from the counter so the same summary serves a video file, a live camera session
and a stored result, and so it can be tested without any pose model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise
from statistics import mean, median
from typing import Any

from limber.motion.counter import GAP_FACTOR, MAX_GAP_S, JumpEvent

SERIES_WINDOW_S = 10.0


@dataclass(frozen=True, slots=True)
class Gap:
    """A stretch of the video that could not be counted, and why."""

    start_s: float
    end_s: float
    reason: str  # "no_person", "scene_cut" or "several_people" (see motion.verdict)


@dataclass(frozen=True, slots=True)
class Cadence:
    """Jumps per minute while jumping: the mean and one value per 10 s of video."""

    mean: float | None
    series: list[float | None]


@dataclass(frozen=True, slots=True)
class JumpResult:
    """Everything ``limber count --json`` prints; built by :func:`summarise`."""

    count: int
    events_s: list[float]
    duration_s: float
    active_s: float
    style: str | None
    cadence_per_min: Cadence
    longest_streak: int
    misses: int
    kcal: float | None
    weight_kg: float | None
    gaps: list[Gap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.kcal is None:
            del data["kcal"]
        return data


def met_for_cadence(per_min: float) -> float:
    """Compendium of Physical Activities METs for rope jumping at a cadence (jumps/min)."""
    if per_min < 100:
        return 8.8
    if per_min <= 120:
        return 11.8
    return 12.3


def kcal_burned(per_min: float, active_s: float, weight_kg: float) -> float:
    """kcal = MET x 3.5 x kg / 200 per minute, over the active time."""
    return met_for_cadence(per_min) * 3.5 * weight_kg / 200.0 * active_s / 60.0


def streaks(times: Sequence[float]) -> list[list[float]]:
    """Split landing times where the person stopped: a miss, by the counter's own rule."""
    if not times:
        return []
    gaps = [b - a for a, b in pairwise(times)]
    typical = median(gaps) if gaps else 0.5
    limit = min(MAX_GAP_S, GAP_FACTOR * typical)
    out: list[list[float]] = [[times[0]]]
    for prev, t in pairwise(times):
        if t - prev > limit:
            out.append([t])
        else:
            out[-1].append(t)
    return out


def summarise(
    events: Sequence[JumpEvent],
    *,
    duration_s: float,
    style: str | None,
    weight_kg: float | None = None,
    gaps: Sequence[Gap] = (),
    warnings: Sequence[str] = (),
) -> JumpResult:
    """Build the result of a bout from its counted jumps.

    Example: ``summarise(counter_events, duration_s=30.0, style="basic", weight_kg=70)``.
    """
    times = sorted(e.t for e in events)
    runs = streaks(times)
    intervals = [b - a for run in runs for a, b in pairwise(run)]
    typical = median(intervals) if intervals else 0.0
    # Each streak lasts from its first landing to one interval after its last.
    spans = [(run[0], run[-1] + typical) for run in runs]
    active = sum(b - a for a, b in spans)
    cadence_mean = 60.0 / mean(intervals) if intervals else None
    series: list[float | None] = []
    windows = max(1, int(-(-duration_s // SERIES_WINDOW_S)))
    for k in range(windows):
        lo, hi = k * SERIES_WINDOW_S, (k + 1) * SERIES_WINDOW_S
        inside = [b - a for run in runs for a, b in pairwise(run) if lo <= b < hi]
        series.append(round(60.0 / mean(inside), 1) if inside else None)
    kcal = None
    if weight_kg is not None:
        kcal = round(kcal_burned(cadence_mean, active, weight_kg), 1) if cadence_mean else 0.0
    return JumpResult(
        count=len(times),
        events_s=[round(t, 3) for t in times],
        duration_s=round(duration_s, 3),
        active_s=round(active, 2),
        style=style,
        cadence_per_min=Cadence(
            mean=round(cadence_mean, 1) if cadence_mean is not None else None, series=series
        ),
        longest_streak=max((len(r) for r in runs), default=0),
        misses=max(0, len(runs) - 1),
        kcal=kcal,
        weight_kg=weight_kg,
        gaps=list(gaps),
        warnings=list(warnings),
    )


def with_weight(result: JumpResult, weight_kg: float) -> JumpResult:
    """The same result with calories for a body weight (the count does not depend on it)."""
    per_min = result.cadence_per_min.mean
    kcal = round(kcal_burned(per_min, result.active_s, weight_kg), 1) if per_min else 0.0
    return replace(result, kcal=kcal, weight_kg=weight_kg)
