"""Presentation mode at classroom resolutions: nothing clipped, nothing too small, no waste.

The window sizes its text and arranges its views from its own size, which in presentation mode
is the screen's.  In-process tests give the presenting window each classroom size; two
subprocess tests show a real full-screen window on an offscreen screen of that size, one of
them at ``QT_SCALE_FACTOR=2`` (a high-DPI screen).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from engine.settings import Settings
from engine.worlds import PRESETS
from gui import i18n
from gui.legibility import (
    clipped_text,
    empty_band,
    minimum_text_px,
    presentation_problems,
    small_plots,
    small_text,
)
from gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1024, 768), (1280, 800), (1920, 1080)]
MIN_VIEW = (150, 90)  # the smallest data area (view box) a plot may have, in pixels


def present_at(window: MainWindow, qtbot, size: tuple[int, int]) -> None:
    """Presentation mode on a screen of ``size``: the window fills it, text follows its height."""
    window.set_presenting(True)
    window.setWindowState(Qt.WindowState.WindowNoState)  # offscreen's own screen is 800 × 600
    window.setGeometry(0, 0, *size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    qtbot.waitUntil(lambda: window.views.arrangement is not None)
    settle()


def settle() -> None:
    """Let Qt finish the layout it has queued (no waiting on the clock)."""
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def window(qtbot):
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    QSettings().clear()
    w = MainWindow(Settings(seed=3), speed=5.0, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.timer.stop()
    w.set_presenting(False)
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_every_size_and_scene_is_legible_in_presentation_mode(window, qtbot, lang):
    window.set_language(lang)
    for size in SIZES:
        present_at(window, qtbot, size)
        window.show_lesson(False)
        window.change_world(PRESETS["loaded-die"])
        window.change_setting("belief", "hunch")
        window.change_setting("learner", "anneal")
        window.race.advance(30)
        window.redraw()
        settle()
        problems = presentation_problems(window, MIN_VIEW)
        assert not problems, (size, lang, problems)
        assert window.views.arrangement.dropped == (), size  # without the lesson, every view
        window.show_lesson(True)
        for index in range(len(window.scenes)):
            window.lesson.go(index)
            window.race.advance(25)
            window.redraw()
            settle()
            problems = presentation_problems(window, MIN_VIEW)
            assert not problems, (size, lang, index, problems)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_race_of_you_against_the_agents_is_legible_in_presentation_mode(window, qtbot, lang):
    """The class ("You", a belief set by hand) against gradient descent and annealing,
    with the world changing halfway: the strip's verdict and every view fit and are legible."""
    window.set_language(lang)
    window.change_setting("learner", "you")
    window.change_setting("start", (0.4, 0.0))
    window.add_rival(learner="gd", learning_rate=0.05)
    window.add_rival(learner="anneal")
    window.race.advance(200)
    window.change_world_now((0.3, 0.7))
    for size in SIZES:
        present_at(window, qtbot, size)
        window.show_lesson(False)
        window.race.advance(100)
        window.redraw()
        settle()
        strip = window.race_readouts
        assert strip.isVisible() and strip.verdict.isVisible()
        # the strip got the height its wrapped texts need (not squeezed into the old one)
        assert strip.height() >= strip.heightForWidth(strip.width()), (size, lang)
        problems = presentation_problems(window, MIN_VIEW)
        assert not problems, (size, lang, problems)


def test_text_follows_the_screen_height(window, qtbot):
    sizes = {}
    for size in SIZES:
        present_at(window, qtbot, size)
        tick = window.surprise_view.plot.getAxis("bottom").style["tickFont"]
        legend = window.surprise_view.legend_label.font()
        readout = window.readouts.values["kl"].font()
        px = {
            "tick": tick.pointSizeF() * window.logicalDpiY() / 72,
            "legend": legend.pointSizeF() * window.logicalDpiY() / 72,
            "readout": readout.pointSizeF() * window.logicalDpiY() / 72,
        }
        rule = minimum_text_px(size[1])
        assert px["tick"] >= rule and px["legend"] >= rule, (size, px, rule)
        assert px["readout"] >= 1.6 * rule, (size, px)  # readouts larger still
        assert not small_text(window, rule)
        sizes[size] = px
    assert sizes[(1920, 1080)]["tick"] >= 24
    assert sizes[(1024, 768)]["tick"] >= 17
    assert sizes[(1920, 1080)]["tick"] > sizes[(1024, 768)]["tick"]


def test_the_views_fill_the_screen_with_the_controls_folded_away(window, qtbot):
    present_at(window, qtbot, (1024, 768))
    assert not window.side.isVisible()  # no empty column where the controls were
    assert window.views.width() >= 1020
    assert not empty_band(window)
    # Ctrl+B brings the controls back whole beside the views, not clipped.
    window.show_controls(True)
    qtbot.waitUntil(lambda: window.side.isVisible())
    panel = window.controls_scroll
    assert panel.width() >= panel.widget().minimumSizeHint().width()
    assert not panel.horizontalScrollBar().isVisible()
    assert not empty_band(window)
    assert not small_plots(window, MIN_VIEW)


def test_lesson_goes_below_the_views_on_a_tall_screen(window, qtbot):
    window.show_lesson(True)
    present_at(window, qtbot, (800, 1000))
    assert window.splitter.orientation() == Qt.Orientation.Vertical
    assert window.splitter.indexOf(window.views) == 0
    assert not clipped_text(window)


def test_a_status_line_shows_what_the_teacher_changes(window, qtbot):
    present_at(window, qtbot, (1280, 800))
    window.change_setting("learner", "gd")
    assert window.status_line.isVisible()
    assert "Paused" in window.status_line.text()
    before = window.settings.learning_rate
    for _ in range(3):
        window.shortcut_actions["lr_up"].trigger()
    assert window.settings.learning_rate == pytest.approx(before * 8)
    assert f"learning rate {window.settings.learning_rate:g}" in window.status_line.text()
    window.shortcut_actions["play"].trigger()
    assert "Playing" in window.status_line.text()
    window.change_setting("learner", "anneal")
    window.shortcut_actions["t_up"].trigger()
    assert "temperature" in window.status_line.text()
    assert "learning rate" not in window.status_line.text()
    window.set_presenting(False)
    assert not window.status_line.isVisible()


def test_the_gap_label_says_what_the_readout_says_every_frame(window, qtbot):
    window.set_speed(float("inf"))
    window.set_playing(True)
    for _ in range(5):
        with qtbot.waitSignal(window.frameDrawn, timeout=5000):
            pass
        readout = window.readouts.values["kl"].text()
        assert window.surprise_view.gap_label.text().endswith(readout), readout
    window.set_playing(False)


def test_the_floor_is_drawn_over_the_cross_entropy_and_no_stray_buttons(window):
    view = window.surprise_view
    assert view.floor.zValue() > view.cross.zValue()
    for panel in (window.belief_view, window.surprise_view, window.landscape_view):
        assert not panel.plot.getPlotItem().autoBtn.isVisible()


def test_time_axis_at_step_zero_shows_whole_outcomes(window, qtbot):
    window.reset()
    low, high = window.surprise_view.plot.getViewBox().viewRange()[0]
    assert (low, high) == pytest.approx((0, 10), abs=0.01)


def test_temperature_readout_keeps_one_format():
    from gui.panels import temperature_text

    shown = [temperature_text(t) for t in (0.2, 0.1106, 0.002607, 10.0, 0.0)]
    assert shown == ["0.200", "0.111", "0.00261", "10.0", "0"]


def test_unreachable_region_is_hatched_and_the_heat_map_has_a_colour_bar(window, qtbot):
    window.change_setting("world", _custom(3))
    view = window.landscape_view
    assert view.landscape is not None and len(view.landscape.grid) == 2
    assert view.unreachable.isVisible()
    legend = re.sub("<[^>]+>", "", view.legend_label.text()).replace("&nbsp;", " ")
    assert "not reachable by this belief" in legend
    assert view.colour_bar.isVisible()
    assert "H(p,q)" in view.colour_bar.getAxis("right").labelText
    image = view.image.image
    assert not (image[~(image == image)] == image.max()).any()  # NaN stays NaN, not "high"


def _custom(k: int):
    from engine.worlds import custom_world

    return custom_world([1 / k] * k)


def test_wheel_over_an_unfocused_control_scrolls_instead_of_changing_it(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    seed = window.controls.seed
    before = seed.value()
    window.setFocus()
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(seed.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(seed, event)
    assert seed.value() == before
    assert window.settings.seed == 3
    seed.setFocus()
    qtbot.waitUntil(seed.hasFocus)
    QApplication.sendEvent(seed, event)
    assert seed.value() != before  # clicked into: the wheel is for it


SCREEN_SCRIPT = """
import json, sys
from gui.app import configure_app
app = configure_app()
from engine.settings import Settings
from gui.main_window import MainWindow
from gui.legibility import presentation_problems
scale = float(sys.argv[1])
w = MainWindow(Settings(), remember=False)
w.show(); w.show_lesson(True); w.set_presenting(True)
out = {}
for i in (0, len(w.scenes) - 1):
    w.lesson.go(i); w.race.advance(30); w.redraw()
    for _ in range(5):
        app.processEvents()
    out[i] = presentation_problems(w, (150 / scale, 90 / scale))
print(json.dumps({"size": [w.width(), w.height()], "problems": out, "full": w.isFullScreen()}))
"""


def _run_screen(width: int, height: int, scale: str | None, tmp_path: Path) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "s",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run(
        [sys.executable, "-c", SCREEN_SCRIPT, scale or "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_real_full_screen_on_a_1024_by_768_projector(tmp_path):
    result = _run_screen(1024, 768, None, tmp_path)
    assert result["full"] and result["size"] == [1024, 768]
    assert result["problems"] and all(p == [] for p in result["problems"].values())


def test_high_dpi_screen_at_scale_factor_two(tmp_path):
    result = _run_screen(1920, 1080, "2", tmp_path)
    assert result["size"] == [960, 540]  # logical pixels; the rule scales with them
    assert result["problems"] and all(p == [] for p in result["problems"].values())


def test_every_label_has_contrast_of_at_least_4_5_to_1(window, qtbot):
    from gui.legibility import low_contrast

    present_at(window, qtbot, (1280, 800))
    window.change_world(PRESETS["loaded-die"])
    window.change_setting("belief", "hunch")
    window.race.advance(10)
    window.redraw()
    window.show_lesson(True)
    window.lesson.go(len(window.scenes) - 1)
    window.lesson.reveal.setChecked(True)
    settle()
    assert not low_contrast(window)


def test_contrast_ratio_matches_wcag():
    from PySide6.QtGui import QColor

    from gui.legibility import contrast_ratio

    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#E69F00"), QColor("#FFFFFF")) < 4.5  # orange text would fail


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_each_scene_shows_what_it_talks_about_and_little_else(window, qtbot, size):
    from gui.main_window import VIEW_NAMES

    present_at(window, qtbot, size)
    window.show_lesson(True)
    panels = {
        "belief": window.belief_view,
        "surprise": window.surprise_view,
        "landscape": window.landscape_view,
    }
    for index, scene in enumerate(window.scenes):
        window.lesson.go(index)
        window.race.advance(5)
        window.redraw()
        settle()
        named = {VIEW_NAMES[name] for name in scene.show if name in VIEW_NAMES}
        dropped = set(window.views.arrangement.dropped)
        for name, panel in panels.items():
            if name not in named:
                assert not panel.isVisible(), (index, name)
            elif size == (1920, 1080):
                assert panel.isVisible(), (index, name)  # a full-HD screen has room for all
            else:
                assert panel.isVisible() or name in dropped, (index, name)
        if "landscape" in named:
            assert window.landscape_view.isVisible(), index  # never dropped where it matters
        shown = {k for k in window.readouts.KEYS if window.readouts.values[k].isVisible()}
        wanted = {k for k in scene.show if k in window.readouts.KEYS}
        if window.settings.learner != "anneal":
            wanted -= {"temperature", "acceptance"}
        assert shown == wanted, (index, shown, wanted)
        # The units the scene's text quotes are the units on screen.
        text = " ".join(scene.text(f, "en") for f in ("caption", "question", "answer"))
        unit = window.settings.units
        other = "nats" if unit == "bits" else "bits"
        if "entropy" in shown:
            assert window.readouts.values["entropy"].text().endswith(unit), index
        assert f" {other}" not in text or f" {unit}" in text, (index, unit)


def test_legend_marks_match_what_is_drawn():
    from gui.panels import LINE_GLYPHS, legend_entry

    assert LINE_GLYPHS["dot"] in legend_entry("#000", "average", "dot")  # a dotted line...
    assert "●" in legend_entry("#000", "the agent", "disc")  # ...is not the agent's disc
    assert "●" not in legend_entry("#000", "average", "dot")


def test_before_the_first_outcome_the_caption_names_keys_that_work_in_presentation(window, qtbot):
    """Presentation mode hides the Play and Step buttons: the caption names the keys."""
    window.reset()
    window.redraw()
    assert "Play" in window.belief_view.caption.text()
    present_at(window, qtbot, SIZES[0])
    window.redraw()
    assert "Space" in window.belief_view.caption.text()
    window.set_presenting(False)
    window.redraw()
    assert "Play" in window.belief_view.caption.text()
