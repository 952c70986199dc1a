"""The pain log's reading: baseline, flare start and end, the trend, weeks without change."""

import datetime as dt

from limber.plan.progression import ProgressionState
from limber.safety.facts import SafetyStatus
from limber.safety.pain_monitor import (
    FlareSpan,
    PainEntry,
    PainKind,
    baseline_of,
    pain_facts,
    pain_rising,
    step_flares,
    weekly_rise,
)

DAY = dt.date(2026, 3, 2)


def _day(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def _feed(state: ProgressionState, *entries: tuple[int, PainKind, int]) -> list[str | None]:
    """Append entries one by one as the progression does; return each flare event."""
    events: list[str | None] = []
    for day, kind, score in entries:
        baseline = baseline_of(state, _day(day))
        state.pain_log.append(PainEntry(day=_day(day), kind=kind, score=score))
        events.append(step_flares(state.pain_log, state.flares, baseline))
    return events


def test_baseline_is_the_start_pain_then_the_median_of_recent_mornings() -> None:
    state = ProgressionState(start_pain=4)
    assert baseline_of(state, DAY) == 4
    assert baseline_of(ProgressionState(), DAY) is None
    assert baseline_of(ProgressionState(), DAY, start_pain=3) == 3
    _feed(state, (0, "morning", 2), (2, "morning", 3), (4, "morning", 2))
    assert baseline_of(state, _day(4)) == 2
    # Mornings older than 14 days no longer count.
    assert baseline_of(state, _day(20)) == 4
    # Mornings inside a flare do not count either.
    flared = ProgressionState(
        start_pain=2,
        pain_log=[PainEntry(day=_day(1), kind="morning", score=7)],
        flares=[FlareSpan(start=_day(1), trigger="morning", baseline=2)],
    )
    assert baseline_of(flared, _day(2)) == 2


def test_a_morning_two_above_baseline_starts_a_flare_two_settled_mornings_end_it() -> None:
    state = ProgressionState(start_pain=2)
    events = _feed(
        state,
        (0, "morning", 2),  # at the baseline
        (1, "morning", 3),  # one above: no flare
        (2, "morning", 4),  # two above the median (2): flare
        (4, "morning", 2),  # back at the baseline once
        (6, "morning", 3),  # above again: the count starts over
        (8, "morning", 2),
        (10, "morning", 1),  # twice in a row: over
    )
    assert events == [None, None, "started", None, None, None, "ended"]
    assert [(f.start, f.end, f.trigger) for f in state.flares] == [(_day(2), _day(10), "morning")]
    facts = pain_facts(state, _day(10))
    assert not facts.flare and facts.flares_in_4_weeks == 1 and facts.flare_started == _day(2)


def test_pain_during_above_five_twice_in_a_row_is_a_flare() -> None:
    state = ProgressionState(start_pain=2)
    assert _feed(state, (0, "during", 6), (2, "during", 4), (4, "during", 8)) == [None] * 3
    assert _feed(state, (6, "during", 6)) == ["started"]
    facts = pain_facts(state, _day(9))
    assert facts.flare and facts.flare_days == 3 and facts.flare_started == _day(6)
    fields = facts.status_fields()
    assert set(fields) == {"flare", "flare_days", "flares_in_4_weeks", "weeks_without_improvement"}
    status = SafetyStatus(**fields)
    assert status.flare and status.flare_days == 3 and status.flares_in_4_weeks == 1


def test_flares_older_than_four_weeks_are_not_counted() -> None:
    state = ProgressionState(
        start_pain=2,
        flares=[
            FlareSpan(start=_day(0), end=_day(3), trigger="morning", baseline=2),
            FlareSpan(start=_day(10), end=_day(12), trigger="during", baseline=2),
        ],
    )
    assert pain_facts(state, _day(20)).flares_in_4_weeks == 2
    assert pain_facts(state, _day(30)).flares_in_4_weeks == 1
    assert pain_facts(state, _day(40)).flares_in_4_weeks == 0


def test_weekly_trend_and_session_rise() -> None:
    state = ProgressionState(start_pain=2)
    _feed(state, (0, "during", 1), (2, "during", 1), (7, "during", 3), (9, "during", 2))
    # Last 7 days (3, 2) against the 7 before (1, 1): a rise of 1.5.
    rise = weekly_rise(state, _day(9))
    assert len(rise) == 1 and "2.5/10" in rise[0] and "1.0/10" in rise[0]
    # Same scores, no rise; only the last two sessions compared when a week is missing.
    flat = ProgressionState()
    _feed(flat, (0, "during", 2), (2, "during", 3))
    assert weekly_rise(flat, _day(2)) == []
    assert pain_rising(flat, _day(2)) == [
        "your pain during the last session (3/10) was higher than in the one before (2/10)"
    ]


def test_weeks_without_improvement() -> None:
    state = ProgressionState(start_pain=5)
    _feed(state, *[(d, "morning", 5) for d in range(0, 50, 3)])
    assert pain_facts(state, _day(48)).weeks_without_improvement == 6
    # Two points better is an improvement.
    better = ProgressionState(start_pain=5)
    _feed(better, *[(d, "morning", 3) for d in range(0, 50, 3)])
    assert pain_facts(better, _day(48)).weeks_without_improvement == 0
    # PEG one point better is an improvement too.
    assert (
        pain_facts(state, _day(48), peg=[(_day(0), 6), (_day(40), 5)]).weeks_without_improvement
        == 0
    )
    # Nothing reported for a fortnight: nothing to judge.
    assert pain_facts(state, _day(70)).weeks_without_improvement == 0
