"""``limber report``, ``limber export ...``, ``limber backup``, ``limber restore``, ``limber demo``.

Everything that takes data out of Limber (or puts a backup back) from the command line.
Restore opens the database itself instead of through the local-user session: that session
creates the local user, and an empty home must stay empty until the backup is in.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from limber.cli.context import local_session
from limber.cli.errors import EXIT_PROBLEMS, fail
from limber.report.backup import BackupError, read_backup, restore, write_backup
from limber.settings import load_settings
from limber.store.db import Database

export_app = typer.Typer(help="Export your data: FHIR, CSV or a calendar.", no_args_is_help=True)
console = Console()


def _writable(path: Path, *, directory: bool = False) -> None:
    """Fail early, with the path in the message, if the output cannot be written."""
    parent = path if directory else path.parent
    if path.exists() and path.is_dir() != directory:
        fail(f"{path} is {'not ' if directory else ''}a folder")
    if not parent.exists():
        fail(f"the folder {parent} does not exist")


def report(
    pdf: Annotated[Path, typer.Option("--pdf", help="Write the clinician report (PDF) here.")],
) -> None:
    """Write a 2-4 page progress report for your physiotherapist or doctor."""
    from limber.report.pdf import write_report

    _writable(pdf)
    with local_session() as local:
        try:
            size = write_report(local.db, pdf, user_id=local.user_id)
        except OSError as exc:
            fail(f"cannot write {pdf}: {exc.strerror}")
    console.print(f"Report written to {pdf} ({size // 1024} KB)")


@export_app.command("fhir")
def export_fhir(
    output: Annotated[Path, typer.Option("-o", "--output", help="The .json file to write.")],
) -> None:
    """A FHIR R4 Bundle: you as a Patient and every assessment as an Observation."""
    from limber.report.fhir import fhir_bundle

    _writable(output)
    with local_session() as local:
        bundle = fhir_bundle(local.db, user_id=local.user_id)
    output.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    count = len(bundle["entry"]) - 1
    console.print(f"FHIR bundle with {count} observations written to {output}")


@export_app.command("csv")
def export_csv(
    output: Annotated[Path, typer.Option("-o", "--output", help="The folder to write into.")],
    everyone: Annotated[
        bool, typer.Option(help="Every account's rows, not just the command line's user.")
    ] = False,
) -> None:
    """One CSV file per table with your rows (password hashes left out)."""
    from limber.report.csv_export import write_csv

    if output.exists() and not output.is_dir():
        fail(f"{output} is a file; give a folder")
    if not output.parent.exists():
        fail(f"the folder {output.parent} does not exist")
    with local_session() as local:
        paths = write_csv(local.db, output, user_id=None if everyone else local.user_id)
    console.print(f"{len(paths)} CSV files written to {output}")


@export_app.command("ics")
def export_ics(
    output: Annotated[Path, typer.Option("-o", "--output", help="The .ics file to write.")],
) -> None:
    """Your planned sessions as calendar events (all-day), for any calendar app."""
    from limber.report.ics import NoPlan, calendar_ics

    _writable(output)
    with local_session() as local:
        try:
            data = calendar_ics(local.db, user_id=local.user_id)
        except NoPlan as exc:
            fail(str(exc))
    output.write_bytes(data)
    console.print(f"Calendar with {data.count(b'BEGIN:VEVENT')} sessions written to {output}")


def backup(
    output: Annotated[Path, typer.Option("-o", "--output", help="The backup file to write.")],
    force: Annotated[bool, typer.Option(help="Overwrite the file if it exists.")] = False,
) -> None:
    """Save everything (all users, plans, sessions, check-ins, assessments) to one JSON file."""
    _writable(output)
    if output.exists() and not force:
        fail(f"{output} already exists; choose another name or add --force to overwrite it")
    database = _open()
    try:
        with database.session() as db:
            summary = write_backup(db, output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    finally:
        database.dispose()
    console.print(f"Backup of {summary.total} rows written to {output}")


def restore_cmd(
    file: Annotated[Path, typer.Argument(help="A backup written by `limber backup`.")],
    force: Annotated[bool, typer.Option(help="Replace the data Limber holds now.")] = False,
) -> None:
    """Restore a backup, in one step: on any problem nothing is changed."""
    try:
        document = read_backup(file)
    except BackupError as exc:
        fail(str(exc))
    database = _open()
    try:
        with database.session() as db:
            summary = restore(db, document, force=force)
    except BackupError as exc:
        fail(str(exc))
    finally:
        database.dispose()
    console.print(f"Restored {summary.total} rows from {file}")


def _open() -> Database:
    settings = load_settings()
    try:
        return Database(settings)
    except SQLAlchemyError as exc:
        fail(f"cannot open the database ({settings.db_url}): {exc}", EXIT_PROBLEMS)


def demo(
    weeks: Annotated[int, typer.Option(help="How many weeks of history (1-26).")] = 6,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same history.")
    ] = 1,
) -> None:
    """Fill your profile with a realistic demo history (sessions, check-ins, assessments)."""
    from limber.services.demo import fill_demo

    if not 1 <= weeks <= 26:
        fail(f"--weeks must be between 1 and 26, not {weeks}")
    with local_session() as local:
        result = fill_demo(local.db, weeks=weeks, seed=seed, today=dt.date.today())
    console.print(
        f"Demo history from {result.start:%d %b %Y}: {result.sessions} sessions "
        f"({result.missed} missed, {result.stopped} stopped early), {result.checkins} check-ins "
        f"with {result.flare_ups} flare-ups, {result.assessments} assessments, "
        f"{result.jump_results} jump-counter results. "
        "See `limber progress`."
    )


def register(app: typer.Typer) -> None:
    """Add the progress commands to the ``limber`` app (called once from cli/main.py)."""
    from limber.cli.progress import assess_app, progress

    app.add_typer(assess_app, name="assess")
    app.command("progress")(progress)
    app.command("report")(report)
    app.add_typer(export_app, name="export")
    app.command("backup")(backup)
    app.command("restore")(restore_cmd)
    app.command("demo")(demo)
