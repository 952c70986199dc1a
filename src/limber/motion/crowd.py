"""Is more than one person in view? A cheap, sampled check with MediaPipe's face detector.

BlazePose follows one person only, so it cannot say that someone else stepped in. Twice a
second we run the full-range face detector that ships in the mediapipe wheel (about 4 ms on
a 640 px frame) and note how many faces of comparable size it sees. Faces of spectators far
behind are much smaller and are ignored; faces turned away or masked are missed, so this can
only ever add a warning, never invent one from nothing. Stretches with several people are
reported and their jumps are not counted: we cannot know whose jumps they were. It is a
consumer of the vision loop (:mod:`limber.motion.driver`), so files, the desktop camera and
the browser's stream all get it; :mod:`limber.motion.verdict` turns its stretches into
warnings.
"""

from __future__ import annotations

from typing import Any

import cv2

from limber.motion.keypoints import Keypoints
from limber.motion.sources import Frame
from limber.motion.verdict import Stretch

# A second face at least this share of the largest face's height is another person nearby.
COMPARABLE = 0.5


class CrowdWatch:
    """Feed every frame with ``update``; read the stretches with several people at the end."""

    def __init__(self, interval_s: float = 0.5, max_side: int = 640) -> None:
        import mediapipe as mp

        self._detector: Any = mp.solutions.face_detection.FaceDetection(
            model_selection=1, min_detection_confidence=0.6
        )
        self.interval_s = interval_s
        self.max_side = max_side
        self._next_t = 0.0
        self.samples: list[tuple[float, int]] = []

    def close(self) -> None:
        self._detector.close()

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None:
        """Sample the faces in ``frame`` if the last sample is ``interval_s`` old."""
        image, t = frame.image, frame.t
        if t < self._next_t:
            return
        self._next_t = t + self.interval_s
        height, width = image.shape[:2]
        factor = min(1.0, self.max_side / max(height, width))
        if factor < 1.0:
            image = cv2.resize(image, (round(width * factor), round(height * factor)))
        result = self._detector.process(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
        faces = _distinct_faces(result.detections or [], aspect=image.shape[1] / image.shape[0])
        sizes = [size for _, _, size in faces]
        people = sum(s >= COMPARABLE * max(sizes) for s in sizes) if sizes else 0
        self.samples.append((t, people))

    def stretches(self, min_samples: int = 2, bridge: int = 3) -> list[Stretch]:
        """Stretches with two or more people in ``min_samples`` samples or more.

        Faces are missed now and then (turned away, blurred), so runs separated by up to
        ``bridge`` samples without a second face are joined into one stretch.
        """
        crowded = [t for t, people in self.samples if people >= 2]
        out: list[Stretch] = []
        half = self.interval_s / 2
        run: list[float] = []
        for t in [*crowded, float("inf")]:
            if run and t - run[-1] <= (bridge + 1) * self.interval_s + 1e-6:
                run.append(t)
                continue
            if len(run) >= min_samples:
                out.append(Stretch(max(0.0, run[0] - half), run[-1] + half))
            run = [t]
        return out


def _distinct_faces(detections: list[Any], aspect: float) -> list[tuple[float, float, float]]:
    """(x, y, height) of each face, in frame heights, dropping duplicate boxes of one face.

    The detector sometimes returns two overlapping boxes for one face; a box whose centre lies
    within one face height of a stronger box is the same face.
    """
    ranked = sorted(detections, key=lambda d: -float(d.score[0]) if d.score else 0.0)
    kept: list[tuple[float, float, float]] = []
    for d in ranked:
        box = d.location_data.relative_bounding_box
        x = (box.xmin + box.width / 2) * aspect
        y = box.ymin + box.height / 2
        if all(
            abs(x - kx) > max(box.height, kh) or abs(y - ky) > max(box.height, kh)
            for kx, ky, kh in kept
        ):
            kept.append((x, y, box.height))
    return kept
