"""Calendar export: the planned sessions as all-day events any calendar app can import.

All-day events, because the plan says which day, not which hour; the user picks the time.
UIDs are stable (programme id + session number), so importing a newer export updates the
events instead of duplicating them.
"""

import datetime as dt

from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from limber.plan.models import PlannedSession, Programme
from limber.services.dashboard import PRACTICE_LABELS
from limber.services.records import current_programme


class NoPlan(LookupError):
    """There is no programme to put in a calendar."""


def _description(session: PlannedSession) -> str:
    lines = [f"About {session.minutes:.0f} minutes."]
    if session.light_week:
        lines.append("A lighter week: easier doses to let your body catch up.")
    for block in session.blocks:
        names = ", ".join(ex.name for ex in block.exercises)
        lines.append(f"{block.title}: {names}" if names else block.title)
    lines.append("Start it in Limber: it guides each step and asks how it went.")
    return "\n".join(lines)


def _summary(session: PlannedSession) -> str:
    practices = [PRACTICE_LABELS[p] for p in PRACTICE_LABELS if p in session.pillars]
    what = f" - {', '.join(practices).lower()}" if practices else ""
    return f"Limber session {session.number} (week {session.week}){what}"


def programme_calendar(
    programme_id: int, programme: Programme, *, now: dt.datetime | None = None
) -> Calendar:
    """One VEVENT per planned session of the programme stored as ``programme_id``."""
    cal = Calendar()
    cal.add("prodid", "-//Limber//Limber progress export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Limber programme")
    stamp = now or dt.datetime.now(dt.UTC)
    for session in sorted(programme.sessions, key=lambda s: (s.date, s.number)):
        event = Event()
        event.add("uid", f"limber-{programme_id}-{session.number}@limber.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.date)
        event.add("dtend", session.date + dt.timedelta(days=1))
        event.add("summary", _summary(session))
        event.add("description", _description(session))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def calendar_ics(db: Session, *, user_id: int, now: dt.datetime | None = None) -> bytes:
    """The current programme as iCalendar bytes; :class:`NoPlan` without a programme."""
    current = current_programme(db, user_id=user_id)
    if current is None:
        raise NoPlan("there is no programme yet: plan one first, then export it")
    record, programme = current
    ical: bytes = programme_calendar(record.id, programme, now=now).to_ical()
    return ical
