"""Pelvic-floor symptoms reported after jumping (clinical-rules.md R4).

The check-in after every session with jumping asks about leaking, heaviness or a bulge. A
"yes" keeps the rope away (rule R4-pelvic-floor-reported-now) until a pelvic-health
physiotherapist's clearance is recorded after it; with no rope there is no later jumping
question, so only that clearance, not a later answer, can lift it.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.store.clearance import Clearance
from limber.store.models import CheckInRecord


def pelvic_floor_reported(db: Session, *, user_id: int) -> bool:
    """Whether the newest answered pelvic-floor question said "yes" and is not yet cleared."""
    row = db.scalar(
        select(CheckInRecord)
        .where(
            CheckInRecord.user_id == user_id,
            CheckInRecord.pelvic_floor_symptoms.is_not(None),
        )
        .order_by(CheckInRecord.at.desc(), CheckInRecord.id.desc())
        .limit(1)
    )
    if row is None or not row.pelvic_floor_symptoms:
        return False
    cleared = db.scalar(
        select(Clearance)
        .where(
            Clearance.user_id == user_id,
            Clearance.kind == "pelvic_health",
            Clearance.recorded_at > row.at,
        )
        .limit(1)
    )
    return cleared is None
