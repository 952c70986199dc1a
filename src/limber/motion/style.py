"""Which kind of skipping a bout was: basic bounce, alternate foot, double unders or mixed.

Judged on short stretches of jumps (``GROUP`` in a row), then for the whole bout, from how
far each foot fell at each jump (:class:`~limber.motion.counter.JumpFeet`):

* **Alternate foot**: most landings are one foot at a time, or both feet move but the one
  that moves most switches from jump to jump (light jogging steps where the standing foot
  also bounces). In our videos the switch share is 0.88-1.0 for stepping and at most 0.44
  for two-foot jumps, and the feet differ by 46-100 % against at most 9 %.
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
from itertools import pairwise
from statistics import median

BASIC = "basic"
ALTERNATE = "alternate_foot"
DOUBLE_UNDER = "double_under"
MIXED = "mixed"

GROUP = 10
SINGLE_FOOT_SHARE = 0.6
SWITCH_SHARE = 0.7
ASYMMETRY = 0.25
RELATIVE_DU = 1.6
ABSOLUTE_DU = 0.3
DOMINANT_SHARE = 0.8

Swing = tuple[float, float]  # (left, right) fall of each foot, torso lengths; 0 = not seen


def _stepping(group: Sequence[Swing]) -> bool:
    single = sum(not (left and right) for left, right in group) / len(group)
    if single >= SINGLE_FOOT_SHARE:
        return True
    if len(group) < 3:
        return False
    leader = [left > right for left, right in group]
    switches = sum(a != b for a, b in pairwise(leader)) / (len(group) - 1)
    asymmetry = median(abs(left - right) / max(left, right, 1e-9) for left, right in group)
    return switches >= SWITCH_SHARE and asymmetry >= ASYMMETRY


def classify_style(swings: Sequence[Swing]) -> str | None:
    """Style of a sequence of counted jumps given each jump's (left, right) foot falls.

    Returns ``None`` when there are no jumps. Example:
    ``classify_style([(0.8, 0.0), (0.0, 0.8)] * 10) == "alternate_foot"``.
    """
    if not swings:
        return None
    groups: list[tuple[int, str | None, float]] = []  # size, alternate or None, height
    for start in range(0, len(swings), GROUP):
        group = swings[start : start + GROUP]
        kind = ALTERNATE if _stepping(group) else None
        groups.append((len(group), kind, median(max(pair) for pair in group)))
    two_foot = [h for _, kind, h in groups if kind is None]
    floor = min(two_foot) if two_foot else 0.0
    labels: dict[str, int] = {}
    for size, kind, height in groups:
        if kind is None:
            high = height >= ABSOLUTE_DU or (floor > 0 and height >= RELATIVE_DU * floor)
            kind = DOUBLE_UNDER if high else BASIC
        labels[kind] = labels.get(kind, 0) + size
    best, n = max(labels.items(), key=lambda item: item[1])
    return best if n >= DOMINANT_SHARE * len(swings) else MIXED
