"""The safety property on many more people than ``make test`` checks (issue 11 acceptance).

Draws ``LIMBER_BENCH_SAFETY_PROFILES`` people (default 50,000) with the hypothesis
strategies of ``tests/safety/strategies.py``, runs each through every chooser (two-week plan,
harder/easier links, rope ladder, "this hurts" swaps, progression after green check-ins;
``tests/safety/checking.py``) and judges every offer with the independent oracle
(``tests/safety/oracle.py``). Prints the counts, the violations (target: 0) and the time,
and writes ``test-artifacts/safety-property-bench.json``.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tests.safety.checking import check_people, draw_people

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PROFILES = 50_000


def run() -> int:
    count = int(os.environ.get("LIMBER_BENCH_SAFETY_PROFILES", str(DEFAULT_PROFILES)))
    began = time.perf_counter()
    people = draw_people(count)
    drawn = time.perf_counter()
    tally = check_people(people, weeks=2, checkins=2)
    done = time.perf_counter()
    summary = tally.summary()
    summary |= {"draw_seconds": round(drawn - began, 1), "check_seconds": round(done - drawn, 1)}
    out = REPO / "test-artifacts" / "safety-property-bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    offers = sum(tally.offers.values())
    print(
        f"safety property: {tally.profiles} profiles, {offers} offers checked, "
        f"{len(tally.violations)} violations; drawn in {drawn - began:.0f} s, checked in "
        f"{done - drawn:.0f} s ({tally.cpu_seconds / max(1, tally.profiles) * 1000:.0f} ms CPU "
        f"per profile); details in {out}"
    )
    for key, n in tally.by_reason.most_common(20):
        print(f"  {n} x {key}")
    return 1 if tally.violations else 0
