"""Adverse events: record what went wrong, tell the person what to do now, flag it for review.

The vocabulary is R12 of the clinical rules (``../shared/research/clinical-rules.md``): type,
onset, duration, severity after Carnes (Man Ther 2010: mild settled by the next day, moderate
cost a session, severe needed care), seriousness as ICH defines it (death, danger to life,
hospital admission, lasting disability) and relatedness. Every front end (player, check-in
page, CLI, API) sends the same :class:`AdverseEventIn`, so they all refuse the same input with
the same words, and all show the advice :func:`triage` decides.

A serious event, chest symptoms, or a severe numbness or fall is marked "needs human review
within 1 working day" (R12's design choice; chest symptoms always count because any chest
symptom with exercise is a stop-and-get-clearance sign, R1). Limber is local-first and has
nobody watching: the flag is shown in history and the clinician report so the person and
whoever they share the report with can act on it.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    computed_field,
    field_validator,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.services.errors import InvalidInput, NotFound
from limber.services.sessions import get_session
from limber.services.weeks import as_utc, local_day
from limber.store.adverse import AdverseEvent
from limber.store.base import utcnow

EventType = Literal["pain", "numbness", "dizziness", "fall", "leaking", "chest_symptoms"]
Onset = Literal["during_session", "within_24h"]
Duration = Literal["under_24h", "1_to_7_days", "longer"]
Severity = Literal["mild", "moderate", "severe"]
Relatedness = Literal["unlikely", "possible", "likely"]
Urgency = Literal["urgent", "today", "none"]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
ONSETS: tuple[str, ...] = get_args(Onset)
DURATIONS: tuple[str, ...] = get_args(Duration)
SEVERITIES: tuple[str, ...] = get_args(Severity)
RELATEDNESS: tuple[str, ...] = get_args(Relatedness)

ACTION_MAX = 500
NOTE_MAX = 2000
MAX_ID = 2_147_483_647

TYPE_LABELS = {
    "pain": "More pain",
    "numbness": "Numbness or tingling",
    "dizziness": "Dizziness or light-headedness",
    "fall": "A fall",
    "leaking": "Leaking (bladder or bowel)",
    "chest_symptoms": "Chest symptoms (pain, pressure, tightness or palpitations)",
}
ONSET_LABELS = {
    "during_session": "During a session",
    "within_24h": "Within 24 hours after a session",
}
DURATION_LABELS = {
    "under_24h": "Under 24 hours",
    "1_to_7_days": "1 to 7 days",
    "longer": "Longer than 7 days",
}
SEVERITY_LABELS = {
    "mild": "Mild: settled by the next day",
    "moderate": "Moderate: I missed a session because of it",
    "severe": "Severe: I needed care (doctor, physio, hospital)",
}
RELATEDNESS_LABELS = {
    "unlikely": "Unlikely to be caused by the exercise",
    "possible": "Possibly caused by the exercise",
    "likely": "Likely caused by the exercise",
}
SERIOUS_HELP = (
    "Serious means it led to a hospital admission or lasting disability, put your life in "
    "danger, or could have (the ICH definition)."
)
# Types that are red flags when severe; chest symptoms are flagged at any severity.
RED_FLAG_TYPES = frozenset({"numbness", "chest_symptoms", "fall"})
ALWAYS_REVIEW_TYPES = frozenset({"chest_symptoms"})
REVIEW_TEXT = "needs human review within 1 working day"

_CHOICES: dict[str, tuple[str, ...]] = {
    "type": EVENT_TYPES,
    "onset": ONSETS,
    "duration": DURATIONS,
    "severity": SEVERITIES,
    "relatedness": RELATEDNESS,
}


class AdverseEventIn(BaseModel):
    """One report, as every front end sends it."""

    model_config = ConfigDict(extra="forbid")

    type: EventType = Field(description="What happened: " + ", ".join(EVENT_TYPES) + ".")
    onset: Onset = Field(description="When it started: during a session or within 24 hours.")
    duration: Duration = Field(description="How long it lasted (or has lasted so far).")
    severity: Severity = Field(
        description="mild = settled by the next day; moderate = missed a session; "
        "severe = needed care."
    )
    serious: bool = Field(description=SERIOUS_HELP)
    relatedness: Relatedness = Field(description="Was it caused by the exercise?")
    action_taken: str = Field(
        min_length=1,
        max_length=ACTION_MAX,
        description="What you did about it (stopped, rested, saw a doctor, ...).",
    )
    session_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="The session it happened in or after."
    )
    note: str = Field(default="", max_length=NOTE_MAX)

    @field_validator("action_taken", "note", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class Triage:
    """What a report calls for: how urgent, what to do now, and whether a person must look."""

    urgency: Urgency
    advice: str
    needs_review: bool
    reason: str


class AdverseEventOut(BaseModel):
    """One stored event, as every front end shows it (page, API, CLI JSON, history, report)."""

    model_config = ConfigDict(frozen=True)

    id: int
    reported_at: dt.datetime
    session_id: int | None
    type: str
    onset: str
    duration: str
    severity: str
    serious: bool
    relatedness: str
    action_taken: str
    note: str
    urgency: str
    advice: str
    needs_review: bool
    review_due: dt.date | None
    review_reason: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, self.type)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def review_text(self) -> str:
        """The flag in words, with its due date ("" when no review is needed)."""
        if not self.needs_review:
            return ""
        due = f" (by {self.review_due:%a %d %b %Y})" if self.review_due else ""
        return f"{REVIEW_TEXT}{due}"

    @classmethod
    def of(cls, row: AdverseEvent) -> "AdverseEventOut":
        return cls(
            id=row.id,
            reported_at=as_utc(row.reported_at),
            session_id=row.session_id,
            type=row.event_type,
            onset=row.onset,
            duration=row.duration,
            severity=row.severity,
            serious=row.serious,
            relatedness=row.relatedness,
            action_taken=row.action_taken,
            note=row.note,
            urgency=row.urgency,
            advice=row.advice,
            needs_review=row.needs_review,
            review_due=row.review_due,
            review_reason=row.review_reason,
        )


_URGENT_CARE = (
    "Seek urgent care now: call your local emergency number (112, 999 or 911) or go to an "
    "emergency department. Do not exercise again until a doctor has checked you."
)
_ADVICE = {
    "chest_symptoms": (
        "Chest pain, pressure, tightness or palpitations with exercise need a doctor. "
        + _URGENT_CARE
    ),
    "serious": _URGENT_CARE,
    "numbness": (
        "Stop the programme and contact your doctor today. If the numbness is in your groin "
        "or between your legs, or you have new trouble controlling your bladder or bowel, or "
        "a leg is getting weak, go to an emergency department now."
    ),
    "fall": (
        "Stop the programme and contact your doctor today. If you hit your head, feel drowsy, "
        "confused or sick, or cannot put weight on a leg, seek urgent care now."
    ),
}
_GENERAL = (
    "Thank you, this is recorded. If it gets worse, or new symptoms appear, stop and ask your "
    "physiotherapist or doctor."
)
_REVIEW_NOTE = (
    " This event is marked as needing review by a clinician within 1 working day: share it "
    "with your physiotherapist or doctor (the clinician report and the FHIR export include it)."
)


def triage(event_type: str, severity: str, serious: bool) -> Triage:
    """Decide the advice and the review flag for one event (pure: the tests read it directly).

    >>> triage("chest_symptoms", "mild", False).urgency
    'urgent'
    """
    if serious:
        reason = "serious event"
        key = "chest_symptoms" if event_type == "chest_symptoms" else "serious"
        return Triage("urgent", _ADVICE[key] + _REVIEW_NOTE, True, reason)
    if event_type in ALWAYS_REVIEW_TYPES:
        reason = "chest symptoms with exercise (stop and get clearance)"
        return Triage("urgent", _ADVICE["chest_symptoms"] + _REVIEW_NOTE, True, reason)
    if event_type in RED_FLAG_TYPES and severity == "severe":
        reason = f"severe {TYPE_LABELS[event_type].lower()} (red flag)"
        return Triage("today", _ADVICE[event_type] + _REVIEW_NOTE, True, reason)
    return Triage("none", _GENERAL, False, "")


def next_working_day(day: dt.date) -> dt.date:
    """The first Monday-to-Friday day after ``day`` (public holidays are not known here)."""
    nxt = day + dt.timedelta(days=1)
    while nxt.weekday() >= 5:
        nxt += dt.timedelta(days=1)
    return nxt


def _field(err: Mapping[str, Any]) -> str:
    loc = [str(p) for p in err.get("loc", ())]
    return loc[0] if loc else "report"


def _message(err: Mapping[str, Any]) -> str:
    field = _field(err)
    given = err.get("input")
    kind = err.get("type", "")
    if field in _CHOICES and kind == "literal_error":
        return f"unknown {field} {given!r}; choose one of: {', '.join(_CHOICES[field])}"
    if kind == "missing":
        return f"{field} is required"
    if kind == "extra_forbidden":
        return f"{field} is not a known field"
    if field == "action_taken":
        if kind == "string_too_short":
            return "say what you did about it (action taken cannot be empty)"
        if kind == "string_too_long":
            return f"the action taken is too long (at most {ACTION_MAX} characters)"
    if field == "note" and kind == "string_too_long":
        return f"the note is too long (at most {NOTE_MAX} characters)"
    if field == "serious":
        return "serious must be yes or no"
    if field == "session_id":
        return f"session must be a session id (a whole number from 1), not {given!r}"
    return f"{field}: {err.get('msg', 'is not valid')}"


class EventProblems(InvalidInput):
    """A report that cannot be accepted; ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors.values()))


def parse_event(raw: Mapping[str, Any]) -> AdverseEventIn:
    """Validate a report given as plain values (CLI options, form fields).

    Raises :class:`EventProblems` (an :class:`InvalidInput`) naming every problem, e.g.
    ``unknown type 'bruise'; choose one of: pain, numbness, ...``.
    """
    try:
        return AdverseEventIn.model_validate(dict(raw))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            errors.setdefault(_field(err), _message(err))
        raise EventProblems(errors) from exc


def record_adverse_event(
    db: Session,
    *,
    user_id: int,
    event: AdverseEventIn,
    reported_at: dt.datetime | None = None,
) -> AdverseEventOut:
    """Store one report (its session must be the user's own: otherwise :class:`NotFound`)."""
    if event.session_id is not None:
        get_session(db, user_id=user_id, session_id=event.session_id)
    when = reported_at or utcnow()
    decided = triage(event.type, event.severity, event.serious)
    row = AdverseEvent(
        user_id=user_id,
        reported_at=when,
        session_id=event.session_id,
        event_type=event.type,
        onset=event.onset,
        duration=event.duration,
        severity=event.severity,
        serious=event.serious,
        relatedness=event.relatedness,
        action_taken=event.action_taken,
        note=event.note,
        urgency=decided.urgency,
        advice=decided.advice,
        needs_review=decided.needs_review,
        review_due=next_working_day(local_day(when)) if decided.needs_review else None,
        review_reason=decided.reason,
    )
    db.add(row)
    db.flush()
    return AdverseEventOut.of(row)


def list_adverse_events(db: Session, *, user_id: int) -> list[AdverseEventOut]:
    """The user's events, oldest first."""
    rows = db.scalars(
        select(AdverseEvent)
        .where(AdverseEvent.user_id == user_id)
        .order_by(AdverseEvent.reported_at, AdverseEvent.id)
    )
    return [AdverseEventOut.of(r) for r in rows]


def get_adverse_event(db: Session, *, user_id: int, event_id: int) -> AdverseEventOut:
    """One of the user's events; someone else's is :class:`NotFound`, like a missing one."""
    row = db.get(AdverseEvent, event_id)
    if row is None or row.user_id != user_id:
        raise NotFound(f"no adverse event with id {event_id}")
    return AdverseEventOut.of(row)
