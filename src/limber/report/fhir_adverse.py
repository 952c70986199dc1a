"""Adverse events as FHIR R4 ``AdverseEvent`` resources, for the export bundle.

Seriousness, severity and causality use the HL7 code systems R4 binds them to
(``adverse-event-seriousness``: Serious / Non-serious; ``adverse-event-severity``: mild /
moderate / severe; ``adverse-event-causality-assess``: Unlikely / Possible /
Probably-Likely). The event type has no verified standard code here, so it uses Limber's
local code system. R4's AdverseEvent has no note element: onset, duration, action taken, the
note and the review flag travel as Limber extensions, and a generated narrative says the
same in words for a receiver that ignores extensions.
"""

import datetime as dt
import html
from typing import Any

from sqlalchemy.orm import Session

from limber.services.adverse import (
    DURATION_LABELS,
    ONSET_LABELS,
    RELATEDNESS_LABELS,
    SEVERITY_LABELS,
    TYPE_LABELS,
    AdverseEventOut,
)
from limber.store.models import SessionLog

TYPE_SYSTEM = "urn:limber:codesystem:adverse-event-type"
SERIOUSNESS_SYSTEM = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"
SEVERITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
CAUSALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess"
EXTENSION_BASE = "urn:limber:fhir:StructureDefinition/adverse-event-"

_CAUSALITY = {
    "unlikely": ("Unlikely", "Unlikely"),
    "possible": ("Possible", "Possible"),
    "likely": ("Probably-Likely", "Probably/Likely"),
}


def _ext(name: str, kind: str, value: Any) -> dict[str, Any]:
    return {"url": EXTENSION_BASE + name, f"value{kind}": value}


def _narrative(e: AdverseEventOut) -> dict[str, str]:
    parts = [
        TYPE_LABELS.get(e.type, e.type),
        ONSET_LABELS.get(e.onset, e.onset).lower(),
        "lasting " + DURATION_LABELS.get(e.duration, e.duration).lower(),
        SEVERITY_LABELS.get(e.severity, e.severity),
        "serious" if e.serious else "not serious",
        RELATEDNESS_LABELS.get(e.relatedness, e.relatedness).lower(),
        f"action taken: {e.action_taken}",
    ]
    if e.needs_review:
        parts.append(f"FLAG: {e.review_text}")
    text = html.escape("; ".join(parts) + ".")
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{text}</div>'}


def adverse_event_resource(
    db: Session, e: AdverseEventOut, patient_ref: str, reported: str
) -> dict[str, Any]:
    """One event as an R4 AdverseEvent (``reported``: the FHIR instant it was reported)."""
    label = TYPE_LABELS.get(e.type, e.type)
    code, display = _CAUSALITY[e.relatedness]
    extensions = [
        _ext("onset", "Code", e.onset),
        _ext("duration", "Code", e.duration),
        _ext("action-taken", "String", e.action_taken),
        _ext("needs-review", "Boolean", e.needs_review),
    ]
    if e.review_due is not None:
        extensions.append(_ext("review-due", "Date", e.review_due.isoformat()))
    if e.note:
        extensions.append(_ext("note", "String", e.note))
    resource: dict[str, Any] = {
        "resourceType": "AdverseEvent",
        "id": f"limber-adverse-event-{e.id}",
        "text": _narrative(e),
        "extension": extensions,
        "actuality": "actual",
        "event": {
            "coding": [{"system": TYPE_SYSTEM, "code": e.type, "display": label}],
            "text": label,
        },
        "subject": {"reference": patient_ref},
        "detected": reported,
        "recordedDate": reported,
        "seriousness": {
            "coding": [
                {
                    "system": SERIOUSNESS_SYSTEM,
                    "code": "Serious" if e.serious else "Non-serious",
                    "display": "Serious" if e.serious else "Non-serious",
                }
            ]
        },
        "severity": {
            "coding": [
                {"system": SEVERITY_SYSTEM, "code": e.severity, "display": e.severity.title()}
            ]
        },
        "suspectEntity": [
            {
                "instance": {"display": _suspect(db, e)},
                "causality": [
                    {
                        "assessment": {
                            "coding": [
                                {"system": CAUSALITY_SYSTEM, "code": code, "display": display}
                            ],
                            "text": e.relatedness,
                        }
                    }
                ],
            }
        ],
    }
    when = _session_date(db, e)
    if when is not None:
        resource["date"] = when.isoformat()
    return resource


def _session_date(db: Session, e: AdverseEventOut) -> dt.date | None:
    if e.session_id is None:
        return None
    log = db.get(SessionLog, e.session_id)
    return log.session_date if log is not None else None


def _suspect(db: Session, e: AdverseEventOut) -> str:
    when = _session_date(db, e)
    if when is None:
        return "Limber home exercise programme"
    return f"Limber exercise session {e.session_id} on {when.isoformat()}"
