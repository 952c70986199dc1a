"""Progress charts drawn server-side with matplotlib (Agg): SVG for the web, PNG for the PDF.

Built on ``matplotlib.figure.Figure`` rather than pyplot, so charts can be drawn from web
request threads without pyplot's global state. Sizes and fonts are chosen to stay readable
when a phone shrinks the SVG to its screen width.
"""

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from limber.services.dashboard import PRACTICE_LABELS, PRACTICES, Dashboard
from limber.services.interpret import threshold_for
from limber.services.measures import MEASURES, WHO5_LOW
from limber.services.weeks import week_start

# The adherence calendar shows this many weeks at most (the last ones, and the coming week).
MAX_CALENDAR_WEEKS = 12
INK = "#1f2d3d"
GRID = "#d9dee5"
COLOURS = {
    "pain": "#d1495b",
    "peg": "#edae49",
    "who5": "#00798c",
    "fingertip_floor": "#30638e",
    "extensor_hold": "#6a4c93",
    "jump_test": "#2a9d8f",
    "breathing_rate": "#3d5a80",
    "stretch": "#30638e",
    "jump_rope": "#2a9d8f",
    "breathing": "#edae49",
}
STATUS_COLOURS = {
    "done": "#2a9d8f",
    "partial": "#edae49",
    "missed": "#d1495b",
    "upcoming": "#d9dee5",
    "extra": "#8ab17d",
}
STATUS_LABELS = {
    "done": "Done",
    "partial": "Partly done",
    "missed": "Missed",
    "upcoming": "Planned",
    "extra": "Extra",
}

_RC: Any = {
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "svg.hashsalt": "limber",
    "svg.fonttype": "none",
}


def _figure(height: float = 3.2) -> tuple[Figure, Axes]:
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(4.8, height), layout="constrained")
        ax = fig.add_subplot()
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _dates_axis(ax: Axes, days: list[dt.date]) -> None:
    """Day-month ticks; a single day gets a week either side so the axis is not degenerate."""
    first, last = min(days), max(days)
    pad = dt.timedelta(days=7 if first == last else max(1, (last - first).days // 20))
    ax.set_xlim(first - pad, last + pad)  # type: ignore[arg-type]
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=6))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))


def _weeks_axis(ax: Axes, weeks: list[dt.date]) -> None:
    """Bars per week, labelled by the Monday they start on (thinned to stay legible)."""
    step = -(-len(weeks) // 6)
    ticks = list(range(0, len(weeks), max(step, 1)))
    ax.set_xticks(ticks, [weeks[i].strftime("%d %b") for i in ticks])
    ax.set_xlabel("week starting")
    ax.grid(False, axis="x")


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#6b7785")
    ax.set_xticks([])
    ax.set_yticks([])


def _better(ax: Axes, lower: bool) -> None:
    ax.text(
        1.0,
        1.02,
        "lower is better" if lower else "higher is better",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=10,
        color="#6b7785",
    )


def pain_chart(d: Dashboard) -> Figure:
    """Pain (0-10) and PEG over time, with after-session pain from check-ins as faint dots."""
    fig, ax = _figure()
    ax.set_title("Pain and PEG", loc="left")
    drew = False
    if d.checkins:
        ax.scatter(
            [c[0] for c in d.checkins],  # type: ignore[arg-type]
            [c[2] for c in d.checkins],
            s=14,
            color=COLOURS["pain"],
            alpha=0.25,
            label="after sessions",
        )
        drew = True
    for key in ("pain", "peg"):
        points = d.series(key)
        if points:
            xs, ys = zip(*points, strict=True)
            label = "Pain" if key == "pain" else "PEG"
            ax.plot(xs, ys, "o-", color=COLOURS[key], linewidth=2.5, markersize=7, label=label)
            drew = True
    if not drew:
        _empty(ax, "No pain ratings yet")
        return fig
    ax.set_ylim(-0.3, 10.3)
    ax.set_ylabel("0-10")
    _dates_axis(
        ax, [c[0] for c in d.checkins] + [p[0] for k in ("pain", "peg") for p in d.series(k)]
    )
    _better(ax, lower=True)
    ax.legend(loc="upper right", frameon=False, fontsize=9, ncols=3)
    return fig


def measure_chart(d: Dashboard, key: str) -> Figure:
    """One measure over time, with its meaningful-change band around the baseline."""
    m = MEASURES[key]
    fig, ax = _figure()
    ax.set_title(m.label, loc="left")
    points = d.series(key)
    if not points:
        _empty(ax, f"No {m.label.lower()} readings yet")
        return fig
    xs, ys = zip(*points, strict=True)
    base = ys[0]
    band = threshold_for(m, m.clamp_for_judging(base))
    ax.axhspan(
        base - band,
        base + band,
        color=GRID,
        alpha=0.5,
        label=f"no real change from baseline (±{band:g} {m.unit})",
    )
    ax.plot(xs, ys, "o-", color=COLOURS[key], linewidth=2.5, markersize=7)
    for x, y in zip(xs, ys, strict=True):
        label = f"{y:.0f}" if m.integer or m.unit == "s" else f"{y:.1f}"
        ax.annotate(label, (x, y), textcoords="offset points", xytext=(0, 8), ha="center")
    if key == "who5":
        ax.axhline(WHO5_LOW, color=COLOURS["pain"], linestyle="--", linewidth=1.2)
        ax.text(
            0.99,
            WHO5_LOW - 2,
            "at or below 50 %: talk to a doctor",
            transform=ax.get_yaxis_transform(),
            ha="right",
            va="top",
            fontsize=9,
            color=COLOURS["pain"],
        )
        ax.set_ylim(0, 105)
    if key == "fingertip_floor":
        ax.axhline(0, color=INK, linewidth=1)
        ax.text(xs[0], 0.5, "floor", fontsize=9, va="bottom")
    if key == "extensor_hold":
        ax.set_ylim(0, max(max(ys) * 1.25, 60))
    ax.set_ylabel(m.unit)
    ax.margins(y=0.2)
    _dates_axis(ax, list(xs))
    _better(ax, lower=m.better == "lower")
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    return fig


def jumps_chart(d: Dashboard) -> Figure:
    """Weekly jump volume: counted by the jump counter, or estimated from rope time."""
    fig, ax = _figure()
    if not d.jumps:
        ax.set_title("Jumps per week", loc="left")
        _empty(ax, "No rope work yet")
        return fig
    estimated = any(w.source == "estimated" for w in d.jumps)
    ax.set_title("Jumps per week" + (" (estimated)" if estimated else ""), loc="left")
    xs = list(range(len(d.jumps)))
    ax.bar(xs, [w.jumps for w in d.jumps], width=0.6, color=COLOURS["jump_rope"])
    ax.set_ylabel("jumps")
    _weeks_axis(ax, [w.week_start for w in d.jumps])
    return fig


def practice_chart(d: Dashboard) -> Figure:
    """Minutes per practice per week, stacked, from the steps actually done."""
    fig, ax = _figure()
    ax.set_title("Minutes of practice per week", loc="left")
    if not d.practice:
        _empty(ax, "No sessions yet")
        return fig
    xs = list(range(len(d.practice)))
    bottom = [0.0] * len(xs)
    for key in PRACTICES:
        values = [w.minutes.get(key, 0.0) for w in d.practice]
        ax.bar(xs, values, width=0.6, bottom=bottom, color=COLOURS[key], label=PRACTICE_LABELS[key])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("minutes")
    ax.legend(loc="upper left", frameon=False, fontsize=8.5, ncols=3)
    ax.set_ylim(0, max(bottom) * 1.3 + 1)
    _weeks_axis(ax, [w.week_start for w in d.practice])
    return fig


def adherence_chart(d: Dashboard) -> Figure:
    """Planned sessions as a calendar: one row per week, coloured by what happened."""
    # History and the coming week: the far future of a long plan would only crowd the chart.
    # At most the last MAX_CALENDAR_WEEKS weeks, so the chart fits a phone and a PDF page.
    horizon = week_start(d.today) + dt.timedelta(days=7)
    oldest = horizon - dt.timedelta(weeks=MAX_CALENDAR_WEEKS - 1)
    days = [c for c in d.calendar if oldest <= c.day < horizon + dt.timedelta(days=7)]
    weeks = sorted({week_start(c.day) for c in days})
    fig, ax = _figure(height=max(2.6, 0.45 * len(weeks) + 1.6))
    pct = d.adherence_pct
    title = "Planned vs done" + (f": {pct:.0f} % so far" if pct is not None else "")
    ax.set_title(title, loc="left")
    if not weeks:
        _empty(ax, "No programme yet")
        return fig
    ax.grid(False)
    row = {w: n for n, w in enumerate(weeks)}
    for c in days:
        y = row[week_start(c.day)]
        x = c.day.weekday()
        ax.add_patch(Rectangle((x + 0.08, y + 0.08), 0.84, 0.84, color=STATUS_COLOURS[c.status]))
        dark = c.status in ("done", "missed")
        ax.text(x + 0.5, y + 0.5, str(c.day.day), ha="center", va="center", fontsize=10,
                color="white" if dark else INK)  # fmt: skip
    ax.set_xlim(0, 7)
    ax.set_ylim(len(weeks), 0)
    ax.set_xticks([i + 0.5 for i in range(7)], ["M", "T", "W", "T", "F", "S", "S"])
    ax.set_yticks([n + 0.5 for n in range(len(weeks))], [w.strftime("%d %b") for w in weeks])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    used = [s for s in STATUS_COLOURS if any(c.status == s for c in days)]
    handles = [Patch(color=STATUS_COLOURS[s], label=STATUS_LABELS[s]) for s in used]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return fig


CHARTS: dict[str, tuple[str, Callable[[Dashboard], Figure]]] = {
    "pain": ("Pain and PEG", pain_chart),
    "who5": ("Well-being (WHO-5)", lambda d: measure_chart(d, "who5")),
    "fingertip_floor": ("Fingertip-to-floor", lambda d: measure_chart(d, "fingertip_floor")),
    "extensor_hold": ("Back-extensor hold", lambda d: measure_chart(d, "extensor_hold")),
    "jump_test": ("60-second jump test", lambda d: measure_chart(d, "jump_test")),
    "breathing_rate": ("Resting breathing rate", lambda d: measure_chart(d, "breathing_rate")),
    "jumps": ("Jumps per week", jumps_chart),
    "practice": ("Minutes per practice", practice_chart),
    "adherence": ("Planned vs done", adherence_chart),
}


def has_data(d: Dashboard, name: str) -> bool:
    """Whether a chart would show anything but its "nothing yet" placeholder."""
    if name == "pain":
        return bool(d.checkins or d.series("pain") or d.series("peg"))
    if name == "jumps":
        return bool(d.jumps)
    if name == "practice":
        return bool(d.practice)
    if name == "adherence":
        return bool(d.calendar)
    return bool(d.series(name))


def to_png(fig: Figure, dpi: int = 200) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def to_svg(fig: Figure) -> str:
    """SVG text that scales to its container (width 100 %), for inline use in HTML."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(
        r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1 width="100%"', text, count=1
    )
    return text.replace("<svg", '<svg role="img" preserveAspectRatio="xMidYMid meet"', 1)


def render_all(d: Dashboard, fmt: str = "svg") -> dict[str, str | bytes]:
    """Every chart of the dashboard, by name, as SVG text or PNG bytes."""
    out: dict[str, str | bytes] = {}
    for name, (_, draw) in CHARTS.items():
        fig = draw(d)
        out[name] = to_svg(fig) if fmt == "svg" else to_png(fig)
    return out
