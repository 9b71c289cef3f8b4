"""The README's screenshots, made again by one command: ``uv run python -m gui.screenshots``.

Each picture is the real window in presentation mode on an offscreen screen of the given size
(no display needed), at a lesson scene, after a fixed number of outcomes, so the pictures are
the same on every machine that has the same fonts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

# (file, width, height, language, scene number (1-based; 0: a race of You against the
# agents, the world changing at outcome 300), outcomes drawn, presenting)
SHOTS = (
    ("race_you.png", 1280, 800, "en", 0, 600, True),
    ("presentation_1024x768_scene7_en.png", 1024, 768, "en", 7, 300, True),
    ("presentation_1920x1080_scene7_en.png", 1920, 1080, "en", 7, 300, True),
    ("presentation_1024x768_scene6_uk.png", 1024, 768, "uk", 6, 300, True),
    ("presentation_1920x1080_scene6_uk.png", 1920, 1080, "uk", 6, 300, True),
    ("screenshot.png", 1920, 1080, "en", 7, 300, False),  # the window as it opens, with the lesson
)

_ONE = """
import sys
from gui.app import configure_app
app = configure_app()
from gui import i18n
from gui.main_window import MainWindow
from engine.settings import Settings
out, lang, scene, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
presenting = sys.argv[5] == "1"
i18n.set_language(lang)
w = MainWindow(Settings(), remember=False)
w.setGeometry(app.primaryScreen().availableGeometry())
w.show()
if scene:
    w.show_lesson(True)
    w.set_presenting(presenting)
    w.lesson.go(scene - 1)
    w.race.advance(steps)
else:  # the class guesses rain 60 % against gradient descent; the world changes at 300
    w.set_presenting(presenting)
    w.change_setting("learner", "you")
    w.change_setting("start", (0.405465, 0.0))
    w.add_rival(learner="gd", learning_rate=0.05)
    w.race.advance(300)
    w.change_world_now((0.3, 0.7))
    w.race.advance(steps - 300)
w.redraw()
for _ in range(20):
    app.processEvents()
if not w.grab().save(out, "PNG"):
    sys.exit(f"cannot write {out}")
"""


# A drag in progress: the mouse held on rain's bar of q, dragged from 0.5 towards p = 0.8.
DRAG_SHOT = ("drag.png", 1280, 800)

_DRAG = """
import sys
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from gui.app import configure_app
app = configure_app()
from gui import i18n
from gui.main_window import MainWindow
from engine.settings import Settings
from engine.worlds import PRESETS
out = sys.argv[1]
i18n.set_language("en")
w = MainWindow(Settings(world=PRESETS["weather"], belief="free", learner="gd", seed=4),
               remember=False)
w.setGeometry(app.primaryScreen().availableGeometry())
w.show()
for _ in range(20):
    app.processEvents()
for _ in range(40):
    w.step_once()
view = w.belief_view
box = view.plot.getViewBox()
def at(x, y):
    return view.plot.mapFromScene(box.mapViewToScene(QPointF(x, y)))
q = float(w.sim.snapshot().q[0])
viewport = view.plot.viewport()
QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(0.2, q))
for y in (0.6, 0.7, 0.76):
    QTest.mouseMove(viewport, at(0.2, y))  # held: not released
for _ in range(20):
    app.processEvents()
if not w.grab().save(out, "PNG"):
    sys.exit(f"cannot write {out}")
"""


def take_drag(name: str, width: int, height: int) -> Path:
    """The drag in progress (see DRAG_SHOT), on a screen of ``width`` × ``height``."""
    return _run(name, width, height, [sys.executable, "-c", _DRAG, str(ASSETS / name)])


def _run(name: str, width: int, height: int, command: list[str]) -> Path:
    out = ASSETS / name
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
        config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
        env["XDG_CONFIG_HOME"] = tmp  # never the user's own preferences
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    return out


def take(
    name: str, width: int, height: int, lang: str, scene: int, steps: int, presenting: bool
) -> Path:
    """One screenshot, made in a process of its own with a screen of ``width`` × ``height``."""
    out = ASSETS / name
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
        config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
        env["XDG_CONFIG_HOME"] = tmp  # never the user's own preferences
        subprocess.run(
            [sys.executable, "-c", _ONE, str(out), lang, str(scene), str(steps), "01"[presenting]],
            cwd=ROOT,
            env=env,
            check=True,
        )
    return out


def main() -> int:
    for shot in SHOTS:
        print(take(*shot).relative_to(ROOT))
    print(take_drag(*DRAG_SHOT).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
