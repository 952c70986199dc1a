"""The ``limber`` command: one Typer app assembled from one module per domain."""

import typer

from limber.cli.adverse import adverse_app
from limber.cli.checkin import checkin
from limber.cli.clearance_cmd import clearance_app, status
from limber.cli.count import count
from limber.cli.exercises import content_app, exercises_app
from limber.cli.history_cmd import history
from limber.cli.onboarding import init
from limber.cli.programme import plan, today
from limber.cli.progress_io import register as register_progress
from limber.cli.safety_cmd import safety_app
from limber.cli.serve import serve
from limber.cli.session_cmd import session_app
from limber.cli.technique import check_technique

app = typer.Typer(
    help="Limber: stretch, skip, breathe. A coach for people with back pain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command("init")(init)
app.command("plan")(plan)
app.command("today")(today)
app.add_typer(session_app, name="session")
app.command("checkin")(checkin)
app.add_typer(adverse_app, name="adverse")
app.add_typer(clearance_app, name="clearance")
app.command("status")(status)
app.command("history")(history)
app.add_typer(exercises_app, name="exercises")
app.add_typer(content_app, name="content")
app.add_typer(safety_app, name="safety")
app.command("serve")(serve)
register_progress(app)
app.command("count")(count)
app.command("form")(check_technique)


def run() -> None:
    """Console-script entry point."""
    app()
