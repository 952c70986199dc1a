"""The track services' own queries (rescreen, pending answers, history) on PostgreSQL."""

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from limber.plan.models import CheckIn
from limber.services.checkins import pending_next_day, record_checkin, record_next_day
from limber.services.history import history, pain_series, streak
from limber.services.onboarding import save_screening
from limber.services.safety import rescreen_due
from limber.services.sessions import finish_session, record_step, start_session, timeline_of
from limber.settings import Settings
from limber.store.db import Database
from tests.services.factories import answers, onboard
from tests.store.postgres import postgres_server

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def pg_database() -> Iterator[Database]:
    with postgres_server() as url:
        database = Database(Settings(database_url=url))
        yield database
        database.dispose()


@pytest.fixture
def pg(pg_database: Database) -> Iterator[Session]:
    with pg_database.session() as db:
        assert db.get_bind().dialect.name == "postgresql"
        yield db


def test_checkins_history_and_rescreen_on_postgres(pg: Session) -> None:
    uid, programme = onboard(pg, "pg-user", weeks=2)
    day = programme.sessions[0].date
    log = start_session(pg, user_id=uid, session_date=day)
    for step in timeline_of(log).steps:
        record_step(
            pg,
            user_id=uid,
            session_id=log.id,
            step_index=step.index,
            status="done",
            seconds=step.duration_s,
        )
    finish_session(pg, user_id=uid, session_id=log.id, status="completed")
    checkin = CheckIn(pain_during=2, pain_after=3, effort=5, new_leg_symptoms=True)
    decision = record_checkin(pg, user_id=uid, session_id=log.id, checkin=checkin, today=day)
    assert decision.rescreen
    assert rescreen_due(pg, user_id=uid) is not None
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    pending = pending_next_day(pg, user_id=uid, today=tomorrow)
    assert pending is not None
    record_next_day(pg, user_id=uid, checkin_id=pending.id, next_day="same", today=day)
    assert pending_next_day(pg, user_id=uid, today=tomorrow) is None
    save_screening(pg, user_id=uid, answers=answers())
    assert rescreen_due(pg, user_id=uid) is None
    (summary,) = history(pg, user_id=uid)
    assert (summary.verdict, summary.next_day_verdict) == ("red", "amber")
    assert streak(pg, user_id=uid, today=day) == 1
    assert pain_series(pg, user_id=uid) == [(day, 2, 3)]
