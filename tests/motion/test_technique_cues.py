"""Corrections in words follow the sign conventions of the pose spec."""

from __future__ import annotations

import pytest

from limber.content.skeleton import View
from limber.motion.technique_cues import cue


@pytest.mark.parametrize(
    ("joint", "error", "target", "view", "trunk", "expected"),
    [
        ("knee_right", 25, 0, "side", 0, "Straighten your right knee"),
        ("knee_left", -30, 90, "side", 0, "Bend your left knee more"),
        ("elbow_left", 20, 5, "side", 0, "Straighten your left arm"),
        ("neck", -20, 0, "side", 0, "Lower your chin"),
        ("neck", 20, 0, "side", 0, "Lift your chin"),
        ("trunk", 20, 0, "side", 0, "Lift your chest: lean forward less"),
        ("trunk", -20, -20, "side", -20, "Lift your chest: lean back less"),
        ("trunk", 12, -20, "side", -20, "Lean back further"),
        ("trunk", -20, 78, "side", 78, "Lower your chest"),
        ("trunk", 15, -78, "side", -78, "Lower your shoulders a little"),
        ("trunk", -15, -78, "side", -78, "Lift your head and shoulders a little"),
        ("shoulder_left", -40, 175, "side", 90, "Raise your left arm higher"),
        ("shoulder_right", 30, -45, "side", 0, "Take your right arm further back"),
        ("trunk", 8, 0, "front", 0, "Lean less to your right"),
        ("trunk", 8, -30, "front", -30, "Lean further to your left"),
        ("trunk", -8, 30, "front", 30, "Lean further to your right"),
        ("rotation", -15, 40, "front", 0, "Turn further to your left"),
        ("rotation", 15, 0, "front", 0, "Turn less to your left"),
        ("hip_left", -20, 60, "front", 0, "Open your left leg further"),
        ("shoulder_right", 20, 90, "front", 0, "Lower your right arm"),
    ],
)
def test_cue_words(
    joint: str, error: float, target: float, view: View, trunk: float, expected: str
) -> None:
    assert cue(joint, error=error, target=target, view=view, trunk=trunk) == expected
