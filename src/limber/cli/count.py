"""``limber count``: count rope jumps in a video file or live from a webcam.

Thin: parse options, call :func:`limber.motion.pipeline.count_video` (or the camera window),
render the result. Progress goes to stderr so ``--json`` output stays machine-readable. What
refuses a video or a camera bout (nobody seen, too short, ...) is decided once, in
:mod:`limber.motion.verdict`: a refused bout has no result, so ``--save`` saves nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from limber.cli.errors import fail
from limber.cli.frame_progress import frame_progress
from limber.motion.results import JumpResult, with_weight


def count(
    video: Annotated[
        Path | None, typer.Argument(help="Video file to count (mp4, mov, avi, ...).")
    ] = None,
    camera: Annotated[
        int | None, typer.Option("--camera", help="Count live from this webcam index.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Write an mp4 with skeleton, count and cadence."),
    ] = None,
    weight: Annotated[
        float | None,
        typer.Option(
            "--weight",
            help="Body weight in kg for calories (default: your profile's weight).",
            min=25,
            max=300,
        ),
    ] = None,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", help="Largest video accepted, MB (default: max_upload_mb)."),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Keep the result in your history (local database).")
    ] = False,
) -> None:
    """Count rope jumps (and steps) from a video or a webcam: count, cadence, style, kcal."""
    from limber.settings import load_settings

    settings = load_settings()
    if (video is None) == (camera is None):
        fail("give either a VIDEO file or --camera INDEX (not both).")
    if camera is not None:
        result = _camera(camera, weight)
        _finish(result, weight, save, None, as_json, None)
        return
    assert video is not None
    if annotate is not None and annotate.suffix.lower() != ".mp4":
        fail(f"--annotate writes an mp4 video; give a path ending in .mp4, not {annotate.name}.")
    if annotate is not None and not annotate.parent.is_dir():
        fail(f"the folder for --annotate does not exist: {annotate.parent}")
    limit = max_mb if max_mb is not None else float(settings.max_upload_mb)
    result = _count_file(video, limit, annotate)
    _finish(result, weight, save, video.name, as_json, annotate)


def _finish(
    result: JumpResult,
    weight: float | None,
    save: bool,
    name: str | None,
    as_json: bool,
    annotate: Path | None,
) -> None:
    """Add calories (given weight or the profile's), save if asked, print."""
    if weight is not None:
        result = with_weight(result, weight)
    if save or weight is None:
        result = _with_profile(result, weight is None, save, name)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _render(result, annotate)


def _count_file(video: Path, limit: float, annotate: Path | None) -> JumpResult:
    from limber.motion.pipeline import count_video
    from limber.motion.verdict import VideoError

    try:
        with frame_progress(f"Counting {video.name}") as on_progress:
            counted = count_video(video, max_mb=limit, annotate=annotate, on_progress=on_progress)
    except VideoError as exc:
        fail(str(exc))
    except OSError as exc:  # the annotated video could not be written
        fail(f"cannot write {annotate}: {exc}")
    return counted.result


def _with_profile(result: JumpResult, use_weight: bool, save: bool, name: str | None) -> JumpResult:
    """Read the profile's weight and/or save the result for the local user.

    ``name`` is the video's file name, or None for the camera. Saving is the jump log's
    service (:mod:`limber.services.jumps`), the same one the web pages use.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from limber.cli.context import local_session
    from limber.services.jumps import body_weight_kg, save_jump_result

    try:
        with local_session() as local:
            weight = body_weight_kg(local.db, user_id=local.user_id) if use_weight else None
            if weight is not None:
                result = with_weight(result, weight)
            if save:
                source = "live" if name is None else "upload"
                save_jump_result(
                    local.db, user_id=local.user_id, result=result, source=source, name=name or ""
                )
    except SQLAlchemyError as exc:
        if save:
            fail(f"the result could not be saved: {exc}", 1)
    return result


def _render(result: JumpResult, annotate: Path | None) -> None:
    out = Console()
    out.print(f"[bold]{result.count}[/] jumps in {result.duration_s:.1f} s", highlight=False)
    if result.style:
        out.print(f"Style: {result.style.replace('_', ' ')}")
    if result.cadence_per_min.mean is not None:
        out.print(
            f"Cadence: {result.cadence_per_min.mean:.0f}/min over {result.active_s:.1f} s "
            f"of jumping; longest streak {result.longest_streak}, misses {result.misses}"
        )
    if result.kcal is not None:
        out.print(f"Energy: about {result.kcal:.1f} kcal ({result.weight_kg:g} kg)")
    for warning in result.warnings:
        out.print(f"[yellow]Note:[/] {warning}", highlight=False)
    if annotate is not None:
        out.print(f"Annotated video: {annotate}")


def _camera(camera: int, weight: float | None) -> JumpResult:
    from limber.motion.camera_window import NoDisplayError, run_camera_window
    from limber.motion.sources import CameraError
    from limber.motion.verdict import VideoError

    try:
        return run_camera_window(camera, weight_kg=weight)
    except (CameraError, NoDisplayError, VideoError) as exc:
        fail(str(exc))
