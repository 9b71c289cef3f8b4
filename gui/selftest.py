"""``main.py --self-test``: prove that this copy of the app works, end to end, offscreen.

It is what the double-click app is checked with after PyInstaller built it (and left out
the Qt parts the app does not use): the real main window, offscreen, plays the lesson's
first and last scenes in its own timer loop for a few hundred outcomes each, and the
numbers on screen must equal a fresh engine run with the same settings; the interface
switches to Ukrainian and back; the plots are exported as PNG and SVG and the history as
CSV; a session is saved in a temporary folder and opened again to exactly the same state.

Every step prints one line.  The exit code is 0 only if every step worked; otherwise the
failed step is named on stderr (``self-test FAILED: ...``) and the code is 1.  A dialog
that a step would have shown (a warning, an unexpected exception) counts as a failure and
is never shown, so the test cannot hang waiting for a click.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

OUTCOMES = 300  # per scene: a few hundred
LOOP_TIMEOUT_S = 60.0  # for one scene's outcomes in the real timer loop


class SelfTestError(RuntimeError):
    """One step did not work; the message says which and why."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


@contextmanager
def _no_dialogs(problems: list[str]):
    """Warnings and unexpected exceptions are collected instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    def warning(_parent, title, text, *_args, **_kwargs):
        problems.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    def excepthook(kind, error, tb):
        problems.append("".join(traceback.format_exception(kind, error, tb)).strip())

    saved_warning, saved_hook = QMessageBox.warning, sys.excepthook
    QMessageBox.warning = warning
    sys.excepthook = excepthook
    try:
        yield
    finally:
        QMessageBox.warning = saved_warning
        sys.excepthook = saved_hook


def _play(window, app, outcomes: int) -> None:
    """Run the window's own timer loop at full speed until ``outcomes`` outcomes are in."""
    window.set_speed(math.inf)
    window.set_playing(True)
    deadline = time.monotonic() + LOOP_TIMEOUT_S
    while window.sim.step_count < outcomes and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)  # the timer fires every 16 ms; do not spin a core meanwhile
    window.set_playing(False)
    check(
        window.sim.step_count >= outcomes,
        f"the timer loop reached {window.sim.step_count} of {outcomes} outcomes "
        f"in {LOOP_TIMEOUT_S:.0f} s",
    )


def _same_as_engine(window, what: str) -> None:
    """The window's run equals a fresh engine run of the same settings and length."""
    import numpy as np

    from engine.simulation import Simulation

    fresh = Simulation(window.settings)
    fresh.advance(window.sim.step_count)
    a, b = window.sim.snapshot(), fresh.snapshot()
    check(a.step == b.step, f"{what}: step {a.step}, a fresh engine run says {b.step}")
    check(
        np.allclose(a.q, b.q, rtol=0, atol=1e-9) and abs(a.cross_entropy - b.cross_entropy) < 1e-9,
        f"{what}: the belief after {a.step} outcomes differs from a fresh engine run",
    )
    check(math.isfinite(a.cross_entropy), f"{what}: cross-entropy is {a.cross_entropy}")


def _scene(window, app, index: int) -> str:
    scenes = window.scenes
    window.lesson.go(index)
    scene = scenes[index]
    check(window.lesson.index == index, f"the lesson did not move to scene {index + 1}")
    check(
        window.settings.world == scene.settings.world
        and window.settings.learner == scene.settings.learner,
        f"scene {scene.name} did not set up its world and learner",
    )
    frames = window.frames
    _play(window, app, OUTCOMES)
    check(window.frames > frames, f"scene {scene.name}: no frame was drawn")
    _same_as_engine(window, f"scene {scene.name}")
    return f"scene {index + 1} of {len(scenes)} ({scene.name}): {window.sim.step_count} outcomes"


def _language(window) -> str:
    from PySide6.QtCore import QCoreApplication

    from . import i18n

    before = i18n.language()
    window.set_language("uk")
    check(i18n.language() == "uk", "the Ukrainian translation did not load")
    menu = window.menuBar().actions()[0].text()
    check(
        menu == QCoreApplication.translate("MainWindow", "&File") and menu != "&File",
        f"the File menu reads {menu!r} in Ukrainian",
    )
    scene = window.lesson.scene
    if scene is not None:
        check(
            window.lesson.title.text() == scene.text("title", "uk"),
            "the lesson's title is not in Ukrainian",
        )
    window.set_language(before)
    check(i18n.language() == before, f"could not switch back to {before}")
    return f"language: Ukrainian ({menu.replace('&', '')}) and back to {before}"


def _exports(window, folder: Path) -> str:
    written = window.export_plots(str(folder / "plots.png"), "png")
    written += window.export_plots(str(folder / "plots.svg"), "svg")
    check(len(written) == 6, f"{len(written)} of 6 plot files written")
    for name in written:
        check(Path(name).stat().st_size > 0, f"{name} is empty")
    svg = Path(written[-1]).read_text(encoding="utf-8")
    check("<svg" in svg, f"{written[-1]} is not SVG")
    check(window.export_history(str(folder / "history.csv")), "history not exported")
    rows = (folder / "history.csv").read_text(encoding="utf-8").splitlines()
    check(len(rows) == window.sim.step_count + 1, f"history.csv has {len(rows)} rows")
    return "export: plots as PNG and SVG, history as CSV"


def _session(window, folder: Path) -> str:
    path = folder / "session.json"
    before = window.sim.snapshot()
    check(window.save_session(str(path)), "the session was not saved")
    window.reset()
    window.lesson.go(0)  # another run on screen, to be replaced by the saved one
    check(window.open_session(str(path)), "the session was not opened again")
    after = window.sim.snapshot()
    check(
        after.step == before.step and after.q.tobytes() == before.q.tobytes(),
        f"the reopened session is at step {after.step}, not {before.step}, or its belief differs",
    )
    return f"session: saved and reopened at step {after.step}"


def _say(line: str) -> None:
    print(line, flush=True)  # each step as it happens, also through a pipe


def run(out: Callable[[str], None] = _say) -> list[str]:
    """Every step; returns the problems (empty: all passed).  Needs no display."""
    from PySide6.QtWidgets import QApplication

    from . import bundle, i18n
    from .app import configure_app
    from .main_window import MainWindow

    problems: list[str] = []
    steps: list[tuple[str, Callable[[], str]]] = []
    app = configure_app()
    window = None
    language = i18n.language()

    def assets() -> str:
        check(bundle.LESSON_FOLDER.is_dir(), f"no lesson folder at {bundle.LESSON_FOLDER}")
        check(bundle.ICON.is_file(), f"no icon at {bundle.ICON}")
        check(i18n.qm_path("uk").is_file(), f"no Ukrainian translation at {i18n.qm_path('uk')}")
        return f"assets: {bundle.ASSETS}"

    def open_window() -> str:
        nonlocal window
        window = MainWindow(remember=False)  # the teacher's preferences are not touched
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        check(window.isVisible(), "the main window did not open")
        check(not window.lesson_problems, "lesson: " + "; ".join(window.lesson_problems))
        check(len(window.scenes) >= 2, f"the lesson has {len(window.scenes)} scenes")
        window.show_lesson(True)
        return f"window: {QApplication.platformName()}, lesson of {len(window.scenes)} scenes"

    with tempfile.TemporaryDirectory(prefix="cel-self-test-") as tmp:
        folder = Path(tmp)
        steps = [
            ("assets", assets),
            ("window", open_window),
            ("first scene", lambda: _scene(window, app, 0)),
            ("last scene", lambda: _scene(window, app, len(window.scenes) - 1)),
            ("language", lambda: _language(window)),
            ("export", lambda: _exports(window, folder)),
            ("session", lambda: _session(window, folder)),
        ]
        with _no_dialogs(problems):
            for name, step in steps:
                start = time.perf_counter()
                try:
                    line = step()
                    app.processEvents()
                except SelfTestError as exc:
                    problems.append(f"{name}: {exc}")
                except Exception as exc:  # any failure is reported by name, never raised
                    problems.append(f"{name}: {type(exc).__name__}: {exc}")
                if problems:
                    break
                out(f"ok  {line}  ({time.perf_counter() - start:.2f} s)")
            if window is not None:
                window.set_playing(False)
                window.close()
                window.deleteLater()
                app.processEvents()
    if i18n.language() != language:
        i18n.set_language(language)
    return problems


def main() -> int:
    """The command-line entry: offscreen unless a platform is chosen; 0 only if all passed."""
    from . import bundle

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    _say(f"{bundle.APP_NAME} {bundle.VERSION} self-test" + (" (app)" if bundle.frozen() else ""))
    try:
        problems = run()
    except Exception as exc:  # e.g. Qt cannot start: still one clear line
        problems = [f"start: {type(exc).__name__}: {exc}"]
    if problems:
        print("self-test FAILED: " + "\n".join(problems), file=sys.stderr)
        return 1
    print(f"self-test passed in {time.perf_counter() - start:.1f} s")
    return 0
