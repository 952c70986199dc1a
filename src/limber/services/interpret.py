"""Is a change real? Each change is judged against the measure's meaningful-change threshold.

A number that moved is not yet progress: every measure wobbles from day to day. Calling a
change "meaningful improvement" only past the published (or stated) threshold keeps the app
from cheering noise and from alarming people over noise.
"""

from dataclasses import dataclass
from typing import Literal

from limber.services.measures import MEASURES, WHO5_LOW, Measure

Verdict = Literal["meaningful improvement", "no real change", "worse"]
IMPROVED: Verdict = "meaningful improvement"
NO_CHANGE: Verdict = "no real change"
WORSE: Verdict = "worse"


@dataclass(frozen=True)
class Change:
    """A change between two readings of one measure, and what it means."""

    measure: str
    before: float
    after: float
    delta: float
    verdict: Verdict
    # The threshold that applied, in the measure's unit (the relative part already resolved).
    threshold: float

    @property
    def sentence(self) -> str:
        """Plain words, e.g. "Pain (0-10): 6 -> 3 (-3 points): meaningful improvement"."""
        m = MEASURES[self.measure]
        return (
            f"{m.label}: {fmt(m, self.before)} -> {fmt(m, self.after)} "
            f"({self.delta:+.{0 if m.integer or m.unit == 's' else 1}f} {m.unit}): {self.verdict}"
        )


def fmt(measure: Measure, value: float) -> str:
    """A value as people read it: whole numbers for counts and scores, one decimal otherwise."""
    return f"{value:.0f}" if measure.integer or measure.unit == "s" else f"{value:.1f}"


def threshold_for(measure: Measure, before: float) -> float:
    """The smallest change counted as real, starting from ``before``.

    Pain counts 2 points *or* 30 %: from a low score (3/10) a drop of 1 point is already a
    third. The relative part never goes below 1 unit, the resolution of the scale.
    Endurance hold and jump test use the larger of the absolute and the relative threshold,
    because for them the noise grows with the value.
    """
    relative = abs(before) * measure.relative
    if not measure.relative:
        return measure.threshold
    if measure.key == "pain":
        return max(1.0, min(measure.threshold, relative))
    return max(measure.threshold, relative)


def judge(measure_key: str, before: float, after: float) -> Change:
    """Judge the change from ``before`` to ``after``; direction-aware.

    >>> judge("pain", 6, 3).verdict
    'meaningful improvement'
    >>> judge("who5", 60, 52).verdict
    'no real change'
    >>> judge("fingertip_floor", 10, 16).verdict
    'worse'
    """
    m = MEASURES[measure_key]
    b, a = m.clamp_for_judging(before), m.clamp_for_judging(after)
    limit = threshold_for(m, b)
    # The 30 % pain criterion describes relief (Farrar); a rise is only called worse at the
    # absolute 2 points, so 0 -> 1 is not an alarm.
    worse_limit = m.threshold if m.key == "pain" else limit
    gain = (b - a) if m.better == "lower" else (a - b)
    # Small tolerance so 4.5 cm counts as 4.5 cm despite float arithmetic.
    if gain >= limit - 1e-9:
        verdict: Verdict = IMPROVED
    elif -gain >= worse_limit - 1e-9:
        verdict = WORSE
        limit = worse_limit
    else:
        verdict = NO_CHANGE
    return Change(measure_key, before, after, after - before, verdict, limit)


def advice(measure_key: str, value: float) -> str | None:
    """A plain-words note a single reading calls for, if any."""
    if measure_key == "who5" and value <= WHO5_LOW:
        return (
            f"Your well-being score is {value:.0f} %. At 50 % or below it is worth talking "
            "to your doctor about your mood; this is common with long-lasting pain and help "
            "is available."
        )
    if measure_key == "pain" and value >= 8:
        return (
            "Your pain is high today. Keep to gentle breathing and easy movement, and see a "
            "clinician if it does not settle or if new symptoms appear."
        )
    if measure_key == "breathing_rate" and value > 20:
        return (
            "A resting breathing rate above 20 per minute is faster than usual. Count again "
            "after sitting quietly for five minutes; if it stays high, mention it to a doctor."
        )
    return None
