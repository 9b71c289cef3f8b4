"""Window figures for ``main.py bench``: frame time with every view live, and start-up.

Frame: offscreen at 1920 × 1080, loaded die / hunch / annealing at maximum speed, after
100,000 steps of history; one frame = the timer's tick (engine steps and every view updated)
plus the paint Qt then does of what changed, exactly as in the running app.  For comparison,
``frame_full_repaint_median_ms`` forces a repaint of the whole window each frame, the
control panel included, which the running app never needs.  Start-up: a fresh process until the window is painted,
against a bare pyqtgraph window in the same run (medians of several launches each).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_APP_STARTUP = """
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from gui.app import main_window_for_bench
app, w = main_window_for_bench()
w.show(); w.repaint(); app.processEvents()
print(time.perf_counter() - t0)
"""

_BARE_STARTUP = """
import time
t0 = time.perf_counter()
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication
app = QApplication([])
w = pg.PlotWidget(); w.plot([0, 1], [0, 1]); w.resize(1920, 1080)
w.show(); w.repaint(); app.processEvents()
print(time.perf_counter() - t0)
"""


def _launch(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def window_bench(quick: bool = False) -> dict[str, float]:
    import math

    import numpy as np
    from PySide6.QtWidgets import QApplication

    from engine.settings import Settings
    from engine.worlds import PRESETS

    from .app import configure_app
    from .main_window import MainWindow

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the figures are defined offscreen
    app = configure_app()
    settings = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal")
    window = MainWindow(settings, speed=math.inf)
    window.resize(1920, 1080)
    window.show()
    window.sim.advance(100_000)
    window._rebuild_views()
    app.processEvents()

    def frames(count: int, full: bool) -> list[float]:
        times = []
        for _ in range(count):
            start = time.perf_counter()
            window.tick()
            if full:
                window.repaint()
            QApplication.processEvents()  # Qt paints what the tick changed
            times.append((time.perf_counter() - start) * 1000)
        return times[5:]

    count = 60 if quick else 300
    times = frames(count, full=False)
    full_times = frames(count, full=True)
    steps_per_frame = window._max_batch
    window.close()
    launches = 2 if quick else 5
    app_start = statistics.median(
        _launch(_APP_STARTUP.format(root=str(ROOT))) for _ in range(launches)
    )
    bare_start = statistics.median(_launch(_BARE_STARTUP) for _ in range(launches))
    return {
        "frame_median_ms": float(np.median(times)),
        "frame_p95_ms": float(np.percentile(times, 95)),
        "frame_full_repaint_median_ms": float(np.median(full_times)),
        "window_steps_per_frame_at_max": float(steps_per_frame),
        "startup_s": app_start,
        "startup_bare_pyqtgraph_s": bare_start,
        "startup_ratio": app_start / bare_start,
    }
