"""Each window has its own theme (text scale, compact, presenting): nothing leaks between them.

A presenting window must not make another window's text presentation-sized, and changing one
window's scale must not change another's fonts (gui/style.py keeps no module-level state).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from engine.settings import Settings
from gui import style
from gui.main_window import MainWindow


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def sizes(window: MainWindow) -> dict[str, float]:
    """The point sizes of a few texts of each kind: ticks, legend, readout, line width."""
    return {
        "tick": window.surprise_view.plot.getAxis("bottom").style["tickFont"].pointSizeF(),
        "axis title": window.surprise_view.plot.getAxis("bottom").label.font().pointSizeF(),
        "legend": window.surprise_view.legend_label.font().pointSizeF(),
        "readout": window.readouts.values["kl"].font().pointSizeF(),
        "control": window.controls.play.font().pointSizeF(),
        "pen": window.surprise_view.cross.opts["pen"].widthF(),
    }


@pytest.fixture
def two_windows(qtbot):
    QSettings().clear()
    windows = []
    for _ in range(2):
        w = MainWindow(Settings(seed=3), remember=False)
        qtbot.addWidget(w)
        w.resize(1280, 900)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
    settle()
    yield windows
    for w in windows:
        w.timer.stop()
        w.set_presenting(False)


def test_style_keeps_no_module_level_scale():
    for name in ("SCALE", "COMPACT", "PRESENTING"):
        assert not hasattr(style, name), name
    for name in ("pt", "lw", "small_size", "readout_size", "title_size", "stylesheet"):
        assert not callable(getattr(style, name, None)), name


def test_a_presenting_window_and_a_normal_one_show_different_sizes_at_once(two_windows, qtbot):
    presenting, normal = two_windows
    before = sizes(normal)
    presenting.set_presenting(True)
    presenting.setWindowState(Qt.WindowState.WindowNoState)  # offscreen's screen is 800 × 600
    presenting.setGeometry(0, 0, 1024, 768)
    qtbot.waitUntil(lambda: presenting.size().toTuple() == (1024, 768))
    settle()
    assert presenting.theme.presenting and not normal.theme.presenting
    assert normal.theme.scale == 1.0
    big, small = sizes(presenting), sizes(normal)
    assert small == before  # the other window's text did not change
    # Presenting at 768 lines: the legend takes the base size, at least 2.2 % of the height,
    # and the readouts are full size; the normal window's legend stays small and, its views
    # narrow, its readouts compact.
    assert big["legend"] > small["legend"] and big["readout"] > small["readout"], (big, small)
    for w, got in ((presenting, big), (normal, small)):
        theme = w.theme
        assert got["legend"] == theme.pt(theme.small_size(1))
        assert got["readout"] == theme.pt(theme.readout_size())
        assert got["tick"] == theme.pt(theme.small_size(0))
    assert big["legend"] * presenting.logicalDpiY() / 72 >= style.MIN_TEXT_SHARE * 768 - 1e-9
    # Something redrawn or made anew in the normal window takes the normal size.
    normal.add_rival()
    normal.redraw()
    settle()
    assert sizes(normal) == before
    rival_pen = normal.surprise_view.rival_curves[0].opts["pen"].widthF()
    assert rival_pen == pytest.approx(style.LINE_WIDTH - 1)


def test_changing_one_windows_scale_leaves_the_others_fonts_alone(two_windows):
    first, second = two_windows
    before = sizes(second)
    first.set_scale(1.6)
    assert first.theme.scale == pytest.approx(1.6) and second.theme.scale == 1.0
    assert sizes(second) == before
    assert sizes(first)["readout"] > 1.4 * before["readout"]
    second.set_scale(0.8)
    assert first.theme.scale == pytest.approx(1.6)
    assert sizes(first)["readout"] > 1.9 * sizes(second)["readout"]
