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

from limber.services.adverse import (
    DURATION_LABELS,
    ONSET_LABELS,
    RELATEDNESS_LABELS,
    SEVERITY_LABELS,
    TYPE_LABELS,
    AdverseEventOut,
)

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
    e: AdverseEventOut, patient_ref: str, reported: str, session_date: dt.date | None
) -> dict[str, Any]:
    """One event as an R4 AdverseEvent (``reported``: the FHIR instant it was reported;
    ``session_date``: the day of the session it happened in, when it was in one)."""
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
                "instance": {"display": _suspect(e, session_date)},
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
    if session_date is not None:
        resource["date"] = session_date.isoformat()
    return resource


def _suspect(e: AdverseEventOut, session_date: dt.date | None) -> str:
    if session_date is None:
        return "Limber home exercise programme"
    return f"Limber exercise session {e.session_id} on {session_date.isoformat()}"
