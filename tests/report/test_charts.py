"""The dashboard's numbers and every chart, drawn from one small history."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy.orm import Session

from limber.report.charts import CHARTS, render_all, to_png
from limber.services.dashboard import build_dashboard
from limber.services.users import get_or_create_local_user
from tests.report.factories import START, history

pytestmark = pytest.mark.db

TODAY = START + dt.timedelta(days=16)


def test_dashboard_counts_adherence_minutes_and_jumps(db: Session) -> None:
    user = history(db)
    d = build_dashboard(db, user_id=user.id, today=TODAY)
    # Planned by the 16th day: 7 sessions (Mon/Wed/Fri x2, then Mon); one missed, one stopped.
    assert d.planned_to_date == 7
    statuses = [c.status for c in d.calendar if c.day <= TODAY]
    assert statuses.count("missed") == 1 and statuses.count("partial") == 1
    assert d.adherence_pct == pytest.approx(100 * 6 / 7)
    totals = d.total_minutes()
    # Five full sessions (2 + 5 + 3 + 1 minutes) and one stopped after the mobility block.
    assert totals["breathing"] == pytest.approx(6 * 2)
    assert totals["stretch"] == pytest.approx(6 * 5)
    assert totals["jump_rope"] == pytest.approx(5 * 4)
    # No jump counter table: weekly jumps are estimated, 180 s at 100/min per full session.
    assert sum(w.jumps for w in d.jumps) == 5 * 300
    assert {w.source for w in d.jumps} == {"estimated"}
    assert [e.reasons for e in d.pain_events] == [
        ["Pain after the session was above 5: the rope block drops back one level."]
    ]


def test_every_chart_renders_as_scalable_svg_and_png(db: Session) -> None:
    user = history(db)
    d = build_dashboard(db, user_id=user.id, today=TODAY)
    svgs = render_all(d, "svg")
    assert set(svgs) == set(CHARTS)
    for name, svg in svgs.items():
        assert isinstance(svg, str)
        root = ET.fromstring(svg)
        assert root.get("width") == "100%", name
        assert root.get("viewBox"), name
    assert "Pain and PEG" in str(svgs["pain"])
    png = to_png(CHARTS["adherence"][1](d))
    assert png.startswith(b"\x89PNG")


def test_charts_say_so_when_there_is_nothing_yet(db: Session) -> None:
    user = get_or_create_local_user(db)
    d = build_dashboard(db, user_id=user.id, today=TODAY)
    svgs = render_all(d, "svg")
    assert "No pain ratings yet" in str(svgs["pain"])
    assert "No programme yet" in str(svgs["adherence"])


def test_one_day_of_data_still_gets_a_readable_date_axis() -> None:
    from matplotlib import dates as mdates

    from limber.report.charts import pain_chart
    from limber.services.dashboard import Dashboard

    d = Dashboard(TODAY, [], [], [], [], [], checkins=[(TODAY, 3, 2)])
    low, high = pain_chart(d).axes[0].get_xlim()
    assert mdates.num2date(low).date() == TODAY - dt.timedelta(days=7)
    assert mdates.num2date(high).date() == TODAY + dt.timedelta(days=7)


def test_weekly_jumps_come_from_counter_results_when_there_are_any(db: Session) -> None:
    from limber.services.jumps import save_jump_result

    user = history(db)
    bout = {"count": 120, "events_s": [], "duration_s": 60.0, "active_s": 60.0,
            "style": "basic", "cadence_per_min": {"mean": 120.0, "series": []},
            "longest_streak": 120, "misses": 0}  # fmt: skip
    for day in (START, START + dt.timedelta(days=2), START + dt.timedelta(days=7)):
        at = dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)
        save_jump_result(db, user_id=user.id, result=bout, source="manual", recorded_at=at)
    d = build_dashboard(db, user_id=user.id, today=TODAY)
    assert [(w.week_start, w.jumps, w.source) for w in d.jumps] == [
        (START, 240, "counted"),
        (START + dt.timedelta(days=7), 120, "counted"),
    ]
