"""The jump log services: saving, reading only your own results, weekly volume."""

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from limber.motion.counter import JumpEvent
from limber.motion.results import Gap, summarise
from limber.services.errors import InvalidInput, NotFound
from limber.services.jump_volume import weekly_jump_volume
from limber.services.jumps import (
    delete_jump_result,
    get_jump_result,
    list_jump_results,
    save_jump_result,
)
from limber.services.users import create_user
from limber.services.weeks import week_start


def _event(t: float, i: int) -> JumpEvent:
    return JumpEvent(t=t, number=i + 1, feet="both", height=0.1, run=0)


def _result(n: int = 12, every: float = 0.5, weight: float | None = None) -> Any:
    events = [_event(1.0 + i * every, i) for i in range(n)]
    return summarise(
        events, duration_s=1.0 + n * every + 1.0, style="basic", weight_kg=weight, gaps=[]
    )


@pytest.fixture
def users(db: Session) -> tuple[int, int]:
    ana = create_user(db, username="ana", password_hash="x")
    ben = create_user(db, username="ben", password_hash="x")
    return ana.id, ben.id


def test_save_and_read_back_a_counted_result(db: Session, users: tuple[int, int]) -> None:
    ana, _ = users
    result = _result(weight=70.0)
    saved = save_jump_result(db, user_id=ana, result=result, source="upload", name="skip.mp4")
    got = get_jump_result(db, user_id=ana, result_id=saved.id)
    assert got.count == 12
    assert got.source == "upload" and got.name == "skip.mp4"
    assert got.cadence_mean == pytest.approx(120.0)
    assert got.longest_streak == 12 and got.misses == 0
    assert got.kcal is not None and got.kcal > 0
    assert got.result["events_s"] == result.to_dict()["events_s"]


def test_live_results_read_back_as_live(db: Session, users: tuple[int, int]) -> None:
    ana, _ = users
    saved = save_jump_result(db, user_id=ana, result=_result().to_dict(), source="live")
    assert (saved.source, saved.name, saved.kcal) == ("live", "", None)


def test_another_users_result_is_not_found(db: Session, users: tuple[int, int]) -> None:
    ana, ben = users
    saved = save_jump_result(db, user_id=ana, result=_result(), source="live")
    with pytest.raises(NotFound):
        get_jump_result(db, user_id=ben, result_id=saved.id)
    with pytest.raises(NotFound):
        delete_jump_result(db, user_id=ben, result_id=saved.id)
    assert list_jump_results(db, user_id=ben) == []
    assert [r.id for r in list_jump_results(db, user_id=ana)] == [saved.id]


def test_delete_removes_only_that_result(db: Session, users: tuple[int, int]) -> None:
    ana, _ = users
    first = save_jump_result(db, user_id=ana, result=_result(), source="live")
    second = save_jump_result(db, user_id=ana, result=_result(5), source="live")
    delete_jump_result(db, user_id=ana, result_id=first.id)
    assert [r.id for r in list_jump_results(db, user_id=ana)] == [second.id]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"count": 3}, "malformed"),
        ({**_result().to_dict(), "count": -1}, "negative"),
        ({**_result().to_dict(), "cadence_per_min": 120}, "cadence_per_min"),
    ],
)
def test_malformed_results_are_refused(
    db: Session, users: tuple[int, int], data: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidInput, match=words):
        save_jump_result(db, user_id=users[0], result=data, source="manual")
    assert list_jump_results(db, user_id=users[0]) == []


def test_unknown_source_is_refused(db: Session, users: tuple[int, int]) -> None:
    with pytest.raises(InvalidInput, match="source"):
        save_jump_result(db, user_id=users[0], result=_result(), source="phone")


def test_weekly_volume_sums_per_monday_week_with_empty_weeks(
    db: Session, users: tuple[int, int]
) -> None:
    ana, ben = users
    at = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)  # a Monday
    for when, n in [(at, 10), (at + dt.timedelta(days=6, hours=10), 5), (at + dt.timedelta(14), 7)]:
        save_jump_result(db, user_id=ana, result=_result(n), source="live", recorded_at=when)
    save_jump_result(db, user_id=ben, result=_result(40), source="live", recorded_at=at)
    assert weekly_jump_volume(db, user_id=ana) == [
        (dt.date(2026, 1, 5), 15),
        (dt.date(2026, 1, 12), 0),
        (dt.date(2026, 1, 19), 7),
    ]
    assert weekly_jump_volume(db, user_id=ben) == [(dt.date(2026, 1, 5), 40)]


def test_no_results_no_weeks(db: Session, users: tuple[int, int]) -> None:
    assert weekly_jump_volume(db, user_id=users[0]) == []


def test_week_start_is_monday() -> None:
    assert week_start(dt.date(2026, 1, 11)) == dt.date(2026, 1, 5)
    assert week_start(dt.date(2026, 1, 5)) == dt.date(2026, 1, 5)


def test_gaps_survive_the_round_trip(db: Session, users: tuple[int, int]) -> None:
    ana, _ = users
    result = summarise(
        [_event(1.0 + 0.4 * i, i) for i in range(4)],
        duration_s=6.0,
        style=None,
        gaps=[Gap(3.0, 4.5, "no_person")],
    )
    saved = save_jump_result(db, user_id=ana, result=result, source="upload", name="x.mp4")
    assert get_jump_result(db, user_id=ana, result_id=saved.id).result["gaps"] == [
        {"start_s": 3.0, "end_s": 4.5, "reason": "no_person"}
    ]
