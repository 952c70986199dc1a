"""A progress bar on stderr for commands that run a video through the vision loop.

``limber count`` and ``limber form`` both report frames done of frames total while the pose
model works; stderr, so that ``--json`` output on stdout stays machine-readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from limber.cli.errors import err_console
from limber.motion.driver import Progress as OnProgress


@contextmanager
def frame_progress(description: str) -> Iterator[OnProgress]:
    """Show a transient bar while the block runs; yields the ``on_progress`` callback."""
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} frames"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(description, total=None)

        def on_progress(done: int, total: int) -> None:
            if done % 10 == 0 or done == total:
                progress.update(task, completed=done, total=total or None)

        yield on_progress
