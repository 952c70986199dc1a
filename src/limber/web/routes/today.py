"""Today's session: the page listing its blocks and the player that guides it."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from limber.web.deps import CurrentUser, render

router = APIRouter(tags=["today"])


@router.get("/today", include_in_schema=False)
def today_page(request: Request, user: CurrentUser) -> Response:
    return render(request, "today.html", {"title": "Today", "session": None})
