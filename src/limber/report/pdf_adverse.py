"""The clinician report's "Adverse events" section, and the alert on its first page.

An event that needs human review is the one thing a clinician must not miss, so besides its
row in the section, the first page says how many are waiting and by when.
"""

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from limber.report.pdf_style import VERDICT_COLOURS, WIDTH, S, para, table
from limber.services.adverse import DURATION_LABELS, ONSET_LABELS, AdverseEventOut

# The report stays within four pages: older events are counted, not listed.
MAX_ROWS = 8


def adverse_alert(events: list[AdverseEventOut]) -> list[Flowable]:
    """One red line on page 1 when any event needs human review; nothing otherwise."""
    flagged = [e for e in events if e.needs_review]
    if not flagged:
        return []
    due = min((e.review_due for e in flagged if e.review_due), default=None)
    by = f" (the first by {due:%d %b %Y})" if due else ""
    colour = VERDICT_COLOURS["worse"].hexval()[2:]
    n = len(flagged)
    text = (
        f"{n} adverse event{'s' if n != 1 else ''} "
        f"need{'s' if n == 1 else ''} human review within 1 working day{by}: "
        "see \u201cAdverse events\u201d."
    )
    return [Paragraph(f'<font color="#{colour}"><b>{text}</b></font>', S["body"])]


def adverse_section(events: list[AdverseEventOut]) -> list[Flowable]:
    """Every reported event (the most recent ones when there are many), flag first."""
    out: list[Flowable] = [Paragraph("Adverse events", S["h2"])]
    if not events:
        return [*out, para("No adverse events reported.", "body")]
    rows: list[list[Any]] = [["Date", "Event", "Severity", "Related", "Action taken", "Review"]]
    shown = events[-MAX_ROWS:]
    for e in reversed(shown):
        what = (
            f"{e.type_label}; {ONSET_LABELS.get(e.onset, e.onset).lower()}, "
            f"{DURATION_LABELS.get(e.duration, e.duration).lower()}"
        )
        severity = f"{e.severity}, {'SERIOUS' if e.serious else 'not serious'}"
        action = e.action_taken + (f" Note: {e.note}" if e.note else "")
        review = (
            f"{e.review_text[0].upper()}{e.review_text[1:]}: {e.review_reason}"
            if e.needs_review
            else "-"
        )
        rows.append([f"{e.reported_at:%d %b %Y}", what, severity, e.relatedness, action, review])
    widths = [18 * mm, 42 * mm, 22 * mm, 16 * mm, WIDTH - 138 * mm, 40 * mm]
    out.append(table(rows, widths))
    serious = sum(1 for e in events if e.serious)
    out.append(
        para(
            f"{len(events)} reported, {serious} serious (ICH: death, danger to life, hospital "
            "admission or lasting disability). Severity after Carnes 2010: mild = settled by "
            "the next day, moderate = missed a session, severe = needed care.",
            "small",
        )
    )
    if len(events) > len(shown):
        out.append(
            para(
                f"The {len(shown)} most recent are listed; {len(events) - len(shown)} earlier "
                "ones are in the CSV export (adverse_events.csv) and the FHIR export.",
                "small",
            )
        )
    return out
