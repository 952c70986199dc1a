"""Calendar export: the planned sessions as all-day events any calendar app can import.

All-day events, because the plan says which day, not which hour; the user picks the time.
UIDs are stable (programme id + session number), so importing a newer export updates the
events instead of duplicating them.
"""

import datetime as dt

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.plan.models import PlannedSession, Programme
from limber.services.dashboard import PRACTICE_LABELS
from limber.store.models import ProgrammeRecord


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
    record: ProgrammeRecord, programme: Programme, *, now: dt.datetime | None = None
) -> Calendar:
    """One VEVENT per planned session of the programme."""
    cal = Calendar()
    cal.add("prodid", "-//Limber//Limber progress export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Limber programme")
    stamp = now or dt.datetime.now(dt.UTC)
    for session in sorted(programme.sessions, key=lambda s: (s.date, s.number)):
        event = Event()
        event.add("uid", f"limber-{record.id}-{session.number}@limber.local")
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
    record = db.scalar(
        select(ProgrammeRecord)
        .where(ProgrammeRecord.user_id == user_id, ProgrammeRecord.active.is_(True))
        .order_by(ProgrammeRecord.created_at.desc(), ProgrammeRecord.id.desc())
        .limit(1)
    )
    if record is None:
        raise NoPlan("there is no programme yet: plan one first, then export it")
    programme = Programme.model_validate(record.data)
    return programme_calendar(record, programme, now=now).to_ical()
