"""The ``limber`` command: one Typer app assembled from one module per domain."""

import typer

from limber.cli.count import count
from limber.cli.exercises import content_app, exercises_app
from limber.cli.serve import serve

app = typer.Typer(
    help="Limber: stretch, skip, breathe. A coach for people with back pain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(exercises_app, name="exercises")
app.add_typer(content_app, name="content")
app.command("serve")(serve)
app.command("count")(count)


def run() -> None:
    """Console-script entry point."""
    app()
