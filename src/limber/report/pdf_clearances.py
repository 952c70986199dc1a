"""The clinician report's "Safety state and clearances" section.

A clinician reading the report must see whether Limber is holding the programme back (a red
flag, a readiness "yes") and every clearance the person recorded: who, when and what they
said, in the person's own words. Clearances are typed by the person, not verified, and the
section says so.
"""

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from limber.report.pdf_style import WIDTH, S, para, table
from limber.services.safety_words import ClearanceOut, SafetySummary

STATE_WORDS = {
    "active": "active (the programme runs as planned)",
    "light": "light work only (a readiness answer was yes; no clearance yet)",
    "stopped": "stopped (a red flag waits for a clinician's clearance; breathing only)",
    "emergency": "emergency sign not cleared (no session offered)",
}
# The report stays within four pages: older clearances are counted, not listed.
MAX_ROWS = 8


def clearance_section(rows: list[ClearanceOut], summary: SafetySummary | None) -> list[Flowable]:
    """The safety state in one line, then the recorded clearances, newest first.

    With nothing to report (the programme runs, no clearance recorded) it is one line under
    the screening, so the report keeps to its four pages.
    """
    state = STATE_WORDS.get(summary.state, summary.state) if summary is not None else None
    if not rows and (summary is None or (summary.state == "active" and not summary.reasons)):
        text = f"Safety state: {state}; no" if state else "No"
        return [para(f"{text} clinician clearances recorded.", "small")]
    out: list[Flowable] = [Paragraph("Safety state and clearances", S["h2"])]
    if state is not None and summary is not None:
        out.append(para(f"Safety state: {state}.", "body"))
        for reason in summary.reasons[:4]:
            out.append(para(f"• {reason}", "small"))
    if not rows:
        return [*out, para("No clinician clearances recorded.", "body")]
    table_rows: list[list[Any]] = [["Seen", "For", "Clinician", "What they said", "Counts until"]]
    for c in reversed(rows[-MAX_ROWS:]):
        who = c.clinician_name + (f" ({c.clinician_role})" if c.clinician_role else "")
        table_rows.append(
            [f"{c.seen_on:%d %b %Y}", c.kind.replace("_", " "), who, c.statement,
             f"{c.lapses_on:%d %b %Y}"]
        )  # fmt: skip
    widths = [20 * mm, 22 * mm, 36 * mm, WIDTH - 100 * mm, 22 * mm]
    out.append(table(table_rows, widths))
    more = len(rows) - MAX_ROWS
    note = "Recorded by the person, as they reported what the clinician said; not verified."
    if more > 0:
        note = f"{more} older clearance{'s' if more != 1 else ''} not listed. " + note
    out.append(para(note, "small"))
    return out
