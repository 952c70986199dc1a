"""What every data command shares: the database, the local user and service-error mapping.

Commands open one unit of work with :func:`local_session`: services only flush, and the unit
commits once, when the command's block ends without error. A service refusal becomes a
message and an exit code (2 for bad input, 3 for a red flag, 4 when the safety questions are
due again) and rolls the unit back, as does any other failure, so a refused command writes
nothing. Commands never call ``commit`` themselves; the one way to keep work before the end
is :meth:`Local.keep`.
"""

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from limber.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_PROBLEMS,
    EXIT_RED_FLAG,
    EXIT_RESCREEN,
    clearance_command,
    fail,
)
from limber.services.errors import RedFlagStop, RescreenNeeded, TrackError
from limber.services.users import get_or_create_local_user
from limber.settings import load_settings
from limber.store.db import Database

# The shell's convention for a command ended by Ctrl-C.
EXIT_INTERRUPTED = 130


@dataclass
class Local:
    """An open unit of work for the command line's single local user."""

    db: Session
    user_id: int

    def keep(self) -> None:
        """Commit what the command has recorded so far, before it goes on.

        Only for work that must outlive whatever follows: each step of a session the moment
        it ends (a crash, a killed terminal or Ctrl-C then loses at most the step in
        progress), and the answers of a screening that found a red flag, which are the
        record the following refusal rests on. Everything else is committed once, by
        :func:`local_session`, when the command succeeds.
        """
        self.db.commit()


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn a service refusal into the user's message and the matching exit code."""
    try:
        yield
    except RedFlagStop as exc:
        fail(f"{exc.message}\nRecord it with: {clearance_command()}", EXIT_RED_FLAG)
    except RescreenNeeded as exc:
        fail(f"{exc.message}. Run `limber init` to answer them.", EXIT_RESCREEN)
    except TrackError as exc:
        fail(exc.message, EXIT_BAD_INPUT)


@contextmanager
def local_session() -> Iterator[Local]:
    """Open the database in the user's data folder (or ``LIMBER_DATABASE_URL``) as one unit.

    The unit commits when the block ends normally (or by ``typer.Exit(0)``, an early
    success) and rolls back on anything else: a refusal, a non-zero exit, Ctrl-C, a bug.
    Even the local user, created on first use, is not kept by a command that fails.
    """
    settings = load_settings()
    try:
        database = Database(settings)
    except SQLAlchemyError as exc:
        fail(f"cannot open the database ({settings.db_url}): {exc}", EXIT_PROBLEMS)
    early_success: click.exceptions.Exit | None = None
    try:
        # ``Database.session`` commits on a normal exit and rolls back on any exception.
        with database.session() as db:
            try:
                with service_errors():
                    user = get_or_create_local_user(db)
                    yield Local(db=db, user_id=user.id)
            except click.exceptions.Exit as exc:
                if exc.exit_code != 0:
                    raise
                early_success = exc
        if early_success is not None:
            raise early_success
    finally:
        database.dispose()


@contextmanager
def prompts() -> Iterator[None]:
    """Questions asked one by one: running out of input or Ctrl-C ends cleanly, unsaved."""
    try:
        yield
    except EOFError:
        fail("the input ended before every question was answered; nothing was saved")
    except KeyboardInterrupt:
        fail("stopped before every question was answered; nothing was saved", EXIT_INTERRUPTED)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """Parse an ISO date option (``2026-01-31``); a bad one is the user's mistake."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date like 2026-01-31, not {value!r}")


def interactive() -> bool:
    """Whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()
