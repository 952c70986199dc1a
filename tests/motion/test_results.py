"""Summaries (cadence, streaks, misses, calories) and style, without any pose model."""

from __future__ import annotations

import pytest

from limber.motion.counter import JumpEvent
from limber.motion.results import (
    kcal_burned,
    met_for_cadence,
    streaks,
    summarise,
    with_weight,
)
from limber.motion.style import classify_style


def _events(times: list[float]) -> list[JumpEvent]:
    return [
        JumpEvent(t=t, number=i + 1, feet="both", height=0.2, run=0) for i, t in enumerate(times)
    ]


@pytest.mark.parametrize(("cadence", "met"), [(80, 8.8), (99.9, 8.8), (110, 11.8), (150, 12.3)])
def test_mets_follow_the_compendium_bands(cadence: float, met: float) -> None:
    assert met_for_cadence(cadence) == met


def test_kcal_formula() -> None:
    # 11.8 MET x 3.5 x 70 kg / 200 = 14.455 kcal/min, for two minutes.
    assert kcal_burned(110, 120, 70) == pytest.approx(28.91)


def test_summary_of_two_streaks_with_a_stop() -> None:
    first = [1 + 0.5 * k for k in range(18)]  # 120/min for 9 s
    second = [20 + 0.5 * k for k in range(10)]
    result = summarise(_events(first + second), duration_s=30.0, style="basic", weight_kg=70)
    assert result.count == 28
    assert result.longest_streak == 18
    assert result.misses == 1
    assert result.cadence_per_min.mean == pytest.approx(120)
    assert result.active_s == pytest.approx(14.0)
    assert result.cadence_per_min.series == [120.0, None, 120.0]
    assert result.kcal == pytest.approx(round(kcal_burned(120, 14.0, 70), 1))
    assert "kcal" in result.to_dict()


def test_no_weight_no_kcal_and_weight_added_later() -> None:
    result = summarise(_events([1, 1.5, 2, 2.5]), duration_s=4.0, style="basic")
    assert result.kcal is None
    assert "kcal" not in result.to_dict()
    weighted = with_weight(result, 80)
    assert weighted.kcal is not None and weighted.kcal > 0
    assert weighted.count == result.count


def test_empty_summary() -> None:
    result = summarise([], duration_s=5.0, style=None, weight_kg=70)
    assert result.count == 0 and result.misses == 0 and result.kcal == 0.0
    assert streaks([]) == []


def test_styles() -> None:
    assert classify_style([]) is None
    assert classify_style([(0.8, 0.0), (0.0, 0.8)] * 15) == "alternate_foot"
    # Jogging steps: both feet move, but the leading foot switches every time.
    assert classify_style([(0.2, 0.1), (0.08, 0.2)] * 15) == "alternate_foot"
    assert classify_style([(0.1, 0.1)] * 30) == "basic"
    assert classify_style([(0.4, 0.38)] * 30) == "double_under"
    # Half singles, half jumps twice as high: mixed (relative to the person's own singles).
    assert classify_style([(0.1, 0.1)] * 20 + [(0.25, 0.25)] * 20) == "mixed"
