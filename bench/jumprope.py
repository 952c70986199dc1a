"""Jump counting on the shared rope videos: accuracy against the labels, and speed.

Data: ``<repo>/../shared/data/jumprope`` (or ``LIMBER_JUMPROPE_DATA``, see ``bench/data.py``)
with ``labeled/labels.json`` and videos under ``labeled/`` and ``unlabeled/``. For every labeled
video: label, count, error, event F1 (landing times, +-0.1 s, one-to-one); then totals
(normalised MAE = mean |error| / label, share within +-1) and, for every video, frames per
second and real-time factor (video seconds / wall seconds) of the whole pipeline (decode, pose,
flow, people check, counter), the pose stage's and the counter's own time per frame.
Unlabeled videos are smoke tests.

Targets (from the issue): each video within +-2, normalised MAE <= 0.03, event F1 >= 0.9,
pipeline >= 2x real time, counter < 1 ms per frame.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import data
from bench.metrics import event_f1
from limber.motion.pipeline import VideoCount, count_video
from limber.motion.verdict import VideoError

MAX_MB = 500.0


def _load() -> tuple[Path, dict[str, dict]]:  # type: ignore[type-arg]
    if not data.have_videos():
        raise FileNotFoundError(data.missing_message())
    return data.jumprope_data(), data.labels()


def _speed(counted: VideoCount) -> tuple[str, str, str, str]:
    frames = max(1, counted.frames)
    return (
        f"{counted.fps:.0f}",
        f"{counted.realtime_factor:.2f}x",
        f"{1000 * counted.pose_s / frames:.1f}",
        f"{1000 * counted.counter_s / frames:.3f}",
    )


def run() -> int:
    console = Console(width=None if Console().is_terminal else 130)
    try:
        root, labels = _load()
    except FileNotFoundError as exc:
        console.print(f"[red]jumprope: {exc}[/]")
        return 1
    load_before = os.getloadavg()
    # Importing mediapipe takes over a second, once per process (the CLI and the server pay
    # it once too): it is timed on its own rather than charged to whichever video is first.
    imported = time.perf_counter()
    import mediapipe  # noqa: F401

    import_s = time.perf_counter() - imported
    console.print(
        f"[bold]Jump rope counting[/]  data: {root}  cores: {os.cpu_count()}  "
        f"load average before: {load_before[0]:.2f}  "
        f"mediapipe import: {import_s:.1f} s (once, not in the times below)"
    )
    table = Table(
        "video",
        "style",
        "label",
        "count",
        "error",
        "F1",
        "fps",
        "real time",
        "pose ms/frame",
        "counter ms/frame",
    )
    errors: list[float] = []
    within_1 = 0
    f1s: list[float] = []
    seconds = wall = 0.0
    frames = 0
    counter_s = pose_s = 0.0
    started = time.perf_counter()
    for key, item in labels.items():
        path = root / "labeled" / item["video"]
        try:
            counted = count_video(path, max_mb=MAX_MB)
        except VideoError as exc:
            console.print(f"[red]{key}: {exc}[/]")
            return 1
        result = counted.result
        label = int(item["count"])
        err = result.count - label
        score = event_f1(result.events_s, item["event_times_s"])
        errors.append(abs(err) / label)
        within_1 += abs(err) <= 1
        f1s.append(score.f1)
        seconds += counted.duration_s
        wall += counted.wall_s
        frames += counted.frames
        counter_s += counted.counter_s
        pose_s += counted.pose_s
        table.add_row(
            key,
            f"{result.style}",
            str(label),
            str(result.count),
            f"{err:+d}",
            f"{score.f1:.3f}",
            *_speed(counted),
        )
    for path in sorted((root / "unlabeled").glob("*.mp4")):
        try:
            counted = count_video(path, max_mb=MAX_MB)
        except VideoError as exc:
            table.add_row(path.name, "-", "-", f"[red]{exc}[/]", "", "", "", "", "", "")
            continue
        seconds += counted.duration_s
        wall += counted.wall_s
        frames += counted.frames
        counter_s += counted.counter_s
        pose_s += counted.pose_s
        table.add_row(
            f"unlabeled/{path.stem}",
            f"{counted.result.style}",
            "-",
            str(counted.result.count),
            "",
            "",
            *_speed(counted),
        )
    console.print(table)
    n = len(errors)
    nmae = sum(errors) / n if n else float("nan")
    mean_f1 = sum(f1s) / n if n else float("nan")
    console.print(
        f"labeled videos: {n}   normalised MAE: {nmae:.4f} (target <= 0.03)   "
        f"within +-1: {within_1}/{n}   mean event F1: {mean_f1:.3f} (target >= 0.9)"
    )
    console.print(
        f"all videos: {frames} frames, {seconds:.1f} s of video in {wall:.1f} s: "
        f"{frames / wall:.0f} frames/s, {seconds / wall:.2f}x real time (target >= 2x); "
        f"pose {1000 * pose_s / max(1, frames):.1f} ms/frame; "
        f"counter {1000 * counter_s / max(1, frames):.3f} ms/frame (target < 1 ms)"
    )
    load_after = os.getloadavg()[0]
    elapsed = time.perf_counter() - started
    console.print(f"load average after: {load_after:.2f} (1 min); benchmark took {elapsed:.0f} s")
    return 0
