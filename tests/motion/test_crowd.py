"""Joining sampled "several people" observations into stretches."""

from limber.motion.crowd import CrowdWatch


def test_stretches_bridge_missed_faces_and_ignore_single_samples() -> None:
    watch = CrowdWatch(interval_s=0.5)
    people = [1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1]
    watch.samples = [(0.5 * i, n) for i, n in enumerate(people)]
    stretches = watch.stretches()
    watch.close()
    assert [(s.start_s, s.end_s) for s in stretches] == [(0.25, 2.75)]
