"""BlazePose from the mediapipe wheel, with its neural networks spread over the CPU cores.

``mediapipe.solutions.pose.Pose`` runs its TFLite models (person detector and landmark model)
on one thread: about 26 ms a frame here, with the second core idle. The same solution class
accepts a graph config, and the graph's inference nodes take an XNNPACK thread count, so we
load the wheel's own pose graph (the same models, ``model_complexity=1``), set that count and
hand it to mediapipe's public ``SolutionBase``: 14-18 ms a frame on two cores. Should a
future wheel rename the nodes, we fall back to the stock class rather than fail.
"""

from __future__ import annotations

import logging
import os
from typing import Any

_log = logging.getLogger(__name__)


def threads_for_inference() -> int:
    """All cores this process may use, at most four (more gains little for a 256 px model)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def make_pose(
    *,
    min_detection_confidence: float = 0.5,
    min_tracking_confidence: float = 0.5,
    threads: int | None = None,
) -> Any:
    """A video-mode, unsmoothed ``mediapipe.solutions.pose.Pose`` using ``threads`` threads.

    Always ``model_complexity=1``: the full model is the one inside the wheel (the others
    would be downloaded, and Limber never downloads). Landmark smoothing is off on purpose:
    it erases the few-pixel bounces of speed stepping.
    """
    import mediapipe as mp  # slow to import and not always needed
    from mediapipe.python.solution_base import SolutionBase

    stock = mp.solutions.pose
    threads = threads or threads_for_inference()
    side_inputs = {
        "model_complexity": 1,
        "smooth_landmarks": False,
        "enable_segmentation": False,
        "smooth_segmentation": False,
        "use_prev_landmarks": True,
    }
    params = {
        "posedetectioncpu__TensorsToDetectionsCalculator.min_score_thresh": (
            min_detection_confidence
        ),
        "poselandmarkbyroicpu__tensorstoposelandmarksandsegmentation__"
        "ThresholdingCalculator.threshold": min_tracking_confidence,
    }
    if threads > 1:
        try:
            config = _threaded_graph(threads)
            pose = stock.Pose.__new__(stock.Pose)
            # Pose.__init__ only forwards these same arguments with the stock graph's path.
            SolutionBase.__init__(
                pose,
                graph_config=config,
                side_inputs=side_inputs,
                calculator_params=params,
                outputs=["pose_landmarks", "pose_world_landmarks", "segmentation_mask"],
            )
            return pose
        except (AttributeError, LookupError, RuntimeError, ValueError) as exc:
            _log.warning("multi-threaded BlazePose unavailable (%s); using one thread", exc)
    return stock.Pose(
        static_image_mode=False,
        model_complexity=1,
        smooth_landmarks=False,
        enable_segmentation=False,
        min_detection_confidence=min_detection_confidence,
        min_tracking_confidence=min_tracking_confidence,
    )


def _threaded_graph(threads: int) -> Any:
    """The wheel's pose graph with every inference node set to ``threads`` XNNPACK threads."""
    from mediapipe.calculators.tensor import inference_calculator_pb2
    from mediapipe.framework import calculator_pb2
    from mediapipe.python import solution_base
    from mediapipe.python.solutions import pose

    root = os.sep.join(os.path.abspath(solution_base.__file__).split(os.sep)[:-3])
    validated = solution_base.validated_graph_config.ValidatedGraphConfig()
    validated.initialize(binary_graph_path=os.path.join(root, pose._BINARYPB_FILE_PATH))
    config = calculator_pb2.CalculatorGraphConfig()
    config.ParseFromString(validated.binary_config)
    ext = inference_calculator_pb2.InferenceCalculatorOptions.ext
    changed = 0
    for node in config.node:
        if node.calculator.startswith("InferenceCalculator"):
            node.options.Extensions[ext].delegate.xnnpack.num_threads = threads
            changed += 1
    if changed == 0:
        raise LookupError("no inference node in the pose graph")
    return config
