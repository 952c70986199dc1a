"""Every rule that refuses a bout or warns about it, in one place, for every frame source.

A video file, the desktop camera window and the browser's camera stream all end the same
way: the driver (:mod:`limber.motion.driver`) tells what it saw (frames decoded, frames with
a person, stretches without one), the consumers add theirs (scene cuts from the counter,
stretches with several people from the crowd watch), and :func:`judge` decides here, once:

* **refuse** (nothing is counted, printed as a result or saved): a file decoded to less than
  :data:`MIN_DECODED_SHARE` of its stated frames (truncated), a file shorter than
  :data:`MIN_DURATION_S`, and any source in which nobody was seen at all;
* **warn** (the result stands, with a note): stretches without a person of at least
  :data:`MIN_GAP_S`, scene cuts, stretches with several people (whose jumps are not counted:
  we cannot know whose they were), and a person visible in under :data:`MIN_SEEN_SHARE` of
  the frames.

Refusals are :class:`VideoError` (their message is written for the user), so the save paths
(``limber count --save``, the upload jobs, the browser stream's Stop) never receive a result
to store when a rule says no. Whether a source can be read at all (a missing file, a JPEG
that does not decode) is the source's own check, in :mod:`limber.motion.sources`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from limber.motion.results import Gap

# Below this a video cannot show a rhythm worth counting.
MIN_DURATION_S = 2.0
# A file that decodes to fewer of its stated frames than this share is truncated or corrupt.
MIN_DECODED_SHARE = 0.8
# Nobody in view for at least this long is reported as a gap.
MIN_GAP_S = 0.5
# A person seen in fewer frames than this share gets a warning.
MIN_SEEN_SHARE = 0.5


class VideoError(ValueError):
    """A video or camera bout the counter cannot use; the message is written for the user."""


class NobodySeen(VideoError):
    """Nobody was seen in the whole bout: nothing to count, nothing to save."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of the bout in seconds (an absence, or several people in view)."""

    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class Seen:
    """What the driver saw over a whole bout (see :meth:`VisionDriver.seen`)."""

    frames: int
    seen_frames: int
    duration_s: float
    # Stretches without a person, the last one ending at ``duration_s`` if still open.
    absences: tuple[Stretch, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The warnings of a bout that was not refused, and where jumps do not count."""

    gaps: list[Gap]
    warnings: list[str]
    uncounted: tuple[Stretch, ...]

    def counts_at(self, t: float) -> bool:
        """Whether a jump landing at ``t`` counts (not inside a stretch with several people)."""
        return not any(s.start_s <= t <= s.end_s for s in self.uncounted)


def check_duration(name: str, seconds: float, min_duration_s: float = MIN_DURATION_S) -> None:
    """Refuse videos too short to show a rhythm (checked when probing a file, and again after
    decoding when the container does not state its length)."""
    if seconds < min_duration_s:
        raise VideoError(
            f"{name} is {seconds:.1f} s long; "
            f"at least {min_duration_s:g} s are needed to count jumps."
        )


def check_decoded(name: str, *, decoded: int, stated: int | None, fps: float) -> None:
    """Refuse a file that decoded to too few of its stated frames, or too short a video."""
    if stated and decoded < MIN_DECODED_SHARE * stated:
        raise VideoError(
            f"{name} is truncated or corrupt: only {decoded} of {stated} frames could be decoded."
        )
    check_duration(name, decoded / fps)


def check_seen(seen_frames: int, *, source: str | None, task: str = "count") -> None:
    """Refuse a bout without a person: ``source`` is the file name, None for a camera.

    ``task`` is "count" (the jump counter) or "check" (the technique check, which also needs
    the joints its exercise checks).
    """
    if seen_frames > 0:
        return
    if source is None:
        raise NobodySeen("Nobody was seen by the camera: nothing was saved.")
    if task == "check":
        raise NobodySeen(
            f"No person was found in {source} (or none of the joints this exercise checks): "
            "nothing to check."
        )
    raise NobodySeen(f"No person was found in {source}: nothing to count.")


def judge(
    seen: Seen,
    *,
    source: str | None,
    cuts: Sequence[float] = (),
    crowded: Sequence[Stretch] = (),
) -> Verdict:
    """Refuse the bout (:class:`NobodySeen`) or return its gaps, warnings and uncounted parts.

    ``cuts`` are the times the counter restarted (the tracked body jumped across the
    picture); ``crowded`` the stretches with several people in view.
    """
    check_seen(seen.seen_frames, source=source)
    gaps = [
        Gap(round(a.start_s, 2), round(a.end_s, 2), "no_person")
        for a in seen.absences
        if a.end_s - a.start_s >= MIN_GAP_S
    ]
    gaps += [Gap(round(t, 2), round(t, 2), "scene_cut") for t in cuts]
    gaps += [Gap(round(c.start_s, 2), round(c.end_s, 2), "several_people") for c in crowded]
    gaps.sort(key=lambda g: g.start_s)
    warnings = [_words(gap) for gap in gaps]
    if seen.frames and seen.seen_frames < MIN_SEEN_SHARE * seen.frames:
        share = 100 * seen.seen_frames / seen.frames
        warnings.append(f"A person was visible in only {share:.0f}% of the frames.")
    return Verdict(gaps=gaps, warnings=warnings, uncounted=tuple(crowded))


def _words(gap: Gap) -> str:
    if gap.reason == "no_person":
        return (
            f"No person in view from {gap.start_s:.1f} s to {gap.end_s:.1f} s: "
            "nothing counted there."
        )
    if gap.reason == "several_people":
        return (
            f"Several people in view from {gap.start_s:.1f} s to {gap.end_s:.1f} s: "
            "jumps there were not counted."
        )
    return (
        f"At {gap.start_s:.1f} s the tracked person jumped across the picture "
        "(a cut, or someone else): counting restarted there."
    )
