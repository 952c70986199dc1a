"""``python -m bench [NAME ...]``: run every benchmark module (or the named ones).

Each benchmark is a module in this package listed in :data:`BENCHMARKS` with a
``run() -> int`` function that prints its own report and returns an exit code; adding a
benchmark means adding a module and one line here.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ["jumprope", "safety_property"]


def main(argv: list[str]) -> int:
    names = argv or BENCHMARKS
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    code = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        code = max(code, int(module.run()))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
