"""FHIR export: one Bundle with the Patient, every assessment as an Observation and every
reported adverse event as an AdverseEvent (built in :mod:`limber.report.fhir_adverse`).

Targets FHIR R4. ``fhir.resources`` 8 ships R5 by default and R4B as a subpackage; R4B only
changed medication and product resources, so Bundle, Patient, Observation and AdverseEvent
are the R4 shapes, and the bundle is validated with ``fhir.resources.R4B`` before it is written.

Codes: LOINC where a code is known to exist (pain severity 0-10: 72514-3; respiratory rate:
9279-1). For PEG, WHO-5, fingertip-to-floor, the prone hold and the jump test Limber does
not claim a LOINC code it has not verified; those use Limber's local code system
:data:`LOCAL_SYSTEM`, and every Observation carries the local code too, so a receiver can
always map them.
"""

import datetime as dt
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from sqlalchemy.orm import Session

from limber.report.fhir_adverse import adverse_event_resource
from limber.services.adverse import AdverseEventOut, list_adverse_events
from limber.services.assessments import AssessmentOut, list_assessments
from limber.services.errors import NotFound
from limber.services.measures import MEASURES, PEG_ITEMS, WHO5_ITEMS
from limber.services.sessions import get_session
from limber.services.users import get_user

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
LOCAL_SYSTEM = "urn:limber:codesystem:measure"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
# Stable ids: the same data exports to the same bundle, so exports can be compared.
_NAMESPACE = uuid.UUID("6f0c7a52-3f5e-4d58-9a61-2d1f8a4b7c10")

_CATEGORY = {
    "pain": "survey",
    "peg": "survey",
    "who5": "survey",
    "fingertip_floor": "exam",
    "extensor_hold": "exam",
    "jump_test": "activity",
    "breathing_rate": "vital-signs",
}


def _urn(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(map(str, parts)))}"


def _instant(moment: dt.datetime) -> str:
    # SQLite hands datetimes back without a zone; Limber stores UTC.
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.isoformat()


def _patient(user_id: int, username: str, display_name: str) -> dict[str, Any]:
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": f"limber-user-{user_id}",
        "identifier": [{"system": "urn:limber:user", "value": username}],
        "active": True,
    }
    if display_name:
        patient["name"] = [{"text": display_name}]
    return patient


def _session_date(db: Session, user_id: int, e: AdverseEventOut) -> dt.date | None:
    """The day of the session an event happened in (``None`` outside a session)."""
    if e.session_id is None:
        return None
    try:
        return get_session(db, user_id=user_id, session_id=e.session_id).session_date
    except NotFound:
        return None


def _components(a: AssessmentOut) -> list[dict[str, Any]]:
    questions = {"peg": PEG_ITEMS, "who5": WHO5_ITEMS}.get(a.measure)
    if not questions or len(a.items) != len(questions):
        return []
    return [
        {
            "code": {
                "coding": [{"system": LOCAL_SYSTEM, "code": f"{a.measure}-{n}"}],
                "text": question,
            },
            "valueInteger": int(item),
        }
        for n, (question, item) in enumerate(zip(questions, a.items, strict=True), 1)
    ]


def _observation(a: AssessmentOut, patient_ref: str) -> dict[str, Any]:
    m = MEASURES[a.measure]
    coding: list[dict[str, Any]] = [{"system": LOCAL_SYSTEM, "code": m.key, "display": m.label}]
    if m.loinc:
        coding.insert(0, {"system": LOINC, "code": m.loinc, "display": m.loinc_display})
    category = _CATEGORY[m.key]
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"limber-assessment-{a.id}",
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": category}], "text": category}],
        "code": {"coding": coding, "text": m.label},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": _instant(a.taken_at),
        "valueQuantity": {"value": a.value, "unit": m.unit, "system": UCUM, "code": m.ucum},
    }
    if a.note:
        obs["note"] = [{"text": a.note}]
    components = _components(a)
    if components:
        obs["component"] = components
    return obs


def fhir_bundle(db: Session, *, user_id: int, now: dt.datetime | None = None) -> dict[str, Any]:
    """The user's Patient, assessments and adverse events as a validated R4 collection Bundle."""
    try:
        user = get_user(db, user_id=user_id)
    except NotFound as exc:
        raise LookupError(f"no user with id {user_id}") from exc
    patient_ref = _urn("patient", user.id)
    entries = [
        {"fullUrl": patient_ref, "resource": _patient(user.id, user.username, user.display_name)}
    ]
    for a in list_assessments(db, user_id=user_id):
        entries.append(
            {"fullUrl": _urn("assessment", a.id), "resource": _observation(a, patient_ref)}
        )
    for e in list_adverse_events(db, user_id=user_id):
        when = _session_date(db, user_id, e)
        resource = adverse_event_resource(e, patient_ref, _instant(e.reported_at), when)
        entries.append({"fullUrl": _urn("adverse-event", e.id), "resource": resource})
    bundle = {
        "resourceType": "Bundle",
        "id": f"limber-export-{user.id}",
        "type": "collection",
        "timestamp": _instant(now or dt.datetime.now(dt.UTC)),
        "entry": entries,
    }
    Bundle.model_validate(bundle)  # raises if Limber ever builds an invalid resource
    return bundle
