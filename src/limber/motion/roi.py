"""Where in the frame the pose model looks: a window around the person, or a search pattern.

Feeding BlazePose a window around the person instead of the whole frame does three things:
a person far from the camera fills the model's input instead of a few dozen pixels (its
person detector misses bodies under about a tenth of the frame), a phone's 1080p frame costs
a small crop instead of a full-frame resize, and other people at the edges drop out of view.

The window is deliberately sticky. MediaPipe tracks the person from its own previous
landmarks, in coordinates relative to the image it was given; a window that followed every
bounce would shift those coordinates each frame. So the window only moves when the person
drifts towards its edge or changes size markedly, and jumping in place keeps one window.

While nobody is found, the model tries the whole frame, then windows of the frame's short
side along its long axis, then half-size windows on a grid, one per model frame, in turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from limber.motion.keypoints import Keypoints


@dataclass(frozen=True, slots=True)
class Box:
    """A pixel rectangle ``[x0, x1) x [y0, y1)`` inside a frame."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @classmethod
    def whole(cls, width: int, height: int) -> Box:
        return cls(0, 0, width, height)

    def is_whole(self, width: int, height: int) -> bool:
        return self == Box.whole(width, height)


@dataclass(frozen=True, slots=True)
class RoiParams:
    """Window size and stickiness, in body extents (the larger side of the landmark box)."""

    # Window side as a multiple of the body's extent: room for arms overhead and a jump.
    size: float = 1.8
    # The window moves when the window the body now wants is off-centre from it by more
    # than this share of its side ...
    recentre: float = 0.15
    # ... or differs in size by more than this ratio.
    rescale: float = 1.3
    # Never smaller than this many pixels (tiny crops carry no detail to find a body in).
    min_side: int = 96


def body_extent(keypoints: Keypoints) -> tuple[float, float, float]:
    """Centre x, centre y and extent (larger side of the landmark box), in pixels."""
    x0, y0, x1, y1 = keypoints.bbox()
    return (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0, 1.0)


def window_around(
    cx: float, cy: float, side: float, width: int, height: int, min_side: int = 96
) -> Box:
    """A square of ``side`` centred on (cx, cy), slid (not cut) to fit inside the frame."""
    side = max(float(min_side), side)
    w = min(width, round(side))
    h = min(height, round(side))
    x0 = round(cx - w / 2)
    y0 = round(cy - h / 2)
    x0 = min(max(0, x0), width - w)
    y0 = min(max(0, y0), height - h)
    return Box(x0, y0, x0 + w, y0 + h)


def person_window(
    keypoints: Keypoints, current: Box | None, width: int, height: int, params: RoiParams
) -> Box:
    """The window for the next model frame: ``current`` unless it no longer fits the person.

    The wanted window is compared with the current one rather than the body with the
    window's centre, so a window held against the frame's edge stays put too.
    """
    cx, cy, extent = body_extent(keypoints)
    wanted = window_around(cx, cy, params.size * extent, width, height, params.min_side)
    if current is None or current.is_whole(width, height):
        return wanted
    side = max(current.width, current.height)
    shift = max(
        abs((wanted.x0 + wanted.x1) - (current.x0 + current.x1)) / 2,
        abs((wanted.y0 + wanted.y1) - (current.y0 + current.y1)) / 2,
    )
    ratio = max(wanted.width, wanted.height) / side
    if shift <= params.recentre * side and 1 / params.rescale <= ratio <= params.rescale:
        return current
    return wanted


def search_windows(width: int, height: int) -> list[Box]:
    """The whole frame, then squares of the short side, then of half of it, overlapping."""
    windows = [Box.whole(width, height)]
    for fraction in (1.0, 0.5):
        side = max(1, round(min(width, height) * fraction))
        if side >= max(width, height):
            continue
        for cy in _centres(height, side):
            for cx in _centres(width, side):
                box = window_around(cx, cy, side, width, height, min_side=1)
                if box not in windows:
                    windows.append(box)
    return windows


def _centres(length: int, side: int) -> list[float]:
    """Centres of windows of ``side`` covering ``length`` with about a third overlap."""
    if side >= length:
        return [length / 2]
    count = 1 + -(-(length - side) // max(1, round(side * 2 / 3)))
    step = (length - side) / (count - 1) if count > 1 else 0.0
    return [side / 2 + i * step for i in range(count)]
