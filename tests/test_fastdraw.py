"""The cheap curve painting (gui/fastdraw.py) leaves the ink a line through every point does."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from engine.frame import peak_decimate
from gui.fastdraw import TimeCurve, TrailCurve, _column_rects, dash_segments

# The per-curve reference the fast paths are held to: each pixel column's span of the line,
# and a thick pen's reach (what TimeCurve once worked out curve by curve).


def column_spans(x: np.ndarray, y: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Each pixel column's lowest and highest y of the polyline through (x, y).

    ``x`` never decreases (device pixels); column ``c`` holds ``c <= x < c + 1``.  Returns
    the first column and, per column from it to the column of the last point, the least and
    the greatest y the line reaches there: its points in the column and where it crosses the
    column's edges.  Non-finite points are left out (the line joins their neighbours).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if not keep.all():
        x, y = x[keep], y[keep]
    if len(x) == 0:
        return 0, np.empty(0), np.empty(0)
    first = int(np.floor(x[0]))
    count = int(np.floor(x[-1])) - first + 1
    edges = np.arange(first + 1, first + count, dtype=float)  # the column edges crossed
    at_edges = np.interp(edges, x, y)
    inner = np.arange(1, count)  # column index right of each edge
    columns = np.concatenate([np.floor(x).astype(np.int64) - first, inner - 1, inner])
    values = np.concatenate([y, at_edges, at_edges])
    columns = np.minimum(np.maximum(columns, 0), count - 1)  # rounding at the last column
    low = np.full(count, np.inf)
    high = np.full(count, -np.inf)
    np.minimum.at(low, columns, values)
    np.maximum.at(high, columns, values)
    return first, low, high


def widen(low: np.ndarray, high: np.ndarray, reach: int) -> tuple[np.ndarray, np.ndarray]:
    """Each column's span joined with those of the ``reach`` columns either side of it.

    The result has ``reach`` more columns at each end (the ink a thick pen puts beside the
    line's first and last column).
    """
    if reach <= 0:
        return low, high
    n = len(low)
    wide_low = np.full(n + 2 * reach, np.inf)
    wide_high = np.full(n + 2 * reach, -np.inf)
    for shift in range(2 * reach + 1):
        np.minimum(wide_low[shift : shift + n], low, out=wide_low[shift : shift + n])
        np.maximum(wide_high[shift : shift + n], high, out=wide_high[shift : shift + n])
    return wide_low, wide_high


def brute_spans(x, y, first, count, samples=400):
    """Lowest and highest y of the polyline in each column, from a dense resampling."""
    t = np.linspace(x[0], x[-1], samples * count + 1)
    t = np.unique(np.concatenate([t, x]))
    v = np.interp(t, x, y)
    col = np.minimum(np.floor(t).astype(int) - first, count - 1)
    low = np.array([v[col == c].min() for c in range(count)])
    high = np.array([v[col == c].max() for c in range(count)])
    return low, high


@pytest.mark.parametrize("seed", range(6))
def test_each_column_spans_exactly_the_lowest_to_the_highest_point_of_the_line(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 300))
    x = np.cumsum(rng.exponential(rng.uniform(0.05, 4), n)) + rng.uniform(0, 50)
    y = rng.normal(0, 100, n)
    first, low, high = column_spans(x, y)
    assert first == int(np.floor(x[0]))
    assert len(low) == int(np.floor(x[-1])) - first + 1
    want_low, want_high = brute_spans(x, y, first, len(low))
    # Every point, and the line between them, lies within its column's span ...
    assert np.all(low <= want_low + 1e-9) and np.all(high >= want_high - 1e-9)
    # ... and the span is no wider than the line reaches there (resampling error aside).
    slope = np.max(np.abs(np.diff(y) / np.maximum(np.diff(x), 1e-12)))
    slack = slope / 400 + 1e-9
    assert np.all(low >= want_low - slack) and np.all(high <= want_high + slack)


def test_a_spike_in_a_long_run_reaches_its_column():
    steps = np.arange(200_000, dtype=float)
    y = np.full(len(steps), 1.0)
    y[123_457] = 9.0  # one outlier among 200,000 rows
    curve = peak_decimate(steps, y)
    x_pixels = curve.x / 200_000 * 900  # 900 pixel columns
    first, low, high = column_spans(x_pixels, curve.y)
    spike = int(np.floor(123_457 / 200_000 * 900)) - first
    assert high[spike] == 9.0
    near = np.arange(spike - 3, spike + 4)  # the line climbs to it from its neighbours
    assert np.all(np.delete(high, near) == 1.0)
    assert np.all(np.delete(low, near) == 1.0)


def test_non_finite_points_are_left_out():
    first, low, high = column_spans(np.array([0.5, 1.5, 2.5]), np.array([np.nan, 2.0, 4.0]))
    assert first == 1 and np.allclose(low, [2.0, 3.0]) and np.allclose(high, [3.0, 4.0])


def test_widening_joins_each_column_with_its_neighbours():
    low = np.array([5.0, np.inf, 1.0, 7.0])
    high = np.array([5.0, -np.inf, 9.0, 7.0])
    wide_low, wide_high = widen(low, high, 1)
    assert list(wide_low) == [5.0, 5.0, 1.0, 1.0, 1.0, 7.0]
    assert list(wide_high) == [5.0, 5.0, 9.0, 9.0, 9.0, 7.0]


@pytest.mark.parametrize("style", [Qt.PenStyle.DashLine, Qt.PenStyle.DotLine])
def test_dashes_along_a_trail_ink_the_pen_patterns_share_of_it(style):
    pen = QPen(QColor("black"))
    pen.setWidthF(3)
    pen.setStyle(style)
    pattern = np.array(pen.dashPattern())
    share = pattern[0::2].sum() / pattern.sum()
    angle = np.linspace(0, 6 * np.pi, 400)
    x, y = 300 + 200 * np.cos(angle), 300 + 150 * np.sin(angle)
    pieces = dash_segments(x, y, pen)
    inked = np.hypot(pieces[:, 2] - pieces[:, 0], pieces[:, 3] - pieces[:, 1]).sum()
    total = np.hypot(np.diff(x), np.diff(y)).sum()
    assert inked == pytest.approx(share * total, rel=0.02)
    assert len(pieces) > 10


def bare_plot(qtbot, width=600, height=300):
    """A plot with a white background and no axes, for looking at what an item paints."""
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.setBackground("w")
    widget.hideAxis("left")
    widget.hideAxis("bottom")
    return widget


def painted(qtbot, item, x, y, colour="#ff0000"):
    widget = bare_plot(qtbot)
    item.setPen(pg.mkPen(colour, width=3))
    item.setData(x, y)
    widget.addItem(item)
    widget.setXRange(0, float(x[-1]), padding=0)
    widget.setYRange(0, 10, padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage(), widget


def red_rows(image, column):
    return [
        row
        for row in range(image.height())
        if QColor(image.pixel(column, row)).red() > 200
        and QColor(image.pixel(column, row)).green() < 80
    ]


def test_a_painted_time_curve_shows_its_spike(qtbot):
    steps = np.arange(100_000, dtype=float)
    y = np.full(len(steps), 2.0)
    y[50_000] = 9.0
    curve = peak_decimate(steps, y)
    image, widget = painted(qtbot, TimeCurve(), curve.x, curve.y)
    view = widget.getViewBox()
    spike = view.mapViewToDevice(pg.Point(50_000, 9.0))
    base = view.mapViewToDevice(pg.Point(20_000, 2.0))
    rows = red_rows(image, int(spike.x()))
    assert rows and min(rows) <= spike.y() + 2  # the spike's top is inked
    assert any(abs(r - base.y()) <= 2 for r in red_rows(image, int(base.x())))


def test_a_painted_dashed_trail_leaves_gaps_and_ink(qtbot):
    x = np.linspace(0, 100, 60)
    y = np.full(60, 5.0)
    trail = TrailCurve()
    image, widget = painted(qtbot, trail, x, y)
    trail.setPen(pg.mkPen("#ff0000", width=3, style=Qt.PenStyle.DashLine))
    image = widget.grab().toImage()
    row = int(widget.getViewBox().mapViewToDevice(pg.Point(50, 5.0)).y())
    inked = [
        QColor(image.pixel(c, row)).red() > 200 and QColor(image.pixel(c, row)).green() < 80
        for c in range(20, image.width() - 20)
    ]
    assert 0.4 < np.mean(inked) < 0.95  # dashes, not a solid line, not nothing


def test_a_marker_holds_one_point_or_none():
    from gui.fastdraw import Marker

    marker = Marker(symbol="t", brush="#ff0000", size=20)
    assert not marker.isVisible() and len(marker.getData()[0]) == 0
    marker.setData([1.5], [0.25])
    x, y = marker.getData()
    assert marker.isVisible() and list(x) == [1.5] and list(y) == [0.25]
    assert marker.boundingRect().width() >= 20  # its size in pixels, whatever the axes
    marker.setData([], [])
    assert not marker.isVisible() and len(marker.getData()[1]) == 0


def test_the_landscape_backdrop_paints_the_heat_map_and_its_contours(qtbot):
    from engine.landscape import compute_landscape
    from engine.settings import Settings
    from engine.simulation import Simulation
    from engine.worlds import PRESETS
    from gui.panels import LandscapePanel

    sim = Simulation(Settings(world=PRESETS["loaded-die"], belief="hunch"))
    view = LandscapePanel()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_landscape(
        compute_landscape(sim.settings.world.probabilities, sim.family),
        "bits",
        sim.settings.world.labels,
    )
    view.show()
    qtbot.waitExposed(view)
    image = view.plot.grab().toImage()
    box = view.plot.getViewBox()
    rect = view.image.mapRectToParent(view.image.boundingRect())
    assert view.backdrop.boundingRect().contains(rect.center())
    centre = box.mapViewToDevice(rect.center())
    colour = QColor(image.pixel(int(centre.x()), int(centre.y())))
    assert colour != QColor("white")  # the heat map is there
    # the contours are painted by the backdrop too: without them the map looks different
    view.contours.setVisible(False)
    view.backdrop.refresh()
    bare = view.plot.grab().toImage()
    left, right = box.mapViewToDevice(rect.topLeft()), box.mapViewToDevice(rect.bottomRight())
    inside = [
        (c, r)
        for c in range(int(left.x()) + 2, int(right.x()) - 2, 3)
        for r in range(int(min(left.y(), right.y())) + 2, int(max(left.y(), right.y())) - 2, 3)
    ]
    changed = sum(image.pixel(c, r) != bare.pixel(c, r) for c, r in inside)
    assert changed > 0.01 * len(inside)


@pytest.mark.parametrize("style", [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine])
@pytest.mark.parametrize("width", [1, 4, 7])
def test_a_level_is_inked_as_its_columns_would_be(qtbot, style, width):
    """H(p) of a fixed world is a two-point level: drawn a rectangle per dash, it leaves
    the very pixels the per-column drawing leaves."""

    class ByColumns(TimeCurve):
        LEVELS = False

    def image(x, y, kind=TimeCurve):
        widget = bare_plot(qtbot)
        curve = kind()
        curve.setPen(pg.mkPen("#ff0000", width=width, style=style))
        curve.setData(x, y)
        widget.addItem(curve)
        widget.setXRange(0, 100, padding=0)
        widget.setYRange(0, 10, padding=0)
        widget.show()
        qtbot.waitExposed(widget)
        return widget.grab().toImage()

    level = image(np.array([3.0, 97.0]), np.array([4.2, 4.2]))
    many = image(np.linspace(3.0, 97.0, 500), np.full(500, 4.2))  # a learner that never learns
    columns = image(np.array([3.0, 97.0]), np.array([4.2, 4.2]), ByColumns)
    assert level == many == columns
    assert any(red_rows(level, c) for c in range(level.width()))  # and it is inked at all


def test_a_solid_trail_is_inked_as_pyqtgraph_inks_it(qtbot):
    rng = np.random.default_rng(3)
    x, y = np.cumsum(rng.normal(0, 1, 60)), np.cumsum(rng.normal(0, 1, 60))

    def image(item):
        widget = bare_plot(qtbot, 500, 400)
        item.setPen(pg.mkPen("#D55E00", width=6))
        item.setData(x, y)
        widget.addItem(item)
        widget.setXRange(x.min() - 1, x.max() + 1, padding=0)
        widget.setYRange(y.min() - 1, y.max() + 1, padding=0)
        widget.show()
        qtbot.waitExposed(widget)
        picture = widget.grab().toImage()
        return np.array(
            [
                [picture.pixel(c, r) for c in range(0, picture.width(), 2)]
                for r in range(0, picture.height(), 2)
            ]
        )

    ours = image(TrailCurve())
    theirs = image(pg.PlotCurveItem(antialias=False))
    inked = (theirs != theirs[0, 0]).sum()
    assert inked > 500
    assert (ours != theirs).sum() <= 0.01 * inked


def test_columns_with_the_same_rows_are_one_rectangle_and_the_same_pixels(qtbot):
    from pyqtgraph.Qt import internals
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    rng = np.random.default_rng(7)
    n = 800
    left = np.arange(n) + 20.0
    # a settled stretch (the same rows, to a fraction of a pixel), then a noisy one
    top = np.concatenate(
        [np.full(400, 200.3) + rng.uniform(-0.1, 0.1, 400), rng.uniform(50, 300, 400)]
    )
    bottom = top + np.concatenate([np.full(400, 3.0), rng.uniform(2.5, 40, 400)])

    def image(fill):
        picture = QImage(860, 400, QImage.Format.Format_ARGB32_Premultiplied)
        picture.fill(0xFFFFFFFF)
        painter = QPainter(picture)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0))
        fill(painter)
        painter.end()
        return np.frombuffer(picture.constBits(), np.uint32).reshape(400, 860).copy()

    rects = internals.PrimitiveArray(QRectF, 4)

    def merged(painter):
        made = _column_rects(left, top, bottom)
        rects.resize(len(made))
        rects.ndarray()[:] = made
        painter.drawRects(*rects.drawargs())

    def each_column(painter):
        columns = internals.PrimitiveArray(QRectF, 4)
        columns.resize(n)
        memory = columns.ndarray()
        memory[:, 0], memory[:, 1], memory[:, 2], memory[:, 3] = left, top, 1.0, bottom - top
        painter.drawRects(*columns.drawargs())

    assert np.array_equal(image(merged), image(each_column))
    assert len(rects.ndarray()) < 0.6 * n  # the settled stretch took a few rectangles


def _reference_inks(x, y, width, pen, level, sx, dx, sy, dy):
    """One curve's rectangles the way TimeCurve worked them out alone (column_spans,
    dashed, widen), to hold time_inks to."""
    from gui.fastdraw import dashed

    px, py = x * sx + dx, y * sy + dy
    first, low, high = column_spans(px, py)
    left = np.arange(first, first + len(low), dtype=float)
    fill = None
    if level is not None:
        fill = _column_rects(left, np.minimum(low, level), np.maximum(high, level))
    on = dashed(left + 0.5 - px[0], pen)
    low, high = np.where(on, low, np.inf), np.where(on, high, -np.inf)
    reach = round(width / 2)
    low, high = widen(low, high, reach)
    left = np.arange(first - reach, first - reach + len(low), dtype=float)
    ink = np.isfinite(low)
    line = _column_rects(left[ink], low[ink] - width / 2, high[ink] + width / 2)
    return fill, line


def _random_jobs(rng):
    from gui.fastdraw import InkJob

    jobs, pens = [], []
    styles = [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine]
    for _ in range(int(rng.integers(1, 6))):
        n = int(rng.integers(2, 400))
        x = np.cumsum(rng.exponential(rng.uniform(0.01, 3), n)) + rng.uniform(-5, 50)
        y = rng.normal(0, 30, n).cumsum() * rng.uniform(0.01, 1)
        if rng.random() < 0.3:
            y[rng.integers(0, n, 3)] = np.nan  # (left out, as a start without a mean)
        width = float(rng.choice([1.0, 2.0, 3.0, 4.0, 7.0]))
        pen = pg.mkPen("#123456", width=width, style=styles[int(rng.integers(0, 3))])
        level = float(rng.uniform(-20, 20)) if rng.random() < 0.3 else None
        curve = TimeCurve()
        curve.setPen(pen)
        dashes = None if pen.style() == Qt.PenStyle.SolidLine else pen
        jobs.append(InkJob(x, y, width, dashes, level, curve._dash_on))
        pens.append(pen)
    return jobs, pens


@pytest.mark.parametrize("seed", range(12))
def test_curves_worked_out_together_get_the_ink_each_gets_alone(qapp, seed):
    from gui.fastdraw import time_inks

    rng = np.random.default_rng(seed)
    jobs, pens = _random_jobs(rng)
    sx, dx, sy, dy = rng.uniform(0.5, 4), rng.uniform(-30, 30), -rng.uniform(0.5, 4), 400.0
    together = time_inks(jobs, sx, dx, sy, dy)
    for job, pen, ink in zip(jobs, pens, together, strict=True):
        alone = time_inks([job], sx, dx, sy, dy)[0]
        for mine, its in zip(ink, alone, strict=True):
            assert (mine is None) == (its is None)
            if mine is not None:
                assert np.array_equal(mine, its)
        if np.isfinite(job.y[0]):  # (dashes count from the first point: a finite one)
            fill, line = _reference_inks(job.x, job.y, job.width, pen, job.level, sx, dx, sy, dy)
            assert np.array_equal(ink[1], line)
            if job.level is not None:
                assert np.array_equal(ink[0], fill)


def test_a_curve_going_back_in_time_is_left_to_pyqtgraph_and_spoils_no_other(qapp):
    from gui.fastdraw import InkJob, time_inks

    good = InkJob(np.linspace(0, 50, 40), np.sin(np.arange(40.0)), 2.0, None, None, None)
    back = InkJob(np.array([0.0, 5.0, 3.0]), np.array([1.0, 2.0, 3.0]), 2.0, None, None, None)
    wide = InkJob(np.array([0.0, 1e6]), np.array([1.0, 2.0]), 2.0, None, None, None)
    inks = time_inks([good, back, wide], 1.0, 0.0, -10.0, 200.0)
    assert inks[1] is None and inks[2] is None
    assert np.array_equal(inks[0][1], time_inks([good], 1.0, 0.0, -10.0, 200.0)[0][1])


def test_a_growing_curve_is_painted_again_only_at_its_tail_and_leaves_no_stale_ink(qtbot):
    """New points at a curve's end repaint only the end (Qt keeps the rest), and what the
    window shows after each step is what a full repaint shows: no ink left behind."""
    from typing import ClassVar

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from engine.frame import PeakDecimator

    widget = bare_plot(qtbot, 700, 400)
    cross = TimeCurve()
    cross.setPen(pg.mkPen("#0072B2", width=4))
    cross.setBrush(pg.mkBrush("#cccccc"))
    cross.setFillLevel(1.0)
    rival = TimeCurve()
    rival.setPen(pg.mkPen("#D55E00", width=3, style=Qt.PenStyle.DashLine))
    floor = TimeCurve()
    floor.setPen(pg.mkPen("#000000", width=2, style=Qt.PenStyle.DashLine))
    for curve in (cross, rival, floor):
        widget.addItem(curve)
    widget.setXRange(0, 30_000, padding=0)
    widget.setYRange(0, 4, padding=0)
    widget.show()
    qtbot.waitExposed(widget)

    class Painted(QObject):
        widths: ClassVar[list[int]] = []
        on = False  # (the steps' own paints, not those of the full pictures taken)

        def eventFilter(self, obj, event):
            if self.on and event.type() == QEvent.Type.Paint:
                self.widths.append(event.region().boundingRect().width())
            return False

    painted = Painted()
    widget.viewport().installEventFilter(painted)
    rng = np.random.default_rng(1)
    count = np.arange(1, 30_001)
    ys = 1 + np.abs(rng.normal(0, 1, 30_000)).cumsum() / count**0.9
    yr = 1.2 + np.abs(rng.normal(0, 1, 30_000)).cumsum() / count**0.85
    lead, other = PeakDecimator(200), PeakDecimator(200)
    screen = QApplication.primaryScreen()
    stale = 0
    for n in range(1000, 30_000, 311):
        steps = np.arange(1, n + 1, dtype=float)
        c, r = lead.curve(steps, ys[:n]), other.curve(steps, yr[:n])
        cross.setData(c.x, c.y)
        rival.setData(r.x, r.y)
        floor.setData(np.array([1.0, float(n)]), np.array([1.0, 1.0]))
        painted.on = True
        QApplication.processEvents()
        painted.on = False
        shown = screen.grabWindow(widget.winId()).toImage()
        stale += shown != widget.grab().toImage()
    assert stale == 0
    full = widget.viewport().width()
    assert len(painted.widths) > 50
    assert np.median(painted.widths) < 0.5 * full  # (most steps: the end alone)


def test_the_changed_tail_of_a_curve_is_found_past_equal_points_and_nans(qapp):
    curve = TimeCurve()
    x = np.arange(10.0)
    y = np.array([np.nan, 1, 2, 3, 4, 5, 6, 7, 8, 9.0])
    assert curve._tail(x, y, x.copy(), y.copy()) == (1.0, 0.0, 0.0, 0.0)  # nothing changed
    grown_x, grown_y = np.arange(12.0), np.concatenate([y[:8], [0.5, 9.5, 3.0, 2.0]])
    # from the last shared point (x = 7) to the end, old and new points both
    assert curve._tail(x, y, grown_x, grown_y) == (7.0, 11.0, 0.5, 9.5)
    moved = y.copy()
    moved[0] = 5.0  # the first point moved: not a tail
    assert curve._tail(x, y, x, moved) is None
    assert curve._tail(x, y, x + 0.5, y) is None


@pytest.mark.parametrize(
    "style", [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine]
)
@pytest.mark.parametrize("width", [1, 3, 4, 7])
def test_a_growing_level_takes_its_rectangles_from_those_kept(qapp, style, width):
    """A level worked out for twice its length and cut to each length it grows through
    gets the rectangles worked out afresh for that length."""
    from gui.fastdraw import pixel_rows

    pen = pg.mkPen("#ff0000", width=width, style=style)
    grown, fresh = TimeCurve(), TimeCurve()
    reach = round(max(width, 1) / 2)
    for count in [5, 37, 38, 200, 201, 700, 1500, 1501, 3100, 40]:
        start, first, py = 3.3, 3, 120.6
        mine = grown._level_rects(first, start, count, pen, py)
        fresh._runs = fresh._wide = None  # (nothing kept)
        starts, ends = fresh._dash_runs(first, start, count, pen)
        starts, ends = starts - reach, ends + reach
        apart = np.ones(len(starts), dtype=bool)
        apart[1:] = starts[1:] > ends[:-1]
        last = np.ones(len(starts), dtype=bool)
        last[:-1] = apart[1:]
        starts, ends = starts[apart], ends[last]
        top, bottom = pixel_rows(py - max(width, 1) / 2), pixel_rows(py + max(width, 1) / 2)
        rows = len(starts)
        want = np.column_stack(
            [starts + first, np.full(rows, top), ends - starts, np.full(rows, bottom - top)]
        )
        assert np.array_equal(mine, want)


def _raster(rects, c0, c1, top=-2000, bottom=2000):
    """The pixels (columns c0..c1, rows top..bottom) the rectangles fill."""
    image = np.zeros((c1 - c0 + 1, bottom - top), dtype=bool)
    for x, y, w, h in np.asarray(rects).reshape(-1, 4).astype(int):
        a, b = max(x, c0), min(x + w - 1, c1)
        if a <= b:
            image[a - c0 : b - c0 + 1, max(y - top, 0) : max(y + h - top, 0)] = True
    return image


@pytest.mark.parametrize("seed", range(10))
def test_a_window_of_columns_gets_the_ink_all_columns_get_there(qapp, seed):
    """A repaint of a strip works on the points around it alone: in the strip, the same
    pixels as working out every column."""
    from gui.fastdraw import time_inks

    rng = np.random.default_rng(100 + seed)
    jobs, _ = _random_jobs(rng)
    sx, dx, sy, dy = rng.uniform(0.5, 4), rng.uniform(-30, 30), -rng.uniform(0.5, 4), 400.0
    whole = time_inks(jobs, sx, dx, sy, dy)
    for _ in range(4):
        c0 = int(rng.uniform(-20, 600))
        c1 = c0 + int(rng.integers(1, 80))
        part = time_inks(jobs, sx, dx, sy, dy, (c0, c1))
        for mine, its in zip(part, whole, strict=True):
            assert (mine is None) == (its is None)
            if mine is None:
                continue
            for a, b in zip(mine, its, strict=True):
                assert (a is None) == (b is None)
                if a is not None:
                    assert np.array_equal(_raster(a, c0, c1), _raster(b, c0, c1))
