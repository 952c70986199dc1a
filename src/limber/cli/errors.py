"""How the CLI reports a user's mistake: a clear message and a chosen exit code, no traceback."""

from typing import NoReturn

import typer
from rich.console import Console

err_console = Console(stderr=True)

# Exit codes: 1 = content problems found, 2 = bad input, 3 = red flag found in screening
# (or one still waiting for a clinician's clearance), 4 = the safety questions are due again.
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_RED_FLAG = 3
EXIT_RESCREEN = 4


def clearance_command(kind: str = "red_flag") -> str:
    """The command that records a clinician's clearance, for messages that need one."""
    return (
        f'limber clearance add --kind {kind} --name "Dr Ana Ruiz" --role GP '
        '--date YYYY-MM-DD --said "what they said"'
    )


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print ``message`` for the user on stderr and exit with ``code``."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)
