"""What keeps a frame cheap at full speed, checked by what it does (not by timing it)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from engine.settings import Settings
from engine.simulation import Simulation
from engine.worlds import PRESETS
from gui import runner as runner_module
from gui.main_window import MainWindow


class _Count(QObject):
    def __init__(self, kind):
        super().__init__()
        self.kind, self.count = kind, 0

    def eventFilter(self, obj, event):
        if event.type() == self.kind:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot):
    w = MainWindow(Settings(), speed=5.0, remember=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_readouts_and_captions_change_without_laying_out_their_views(window, qtbot):
    window.step_once()
    QApplication.processEvents()
    watched = [window.readouts, window.belief_view, window.surprise_view]
    counters = []
    for widget in watched:
        counter = _Count(QEvent.Type.LayoutRequest)
        widget.installEventFilter(counter)
        counters.append(counter)
    before = {k: v.text() for k, v in window.readouts.values.items()}
    caption = window.belief_view.caption.text()
    for _ in range(20):
        window.step_once()
    QApplication.processEvents()
    changed = [k for k, v in window.readouts.values.items() if v.text() != before[k]]
    assert "step" in changed and "kl" in changed  # the texts did change ...
    assert window.belief_view.caption.text() != caption or window.sim.step_count == 21
    assert [c.count for c in counters] == [0, 0, 0]  # ... and no view was laid out again
    for widget, counter in zip(watched, counters, strict=True):
        widget.removeEventFilter(counter)


def test_a_readout_box_gives_its_label_the_whole_room(window):
    for key, box in window.readouts.boxes.items():
        label = window.readouts.values[key]
        assert label.parent() is box
        if box.isVisible():
            assert label.geometry() == box.rect()
            assert label.isVisible()
    box = window.belief_view.caption_box
    assert window.belief_view.caption.height() == box.height() > 0


class _FakeRace:
    """A race whose advance costs ``fixed + per_step * n`` seconds on a fake clock."""

    def __init__(self, clock, fixed, per_step):
        self.clock, self.fixed, self.per_step = clock, fixed, per_step
        self.sizes = []

    def advance(self, n):
        self.sizes.append(n)
        self.clock[0] += self.fixed + self.per_step * n


def test_the_batch_at_full_speed_fits_a_fixed_cost_and_a_cost_per_outcome(monkeypatch):
    """A race of four costs about 2 ms a frame for one outcome and little more for twenty:
    the batch must not stick at one outcome a frame, nor outgrow what the costs allow."""
    clock = [0.0]
    monkeypatch.setattr(runner_module.time, "perf_counter", lambda: clock[0])
    budget = runner_module.MAX_SPEED_BUDGET_S
    runner = runner_module.Runner(Simulation(Settings()), speed=math.inf)
    fake = _FakeRace(clock, 3 * budget, 10 * budget)  # each outcome dearer than the budget
    runner.race = fake
    runner.publish = lambda: None

    def settle(frames=300):
        for _ in range(frames):
            runner.tick()
        return float(np.mean(fake.sizes[-64:]))

    assert settle() < 1.2  # one outcome a frame (and now and then two, to learn the costs)
    # The fixed cost over the budget, outcomes cheap: a tenth of the fixed cost for them.
    fake.per_step = budget / 5000
    assert settle() == pytest.approx(0.1 * 3 * budget / fake.per_step, rel=0.15)
    # The fixed cost under the budget: what the budget leaves after it.
    fake.fixed, fake.per_step = 0.8 * budget, budget / 1000
    assert settle() == pytest.approx(0.2 * budget / fake.per_step, rel=0.15)


def test_markers_stamp_their_symbol_at_every_point_and_nowhere_else(qtbot):
    import pyqtgraph as pg
    from PySide6.QtGui import QColor

    from gui.fastdraw import Marker, Markers
    from tests.test_fastdraw import bare_plot

    widget = bare_plot(qtbot, 500, 400)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(0, 10, padding=0)
    marks = Markers(symbol="s", brush="#ff0000")
    widget.addItem(marks)
    marks.setData([2.0, 5.0, 8.0, np.nan], [2.0, 7.0, 4.0, 1.0], size=14, pen=pg.mkPen("k"))
    x, y = marks.getData()
    assert list(x) == [2.0, 5.0, 8.0] and list(y) == [2.0, 7.0, 4.0]  # (NaN left out)
    widget.show()
    qtbot.waitExposed(widget)
    view = widget.getViewBox()

    def red_near(px, py):
        image = widget.grab().toImage()
        at = view.mapViewToDevice(pg.Point(px, py))
        return any(
            QColor(image.pixel(int(at.x()) + dx, int(at.y()) + dy)).red() > 200
            and QColor(image.pixel(int(at.x()) + dx, int(at.y()) + dy)).green() < 60
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )

    assert all(red_near(px, py) for px, py in zip(x, y, strict=True))
    assert not red_near(5.0, 2.0) and not red_near(2.0, 7.0)
    rect = marks.boundingRect()  # the points and the symbol's half-width around them
    assert rect.left() < 2.0 and rect.right() > 8.0 and rect.top() < 2.0 and rect.bottom() > 7.0
    # the same pixels as one Marker item per point (the stamp is the Marker's drawing)
    marks.setData([5.0], [5.0])
    QApplication.processEvents()
    stamped = widget.grab().toImage()
    marks.setData([], [])
    single = Marker(symbol="s", brush="#ff0000", size=14)
    single.setPen(pg.mkPen("k"))
    widget.addItem(single)
    single.setData([5.0], [5.0])
    QApplication.processEvents()
    drawn = widget.grab().toImage()
    centre = view.mapViewToDevice(pg.Point(5.0, 5.0))

    def kind(image, dx, dy):  # fill, outline, background or an antialiased edge between
        c = QColor(image.pixel(int(centre.x()) + dx, int(centre.y()) + dy))
        if c.red() > 220 and c.green() < 40:
            return "fill"
        if max(c.red(), c.green(), c.blue()) < 60:
            return "outline"
        return "white" if min(c.red(), c.green(), c.blue()) > 220 else "edge"

    window = [(dx, dy) for dx in range(-10, 11) for dy in range(-10, 11)]
    pairs = [(kind(stamped, dx, dy), kind(drawn, dx, dy)) for dx, dy in window]
    assert sum(a == "fill" for a, _ in pairs) > 40  # (the square is there)
    clash = sum(a != b and "edge" not in (a, b) for a, b in pairs)
    assert clash <= 0.1 * len(pairs)  # the same square, give or take a pixel at its edges


def test_the_landscape_shows_rejected_proposals_as_markers(qtbot):
    w = MainWindow(
        Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", temperature=1.0),
        speed=5.0,
        remember=False,
    )
    qtbot.addWidget(w)
    w.show()
    w.sim.advance(300)
    w.redraw()
    xs, ys = w.landscape_view.rejected.getData()
    frame = w.runner.frame().lead
    assert len(xs) == frame.rejected.shape[1] > 0
    assert np.allclose(xs, frame.rejected[0]) and np.allclose(ys, frame.rejected[1])


def test_bars_bounds_follow_their_heights_and_the_view(qtbot):
    import pyqtgraph as pg

    from gui.fastdraw import Bars

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    bars = Bars(x=[0, 1], height=[0.5, 0.25], width=0.4, pen=pg.mkPen("k", width=4))
    widget.addItem(bars)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    first = bars.boundingRect()
    assert first.top() < 0 and first.bottom() > 0.5  # the bars and the pen's padding
    bars.setOpts(x=[0, 1], height=[0.9, 0.25], width=0.4)
    assert bars.boundingRect().bottom() > 0.9
    plain = pg.BarGraphItem(x=[0, 1], height=[0.9, 0.25], width=0.4, pen=pg.mkPen("k", width=4))
    widget.addItem(plain)
    widget.setYRange(0, 20, padding=0)  # a new scale: the pen's padding in data units changes
    QApplication.processEvents()
    assert bars.boundingRect() == plain.boundingRect()


def test_at_full_speed_the_time_axis_changes_about_once_a_second(qtbot):
    """Its labels take milliseconds to lay out again: at 100,000+ outcomes a second the
    range used to change every few frames; now it makes room for about a second."""
    from engine.worlds import PRESETS
    from gui.panels import AXIS_AHEAD_S, nice_ceiling

    w = MainWindow(
        Settings(world=PRESETS["weird-die"], belief="hunch", learner="none"),
        speed=math.inf,
        remember=False,
    )
    qtbot.addWidget(w)
    w.show()
    view = w.surprise_view.plot.getViewBox()
    ranges = []
    for _ in range(120):  # two seconds of frames
        w.tick()
        ranges.append(view.viewRange()[0][1])
    steps = w.sim.step_count
    per_second = w.runner.pace()
    assert per_second > 10_000  # (a fast run, or this proves nothing)
    changes = sum(a != b for a, b in itertools.pairwise(ranges))
    frames_per_change = 120 / max(changes, 1)
    assert frames_per_change >= 0.5 * AXIS_AHEAD_S * 1000 / runner_module.FRAME_MS
    assert ranges[-1] >= steps  # the curve always fits
    # a pause and a single step: just room for what is there, as before
    w.runner.set_playing(False)
    w.step_once()
    assert view.viewRange()[0][1] == nice_ceiling(w.sim.step_count)


def test_the_race_strip_changes_its_numbers_without_laying_itself_out(window):
    from gui import legibility

    w = window
    w.add_rival(learner="none")
    w.step_once()
    QApplication.processEvents()
    strip = w.race_readouts
    counter = _Count(QEvent.Type.LayoutRequest)
    strip.installEventFilter(counter)
    before = strip.cells[0]["kl"].text()
    for _ in range(15):
        w.step_once()
    QApplication.processEvents()
    strip.removeEventFilter(counter)
    assert strip.cells[0]["kl"].text() != before
    assert counter.count == 0
    # and every number still has the room it needs (in nats too, the longer words)
    w.change_setting("units", "nats")
    w.step_once()
    QApplication.processEvents()
    clipped = [t for t in legibility.clipped_text(w) if "nat" in t or "bit" in t]
    assert clipped == []


def test_readout_numbers_build_no_text_document_yet_a_mouse_can_select_them(window, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QTextDocument

    value = window.readouts.values["step"]
    for _ in range(5):
        window.step_once()
    QApplication.processEvents()
    # A selectable QLabel rebuilds a text document on every setText: these draw plainly ...
    assert value.findChildren(QTextDocument) == []
    assert value.cursor().shape() == Qt.CursorShape.IBeamCursor
    # ... until the mouse asks: then the text can be selected (and copied) as before
    qtbot.mousePress(value, Qt.MouseButton.LeftButton, pos=QPoint(2, value.height() // 2))
    qtbot.mouseRelease(value, Qt.MouseButton.LeftButton, pos=QPoint(2, value.height() // 2))
    assert value.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    value.setSelection(0, len(value.text()))
    assert value.hasSelectedText() and value.selectedText() == value.text()
    window.step_once()  # a new number clears the selection (as it always did) ...
    QApplication.processEvents()
    assert value.findChildren(QTextDocument) == []  # ... and it draws plainly again
    assert not value.hasSelectedText()
