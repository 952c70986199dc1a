"""Limber's calendar: which day a stored moment belongs to, and which week a day is in.

Moments are stored in UTC, but a person lives by the clock on the wall: a bout of jumping at
00:30 on a Monday in Berlin (23:30 UTC on Sunday) belongs to Monday and to Monday's week.
Every weekly figure (the jump page, the progress dashboard, the report) buckets through these
two functions, so two pages cannot put the same bout into different weeks.
"""

import datetime as dt


def as_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC time (naive moments are UTC), so stored times compare.

    SQLite hands stored times back naive (they are UTC); PostgreSQL hands them back aware.
    """
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day of ``moment`` on this computer's clock (naive moments are UTC)."""
    return as_utc(moment).astimezone().date()


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week: weeks in Limber run Monday to Sunday."""
    return day - dt.timedelta(days=day.weekday())


def every_week(totals: dict[dt.date, int]) -> list[tuple[dt.date, int]]:
    """``totals`` (Monday -> number) oldest first, with the empty weeks between them as 0.

    A week without jumping is a figure too: a chart that skips it hides a gap in training.
    """
    if not totals:
        return []
    week, last = min(totals), max(totals)
    out: list[tuple[dt.date, int]] = []
    while week <= last:
        out.append((week, totals.get(week, 0)))
        week += dt.timedelta(days=7)
    return out
