"""Start-up time: from launch until the main window is open (offscreen), median of N runs.

    uv run python packaging/startup.py                    # uv run main.py against the app
    uv run python packaging/startup.py --runs 7

It launches ``--self-test`` and stops it at its "window" line, which is printed once the
real main window is built and shown; so the figure is Python, Qt, the imports and the
window, not the test that follows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "cross-entropy-lab" / "cross-entropy-lab"


def seconds_to_window(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    with subprocess.Popen(
        [*command, "--self-test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("ok  window:"):
                elapsed = time.perf_counter() - start
                process.kill()
                return elapsed
        raise RuntimeError(f"{command[0]} ended without opening the window")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    commands = {"uv run main.py": ["uv", "run", "main.py"]}
    if APP.exists():
        commands["the app (dist/)"] = [str(APP)]
    for name, command in commands.items():
        times = [seconds_to_window(command) for _ in range(args.runs)]
        print(
            f"{name:18s} median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
