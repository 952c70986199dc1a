"""Accuracy measures shared by benchmarks: count error and event F1 with one-to-one matching."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True)
class EventScore:
    true_positives: int
    precision: float
    recall: float
    f1: float


def event_f1(predicted: Sequence[float], labels: Sequence[float], tol_s: float = 0.1) -> EventScore:
    """Match predicted to labeled event times one-to-one within ``tol_s`` (max matching).

    The assignment minimises total time error among pairs closer than the tolerance, so one
    prediction never counts for two labels.
    """
    if not predicted or not labels:
        return EventScore(0, 0.0, 0.0, 0.0)
    p = np.asarray(predicted, dtype=float)
    g = np.asarray(labels, dtype=float)
    dist = np.abs(p[:, None] - g[None, :])
    big = 1e6
    cost = np.where(dist <= tol_s, dist, big)
    rows, cols = linear_sum_assignment(cost)
    tp = int(np.sum(cost[rows, cols] < big))
    precision = tp / len(p)
    recall = tp / len(g)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return EventScore(tp, precision, recall, f1)
