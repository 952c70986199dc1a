"""``limber form``: check the technique (form) and holds of one exercise in a video.

Thin: look the exercise up, call :func:`limber.motion.technique_report.check_video`, render
the report. Progress goes to stderr so ``--json`` output stays machine-readable. The module
says "technique" because "form" also means an HTML form; the command keeps its name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from limber.cli.errors import fail
from limber.cli.frame_progress import frame_progress
from limber.motion.technique_report import TechniqueReport


def check_technique(
    video: Annotated[
        Path,
        typer.Argument(
            help="Video of the exercise, filmed from its figure's view (side or front)."
        ),
    ],
    exercise_id: Annotated[
        str, typer.Option("--exercise", "-e", help="Exercise id, e.g. standing-forward-bend.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", help="Largest video accepted, MB (default: max_upload_mb)."),
    ] = None,
) -> None:
    """Check your form against the exercise's key poses: good-form share, holds, reps, cues."""
    from limber.content.loader import default_library
    from limber.settings import load_settings

    library = default_library()
    exercise = library.get(exercise_id)
    if exercise is None:
        close = [e.id for e in library if exercise_id in e.id or e.id in exercise_id][:3]
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        fail(f"no exercise with id {exercise_id!r}.{hint} See `limber exercises list`.")
    if not any(pose.check for pose in exercise.pose.poses):
        fail(
            f"{exercise.name} ({exercise.id}) has no joints for the camera to check "
            "in its pose spec, so its form cannot be judged."
        )
    limit = max_mb if max_mb is not None else float(load_settings().max_upload_mb)
    report = _check(video, exercise_id, limit)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        _render(report)


def _check(video: Path, exercise_id: str, limit: float) -> TechniqueReport:
    from limber.content.loader import default_library
    from limber.motion.technique_report import check_video
    from limber.motion.verdict import VideoError

    exercise = default_library()[exercise_id]
    try:
        with frame_progress(f"Checking {video.name}") as on_progress:
            return check_video(video, exercise, max_mb=limit, on_progress=on_progress)
    except VideoError as exc:
        fail(str(exc))


def _render(report: TechniqueReport) -> None:
    out = Console()
    out.print(
        f"[bold]{report.exercise}[/] ({report.view} view): person seen "
        f"{report.seen_s:.1f} of {report.duration_s:.1f} s",
        highlight=False,
    )
    for pose in report.poses:
        if not pose.checked:
            out.print(f"  {pose.name}: {pose.seconds:.1f} s (not checked)", highlight=False)
            continue
        if pose.good_share is None:
            out.print(f"  {pose.name}: not reached", highlight=False)
            continue
        out.print(
            f"  {pose.name}: {pose.seconds:.1f} s, good form {pose.good_share:.0%} of it, "
            f"longest hold {pose.longest_hold_s:.1f} s",
            highlight=False,
        )
    if report.hold_target_s is not None and report.hold_pose is not None:
        out.print(
            f"Longest hold of {report.hold_pose!r}: {report.longest_hold_s:.1f} s "
            f"(aim: {report.hold_target_s:g} s)",
            highlight=False,
        )
    if report.reps is not None:
        out.print(f"Repetitions: {report.reps}", highlight=False)
    if report.corrections:
        out.print("Most frequent corrections:")
        for text, frames in report.corrections:
            out.print(f"  - {text} ({frames} frames)", highlight=False)
    else:
        out.print("No corrections.")
