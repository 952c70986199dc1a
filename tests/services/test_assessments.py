"""Assessments: scoring, range checks, due dates and the judged changes."""

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from limber.services.assessments import (
    assessment_due,
    list_assessments,
    record_assessment,
    record_jump_test_from_result,
    record_peg,
    record_who5,
    summarise,
)
from limber.services.errors import InvalidInput, NotFound
from limber.services.measures import MEASURE_KEYS
from limber.services.users import get_or_create_local_user
from limber.store.models import ProfileRecord, Screening

pytestmark = pytest.mark.db

DAY0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_peg_is_the_mean_and_who5_the_raw_sum_times_four(db: Session) -> None:
    user = get_or_create_local_user(db)
    peg = record_peg(db, user_id=user.id, items=[6, 5, 4])
    who5 = record_who5(db, user_id=user.id, items=[3, 2, 2, 3, 2])
    assert peg.value == 5.0 and peg.items == [6, 5, 4]
    assert who5.value == 48
    # 48 % is at or below 50 %: the reading carries the advice to talk to a doctor.
    assert who5.advice is not None and "doctor" in who5.advice
    assert record_who5(db, user_id=user.id, items=[3, 3, 3, 2, 2]).advice is None


@pytest.mark.parametrize(
    ("measure", "value"),
    [
        ("pain", 11),
        ("pain", 2.5),
        ("fingertip_floor", -41),
        ("fingertip_floor", 61),
        ("extensor_hold", 241),
        ("breathing_rate", 3),
        ("breathing_rate", 61),
        ("height", 170),
    ],
)
def test_out_of_range_values_are_refused(db: Session, measure: str, value: float) -> None:
    user = get_or_create_local_user(db)
    with pytest.raises(InvalidInput):
        record_assessment(db, user_id=user.id, measure=measure, value=value)
    assert list_assessments(db, user_id=user.id) == []


def test_questionnaire_answers_are_checked(db: Session) -> None:
    user = get_or_create_local_user(db)
    with pytest.raises(InvalidInput, match="3 questions"):
        record_peg(db, user_id=user.id, items=[1, 2])
    with pytest.raises(InvalidInput, match="0-5"):
        record_who5(db, user_id=user.id, items=[1, 2, 3, 4, 6])


def test_fingertip_to_floor_accepts_negative_values_past_the_floor(db: Session) -> None:
    user = get_or_create_local_user(db)
    out = record_assessment(db, user_id=user.id, measure="fingertip_floor", value=-7.5)
    assert out.value == -7.5


def test_everything_is_due_at_baseline_then_again_after_two_weeks(db: Session) -> None:
    user = get_or_create_local_user(db)
    today = DAY0.date()
    assert assessment_due(db, user_id=user.id, today=today) == list(MEASURE_KEYS)
    record_assessment(db, user_id=user.id, measure="pain", value=5, taken_at=DAY0)
    record_peg(db, user_id=user.id, items=[5, 5, 5], taken_at=DAY0)
    due = assessment_due(db, user_id=user.id, today=today + dt.timedelta(days=13))
    assert "pain" not in due and "peg" not in due and "who5" in due
    due = assessment_due(db, user_id=user.id, today=today + dt.timedelta(days=14))
    assert due == list(MEASURE_KEYS)


def test_conditions_and_red_flags_narrow_what_is_asked(db: Session) -> None:
    user = get_or_create_local_user(db)
    db.add(ProfileRecord(user_id=user.id, data={"conditions": ["pregnancy"]}))
    db.flush()
    due = assessment_due(db, user_id=user.id, today=DAY0.date())
    assert "jump_test" not in due and "extensor_hold" not in due and "pain" in due
    db.add(Screening(user_id=user.id, answers={}, outcome="red_flag", result={}))
    db.flush()
    assert assessment_due(db, user_id=user.id, today=DAY0.date()) == [
        "pain",
        "peg",
        "who5",
        "breathing_rate",
    ]


def test_summary_judges_latest_against_baseline_and_previous(db: Session) -> None:
    user = get_or_create_local_user(db)
    for week, pain in [(0, 6), (2, 5), (4, 3)]:
        at = DAY0 + dt.timedelta(weeks=week)
        record_assessment(db, user_id=user.id, measure="pain", value=pain, taken_at=at)
    (pain,) = summarise(db, user_id=user.id)
    assert [r.value for r in pain.readings] == [6, 5, 3]
    assert pain.vs_baseline is not None and pain.vs_baseline.verdict == "meaningful improvement"
    assert pain.vs_previous is not None and pain.vs_previous.verdict == "meaningful improvement"
    assert pain.vs_baseline.delta == -3


def test_jump_test_from_an_unknown_result_is_not_found(db: Session) -> None:
    user = get_or_create_local_user(db)
    with pytest.raises(NotFound):
        record_jump_test_from_result(db, user_id=user.id, result_id=12345)


def _bout(count: int) -> dict[str, object]:
    return {
        "count": count,
        "events_s": [i * 0.5 for i in range(count)],
        "duration_s": 60.0,
        "active_s": 58.0,
        "style": "basic",
        "cadence_per_min": {"mean": 110.0, "series": []},
        "longest_streak": count,
        "misses": 0,
    }


def test_jump_test_is_read_from_the_users_own_counter_result(db: Session) -> None:
    from limber.services.jumps import save_jump_result
    from limber.services.users import create_user

    user = get_or_create_local_user(db)
    other = create_user(db, username="other", password_hash="x")
    mine = save_jump_result(db, user_id=user.id, result=_bout(97), source="manual")
    theirs = save_jump_result(db, user_id=other.id, result=_bout(50), source="manual")
    out = record_jump_test_from_result(db, user_id=user.id, result_id=mine.id)
    assert out.value == 97 and out.source == "jump_result"
    with pytest.raises(NotFound):
        record_jump_test_from_result(db, user_id=user.id, result_id=theirs.id)
