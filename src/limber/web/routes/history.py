"""History: every session, the streak and the pain trend, as a page and as JSON.

Both render :func:`limber.services.history.history_out`, which ``limber history --json``
prints too.
"""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from limber.services.history import HistoryOut, history_out
from limber.web.charts import pain_chart_svg
from limber.web.deps import CurrentUser, DbDep, render
from limber.web.present import LABELS

router = APIRouter(tags=["history"])


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
