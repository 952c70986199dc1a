"""Inline SVG for the jump pages: cadence, the annotated timeline and the weekly volume.

Drawn by hand like :mod:`limber.web.charts`, so the pages need no chart library and no CDN.
Each SVG is an image with a title and a description that says in words what it shows; the
numbers are also on the page as text, so nothing depends on seeing the drawing.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from itertools import pairwise
from typing import Any

from limber.motion.results import SERIES_WINDOW_S, streaks

WIDTH = 720
PRIMARY, ACCENT, MUTED, LINE = "#0f766e", "#b45309", "#4f5e5c", "#dbe2df"


def _svg_open(
    cls: str, height: int, title_id: str, title: str, desc: str, width: int = WIDTH
) -> list[str]:
    return [
        f'<svg class="chart {cls}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {title_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{title_id}-desc">{escape(desc)}</desc>',
    ]


def _time_ticks(duration: float) -> list[float]:
    step = next((s for s in (1, 2, 5, 10, 15, 30, 60, 120, 300) if duration / s <= 10), 600)
    return [float(k * step) for k in range(int(duration // step) + 1)]


def cadence_chart_svg(result: dict[str, Any]) -> str:
    """Bars of the mean cadence per 10 s window, with each jump's own cadence as dots."""
    duration = max(float(result.get("duration_s") or 0.0), 0.1)
    series: list[float | None] = list(result.get("cadence_per_min", {}).get("series") or [])
    runs = streaks(list(result.get("events_s") or []))
    dots = [(b, 60.0 / (b - a)) for run in runs for a, b in pairwise(run) if b > a]
    values = [v for v in series if v is not None] + [v for _, v in dots]
    if not values:
        return ""
    height, left, right, top, bottom = 240, 48, 16, 14, 34
    top_value = max(60.0, min(400.0, max(values) * 1.1))
    top_value = float(int(-(-top_value // 20) * 20))

    def x(t: float) -> float:
        return left + (WIDTH - left - right) * min(t, duration) / duration

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - min(v, top_value) / top_value)

    windows = "; ".join(
        f"{k * SERIES_WINDOW_S:g}-{(k + 1) * SERIES_WINDOW_S:g} s: "
        + (f"{v:g} per minute" if v is not None else "no jumps")
        for k, v in enumerate(series)
    )
    out = _svg_open(
        "cadence-chart",
        height,
        "cadence-chart-title",
        "Cadence in jumps per minute, per 10 seconds",
        windows or "No cadence could be measured.",
    )
    for level in (0, top_value / 2, top_value):
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            f'stroke="{LINE}"/>'
            f'<text x="{left - 6}" y="{y(level) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{MUTED}">{level:g}</text>'
        )
    for k, value in enumerate(series):
        if value is None:
            continue
        x0, x1 = x(k * SERIES_WINDOW_S) + 2, x((k + 1) * SERIES_WINDOW_S) - 2
        out.append(
            f'<rect class="cadence-bar" x="{x0:.1f}" y="{y(value):.1f}" '
            f'width="{max(x1 - x0, 1):.1f}" height="{y(0) - y(value):.1f}" rx="4" fill="#d9efeb"/>'
            f'<text x="{x0 + 8:.1f}" y="{y(value) + 18:.1f}" text-anchor="start" '
            f'font-size="13" font-weight="600" fill="{PRIMARY}">{value:g}/min</text>'
        )
    for t, v in dots:
        out.append(
            f'<circle class="cadence-dot" cx="{x(t):.1f}" cy="{y(v):.1f}" r="3" fill="{PRIMARY}"/>'
        )
    for t in _time_ticks(duration):
        out.append(
            f'<text x="{x(t):.1f}" y="{height - 12}" text-anchor="middle" font-size="12" '
            f'fill="{MUTED}">{t:g} s</text>'
        )
    out.append("</svg>")
    return "".join(out)


def timeline_svg(result: dict[str, Any]) -> str:
    """Every counted landing as a tick on the time axis; pauses and uncounted gaps shaded."""
    duration = max(float(result.get("duration_s") or 0.0), 0.1)
    events: list[float] = list(result.get("events_s") or [])
    gaps: list[dict[str, Any]] = list(result.get("gaps") or [])
    runs = streaks(events)
    pauses = [(a[-1], b[0]) for a, b in pairwise(runs)]
    height, left, right, axis = 100, 16, 16, 66

    def x(t: float) -> float:
        return left + (WIDTH - left - right) * min(max(t, 0.0), duration) / duration

    parts = [f"{len(events)} jumps counted between 0 and {duration:.1f} s"]
    parts += [f"pause from {a:.1f} to {b:.1f} s" for a, b in pauses]
    parts += [
        f"not counted from {g['start_s']:.1f} to {g['end_s']:.1f} s (no person in view)"
        if g.get("reason") == "no_person"
        else f"counting restarted at {g['start_s']:.1f} s"
        for g in gaps
    ]
    out = _svg_open(
        "timeline", height, "timeline-title", "Timeline of counted jumps", "; ".join(parts) + "."
    )
    for a, b in pauses:
        out.append(
            f'<rect class="pause" x="{x(a):.1f}" y="12" width="{max(x(b) - x(a), 1):.1f}" '
            f'height="{axis - 12}" fill="#fdf3dc"/>'
            f'<text x="{(x(a) + x(b)) / 2:.1f}" y="24" text-anchor="middle" font-size="11" '
            f'fill="#7a3d07">pause</text>'
        )
    for gap in gaps:
        a, b = float(gap["start_s"]), float(gap["end_s"])
        if gap.get("reason") == "no_person":
            out.append(
                f'<rect class="gap" x="{x(a):.1f}" y="12" width="{max(x(b) - x(a), 1):.1f}" '
                f'height="{axis - 12}" fill="url(#hatch)" stroke="{MUTED}" stroke-dasharray="3 3"/>'
            )
        else:
            out.append(
                f'<line class="cut" x1="{x(a):.1f}" x2="{x(a):.1f}" y1="12" y2="{axis + 4}" '
                f'stroke="{ACCENT}" stroke-width="2" stroke-dasharray="4 3"/>'
            )
    out.insert(
        3,
        '<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#eef3f1"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{LINE}" stroke-width="4"/></pattern></defs>',
    )
    out.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{axis}" y2="{axis}" stroke="{MUTED}"/>')
    for t in events:
        out.append(
            f'<line class="tick" x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{axis - 36}" y2="{axis}" '
            f'stroke="{PRIMARY}" stroke-width="2.5" stroke-linecap="round"/>'
        )
    for t in _time_ticks(duration):
        out.append(
            f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{axis}" y2="{axis + 5}" stroke="{MUTED}"/>'
            f'<text x="{x(t):.1f}" y="{axis + 20}" text-anchor="middle" font-size="12" '
            f'fill="{MUTED}">{t:g} s</text>'
        )
    out.append("</svg>")
    return "".join(out)


def weekly_volume_svg(weeks: list[tuple[dt.date, int]]) -> str:
    """Bars of jumps per week (the last 12 weeks with any data), or "" when there is none."""
    weeks = weeks[-12:]
    if not weeks:
        return ""
    width, height, left, right, top, bottom = 420, 190, 8, 8, 26, 30
    peak = max(max(n for _, n in weeks), 1)
    slot = (width - left - right) / len(weeks)
    bar = min(48.0, slot * 0.7)
    desc = "; ".join(f"week of {d:%d %b}: {n} jumps" for d, n in weeks)
    out = _svg_open("volume-chart", height, "volume-chart-title", "Jumps per week", desc, width)
    base = height - bottom
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{base}" y2="{base}" stroke="{LINE}"/>')
    for i, (day, n) in enumerate(weeks):
        cx = left + slot * (i + 0.5)
        h = (base - top) * n / peak
        out.append(
            f'<rect class="volume-bar" x="{cx - bar / 2:.1f}" y="{base - h:.1f}" '
            f'width="{bar:.1f}" height="{max(h, 1):.1f}" rx="4" fill="{PRIMARY}"/>'
            f'<text x="{cx:.1f}" y="{base - h - 7:.1f}" text-anchor="middle" font-size="14" '
            f'font-weight="700" fill="{MUTED}">{n}</text>'
            f'<text x="{cx:.1f}" y="{height - 8}" text-anchor="middle" font-size="13" '
            f'fill="{MUTED}">{day:%d %b}</text>'
        )
    out.append("</svg>")
    return "".join(out)
