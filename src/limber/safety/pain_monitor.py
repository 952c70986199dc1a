"""Pain monitoring with memory: the pain log, the person's baseline, flares and the trend.

The pain-monitoring model (clinical.md section 4, clinical-rules.md R7) judges one session at
a time; a flare, a rising trend or a programme that does not help only show over days and
weeks. So every pain score a check-in brings (pain during a session, pain the next morning)
is kept in a small log inside the progression state, and this module reads it:

- the **baseline** is the person's usual morning pain;
- a **flare** starts when the next-morning pain is 2 or more above the baseline, or the pain
  during a session is above 5 in two check-ins in a row, and ends when the morning pain is
  back at the baseline on two answers in a row (R7);
- the **weekly trend** says whether pain is rising from week to week (R7, Silbernagel 2007);
- **weeks without improvement** count how long neither pain nor PEG has improved (R11).

Everything here is pure: the planner's gate reads the result through
:class:`limber.safety.facts.SafetyStatus` (see :meth:`PainFacts.status_fields`).
"""

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from limber.profile import PainScore
from limber.safety.facts import SafetyStatus
from limber.safety.pain import ACCEPTABLE_MAX

PainKind = Literal["during", "morning"]

# clinical-rules.md R7: next morning 2 or more above baseline is a flare.
FLARE_RISE = 2
# R7: pain above 5 during exercise; twice in a row (issue 11) is a flare.
FLARE_DURING_ABOVE = ACCEPTABLE_MAX
FLARE_DURING_IN_A_ROW = 2
# R7: "until baseline holds 2 days": two morning answers in a row at or below the baseline.
SETTLED_ANSWERS = 2
# Design choice: the baseline is the median morning pain of the last 14 days outside flares.
BASELINE_DAYS = 14
# Design choice: the trend compares the mean of the last 7 days with the 7 before; a rise of
# 1 point or more is a rise (half the 2-point meaningful change of a pain score).
TREND_DAYS = 7
TREND_RISE = 1.0
# R7: a flare over 2 weeks, or 3 flares in 4 weeks -> clinician review.
REVIEW_FLARE_DAYS = 14
REVIEW_FLARES = 3
FLARE_WINDOW_DAYS = 28
# R11: no improvement of pain (2 points, the meaningful change) or PEG (1 point, Krebs 2009)
# after 6 weeks -> review (the upper end of "4-6 weeks").
PAIN_IMPROVEMENT = 2
PEG_IMPROVEMENT = 1.0
REVIEW_WEEKS = 6


class PainEntry(BaseModel):
    """One pain score: during a session (from its check-in) or on the morning after."""

    day: dt.date
    kind: PainKind
    score: PainScore
    session_number: int | None = None


class FlareSpan(BaseModel):
    """One flare: when it began, what started it, and when it ended (None: still on)."""

    start: dt.date
    end: dt.date | None = None
    trigger: PainKind
    # The baseline it was judged against, so the reason can be shown later (None: unknown).
    baseline: int | None = None


class PainMemory(Protocol):
    """What this module reads of the progression state (kept there as JSON)."""

    @property
    def pain_log(self) -> Sequence[PainEntry]: ...

    @property
    def flares(self) -> Sequence[FlareSpan]: ...

    @property
    def start_pain(self) -> int | None: ...


class PainFacts(BaseModel):
    """What the pain log says today, as the gate and the progression need it."""

    flare: bool = False
    # Whole days since the current flare began (0 on its first day).
    flare_days: int = 0
    # Flares that began in the last four weeks, the current one included.
    flares_in_4_weeks: int = 0
    weeks_without_improvement: int = 0
    # The usual morning pain (None until a start pain or a morning answer is known).
    baseline: int | None = None
    # The current flare's first day; when none is on, the newest flare of the last four
    # weeks (a review clearance must be dated on or after it to lift the pause).
    flare_started: dt.date | None = None
    # Plain-words reasons for the trend and the review advice (empty when all is well).
    notes: list[str] = Field(default_factory=list)

    def status_fields(self) -> dict[str, Any]:
        """The :class:`~limber.safety.facts.SafetyStatus` fields the pain log decides.

        The service layer merges them into the status it builds
        (``SafetyStatus(**other, **facts.status_fields())``); the names are the fields both
        models share, so a new pain fact reaches the gate by being added to both.
        """
        return {n: getattr(self, n) for n in _STATUS_FIELDS}


_STATUS_FIELDS = tuple(n for n in PainFacts.model_fields if n in SafetyStatus.model_fields)


def _in_flare(day: dt.date, flares: Iterable[FlareSpan]) -> bool:
    return any(f.start <= day and (f.end is None or day <= f.end) for f in flares)


def open_flare(memory: PainMemory) -> FlareSpan | None:
    """The flare still going on, if any."""
    last = memory.flares[-1] if memory.flares else None
    return last if last is not None and last.end is None else None


def baseline_of(memory: PainMemory, today: dt.date, start_pain: int | None = None) -> int | None:
    """The person's usual morning pain on ``today`` (None: not known yet).

    Design choice: the median (the lower middle value, so a flare is noticed sooner) of the
    morning pains of the last :data:`BASELINE_DAYS` days that fell outside flares; before
    there are any, the pain the person gave at the start (``profile.pain_now``). Without
    either, the first morning answer becomes the baseline (the progression records it).
    """
    since = today - dt.timedelta(days=BASELINE_DAYS - 1)
    scores = [
        e.score
        for e in memory.pain_log
        if e.kind == "morning" and since <= e.day <= today and not _in_flare(e.day, memory.flares)
    ]
    if scores:
        return int(statistics.median_low(scores))
    return memory.start_pain if memory.start_pain is not None else start_pain


def step_flares(
    log: Sequence[PainEntry], flares: list[FlareSpan], baseline: int | None
) -> Literal["started", "ended"] | None:
    """Update ``flares`` for the newest entry of ``log``; say whether one started or ended.

    A morning score is judged only against a known baseline; pain during a session needs
    none.
    """
    if not log:
        return None
    entry = log[-1]
    earlier = [e for e in log[:-1] if e.kind == entry.kind]
    current = flares[-1] if flares and flares[-1].end is None else None
    if entry.kind == "morning":
        if baseline is None:
            return None
        if current is not None:
            in_flare = [e for e in earlier if e.day >= current.start]
            recent = [*in_flare, entry][-SETTLED_ANSWERS:]
            if len(recent) == SETTLED_ANSWERS and all(e.score <= baseline for e in recent):
                current.end = entry.day
                return "ended"
            return None
        if entry.score >= baseline + FLARE_RISE:
            flares.append(FlareSpan(start=entry.day, trigger="morning", baseline=baseline))
            return "started"
        return None
    if current is not None:
        return None
    # Counting starts afresh after the last flare ended.
    last_end = flares[-1].end if flares else None
    run = [e for e in earlier if last_end is None or e.day >= last_end]
    recent = [*run, entry][-FLARE_DURING_IN_A_ROW:]
    if len(recent) == FLARE_DURING_IN_A_ROW and all(e.score > FLARE_DURING_ABOVE for e in recent):
        flares.append(FlareSpan(start=entry.day, trigger="during", baseline=baseline))
        return "started"
    return None


def _mean(scores: list[int]) -> float | None:
    return sum(scores) / len(scores) if scores else None


_TREND_WORDS = {"during": "during sessions", "morning": "in the mornings"}


def weekly_rise(memory: PainMemory, today: dt.date) -> list[str]:
    """Why pain is rising from week to week, one sentence per kind of score (empty: not).

    Design choice: mean of the last 7 days against the 7 days before; a rise of 1 point or
    more counts. Either pain during sessions or morning pain rising holds the progression.
    """
    week = dt.timedelta(days=TREND_DAYS)
    out = []
    for kind in ("during", "morning"):
        scores = [e for e in memory.pain_log if e.kind == kind and e.day <= today]
        this = _mean([e.score for e in scores if e.day > today - week])
        last = _mean([e.score for e in scores if today - 2 * week < e.day <= today - week])
        if this is not None and last is not None and this - last >= TREND_RISE:
            out.append(
                f"your pain {_TREND_WORDS[kind]} averaged {this:.1f}/10 over the last week "
                f"against {last:.1f}/10 the week before"
            )
    return out


def session_rise(memory: PainMemory, today: dt.date) -> str | None:
    """Why the newest pain during a session is a rise on the one before (None: it is not).

    Design choice: the weekly trend needs a week of scores before it can speak, so in the
    first days a climb would go unnoticed; a step up also waits while the newest pain during
    a session is above the previous one's.
    """
    during = [e for e in memory.pain_log if e.kind == "during" and e.day <= today]
    if len(during) < 2 or during[-1].score <= during[-2].score:
        return None
    return (
        f"your pain during the last session ({during[-1].score}/10) was higher than in the "
        f"one before ({during[-2].score}/10)"
    )


def pain_rising(memory: PainMemory, today: dt.date) -> list[str]:
    """Every reason pain counts as rising on ``today``: the weekly trend, then the last step."""
    reasons = weekly_rise(memory, today)
    step = session_rise(memory, today)
    return [*reasons, step] if step else reasons


def weeks_without_improvement(
    memory: PainMemory,
    today: dt.date,
    peg: Sequence[tuple[dt.date, float]] = (),
    start_pain: int | None = None,
) -> int:
    """Whole weeks since the first pain entry, or 0 once pain or PEG has improved (R11).

    Pain has improved when the median morning pain of the last 14 days (pain during sessions
    when no morning was answered) is 2 points below the pain at the start; PEG when its
    newest score is 1 point below its first. Design choice: with no pain reported in the last
    14 days there is nothing to judge, so the count is 0 (a person who stopped checking in is
    not told the programme failed them).
    """
    if not memory.pain_log:
        return 0
    first = min(e.day for e in memory.pain_log)
    start = memory.start_pain if memory.start_pain is not None else start_pain
    if start is None:
        start = memory.pain_log[0].score
    since = today - dt.timedelta(days=BASELINE_DAYS - 1)
    recent = [e for e in memory.pain_log if since <= e.day <= today]
    mornings = [e.score for e in recent if e.kind == "morning"]
    now = mornings or [e.score for e in recent if e.kind == "during"]
    if not now:
        return 0
    if start - statistics.median_low(now) >= PAIN_IMPROVEMENT:
        return 0
    readings = sorted((d, v) for d, v in peg if d <= today)
    if len(readings) >= 2 and readings[0][1] - readings[-1][1] >= PEG_IMPROVEMENT:
        return 0
    return max(0, (today - first).days) // 7


def pain_facts(
    memory: PainMemory,
    today: dt.date,
    baseline: int | None = None,
    *,
    peg: Sequence[tuple[dt.date, float]] = (),
    start_pain: int | None = None,
) -> PainFacts:
    """The flare state, flare counts, trend and weeks without improvement on ``today``.

    ``baseline`` defaults to :func:`baseline_of`; ``peg`` are (day, PEG score) readings from
    the assessments, if any; ``start_pain`` is the profile's pain at the start, used when the
    state has not recorded it.
    """
    base = baseline if baseline is not None else baseline_of(memory, today, start_pain)
    spans = [f for f in memory.flares if f.start <= today]
    current = next((f for f in reversed(spans) if f.end is None), None)
    window = [f for f in spans if (today - f.start).days < FLARE_WINDOW_DAYS]
    weeks = weeks_without_improvement(memory, today, peg, start_pain)
    notes = weekly_rise(memory, today)
    flare_days = (today - current.start).days if current is not None else 0
    if flare_days >= REVIEW_FLARE_DAYS:
        notes.append(f"your flare has lasted {flare_days} days")
    if len(window) >= REVIEW_FLARES:
        notes.append(f"{len(window)} flares began in the last four weeks")
    if weeks >= REVIEW_WEEKS:
        notes.append(f"neither your pain nor your PEG score has improved in {weeks} weeks")
    started = current.start if current is not None else (window[-1].start if window else None)
    return PainFacts(
        flare=current is not None,
        flare_days=flare_days,
        flares_in_4_weeks=len(window),
        weeks_without_improvement=weeks,
        baseline=base,
        flare_started=started,
        notes=notes,
    )


def needs_review(facts: PainFacts) -> bool:
    """A flare of two weeks or three flares in four weeks: pause and see a clinician (R7)."""
    return facts.flare_days >= REVIEW_FLARE_DAYS or facts.flares_in_4_weeks >= REVIEW_FLARES
