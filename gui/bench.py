"""Window figures for ``main.py bench``: frame time with every view live, and start-up.

Frame: offscreen at 1920 × 1080, loaded die / hunch / annealing at maximum speed, after
100,000 steps of history; one frame = the timer's tick (engine steps and every view updated)
plus the paint Qt then does of what changed, exactly as in the running app.  For comparison,
``frame_full_repaint_median_ms`` forces a repaint of the whole window each frame, the
control panel included, which the running app never needs.  Start-up: a fresh process until the window is painted,
against a bare pyqtgraph window in the same run (medians of several launches each).
``frames`` repeats the frame measurement (after 20,000 steps of history) in every preset
world × belief × learner, in a race of four learners and in presentation mode;
``frame_worst_median_ms`` and ``frame_worst_p95_ms`` are the worst of those.
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
    every = frames_everywhere(window, quick)
    window.close()
    # The app and the bare window launched in turn, so that both meet the same machine (on
    # a shared one, five launches of one and then five of the other measured the load's
    # drift between them as much as the start-up).
    launches = 2 if quick else 5
    app_times, bare_times = [], []
    for _ in range(launches):
        app_times.append(_launch(_APP_STARTUP.format(root=str(ROOT))))
        bare_times.append(_launch(_BARE_STARTUP))
    app_start, bare_start = statistics.median(app_times), statistics.median(bare_times)
    return {
        "frame_median_ms": float(np.median(times)),
        "frame_p95_ms": float(np.percentile(times, 95)),
        "frame_full_repaint_median_ms": float(np.median(full_times)),
        "window_steps_per_frame_at_max": float(steps_per_frame),
        "frames": every,
        "frame_worst_median_ms": max(f["median_ms"] for f in every),
        "frame_worst_p95_ms": max(f["p95_ms"] for f in every),
        "startup_s": app_start,
        "startup_bare_pyqtgraph_s": bare_start,
        "startup_ratio": app_start / bare_start,
    }


FRAME_HISTORY = 20_000  # steps of history before each world's frames are timed


def frames_everywhere(window, quick: bool = False) -> list[dict]:
    """Frame times at maximum speed in every preset world × belief × learner, in a race of
    four learners and in presentation mode: one entry each, with its median and 95th
    percentile (ms) over painted frames, after some history and a few frames' warm-up."""
    import math

    import numpy as np
    from PySide6.QtWidgets import QApplication

    from engine.settings import LEARNERS, Settings
    from engine.simulation import Simulation
    from engine.worlds import PRESETS

    count, warm, history = (12, 3, 2_000) if quick else (40, 5, FRAME_HISTORY)

    def timed(name: str, **extra) -> dict:
        for _ in range(warm):  # the batch size settles, views reach their new ranges
            window.tick()
            QApplication.processEvents()
        times = []
        for _ in range(count):
            start = time.perf_counter()
            window.tick()
            QApplication.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        return {
            "name": name,
            **extra,
            "median_ms": float(np.median(times)),
            "p95_ms": float(np.percentile(times, 95)),
            "steps_per_frame": float(window._max_batch),
        }

    def load(settings: Settings, rivals=()) -> None:
        sim = Simulation(settings)
        sim.advance(history)
        others = []
        for changes in rivals:
            rival = Simulation(settings.replace(**changes))
            rival.advance(history)
            others.append(rival)
        window.load_simulation(sim, math.inf, others)
        QApplication.processEvents()

    results = []
    for world_name, world in PRESETS.items():
        for belief in ("free", "hunch"):
            for learner in LEARNERS:
                settings = Settings(world=world, belief=belief, learner=learner)
                load(settings)
                name = f"{world_name}/{belief}/{learner}"
                results.append(timed(name, world=world_name, belief=belief, learner=learner))
    race = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal")
    load(race, [{"learner": "gd"}, {"learner": "none"}, {"learner": "anneal", "temperature": 1.0}])
    results.append(timed("race of four: loaded-die/hunch/anneal, gd, none, anneal T=1"))
    load(Settings())
    window.set_presenting(True)
    QApplication.processEvents()
    results.append(timed("presentation mode: weather/free/gd"))
    window.set_presenting(False)
    return results


def rss_mb() -> float:
    """This process's resident memory now (Linux /proc), or its peak elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def long_run(steps: int = 1_000_000, settings=None) -> dict[str, float]:
    """``steps`` outcomes through the window's own loop at maximum speed, painted each frame.

    Reports resident memory after the first tenth of the steps and at the end, and the median
    frame time over the first and the last tenth of the frames: a long run must not grow in
    memory or get slower (the history thins itself at 65,536 rows; curves are decimated).
    """
    import math

    import numpy as np
    from PySide6.QtWidgets import QApplication

    from engine.settings import Settings

    from .app import configure_app
    from .main_window import MainWindow

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = configure_app()
    window = MainWindow(settings or Settings(), speed=math.inf, remember=False)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    times: list[float] = []
    rss_early = None
    while window.sim.step_count < steps:
        start = time.perf_counter()
        window.tick()
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        if rss_early is None and window.sim.step_count >= steps // 10:
            rss_early = rss_mb()
    rss_end = rss_mb()
    tenth = max(1, len(times) // 10)
    first, last = float(np.median(times[:tenth])), float(np.median(times[-tenth:]))
    result = {
        "long_run_steps": float(window.sim.step_count),
        "long_run_frames": float(len(times)),
        "long_run_history_rows": float(len(window.sim.history)),
        "long_run_rss_at_10pct_mb": float(rss_early),
        "long_run_rss_end_mb": rss_end,
        "long_run_rss_growth_mb": rss_end - float(rss_early),
        "long_run_frame_first_10pct_median_ms": first,
        "long_run_frame_last_10pct_median_ms": last,
        "long_run_frame_ratio_last_first": last / first,
    }
    window.close()
    return result
