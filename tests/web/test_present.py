"""The small presenters: the dose in words and the hand-drawn pain chart."""

import datetime as dt
import re

from limber.content.schema import BreathPhase, Dosage
from limber.web.charts import _y, pain_chart_svg
from limber.web.present import dose_text, exercise_name, figure_svg


def test_dose_in_words() -> None:
    assert dose_text(Dosage(sets=2, reps=8, hold_s=2, sides=2)) == "2 × 8 reps, 2 s hold, each side"
    assert dose_text(Dosage(hold_s=30)) == "30 s hold"
    assert dose_text(Dosage(sets=2, hold_s=90)) == "2 × 1 min 30 s hold"
    assert (
        dose_text(Dosage(work_s=30, rest_s=60, rounds=4, cadence_per_min=100))
        == "4 rounds: 30 s on, 1 min rest at 100/min"
    )
    breath = Dosage(
        duration_s=120,
        breath=[BreathPhase(phase="in", seconds=4), BreathPhase(phase="out", seconds=6)],
    )
    assert dose_text(breath) == "2 min of breathing: in 4 s · out 6 s"


def test_pain_chart_plots_each_score_on_the_0_to_10_scale() -> None:
    points = [(dt.date(2026, 1, 1), 6, 4), (dt.date(2026, 1, 3), 3, 2), (dt.date(2026, 1, 5), 1, 0)]
    svg = pain_chart_svg(points)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert svg.count("<polyline") == 2
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(circles) == 6
    ys = sorted({float(y) for _, y in circles})
    expected = sorted({round(_y(v), 1) for _, a, b in points for v in (a, b)})
    assert ys == expected
    assert "2026-01-03: during 3, after 2" in svg
    assert pain_chart_svg([]) == ""
    assert _y(10) < _y(0)


def test_figures_and_names_come_from_the_library() -> None:
    assert exercise_name("box-step-up-raise") == "Box step-up raise"
    assert exercise_name("no-such-exercise") == ""
    assert exercise_name(None) == ""
    assert figure_svg("box-step-up-raise").lstrip().startswith("<svg")
    assert figure_svg("no-such-exercise") == ""
