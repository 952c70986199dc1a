"""Folding per-frame verdicts into the report: shares, holds, reps and top corrections."""

from __future__ import annotations

import json

import numpy as np
import pytest

from limber.motion.technique import TechniqueChecker
from limber.motion.technique_report import TechniqueTally
from tests.motion.test_technique import FPS, exercise, keypoints, pose


def test_report_of_a_partly_bent_forward_bend() -> None:
    ex = exercise("standing-forward-bend")
    start, fold = ex.pose.poses
    bent = pose(ex, 1, knee_left=40, knee_right=40)
    arched = pose(ex, 1, trunk=60, hip_left=90, hip_right=90)
    checker = TechniqueChecker(ex)
    tally = TechniqueTally(checker, FPS)
    rng = np.random.default_rng(1)
    plan = [(start, 1.0), (fold, 3.0), (bent, 1.0), (arched, 0.5), (None, 0.5), (start, 1.0)]
    t = 0.0
    for p, seconds in plan:
        for _ in range(round(seconds * FPS)):
            kp = None if p is None else keypoints(p, "side", rng=rng)
            tally.add(checker.update(kp, t))
            t += 1 / FPS
    report = tally.report()
    assert report.duration_s == pytest.approx(7.0, abs=0.05)
    assert report.seen_s == pytest.approx(6.5, abs=0.05)
    standing, folded = report.poses
    assert standing.good_share is None and standing.seconds == pytest.approx(2.0, abs=0.1)
    assert folded.seconds == pytest.approx(4.5, abs=0.1)
    assert folded.good_share == pytest.approx(3.0 / 4.5, abs=0.03)
    assert report.longest_hold_s == pytest.approx(3.0, abs=0.1)
    assert report.hold_target_s == 30
    assert report.reps == 1
    assert [c for c, _ in report.corrections] == ["Straighten your left knee", "Lower your chest"]
    assert report.corrections[0][1] == pytest.approx(30, abs=1)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["poses"][1]["good_share"] == pytest.approx(0.667, abs=0.03)
    assert data["hold"] == {
        "pose": fold.name,
        "target_s": 30,
        "longest_s": pytest.approx(3.0, abs=0.1),
    }


def test_a_single_pose_exercise_reports_no_reps() -> None:
    ex = exercise("wall-sit")
    checker = TechniqueChecker(ex)
    tally = TechniqueTally(checker, FPS)
    for i in range(30):
        tally.add(checker.update(keypoints(ex.pose.poses[0], "side"), i / FPS))
    report = tally.report()
    assert report.reps is None
    assert report.poses[0].good_share == 1.0
    assert report.corrections == ()


def test_a_key_pose_never_reached_has_no_share() -> None:
    ex = exercise("glute-bridge")
    checker = TechniqueChecker(ex)
    tally = TechniqueTally(checker, FPS)
    for i in range(30):
        tally.add(checker.update(keypoints(ex.pose.poses[0], "side"), i / FPS))
    lying, lifted = tally.report().poses
    assert lying.seconds == pytest.approx(1.0) and lifted.seconds == 0.0
    assert lying.good_share is None and lifted.good_share is None and lifted.checked
    assert tally.report().to_dict()["poses"][1]["good_share"] is None
