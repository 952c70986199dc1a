"""The guided assessments in a real terminal: questions one by one, and the hold stopwatch."""

import os
import sys
from pathlib import Path

import pexpect
import pytest

from limber.services.assessments import list_assessments
from limber.services.users import get_or_create_local_user
from limber.settings import load_settings
from limber.store.db import Database

pytestmark = [pytest.mark.terminal, pytest.mark.db]
LIMBER = str(Path(sys.executable).with_name("limber"))


def _spawn(*args: str) -> pexpect.spawn:
    return pexpect.spawn(
        LIMBER, list(args), env=dict(os.environ), encoding="utf-8", timeout=30,
        dimensions=(40, 120),
    )  # fmt: skip


def _readings(measure: str) -> list[tuple[float, str, list[int]]]:
    database = Database(load_settings())
    try:
        with database.session() as db:
            user = get_or_create_local_user(db)
            rows = list_assessments(db, user_id=user.id, measure=measure)
            return [(r.value, r.source, r.items) for r in rows]
    finally:
        database.dispose()


def test_peg_asks_each_question_and_refuses_out_of_range_answers() -> None:
    child = _spawn("assess", "peg")
    child.expect("average pain")
    child.sendline("11")  # out of range: asked again
    child.expect("not in the range 0 to 10")
    child.sendline("6")
    child.expect("enjoying life")
    child.sendline("5")
    child.expect("usual activity")
    child.sendline("4")
    child.expect("baseline")
    child.expect(pexpect.EOF)
    assert _readings("peg") == [(5.0, "typed", [6, 5, 4])]


def test_hold_stopwatch_counts_until_enter() -> None:
    child = _spawn("assess", "hold")
    child.expect("lying ready")
    child.sendline("")
    child.expect("Lift - now!")
    child.expect(r"\s2 s")  # the stopwatch is running
    child.sendline("")
    child.expect(r"You held for (\d+) s")
    held = int(child.match.group(1))
    child.expect(pexpect.EOF)
    assert 2 <= held <= 6
    assert _readings("extensor_hold") == [(float(held), "timer", [])]
