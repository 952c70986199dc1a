"""Changes are judged against each measure's meaningful-change threshold, direction-aware."""

import pytest

from limber.services.interpret import advice, judge


@pytest.mark.parametrize(
    ("measure", "before", "after", "verdict"),
    [
        # Pain: 2 points or 30 %; lower is better.
        ("pain", 6, 4, "meaningful improvement"),
        ("pain", 6, 5, "no real change"),
        ("pain", 3, 2, "meaningful improvement"),  # 1 point is a third of 3
        ("pain", 10, 9, "no real change"),
        ("pain", 4, 6, "worse"),
        ("pain", 0, 1, "no real change"),
        ("pain", 2, 3, "no real change"),  # the 30 % rule is for relief only
        # PEG: 1 point.
        ("peg", 5.0, 4.0, "meaningful improvement"),
        ("peg", 5.0, 4.33, "no real change"),
        ("peg", 4.0, 5.33, "worse"),
        # WHO-5: 10 points; higher is better.
        ("who5", 40, 52, "meaningful improvement"),
        ("who5", 40, 48, "no real change"),
        ("who5", 60, 48, "worse"),
        # Fingertip-to-floor: 4.5 cm; smaller distance is better, negative is past the floor.
        ("fingertip_floor", 20, 15.5, "meaningful improvement"),
        ("fingertip_floor", 20, 16, "no real change"),
        ("fingertip_floor", 2, -3, "meaningful improvement"),
        ("fingertip_floor", 10, 15, "worse"),
        # Endurance hold: 15 s or 20 %, whichever is larger.
        ("extensor_hold", 40, 55, "meaningful improvement"),
        ("extensor_hold", 100, 115, "no real change"),
        ("extensor_hold", 100, 120, "meaningful improvement"),
        ("extensor_hold", 100, 79, "worse"),
        # Jump test: 10 jumps or 10 %.
        ("jump_test", 60, 70, "meaningful improvement"),
        ("jump_test", 150, 162, "no real change"),
        ("jump_test", 150, 135, "worse"),
        # Breathing rate: 3/min, lower is better down to 12/min.
        ("breathing_rate", 18, 14, "meaningful improvement"),
        ("breathing_rate", 14, 8, "no real change"),
        ("breathing_rate", 12, 16, "worse"),
    ],
)
def test_verdicts(measure: str, before: float, after: float, verdict: str) -> None:
    assert judge(measure, before, after).verdict == verdict


def test_sentence_reads_in_plain_words() -> None:
    assert judge("pain", 6, 3).sentence == (
        "Pain (0-10): 6 -> 3 (-3 points): meaningful improvement"
    )


def test_who5_at_or_below_fifty_percent_suggests_a_doctor() -> None:
    assert advice("who5", 50) is not None
    assert advice("who5", 52) is None
