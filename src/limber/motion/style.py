"""Which kind of skipping a bout was: basic bounce, alternate foot, double unders or mixed.

Judged on short stretches of jumps (``GROUP`` in a row), then for the whole bout:

* **Alternate foot**: most landings are one foot at a time (the counter merges two feet
  landing together into one jump, so single-foot landings mean stepping).
* **Double under vs basic bounce**, among two-foot jumps: the rope must pass twice while the
  person is in the air, which takes a higher jump. Compared first with the person's own
  singles (a stretch jumping ``RELATIVE_DU`` times higher than their lowest stretch is double
  unders); when every stretch is alike, an absolute foot lift of ``ABSOLUTE_DU`` torso lengths
  decides. That absolute threshold was set between the two double-under videos we have
  (0.34 and 0.42) and a two-foot bounce video (0.24): treat it as a rough guide, not a
  measurement (camera angle and footwear move it).
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

BASIC = "basic"
ALTERNATE = "alternate_foot"
DOUBLE_UNDER = "double_under"
MIXED = "mixed"

GROUP = 10
SINGLE_FOOT_SHARE = 0.6
RELATIVE_DU = 1.6
ABSOLUTE_DU = 0.3
DOMINANT_SHARE = 0.8


def classify_style(feet: Sequence[str], heights: Sequence[float]) -> str | None:
    """Style of a sequence of counted jumps (``feet`` and ``heights`` per jump).

    Returns ``None`` when there are no jumps. Example:
    ``classify_style(["left", "right"] * 10, [0.8] * 20) == "alternate_foot"``.
    """
    if not feet:
        return None
    groups: list[tuple[int, str | None, float]] = []  # size, alternate or None, median height
    for start in range(0, len(feet), GROUP):
        g_feet = feet[start : start + GROUP]
        g_heights = heights[start : start + GROUP]
        single = sum(f != "both" for f in g_feet) / len(g_feet)
        kind = ALTERNATE if single >= SINGLE_FOOT_SHARE else None
        groups.append((len(g_feet), kind, median(g_heights)))
    two_foot = [h for _, kind, h in groups if kind is None]
    floor = min(two_foot) if two_foot else 0.0
    labels: dict[str, int] = {}
    for size, kind, height in groups:
        if kind is None:
            high = height >= ABSOLUTE_DU or (floor > 0 and height >= RELATIVE_DU * floor)
            kind = DOUBLE_UNDER if high else BASIC
        labels[kind] = labels.get(kind, 0) + size
    best, n = max(labels.items(), key=lambda item: item[1])
    return best if n >= DOMINANT_SHARE * len(feet) else MIXED
