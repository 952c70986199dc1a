"""Recording what a clinician said: the one write path for clearances.

The state a clearance changes is read by :mod:`limber.services.safety`; after storing one,
the plan follows at once (:func:`limber.services.onboarding.refresh_plan`). Kept apart from
the reading module because replanning sits above it: onboarding and check-ins read the
safety state, and this module writes through them.
"""

import datetime as dt

from sqlalchemy.orm import Session

from limber.services.errors import InvalidInput
from limber.services.onboarding import refresh_plan
from limber.services.safety import (
    VALID_DAYS,
    findings_of,
    open_red_flags,
    readiness_yes_of,
    safety_history,
    safety_status,
)
from limber.services.weeks import local_day
from limber.store.clearance import Clearance
from limber.vocab import CLEARANCE_KINDS

# Longest clinician name or role, and longest statement, a person may type.
MAX_NAME = 120
MAX_STATEMENT = 2000


def _text(
    value: object, what: str, limit: int, *, required: bool, one_line: bool = True
) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{what} is required and cannot be blank")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text")
    text = " ".join(value.split()) if one_line else value.strip()
    if len(text) > limit:
        raise InvalidInput(f"{what} is at most {limit} characters, not {len(text)}")
    return text


def _check_date(seen_on: object, today: dt.date) -> dt.date:
    if seen_on is None or seen_on == "":
        raise InvalidInput("the date you saw the clinician is required (YYYY-MM-DD)")
    if isinstance(seen_on, str):
        try:
            seen_on = dt.date.fromisoformat(seen_on.strip())
        except ValueError:
            raise InvalidInput(
                f"the date you saw the clinician must look like 2026-01-31, not {seen_on!r}"
            ) from None
    if not isinstance(seen_on, dt.date) or isinstance(seen_on, dt.datetime):
        raise InvalidInput("the date you saw the clinician must be a date (YYYY-MM-DD)")
    if seen_on > today:
        raise InvalidInput(
            f"the date you saw the clinician ({seen_on.isoformat()}) is in the future; "
            "record a clearance after the visit"
        )
    if seen_on + dt.timedelta(days=VALID_DAYS) <= today:
        raise InvalidInput(
            f"a clearance from {seen_on.isoformat()} is more than 12 months old and has "
            "lapsed; please see the clinician again"
        )
    return seen_on


def record_clearance(
    db: Session,
    user_id: int,
    kind: str,
    clinician_name: str,
    seen_on: dt.date | str | None,
    statement: str,
    clinician_role: str | None = None,
    *,
    today: dt.date | None = None,
) -> Clearance:
    """Store a clinician's clearance, typed by the person, and replan what it changes.

    Every problem is an :class:`InvalidInput` with a specific message and nothing is
    stored: a blank name or statement, a missing, malformed, future or lapsed date, an
    unknown kind, or a red-flag clearance when no red flag waits for one (or dated before
    the red flag was reported: the clinician must have seen it).
    """
    day = today or dt.date.today()
    if not kind:
        raise InvalidInput(
            f"the kind of clearance is required: one of {', '.join(CLEARANCE_KINDS)}"
        )
    if kind not in CLEARANCE_KINDS:
        raise InvalidInput(
            f"the kind of clearance is one of {', '.join(CLEARANCE_KINDS)}, not {kind!r}"
        )
    name = _text(clinician_name, "the clinician's name", MAX_NAME, required=True)
    role = _text(clinician_role, "the clinician's role", MAX_NAME, required=False)
    said = _text(statement, "what the clinician said", MAX_STATEMENT, required=True, one_line=False)
    seen = _check_date(seen_on, day)
    history = safety_history(db, user_id)
    covers: list[str] = []
    if kind == "red_flag":
        open_flags = open_red_flags(history, day)
        if not open_flags:
            raise InvalidInput("there is no red flag waiting for a clinician's clearance")
        reported = local_day(open_flags[-1].taken_at)
        if seen < reported:
            raise InvalidInput(
                f"the red flag was reported on {reported.isoformat()}: the clearance must come "
                f"from a visit on or after that day, not {seen.isoformat()}"
            )
        covers = list(dict.fromkeys(f.id for row in open_flags for f in findings_of(row)))
    elif kind == "readiness":
        covers = list(readiness_yes_of(history.newest))
    before = safety_status(db, user_id=user_id, today=day)
    row = Clearance(
        user_id=user_id,
        kind=kind,
        clinician_name=name,
        clinician_role=role,
        seen_on=seen,
        statement=said,
        covers=covers,
    )
    db.add(row)
    db.flush()
    refresh_plan(db, user_id=user_id, before=before, today=day)
    return row
