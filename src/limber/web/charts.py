"""The pain trend as a small inline SVG, drawn by hand so the history page needs no library.

Two lines (pain during and after each session, 0-10) over the session dates, with the 0-10
scale marked; the SVG carries a title and description for screen readers.
"""

import datetime as dt
from html import escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 16, 34
SERIES = (("during", "#b45309", "Pain during"), ("after", "#0f766e", "Pain after"))


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if n == 1 else span * i / (n - 1))


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 10)


def pain_chart_svg(points: list[tuple[dt.date, int, int]]) -> str:
    """An SVG line chart of pain during and after, or "" when there is nothing to draw."""
    if not points:
        return ""
    n = len(points)
    first, last = points[0][0], points[-1][0]
    desc = "; ".join(f"{d.isoformat()}: during {a}, after {b}" for d, a, b in points[-12:])
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="pain-chart-title pain-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="pain-chart-title">Pain during and after each session, 0 to 10</title>',
        f'<desc id="pain-chart-desc">{escape(desc)}</desc>',
    ]
    for level in (0, 5, 10):
        y = _y(level)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#dbe2df" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#4f5e5c">{level}</text>'
        )
    for key, colour, _label in SERIES:
        values = [p[1] if key == "during" else p[2] for p in points]
        coords = [(_x(i, n), _y(v)) for i, v in enumerate(values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        if n > 1:
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
                'stroke-linejoin="round" stroke-linecap="round"/>'
            )
        out.extend(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#fff" stroke="{colour}" '
            'stroke-width="2.5"/>'
            for x, y in coords
        )
    out.append(
        f'<text x="{LEFT}" y="{HEIGHT - 10}" font-size="12" fill="#4f5e5c">'
        f"{first.strftime('%d %b')}</text>"
    )
    if n > 1:
        out.append(
            f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 10}" text-anchor="end" font-size="12" '
            f'fill="#4f5e5c">{last.strftime("%d %b")}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
