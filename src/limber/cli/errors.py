"""How the CLI reports a user's mistake: a clear message and a chosen exit code, no traceback."""

from typing import NoReturn

import typer
from rich.console import Console

err_console = Console(stderr=True)

# Exit codes: 1 = content problems found, 2 = bad input, 3 = red flag found in screening.
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_RED_FLAG = 3


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print ``message`` for the user on stderr and exit with ``code``."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)
