"""History: every session, the streak and the pain trend, as a page and as JSON."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from limber.services.adverse import list_adverse_events
from limber.services.history import SessionSummary, history, pain_series, streak
from limber.services.safety_words import ClearanceOut, clearance_history
from limber.web.charts import pain_chart_svg
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.present import LABELS
from limber.web.routes.adverse import AdverseEventView
from limber.web.schemas import PainPoint

router = APIRouter(tags=["history"])


class HistoryOut(BaseModel):
    sessions: list[SessionSummary]
    streak: int
    completed: int
    minutes: float
    pain: list[PainPoint]
    adverse_events: list[AdverseEventView] = []
    clearances: list[ClearanceOut] = []


def history_out(db: Session, *, user_id: int) -> HistoryOut:
    sessions = history(db, user_id=user_id)
    return HistoryOut(
        sessions=sessions,
        streak=streak(db, user_id=user_id),
        completed=sum(1 for s in sessions if s.status == "completed"),
        minutes=round(sum(s.minutes for s in sessions), 1),
        pain=[PainPoint(date=d, during=a, after=b) for d, a, b in pain_series(db, user_id=user_id)],
        adverse_events=[
            AdverseEventView.model_validate(e, from_attributes=True)
            for e in list_adverse_events(db, user_id=user_id)
        ],
        clearances=clearance_history(db, user_id=user_id),
    )


@router.get("/history", include_in_schema=False)
def history_page(request: Request, db: DbDep, user: CurrentUser) -> Response:
    data = history_out(db, user_id=user.id)
    chart = pain_chart_svg([(p.date, p.during, p.after) for p in data.pain])
    ctx = {"title": "History", "data": data, "chart": chart, "labels": LABELS}
    return render(request, "history.html", ctx)


@router.get("/api/history", response_model=HistoryOut)
def api_history(db: DbDep, user: CurrentUser) -> HistoryOut:
    """Your sessions (oldest first) with their check-ins, your streak and the pain series."""
    return history_out(db, user_id=user.id)
