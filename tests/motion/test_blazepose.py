"""BlazePose on every core: the wheel's own graph and models, only the thread count changed."""

from __future__ import annotations

import logging

import cv2
import numpy as np
import pytest

from limber.motion.blazepose import _threaded_graph, make_pose, threads_for_inference
from limber.motion.keypoints import Keypoints
from tests.motion.conftest import jumprope_data


def test_every_inference_node_gets_the_thread_count() -> None:
    from mediapipe.calculators.tensor import inference_calculator_pb2

    config = _threaded_graph(3)
    ext = inference_calculator_pb2.InferenceCalculatorOptions.ext
    nodes = [n for n in config.node if n.calculator.startswith("InferenceCalculator")]
    assert len(nodes) == 2  # the person detector and the landmark model
    assert all(n.options.Extensions[ext].delegate.xnnpack.num_threads == 3 for n in nodes)


def test_thread_count_follows_the_cores_we_may_use() -> None:
    assert 1 <= threads_for_inference() <= 4


@pytest.mark.video
def test_threaded_model_finds_the_same_landmarks_as_the_stock_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cap = cv2.VideoCapture(str(jumprope_data() / "labeled" / "double_under" / "2.mp4"))
    frames = []
    for _ in range(20):
        ok, image = cap.read()
        assert ok
        frames.append(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    cap.release()
    found = []
    with caplog.at_level(logging.WARNING, logger="limber.motion.blazepose"):
        for threads in (1, 2):
            pose = make_pose(threads=threads)
            try:
                result = None
                for rgb in frames:
                    result = pose.process(rgb)
                assert result is not None and result.pose_landmarks is not None
                found.append(Keypoints.from_mediapipe(result.pose_landmarks, 640, 360))
            finally:
                pose.close()
    assert not caplog.records, "the threaded graph fell back to the stock one"
    assert np.abs(found[0].xy - found[1].xy).max() < 2.0  # pixels
