"""One million steps through the window's own loop: memory stays bounded.

The figures (memory growth, frame time over the first and last tenth) are printed here and
reported by ``uv run main.py bench --long``; the test asserts only what must hold on any
machine: the history stays at its capacity and memory does not grow with the run.
"""

from __future__ import annotations

import pytest

from engine.history import DEFAULT_CAPACITY
from gui.bench import long_run

MAX_GROWTH_MB = 40.0  # the history is preallocated; growth beyond noise means a leak


@pytest.mark.slow
def test_a_million_steps_in_the_window_loop_keep_memory_bounded(qtbot):
    figures = long_run(1_000_000)
    print(figures)
    assert figures["long_run_steps"] >= 1_000_000
    assert figures["long_run_history_rows"] <= DEFAULT_CAPACITY
    assert figures["long_run_frames"] > 100  # it went through the loop, frame by frame
    assert figures["long_run_rss_growth_mb"] < MAX_GROWTH_MB, figures
