"""The clinician report: a short PDF a person can hand to their physiotherapist or GP.

Two to four A4 pages: who and what (profile, screening, programme), whether it was done
(adherence, minutes per practice), whether it helped (outcome trends judged against
meaningful-change thresholds, with charts), where pain monitoring changed the plan, and the
adverse events reported (those needing human review are also called out on page 1).
Everything comes from :class:`~limber.services.dashboard.Dashboard`, so the report shows the
same numbers as the progress page.
"""

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from limber.plan.models import Programme
from limber.profile import Profile
from limber.report.charts import CHARTS, to_png
from limber.report.pdf_adverse import adverse_alert, adverse_section
from limber.report.pdf_clearances import clearance_section
from limber.report.pdf_style import (
    MUTED,
    VERDICT_COLOURS,
    WIDTH,
    S,
    footer,
    para,
    table,
)
from limber.services.adverse import AdverseEventOut, list_adverse_events
from limber.services.dashboard import PRACTICE_LABELS, Dashboard, build_dashboard
from limber.services.errors import NotFound
from limber.services.interpret import fmt
from limber.services.measures import MEASURE_KEYS, MEASURES
from limber.services.onboarding import ScreeningTaken, latest_screening_taken
from limber.services.records import current_profile, current_programme
from limber.services.safety_words import ClearanceOut, SafetySummary, clearance_history, summarise
from limber.services.users import LOCAL_USERNAME, get_user
from limber.vocab import CONDITION_LABELS, EQUIPMENT_LABELS

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass
class ReportData:
    """Everything the report shows, gathered once, all of it through the services."""

    who: str
    dashboard: Dashboard
    profile: Profile | None
    screening: ScreeningTaken | None
    programme: Programme | None
    adverse_events: list[AdverseEventOut] = field(default_factory=list)
    clearances: list[ClearanceOut] = field(default_factory=list)
    safety: SafetySummary | None = None


def gather(db: Session, *, user_id: int, today: dt.date | None = None) -> ReportData:
    """Read what the report shows; :class:`LookupError` for an unknown user."""
    try:
        user = get_user(db, user_id=user_id)
    except NotFound as exc:
        raise LookupError(f"no user with id {user_id}") from exc
    who = user.display_name or (
        "This computer's Limber user" if user.username == LOCAL_USERNAME else user.username
    )
    current = current_programme(db, user_id=user_id)
    return ReportData(
        who=who,
        dashboard=build_dashboard(db, user_id=user_id, today=today),
        profile=current_profile(db, user_id=user_id),
        screening=latest_screening_taken(db, user_id=user_id),
        programme=current[1] if current else None,
        adverse_events=list_adverse_events(db, user_id=user_id),
        clearances=clearance_history(db, user_id=user_id),
        safety=summarise(db, user_id=user_id, today=today),
    )


def _chart(name: str, d: Dashboard, width: float) -> Image:
    fig = CHARTS[name][1](d)
    w, h = fig.get_size_inches()
    return Image(io.BytesIO(to_png(fig, dpi=170)), width=width, height=width * h / w)


def _header(data: ReportData) -> list[Flowable]:
    d = data.dashboard
    who = data.who
    first = min((c.day for c in d.calendar), default=d.today)
    return [
        Paragraph("Limber progress report", S["title"]),
        para(
            f"{who}  ·  {first:%d %b %Y} to {d.today:%d %b %Y}  ·  "
            f"generated {dt.date.today():%d %b %Y}",
            "small",
        ),
        Spacer(1, 4),
        para(
            "Self-reported data from Limber, a home exercise coach for back pain (stretching "
            "and back exercises, jump rope, breathing). Not a diagnosis. Changes are judged "
            "against each measure's meaningful-change threshold (see the last section).",
            "small",
        ),
    ]


def _outcomes(d: Dashboard) -> list[Flowable]:
    rows: list[list[Any]] = [["Measure", "Baseline", "Latest", "Change", "Verdict"]]
    for s in d.summaries:
        m = MEASURES[s.measure]
        first, last = s.readings[0], s.readings[-1]
        change = s.vs_baseline
        verdict = change.verdict if change else "baseline only"
        colour = VERDICT_COLOURS.get(verdict, MUTED).hexval()[2:]
        rows.append(
            [
                m.label,
                f"{fmt(m, first.value)} {m.unit}  ({first.taken_at:%d %b})",
                f"{fmt(m, last.value)} {m.unit}  ({last.taken_at:%d %b})",
                f"{change.delta:+.{0 if m.integer or m.unit == 's' else 1}f}" if change else "-",
                Paragraph(f'<font color="#{colour}"><b>{verdict}</b></font>', S["cell"]),
            ]
        )
    out: list[Flowable] = [Paragraph("Outcomes: baseline and latest", S["h2"])]
    if len(rows) == 1:
        return [*out, para("No assessments recorded yet.", "body")]
    out.append(table(rows, [40 * mm, 33 * mm, 33 * mm, 17 * mm, WIDTH - 123 * mm]))
    notes = [n for s in d.summaries for n in s.notes]
    out += [Spacer(1, 3), *(para(f"Note: {n}", "small") for n in notes)]
    return out


def _profile(data: ReportData) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Profile", S["h2"])]
    p = data.profile
    if p is None:
        return [*out, para("No profile saved.", "body")]
    conditions = ", ".join(CONDITION_LABELS.get(c, c) for c in p.conditions) or "none reported"
    equipment = ", ".join(EQUIPMENT_LABELS.get(e, e) for e in p.equipment) or "none"
    rows = [
        ["Pain area", p.pain_area.replace("_", " "), "Duration", p.duration],
        ["Worse with", p.aggravated_by.replace("_", " "), "Pain at start", f"{p.pain_now}/10"],
        ["Fitness", p.fitness, "Rope experience", p.rope_experience],
        [
            "Days",
            ", ".join(DAYS[w] for w in p.weekdays),
            "Minutes/session",
            str(p.minutes_per_session),
        ],
        ["Conditions", conditions, "Equipment", equipment],
    ]
    return [*out, table(rows, [28 * mm, 60 * mm, 30 * mm, WIDTH - 118 * mm], header=False)]


def _screening(data: ReportData) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Screening", S["h2"])]
    row = data.screening
    if row is None:
        return [*out, para("No screening recorded.", "body")]
    labels: dict[str, str] = {}
    try:
        from limber.safety.screening import load_questions

        q = load_questions()
        labels = {x.id: x.sign or x.text for x in q.red_flags}
        labels |= {x.id: x.text for x in q.readiness}
        labels |= {x.id: x.text for x in q.followups}
    except Exception:
        labels = {}
    outcome = {"clear": "clear", "caution": "caution: see follow-ups", "red_flag": "RED FLAG"}
    out.append(
        para(
            f"Taken {row.taken_at:%d %b %Y}; outcome: {outcome.get(row.outcome, row.outcome)}.",
            "body",
        )
    )
    answers = row.answers or {}
    yes = [
        (k, s)
        for s, group in answers.items()
        if isinstance(group, dict)
        for k, v in group.items()
        if v
    ]
    total = sum(len(g) for g in answers.values() if isinstance(g, dict))
    out.append(para(f"{total} questions answered; {len(yes)} answered yes.", "small"))
    if yes:
        rows: list[list[Any]] = [["Section", "Answered yes"]]
        rows += [[s.replace("_", " "), labels.get(k, k.replace("_", " "))] for k, s in yes]
        out.append(table(rows, [30 * mm, WIDTH - 30 * mm]))
    return out


def _programme(data: ReportData) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Programme", S["h2"])]
    prog = data.programme
    if prog is None:
        return [*out, para("No programme planned.", "body")]
    kind = "breathing only (after a red flag)" if prog.breathing_only else "mixed"
    per_week = len(prog.sessions) / max(prog.weeks, 1)
    out.append(
        para(
            f"Started {prog.start:%d %b %Y}; {prog.weeks} weeks, {len(prog.sessions)} sessions "
            f"(about {per_week:.0f} a week), {kind}.",
            "body",
        )
    )
    for note in prog.notes[:4]:
        out.append(para(f"• {note}", "small"))
    first = prog.sessions[0] if prog.sessions else None
    if first is not None and first.blocks:
        rows: list[list[Any]] = [["Block", "Exercises (first session)"]]
        for block in first.blocks:
            names = ", ".join(e.name for e in block.exercises)
            rows.append(
                [block.title, names + (f" ({block.substitution})" if block.substitution else "")]
            )
        out += [Spacer(1, 3), table(rows, [40 * mm, WIDTH - 40 * mm])]
    return out


def _adherence(d: Dashboard) -> list[Flowable]:
    pct = d.adherence_pct
    totals = d.total_minutes()
    line = (
        f"{d.done_to_date} of {d.planned_to_date} planned sessions done so far"
        + (f" ({pct:.0f} %)" if pct is not None else "")
        + ". Minutes practised: "
        + ", ".join(f"{PRACTICE_LABELS[k].lower()} {v:.0f}" for k, v in totals.items())
        + "."
    )
    half = (WIDTH - 6 * mm) / 2
    charts = Table(
        [[_chart("adherence", d, half), _chart("practice", d, half)]],
        colWidths=[half + 3 * mm, half + 3 * mm],
    )
    charts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph("Adherence", S["h2"]), para(line, "body"), Spacer(1, 4), charts]


def _trends(d: Dashboard) -> list[Flowable]:
    names = ["pain", *(k for k in MEASURE_KEYS if k not in ("pain", "peg") and d.series(k))]
    if d.jumps:
        names.append("jumps")
    half = (WIDTH - 6 * mm) / 2
    images = [_chart(n, d, half) for n in names]
    rows = [
        images[i : i + 2] + [""] * (2 - len(images[i : i + 2])) for i in range(0, len(images), 2)
    ]
    grid = Table(rows, colWidths=[half + 3 * mm, half + 3 * mm])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph("Outcome trends", S["h2"]), grid]


# The report stays within four pages: older pain-monitoring decisions are summarised.
MAX_EVENTS = 10


def _events(d: Dashboard) -> list[Flowable]:
    title = "Pain monitoring: when the plan was eased or held"
    out: list[Flowable] = [Paragraph(title, S["h2"])]
    if not d.pain_events:
        return [*out, para("No check-in called for easing or holding the plan.", "body")]
    rows: list[list[Any]] = [["Session", "Decided", "Verdict", "Pain during / after", "Why"]]
    shown = d.pain_events[-MAX_EVENTS:]
    for e in shown:
        why = " ".join(e.reasons) or "-"
        if e.changes:
            names = sorted({c.split(":")[0] for c in e.changes})
            more = f" and {len(names) - 4} more" if len(names) > 4 else ""
            why += f" Changed: {', '.join(names[:4])}{more}."
        rows.append([f"{e.day:%d %b}", e.when, e.verdict, f"{e.pain_during} / {e.pain_after}", why])
    out.append(table(rows, [17 * mm, 22 * mm, 17 * mm, 22 * mm, WIDTH - 78 * mm]))
    if len(d.pain_events) > len(shown):
        earlier = len(d.pain_events) - len(shown)
        out.append(para(f"The {len(shown)} most recent; {earlier} earlier decisions are in "
                        "the CSV export (checkins.csv).", "small"))  # fmt: skip
    return out


def _methods() -> list[Flowable]:
    rows: list[list[Any]] = [["Measure", "Meaningful change", "Source"]]
    for m in MEASURES.values():
        rows.append([m.label, m.threshold_text, m.threshold_source])
    return [
        Paragraph("How changes are judged", S["h2"]),
        table(rows, [40 * mm, 40 * mm, WIDTH - 80 * mm]),
        Spacer(1, 4),
        para(
            "Pain-monitoring model: pain up to 5/10 during exercise is acceptable if it settles "
            "by the next morning (Silbernagel 2007). WHO-5 at or below 50 % suggests screening "
            "for low mood.",
            "small",
        ),
    ]


def build_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes."""
    d = data.dashboard
    story: list[Flowable] = [
        *_header(data),
        *adverse_alert(data.adverse_events),
        *_outcomes(d),
        *_profile(data),
        *_screening(data),
        *clearance_section(data.clearances, data.safety),
        *_programme(data),
        PageBreak(),
        *_adherence(d),
        *_trends(d),
        KeepTogether(_events(d)),
        KeepTogether(adverse_section(data.adverse_events)),
        KeepTogether(_methods()),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=20 * mm,
        title="Limber progress report",
        author="Limber",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def write_report(db: Session, path: Path, *, user_id: int, today: dt.date | None = None) -> int:
    """Write the report to ``path``; return its size in bytes."""
    pdf = build_pdf(gather(db, user_id=user_id, today=today))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    return len(pdf)
