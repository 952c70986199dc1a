"""The ``limber`` command (Typer); commands call the same services as the web routes."""
