"""What keeps a frame cheap at full speed, checked by what it does (not by timing it)."""

from __future__ import annotations

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


def test_the_batch_at_full_speed_grows_past_one_despite_a_fixed_cost(monkeypatch):
    """A race of four has a fixed cost per frame near the budget; the fitted batch must
    still settle where the engine spends its budget, not stick at one outcome a frame."""
    clock = [0.0]
    monkeypatch.setattr(runner_module.time, "perf_counter", lambda: clock[0])
    budget = runner_module.MAX_SPEED_BUDGET_S
    fixed, per_step = 0.8 * budget, budget / 1000  # the budget leaves room for 200 outcomes
    runner = runner_module.Runner(Simulation(Settings()), speed=math.inf)
    fake = _FakeRace(clock, 2 * budget, per_step)
    runner.race = fake
    runner.publish = lambda: None
    for _ in range(100):  # a cost above the budget: one outcome a frame (never none)
        runner.tick()
    assert fake.sizes[-10:] == [1] * 10
    fake.fixed = fixed  # now the budget leaves room for 200 outcomes after the fixed cost
    for _ in range(200):
        runner.tick()
    settled = np.mean(fake.sizes[-50:])
    assert settled == pytest.approx((budget - fixed) / per_step, rel=0.05)


def test_markers_draw_several_points_and_hide_the_rest(qtbot):
    from gui.fastdraw import Markers

    marks = Markers(symbol="s", brush="#7A5500")
    marks.setData([0.0, 1.0, 2.0], [0.5, 0.25, 0.25], size=12)
    x, y = marks.getData()
    assert list(x) == [0.0, 1.0, 2.0] and list(y) == [0.5, 0.25, 0.25]
    shown = [m for m in marks.childItems() if m.isVisible()]
    assert [(m.pos().x(), m.pos().y()) for m in shown] == [(0.0, 0.5), (1.0, 0.25), (2.0, 0.25)]
    assert all(m.boundingRect().width() >= 12 for m in shown)
    marks.setData([5.0, np.nan], [1.0, 1.0])  # a point that cannot be drawn is left out
    shown = [m for m in marks.childItems() if m.isVisible()]
    assert [(m.pos().x(), m.pos().y()) for m in shown] == [(5.0, 1.0)]
    assert len(marks.childItems()) == 3  # (the others wait, hidden)
    assert list(marks.getData()[0]) == [5.0]
    # a trail that moves on by one point moves one marker; the rest stay put
    trail = np.arange(10.0)
    marks.setData(trail, trail)
    where = {(m.pos().x(), m.pos().y()): m for m in marks.childItems() if m.isVisible()}
    marks.setData(trail + 1, trail + 1)
    after = {(m.pos().x(), m.pos().y()): m for m in marks.childItems() if m.isVisible()}
    assert sorted(after) == [(v, v) for v in trail + 1]
    assert all(after[point] is where[point] for point in where if point in after)
    marks.setData([], [])
    assert not any(m.isVisible() for m in marks.childItems())


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
