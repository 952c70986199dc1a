"""A refused command writes nothing: every row of every table is the same after it as before.

One table of cases: each command that can refuse, the data it meets, the input that makes it
refuse and the exit code it must end with (2 bad input, 3 red flag, 4 safety questions due).
Services only flush and ``local_session`` commits once, on success; these tests are what
keeps it so. ``test_the_check_catches_a_commit_before_a_refusal`` shows they would notice a
service committing before it refuses.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.settings import load_settings
from limber.store import all_models  # every table on the metadata
from limber.store.base import Base
from limber.store.db import Database
from tests.cli.helpers import limber, onboard

pytestmark = pytest.mark.db

TODAY = dt.date.today()
LATER = (TODAY + dt.timedelta(days=29)).isoformat()
SCORES = ["--pain-during", "2", "--pain-after", "2", "--effort", "5"]
MILD = ["--type", "pain", "--onset", "within_24h", "--duration", "under_24h"]
MILD += ["--severity", "mild", "--not-serious", "--relatedness", "possible", "--action", "Rest"]
CLEARANCE = ["clearance", "add", "--kind", "red_flag", "--name", "Dr Ana Ruiz", "--role", "GP"]
CLEARANCE += ["--date", TODAY.isoformat(), "--said", "No nerve signs; exercise may go on."]

Rows = dict[str, list[tuple[Any, ...]]]


def table_rows(db: Session) -> Rows:
    """Every row of every table, in primary-key order: what "nothing was written" compares."""
    return {
        table.name: [
            tuple(row) for row in db.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in Base.metadata.sorted_tables
    }


def snapshot() -> Rows:
    """The rows of the current LIMBER_HOME's database (created and migrated if missing)."""
    database = Database(load_settings())
    try:
        with database.session() as db:
            return table_rows(db)
    finally:
        database.dispose()


# --- set-ups: the data a command meets ------------------------------------------------------


def nothing(tmp_path: Path) -> None:
    """A new home: not even the local user exists, so a refusal must not create it."""


def onboarded(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0


def red_flag(tmp_path: Path) -> None:
    """Stopped by a red flag that waits for a clinician (breathing is still offered)."""
    assert onboard(tmp_path, red_flags__night_rest_pain=True).exit_code == 3


def emergency(tmp_path: Path) -> None:
    """Stopped by an emergency sign: nothing is offered, not even breathing."""
    assert onboard(tmp_path, red_flags__saddle_numbness=True).exit_code == 3


def played(tmp_path: Path) -> None:
    """Onboarded, and today's session done (session 1), not yet checked in."""
    onboarded(tmp_path)
    assert limber("session", "start", "--speed", "1000").exit_code == 0


def checked_in(tmp_path: Path) -> None:
    played(tmp_path)
    assert limber("checkin", "--session", "1", *SCORES).exit_code == 0


def backed_up(tmp_path: Path) -> None:
    """Onboarded, with a backup of it in tmp_path/backup.json."""
    onboarded(tmp_path)
    assert limber("backup", "-o", str(tmp_path / "backup.json")).exit_code == 0


def _bad_answers(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("red_flags: {third_leg: false}\n", encoding="utf-8")


def _init_cut_short() -> str:
    from tests.cli.test_init import _interactive_input

    return "\n".join(_interactive_input().splitlines()[:5]) + "\n"


@dataclass(frozen=True)
class Case:
    """A command, the data it meets, the input that makes it refuse, the exit code."""

    name: str
    setup: Callable[[Path], None]
    args: list[str]
    code: int
    input: str | None = None
    # Modules whose ``interactive()`` is made to say "a person is at a terminal".
    terminal: tuple[str, ...] = field(default=())


# ``{tmp}`` in args is the test's tmp_path.
CASES = [
    # init
    Case("init: answers file with problems", nothing, ["init", "--answers", "{tmp}/bad.yaml"], 2),
    Case("init: no answers file", onboarded, ["init", "--answers", "{tmp}/missing.yaml"], 2),
    Case("init: input ends half-way", nothing, ["init"], 2, input=_init_cut_short()),
    # plan, today
    Case("plan: no profile yet", nothing, ["plan"], 2),
    Case("plan: bad --start", onboarded, ["plan", "--start", "someday"], 2),
    Case("plan: bad --weeks", onboarded, ["plan", "--weeks", "0"], 2),
    Case("plan: red flag", red_flag, ["plan", "--weeks", "4"], 3),
    Case("today: no profile yet", nothing, ["today"], 2),
    Case("today: emergency sign", emergency, ["today"], 3),
    Case("today: safety questions due", onboarded, ["today", "--date", LATER], 4),
    # session
    Case("session start: no programme", nothing, ["session", "start", "--speed", "1000"], 2),
    Case("session start: bad --date", onboarded, ["session", "start", "--date", "tomorrow"], 2),
    Case("session start: emergency sign", emergency, ["session", "start", "--speed", "1000"], 3),
    Case(
        "session start: safety questions due",
        onboarded,
        ["session", "start", "--speed", "1000", "--date", LATER],
        4,
    ),
    # checkin
    Case("checkin: no session yet", nothing, ["checkin", *SCORES], 2),
    Case("checkin: unknown session", played, ["checkin", "--session", "999", *SCORES], 2),
    Case(
        "checkin: pain out of range",
        played,
        ["checkin", "--session", "1", "--pain-during", "11", "--pain-after", "2", "--effort", "5"],
        2,
    ),
    Case(
        "checkin: unknown symptom",
        played,
        ["checkin", "--session", "1", *SCORES, "--symptom", "headache"],
        2,
    ),
    Case("checkin: missing scores", played, ["checkin", "--session", "1", "--pain-during", "2"], 2),
    Case("checkin: next day, nothing waiting", nothing, ["checkin", "--next-day", "worse"], 2),
    Case(
        "checkin: next day before the check-in",
        played,
        ["checkin", "--session", "1", "--next-day", "worse"],
        2,
    ),
    Case("checkin: second check-in", checked_in, ["checkin", "--session", "1", *SCORES], 2),
    Case(
        "checkin: scores asked, input ends",
        played,
        ["checkin", "--session", "1"],
        2,
        input="3\n",
        terminal=("limber.cli.checkin",),
    ),
    Case(
        "checkin: morning pain out of range",
        checked_in,
        ["checkin", "--session", "1", "--next-day", "same", "--morning-pain", "11"],
        2,
    ),
    # adverse
    Case(
        "adverse report: unknown session",
        nothing,
        ["adverse", "report", *MILD, "--session", "99"],
        2,
    ),
    Case(
        "adverse report: unknown type", played, ["adverse", "report", *MILD, "--type", "bruise"], 2
    ),
    Case(
        "adverse report: input ends",
        played,
        ["adverse", "report"],
        2,
        input="pain\nduring_session\n",
        terminal=("limber.cli.adverse",),
    ),
    # clearance
    Case("clearance add: no red flag to clear", nothing, CLEARANCE, 2),
    Case("clearance add: unknown kind", red_flag, [*CLEARANCE, "--kind", "chiropractor"], 2),
    Case("clearance add: nothing said", red_flag, [*CLEARANCE, "--said", ""], 2),
    Case("clearance add: date in the future", red_flag, [*CLEARANCE, "--date", LATER], 2),
    # assess
    Case("assess pain: out of range", onboarded, ["assess", "pain", "11"], 2),
    Case("assess peg: too few answers", nothing, ["assess", "peg", "--answers", "1,2"], 2),
    Case("assess who5: off a terminal", nothing, ["assess", "who5"], 2),
    Case("assess jumps: unknown result", nothing, ["assess", "jumps", "--result", "9"], 2),
    Case("assess due: bad --today", onboarded, ["assess", "due", "--today", "soon"], 2),
    # progress, report, export, backup, restore, demo, count
    Case(
        "progress: charts folder is a file", nothing, ["progress", "--charts", "{tmp}/bad.yaml"], 2
    ),
    Case("report: folder missing", onboarded, ["report", "--pdf", "{tmp}/no/report.pdf"], 2),
    Case("export ics: no plan", nothing, ["export", "ics", "-o", "{tmp}/plan.ics"], 2),
    Case("export fhir: folder missing", onboarded, ["export", "fhir", "-o", "{tmp}/no/f.json"], 2),
    Case(
        "export csv: a file, not a folder", onboarded, ["export", "csv", "-o", "{tmp}/bad.yaml"], 2
    ),
    Case("backup: file exists", backed_up, ["backup", "-o", "{tmp}/backup.json"], 2),
    Case("restore: not a backup", onboarded, ["restore", "{tmp}/bad.yaml"], 2),
    Case("restore: data exists", backed_up, ["restore", "{tmp}/backup.json"], 2),
    Case("demo: history exists", played, ["demo", "--weeks", "2"], 2),
    Case("demo: bad --weeks", nothing, ["demo", "--weeks", "0"], 2),
    Case("count: no such video", onboarded, ["count", "{tmp}/none.mp4", "--save"], 2),
]


def _run(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Rows, Rows]:
    """Set up, snapshot, run the refused command, snapshot again."""
    _bad_answers(tmp_path)
    case.setup(tmp_path)
    for module in case.terminal:
        monkeypatch.setattr(f"{module}.interactive", lambda: True)
    before = snapshot()
    result = limber(*(a.replace("{tmp}", str(tmp_path)) for a in case.args), input=case.input)
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output
    return before, snapshot()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_refused_command_writes_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, after = _run(case, tmp_path, monkeypatch)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"{case.name}: rows changed in {changed}"


def test_the_check_catches_a_commit_before_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were a service to commit before a refusal, the local user it made would stay: seen."""
    import limber.cli.context as context
    from limber.services.users import get_or_create_local_user

    def leaky(db: Session) -> Any:
        user = get_or_create_local_user(db)
        db.commit()
        return user

    monkeypatch.setattr(context, "get_or_create_local_user", leaky)
    case = next(c for c in CASES if c.name == "plan: no profile yet")
    before, after = _run(case, tmp_path, monkeypatch)
    assert before["users"] == [] and len(after["users"]) == 1


def test_a_red_flag_stop_keeps_the_answers_it_rests_on(tmp_path: Path) -> None:
    """The one non-zero exit that writes on purpose: init's answers that found a red flag
    (and the profile given with them) are kept, so every later command knows to stop."""
    onboarded(tmp_path)
    before = snapshot()
    assert onboard(tmp_path, red_flags__night_rest_pain=True).exit_code == 3
    after = snapshot()
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"screenings", "profiles"}
    assert len(after["screenings"]) == len(before["screenings"]) + 1
    assert after["programmes"] == before["programmes"]


def test_only_the_units_of_work_commit() -> None:
    """Services and commands never commit: the unit of work does (``Database.session``, used
    by ``local_session`` and the web's ``get_db``), and ``Local.keep`` where work must outlive
    the rest of a command."""
    src = Path(all_models.__file__).parents[1]
    committing = sorted(
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if ".commit()" in path.read_text(encoding="utf-8")
    )
    assert committing == ["cli/context.py", "store/db.py"]
