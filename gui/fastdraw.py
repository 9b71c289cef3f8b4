"""Curves that stay cheap to paint however dense they get.

Qt strokes a thick or dashed path by building its outline, and the outline of a dense zigzag
(a noisy H(p,q) over 500 peak-decimated columns) crosses itself thousands of times: 20-30 ms
a curve at 1920 × 1080, antialiased several times that.  The items here draw the same ink
with primitives Qt fills in a fraction of a millisecond:

* :class:`TimeCurve`, for curves over time (x never decreases): each pixel column gets one
  rectangle from the lowest to the highest point the curve reaches in that column, widened
  by the pen's width, and the fill down to the fill level likewise.  That is the ink a
  thick line through every point leaves in the column, so spikes stay visible.  A dashed or
  dotted pen is dashed along the time axis, so a dense band stays dashed and its legend
  mark still names it.  The time curves of one view are worked out together
  (:func:`time_inks`), and a curve that grows repaints only the strip of its new tail.
* :class:`TrailCurve`, for short trails that go anywhere: straight segments without
  antialiasing (pyqtgraph's own fast path for solid pens), and dashes cut along the trail
  for dashed pens.

Both paint exactly as :class:`pyqtgraph.PlotCurveItem` when exported (no widget to paint
on), so saved pictures keep Qt's antialiased paths.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from pyqtgraph.Qt import compat, internals
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QGraphicsPathItem

MAX_COLUMNS = 20_000  # wider than any screen: beyond it (a zoomed-in view) Qt's path is used


def pixel_rows(y):
    """The first pixel row at or below ``y`` whose centre is not above it: a rectangle from
    y0 to y1 fills rows pixel_rows(y0) to pixel_rows(y1) - 1, as Qt fills one without
    antialiasing (pixel centres inside)."""
    return np.ceil(np.asarray(y) - 0.5)


def pen_width(pen: QPen) -> float:
    """The pen's width in pixels (a cosmetic width 0 is one pixel)."""
    return max(pen.widthF(), 1.0)


_DASHES: dict[tuple, tuple[float, list[tuple[float, float]]]] = {}


def dash_key(pen: QPen) -> tuple:
    """What a pen's dashes depend on: its style, width and offset (and a custom pattern)."""
    key = (pen.style(), pen.widthF(), pen.dashOffset())
    if pen.style() == Qt.PenStyle.CustomDashLine:
        key += tuple(pen.dashPattern())
    return key


def dash_intervals(pen: QPen) -> tuple[float, list[tuple[float, float]]]:
    """The pen's dash period and its dashes (start, length) in pixels, caps left out."""
    key = dash_key(pen)
    known = _DASHES.get(key)
    if known is None:
        known = _DASHES[key] = _dash_intervals(pen)
    return known


def _dash_intervals(pen: QPen) -> tuple[float, list[tuple[float, float]]]:
    width = pen_width(pen)
    pattern = [float(v) * width for v in pen.dashPattern()] or [1.0, 0.0]
    period = sum(pattern)
    offset = pen.dashOffset() * width
    inked, at = [], -offset
    for i in range(0, len(pattern) - 1, 2):
        inked.append((at, pattern[i]))
        at += pattern[i] + pattern[i + 1]
    return period, inked


def dashed(positions: np.ndarray, pen: QPen) -> np.ndarray:
    """Which of ``positions`` (pixels along the line from its start) fall in a dash."""
    if pen.style() == Qt.PenStyle.SolidLine:
        return np.ones(len(positions), dtype=bool)
    period, inked = dash_intervals(pen)
    if period <= 0:
        return np.ones(len(positions), dtype=bool)
    on = np.zeros(len(positions), dtype=bool)
    for start, length in inked:
        on |= np.mod(positions - start, period) < length
    return on


def _plain_transform(painter: QPainter):
    """(sx, dx, sy, dy) of the painter's transform when it only scales and moves."""
    t = painter.worldTransform()
    if t.type().value > _SCALES:  # (rotated, sheared or projected)
        return None
    return t.m11(), t.m31(), t.m22(), t.m32()


_SCALES = QTransform.TransformationType.TxScale.value


class InkJob:
    """One curve's part in :func:`time_inks`: its points and how its ink is drawn."""

    __slots__ = ("dashes", "level", "runs", "width", "x", "y")

    def __init__(self, x, y, width: float, dashes, level: float | None, runs):
        self.x, self.y = x, y
        self.width = width  # the pen's width in pixels (0: no line)
        self.dashes = dashes  # a dashed pen, or None for a solid one
        self.level = level  # the fill's level in pixels, or None
        self.runs = runs  # (first, start, count) -> which columns are in a dash (see _dash_on)


def time_inks(jobs: list[InkJob], sx: float, dx: float, sy: float, dy: float, window=None) -> list:
    """The rectangles of several curves over time at once, in device pixels.

    ``window``: (first, last) pixel column that will be seen (a repaint of a curve's new
    tail), or None for all.  With a window only the points around it are worked on: every
    column in it gets the ink it gets without one (tested); columns beyond may get less,
    and the painter's clip leaves them out.

    For each job: None where it must be drawn otherwise (x decreasing somewhere, wider than
    MAX_COLUMNS columns), else (fill, line): each an (r, 4) array of rectangles (x, y, w,
    h) or None.  The same ink as each curve worked out alone column by column (see
    :class:`TimeCurve`), with a few dozen NumPy calls for all of them rather than for each:
    the curves lie side by side in one row of columns, a slot each, with room for a thick
    pen's reach and one empty column between slots, so nothing one curve does reaches
    another.  The arithmetic on each curve's numbers is the same whatever its neighbours,
    so a curve drawn in company leaves the same pixels as drawn alone (tested).
    """
    m = len(jobs)
    out: list = [None] * m
    sizes = np.array([len(j.x) for j in jobs])
    ends = np.cumsum(sizes)
    X = np.concatenate([j.x for j in jobs]).astype(float, copy=False)
    cid = np.repeat(np.arange(m), sizes)
    falls = X[1:] < X[:-1]  # x decreasing within a curve (not from one to the next)
    falls[ends[:-1] - 1] = False
    bad = np.zeros(m, dtype=bool)
    bad[cid[1:][falls]] = True
    reaches = [round(j.width / 2) if j.width > 0 else 0 for j in jobs]
    # each curve's first point: where its dashes are counted from
    origin = [float(j.x[0]) * sx + dx for j in jobs]
    starts = [0] * m  # (the first of a curve's points worked on)
    if window is not None:  # the points around the window (and a pen's reach) alone
        lo, hi = window[0] - max(reaches) - 2, window[1] + max(reaches) + 3
        edges = ((lo - dx) / sx, (hi - dx) / sx)
        parts = []
        for i, job in enumerate(jobs):
            x = job.x
            ends_px = (origin[i], float(x[-1]) * sx + dx)
            if (
                bad[i]
                or not all(map(math.isfinite, ends_px))
                or ends_px[1] - ends_px[0] > MAX_COLUMNS
            ):
                parts.append((x, job.y))  # (as a whole: left to the checks below)
                continue
            a, b = np.searchsorted(x, edges).tolist()
            a, b = max(a - 1, 0), min(b + 1, len(x))  # (and the points beyond, for the line)
            starts[i] = a
            parts.append((x[a:b], job.y[a:b]))
        sizes = np.array([len(x) for x, _ in parts])
        X = np.concatenate([x for x, _ in parts]).astype(float, copy=False)
        Y = np.concatenate([y for _, y in parts]).astype(float, copy=False)
        cid = np.repeat(np.arange(m), sizes)
    else:
        Y = np.concatenate([j.y for j in jobs]).astype(float, copy=False)
    PX = X * sx + dx
    PY = Y * sy + dy
    keep = np.isfinite(PX) & np.isfinite(PY)
    keep &= ~bad[cid]
    if not keep.all():
        PX, PY, cid = PX[keep], PY[keep], cid[keep]
    fx = np.floor(PX)
    kept = np.bincount(cid, minlength=m)
    last = np.cumsum(kept)
    first_at = last - kept
    firsts, counts = [0] * m, [0] * m
    a_list, b_list = fx[first_at[kept > 0]].tolist(), fx[last[kept > 0] - 1].tolist()
    for i, a, b in zip(np.flatnonzero(kept).tolist(), a_list, b_list, strict=True):
        count = int(b) - int(a) + 1
        if count > MAX_COLUMNS + 1:
            bad[i] = True
        else:
            firsts[i], counts[i] = int(a), count
    if any(bad[i] and kept[i] for i in range(m)):  # (their points leave the common row)
        keep = ~bad[cid]
        PX, PY, cid, fx = PX[keep], PY[keep], cid[keep], fx[keep]
    r = max(reaches)
    slots = [c + 2 * r + 1 if c else 0 for c in counts]
    bases = np.cumsum(slots) - slots
    total = int(bases[-1] + slots[-1])
    if total == 0:
        return [None if bad[i] else (None, None) for i in range(m)]
    begin = bases + r  # each curve's first column, in the common row
    shift = begin - np.array(firsts)  # its columns' offset from pixel columns
    gcol = fx + shift[cid]
    # the column edges each curve crosses, and its line's height there
    col_curve = np.repeat(np.arange(m), slots)
    local = np.arange(total) - begin[col_curve]
    inner = (local >= 1) & (local < np.array(counts)[col_curve])
    edges = np.flatnonzero(inner)
    after = np.searchsorted(gcol, edges, side="left")  # the first point at or past the edge
    x0, x1 = PX[after - 1], PX[after]
    y0, y1 = PY[after - 1], PY[after]
    at = edges - shift[col_curve[edges]]  # (the edge in pixels)
    at_edges = y0 + (at - x0) * ((y1 - y0) / (x1 - x0))
    # Each column's lowest and highest: of its points (x never decreases, so a column's
    # points are side by side) and of the line where it crosses the column's edges.
    columns = gcol.astype(np.intp)
    new = np.empty(len(columns), dtype=bool)
    new[0] = True
    np.not_equal(columns[1:], columns[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    low = np.full(total, np.inf)
    high = np.full(total, -np.inf)
    low[columns[starts]] = np.minimum.reduceat(PY, starts)
    high[columns[starts]] = np.maximum.reduceat(PY, starts)
    for side in (edges - 1, edges):  # (the columns left and right of each edge)
        low[side] = np.minimum(low[side], at_edges)
        high[side] = np.maximum(high[side], at_edges)
    on = np.zeros(total, dtype=bool)
    lines = []
    for i, job in enumerate(jobs):
        if bad[i] or not counts[i]:
            continue
        b, c = int(begin[i]), counts[i]
        if job.level is not None:
            at_level = job.level
            out[i] = (
                _column_rects(
                    np.arange(firsts[i], firsts[i] + c, dtype=float),
                    np.minimum(low[b : b + c], at_level),
                    np.maximum(high[b : b + c], at_level),
                ),
                None,
            )
        else:
            out[i] = (None, None)
        if job.width > 0:
            lines.append(i)
            if job.dashes is None:
                on[b : b + c] = True
            elif starts[i] and math.isfinite(origin[i]):  # (a window: from the curve's start)
                whole = math.floor(origin[i])
                on[b : b + c] = job.runs(whole, origin[i], firsts[i] - whole + c)[-c:]
            else:
                on[b : b + c] = job.runs(firsts[i], origin[i], c)
    if not lines:
        return [None if bad[i] else out[i] for i in range(m)]
    low = np.where(on, low, np.inf)
    high = np.where(on, high, -np.inf)
    # A thick pen reaches sideways too (steep spikes): each column joined with those within
    # its curve's reach (those in its slot).
    wide_low, wide_high = low, high
    if r > 0:
        wide_low, wide_high = low.copy(), high.copy()
        few = None if len({reaches[i] for i in lines}) == 1 else np.array(reaches)[col_curve]
        for s in range(1, r + 1):
            if few is None:
                np.minimum(wide_low[s:], low[:-s], out=wide_low[s:])
                np.minimum(wide_low[:-s], low[s:], out=wide_low[:-s])
                np.maximum(wide_high[s:], high[:-s], out=wide_high[s:])
                np.maximum(wide_high[:-s], high[s:], out=wide_high[:-s])
            else:  # (curves of different widths: each column as far as its curve's pen)
                far = few >= s
                np.minimum(wide_low[s:], low[:-s], out=wide_low[s:], where=far[s:])
                np.minimum(wide_low[:-s], low[s:], out=wide_low[:-s], where=far[:-s])
                np.maximum(wide_high[s:], high[:-s], out=wide_high[s:], where=far[s:])
                np.maximum(wide_high[:-s], high[s:], out=wide_high[:-s], where=far[:-s])
    where = np.flatnonzero(np.isfinite(wide_low))
    widths = np.array([j.width for j in jobs])
    half = widths[col_curve[where]] / 2
    rects = _column_rects(where.astype(float), wide_low[where] - half, wide_high[where] + half)
    owner = col_curve[rects[:, 0].astype(np.intp)]
    rects[:, 0] -= shift[owner]
    bounds = np.searchsorted(owner, np.arange(m + 1)).tolist()
    for i in lines:
        out[i] = (out[i][0], rects[bounds[i] : bounds[i + 1]])
    return [None if bad[i] else out[i] for i in range(m)]


def _column_rects(left: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """The pixel columns ``left`` from ``top`` to ``bottom`` as rectangles (x, y, w, h).

    Each column takes the pixel rows whose centres lie in [top, bottom) (as Qt fills a
    rectangle without antialiasing), and side-by-side columns with the same rows are one
    rectangle: a curve that has settled is a few dozen, not a thousand.
    """
    top, bottom = pixel_rows(top), pixel_rows(bottom)
    new = np.ones(len(left), dtype=bool)
    new[1:] = (top[1:] != top[:-1]) | (bottom[1:] != bottom[:-1]) | (left[1:] != left[:-1] + 1)
    starts = np.flatnonzero(new)
    rects = np.empty((len(starts), 4))
    if len(starts) == 0:
        return rects
    rects[:, 0] = left[starts]
    rects[:, 1] = top[starts]
    rects[:-1, 2] = starts[1:] - starts[:-1]
    rects[-1, 2] = len(left) - starts[-1]
    rects[:, 3] = bottom[starts] - top[starts]
    return rects


def _rects_at(rects: np.ndarray):
    """A C-contiguous (r, 4) float array as the QRectF* that ``drawRects`` takes."""
    return compat.wrapinstance(rects.__array_interface__["data"][0], QRectF)


def _lines_at(lines: np.ndarray):
    """A C-contiguous (r, 4) float array as the QLineF* that ``drawLines`` takes."""
    return compat.wrapinstance(lines.__array_interface__["data"][0], QLineF)


class _InkGroup:
    """The :class:`TimeCurve` items of one view, their ink worked out together (see
    :func:`time_inks`) when the first of them is painted and kept for the others.

    What each curve's ink depends on (its points, pen and fill, and the view's transform)
    is kept with it and compared by identity before the kept ink is used: a curve given new
    points, or a view moved, is worked out again with its company.
    """

    def __init__(self, parent):
        self.parent = parent  # the items' parent, or None: a curve on its own
        self.plain: tuple | None = None
        self.members: list = []
        self.states: list[tuple] = []
        self.results: dict[int, object] = {}

    window: tuple[int, int] | None = None  # (the columns the kept ink is right in; None: all)

    def inks(self, curve, plain: tuple, window: tuple[int, int] | None = None):
        """``curve``'s (fill, line) rectangles, right at least in the pixel columns of
        ``window`` (see :func:`time_inks`)."""
        kept = self.window
        if (
            plain != self.plain
            or id(curve) not in self.results
            or not (
                kept is None
                or (window is not None and kept[0] <= window[0] and window[1] <= kept[1])
            )
            or not self._same()
        ):
            if window is not None and window[1] - window[0] > WINDOW_MAX:
                window = None  # (most of the view: all of it)
            elif window is not None:  # (room for the other curves' slightly other windows)
                window = (window[0] - WINDOW_MARGIN, window[1] + WINDOW_MARGIN)
            self._work(curve, plain, window)
        return self.results[id(curve)]

    def _same(self) -> bool:
        for member, (x, y, pen, level, brush) in zip(self.members, self.states, strict=True):
            opts = member.opts
            if (
                member.xData is not x
                or member.yData is not y
                or opts["pen"] is not pen
                or opts["fillLevel"] is not level
                or opts["brush"] is not brush
            ):
                return False
        return True

    def _work(self, curve, plain: tuple, window: tuple[int, int] | None = None) -> None:
        sx, dx, sy, dy = plain
        around = [curve] if self.parent is None else self.parent.childItems()
        members = [
            c
            for c in around
            if c is curve
            or (
                isinstance(c, TimeCurve)
                and c.isVisible()
                and c.xData is not None
                and len(c.xData) >= 2
                and not c._level()
            )
        ]
        if curve not in members:
            members.append(curve)
        found = time_inks([c._ink_job(sy, dy) for c in members], sx, dx, sy, dy, window)
        self.plain, self.window = plain, window
        self.members = members
        self.states = [
            (c.xData, c.yData, c.opts["pen"], c.opts["fillLevel"], c.opts["brush"]) for c in members
        ]
        self.results = {id(c): ink for c, ink in zip(members, found, strict=True)}


WINDOW_MAX = 256  # a repaint wider than this many pixel columns works out every column
WINDOW_MARGIN = 8  # ... and a narrower one this many more either side


def _ink_group(curve) -> _InkGroup:
    parent = curve.parentItem()
    holder = curve if parent is None else parent
    group = getattr(holder, "_time_inks", None)
    if group is None:
        group = _InkGroup(parent)
        holder._time_inks = group
    return group


class QuickBounds(pg.PlotCurveItem):
    """A curve whose bounding rectangle costs a min and a max, not pyqtgraph's pixel vectors.

    It also holds the fill down to the fill level, which pyqtgraph's leaves out.  Its
    ``setData(x, y)`` with two arrays of numbers skips pyqtgraph's argument parsing, and its
    pen's reach (in data units) is kept until the pen or the view changes: a curve that
    changes every frame costs a few microseconds, not some sixty, before it is painted.

    With ``PARTIAL`` (curves over time, which grow at their end) new points that only
    change the curve's tail ask for the tail's rectangle to be painted again, not the whole
    curve's: the bounding rectangle keeps room to grow into (a quarter of its width to the
    right, a tenth of its height up and down), so it stays put for many frames, and Qt
    paints again only where something changed.
    """

    PARTIAL = False
    _padding: tuple[float, float] | None = None
    _data: tuple[float, float, float, float] | None = None  # the points' (and fill's) extent
    _room: tuple[float, float, float, float] | None = None  # ... and what the bounds hold

    def setData(self, *args, **kargs):
        if len(args) == 2 and not kargs:
            x, y = args
            if (
                type(x) is np.ndarray
                and type(y) is np.ndarray
                and x.ndim == 1
                and x.shape == y.shape
                and x.dtype.kind in "fiu"
                and y.dtype.kind in "fiu"
            ):
                # what pyqtgraph's updateData does for (x, y), without its other options
                old_x, old_y = self.xData, self.yData
                self.yData, self.xData = y, x
                self._boundsCache = [None, None]
                self.path = self.fillPath = self._fillPathList = self._mouseShape = None
                self._lineSegmentsRendered = False
                tail = None
                if self.PARTIAL and self._boundingRect is not None and self._room is not None:
                    tail = self._tail(old_x, old_y, x, y)
                if tail is not None and self._holds(tail):
                    self.informViewBoundsChanged()
                    if tail[0] <= tail[1]:  # (else nothing changed)
                        mx, my = self._margin()
                        x0, x1, y0, y1 = tail
                        self.update(QRectF(x0 - mx, y0 - my, x1 - x0 + 2 * mx, y1 - y0 + 2 * my))
                else:
                    self._boundingRect = None
                    self.prepareGeometryChange()
                    self.informViewBoundsChanged()
                    self.update()
                self.sigPlotChanged.emit(self)
                return
        super().setData(*args, **kargs)

    def setFillLevel(self, level):
        if level == self.opts["fillLevel"]:  # (the same level again: nothing to paint again)
            return
        super().setFillLevel(level)

    def invalidateBounds(self):  # (a new pen, a new view transform, pyqtgraph's setData)
        self._padding = None
        super().invalidateBounds()

    def _pad(self) -> tuple[float, float]:
        if self._padding is None:
            pad = self.pixelPadding()
            t = self.deviceTransform_()
            units = [0.0, 0.0]  # (data units a pixel)
            if t is not None and t.m11() and t.m22():
                units = [1.0 / abs(t.m11()), 1.0 / abs(t.m22())]
            self._padding = (pad * units[0], pad * units[1], *units)
        return self._padding[:2]

    def _margin(self) -> tuple[float, float]:
        """The pen's reach and two pixels more, in data units: around a changed tail."""
        px, py = self._pad()
        ux, uy = self._padding[2:]
        return px + 2 * ux, py + 2 * uy

    def _fill_level(self) -> float | None:
        level = self.opts["fillLevel"]
        if level is not None and self.opts["brush"] is not None and math.isfinite(level):
            return level
        return None

    def _tail(self, old_x, old_y, x, y) -> tuple[float, float, float, float] | None:
        """The extent of what changed from the old points to the new ones, from the last
        point they share on (x0 > x1: nothing changed); None where it is not just a tail."""
        if old_x is None or len(old_x) < 2 or len(x) < 2:
            return None
        if len(x) == len(old_x) == 2 and x[0] == old_x[0] and y[0] == y[1] == old_y[0] == old_y[1]:
            a, b = float(old_x[1]), float(x[1])  # a level that grows (or shrinks) at its end
            level = float(y[0])
            extent = (min(a, b), max(a, b), level, level)
        else:
            n = min(len(old_x), len(x))
            ya, yb = old_y[:n], y[:n]
            differ = old_x[:n] != x[:n]
            differ |= ya != yb
            first = int(differ.argmax())  # (the first that differs, if any does)
            if not differ[first]:
                first = n
            elif ya[first] != ya[first] and yb[first] != yb[first]:  # NaN in both: the same
                same = (old_x[:n] == x[:n]) & ((ya == yb) | (np.isnan(ya) & np.isnan(yb)))
                differ = np.flatnonzero(~same)
                first = int(differ[0]) if len(differ) else n
            if first == n and len(x) == len(old_x):
                return (1.0, 0.0, 0.0, 0.0)  # the same points
            if first == 0:
                return None
            a = np.concatenate((old_x[first - 1 :], x[first - 1 :]))
            c = np.concatenate((old_y[first - 1 :], y[first - 1 :]))
            extent = (
                float(a.min()),
                float(a.max()),
                float(np.fmin.reduce(c)),
                float(np.fmax.reduce(c)),
            )
        level = self._fill_level()
        if level is not None:
            extent = (*extent[:2], min(extent[2], level), max(extent[3], level))
        if not all(map(math.isfinite, extent)):
            return None
        return extent

    def _holds(self, tail) -> bool:
        """Whether the bounds hold the points with their new tail (then they are kept)."""
        if tail[0] > tail[1]:
            return True
        d, r = self._data, self._room
        grown = (min(d[0], tail[0]), max(d[1], tail[1]), min(d[2], tail[2]), max(d[3], tail[3]))
        if r[0] <= grown[0] and grown[1] <= r[1] and r[2] <= grown[2] and grown[3] <= r[3]:
            self._data = grown
            return True
        return False

    def boundingRect(self) -> QRectF:
        if self._boundingRect is None:
            x, y = self.xData, self.yData
            if x is None or len(x) == 0:
                return QRectF()
            x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
            if math.isnan(x0 + x1 + y0 + y1):  # (rare: the NaN-aware reductions are slower)
                with np.errstate(invalid="ignore"):
                    x0, x1 = float(np.nanmin(x)), float(np.nanmax(x))
                    y0, y1 = float(np.nanmin(y)), float(np.nanmax(y))
            level = self._fill_level()
            if level is not None:
                y0, y1 = min(y0, level), max(y1, level)
            if not all(map(math.isfinite, (x0, x1, y0, y1))):
                return super().boundingRect()
            self._data = (x0, x1, y0, y1)
            if self.PARTIAL:  # room to grow into (see the class)
                x1 += 0.25 * (x1 - x0)
                y0, y1 = y0 - 0.1 * (y1 - y0), y1 + 0.1 * (y1 - y0)
            self._room = (x0, x1, y0, y1)
            px, py = self._pad()
            self._boundingRect = QRectF(x0 - px, y0 - py, x1 - x0 + 2 * px, y1 - y0 + 2 * py)
        return self._boundingRect


class TimeCurve(QuickBounds):
    """A curve over time (optionally filled to a level) painted column by pixel column."""

    LEVELS = True  # a level (all y equal) drawn a rectangle per dash (the same pixels)
    PARTIAL = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("antialias", False)
        super().__init__(*args, **kwargs)
        self._rects = internals.PrimitiveArray(QRectF, 4)
        # (Qt then tells paint which part is to be painted again: a tail's strip, say)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def paint(self, p, opt, widget):
        x, y = self.xData, self.yData
        if widget is None or x is None or len(x) < 2:
            return super().paint(p, opt, widget)  # an export, or nothing to join
        plain = _plain_transform(p)
        if plain is None:
            return super().paint(p, opt, widget)
        sx, dx, sy, dy = plain
        if not (math.isfinite(sx) and math.isfinite(sy)) or sx <= 0:
            return super().paint(p, opt, widget)
        pen = self.opts["pen"]
        if self._level():  # a level (H(p), a learner that never learns)
            if (x[1:] < x[:-1]).any():
                return super().paint(p, opt, widget)
            px0, px1 = float(x[0]) * sx + dx, float(x[-1]) * sx + dx
            if px1 - px0 > MAX_COLUMNS:
                return super().paint(p, opt, widget)
            return self._paint_level(p, np.array([px0, px1]), float(y[0]) * sy + dy, pen)
        seen = opt.exposedRect if opt is not None else None  # (item coordinates)
        window = None
        if seen is not None and seen.isValid():
            a, b = seen.left() * sx + dx, seen.right() * sx + dx
            if math.isfinite(a) and math.isfinite(b):
                window = (math.floor(a), math.ceil(b))
        inks = _ink_group(self).inks(self, plain, window)
        if inks is None:
            return super().paint(p, opt, widget)
        fill, line = inks
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        if fill is not None and len(fill):
            p.setBrush(pg.mkBrush(self.opts["brush"]))
            p.drawRects(_rects_at(fill), len(fill))
        if line is not None and len(line):
            p.setBrush(pen.brush())
            p.drawRects(_rects_at(line), len(line))
        p.restore()

    def _level(self) -> bool:
        """Drawn as a level: all y the same finite number, no fill (see _paint_level)."""
        if not self.LEVELS:
            return False
        level, brush = self.opts["fillLevel"], self.opts["brush"]
        if level is not None and brush is not None and math.isfinite(level):
            return False
        y, x = self.yData, self.xData
        known = self._flat
        if known is not None and known[0] is y and known[1] is x:
            return known[2]  # (the same points as last asked: the same answer)
        first = float(y[0])
        flat = (
            math.isfinite(first)
            and math.isfinite(x[0])
            and math.isfinite(x[-1])
            and bool((y == first).all())
        )
        self._flat = (y, x, flat)
        return flat

    _flat: tuple | None = None  # (y, x, whether all y are the same finite number)

    def _ink_job(self, sy: float, dy: float) -> InkJob:
        pen = self.opts["pen"]
        width = 0.0
        if pen is not None and pen.style() != Qt.PenStyle.NoPen:
            width = pen_width(pen)
        level, brush = self.opts["fillLevel"], self.opts["brush"]
        filled = level is not None and brush is not None and math.isfinite(level)
        dashes = pen if width and pen.style() != Qt.PenStyle.SolidLine else None
        return InkJob(
            self.xData,
            self.yData,
            width,
            dashes,
            level * sy + dy if filled else None,
            self._dash_on,
        )

    _on: tuple | None = None

    def _dash_on(self, first: int, start: float, count: int, pen=None) -> np.ndarray:
        """Which of ``count`` columns from ``first`` are in a dash of a line from x =
        ``start`` (see :func:`dashed`) drawn with ``pen`` (the curve's own if None):
        worked out for twice the length and kept."""
        pen = self.opts["pen"] if pen is None else pen
        key = (first, start, *dash_key(pen))
        if self._on is None or self._on[0] != key or len(self._on[1]) < count:
            length = max(2 * count, 1024)
            self._on = (
                key,
                dashed(np.arange(first, first + length, dtype=float) + 0.5 - start, pen),
            )
        return self._on[1][:count]

    def _paint_level(self, p, px: np.ndarray, py: float, pen) -> None:
        """A level (H(p) of a fixed world): the same ink as the columns would get, one
        rectangle per dash instead of one per column."""
        if pen is None or pen.style() == Qt.PenStyle.NoPen or not np.isfinite(py):
            return
        first = int(np.floor(px[0]))
        count = int(np.floor(px[1])) - first + 1
        rects = self._level_rects(first, float(px[0]), count, pen, py)
        if rects is None:
            return
        self._rects.resize(len(rects))
        self._rects.ndarray()[:] = rects
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pen.brush())
        p.drawRects(_rects_at(self._rects.ndarray()), len(self._rects))
        p.restore()

    _wide: tuple | None = None

    def _level_rects(self, first: int, start: float, count: int, pen, py: float):
        """A level's rectangles: its dashes (see :meth:`_dash_runs`) widened by a thick
        pen's reach, those that then touch made one.  Worked out for twice the length and
        kept: a level that grows takes the first of them and cuts the last short."""
        width = pen_width(pen)
        reach = round(width / 2)
        key = (first, start, py, *dash_key(pen))
        kept = self._wide
        if kept is None or kept[0] != key or kept[1] < count:
            length = max(2 * count, 1024)
            starts, ends = self._dash_runs(first, start, length, pen)
            apart = np.ones(len(starts), dtype=bool)  # (dashes that touch once widened: one)
            apart[1:] = starts[1:] - reach > ends[:-1] + reach
            last = np.ones(len(starts), dtype=bool)
            last[:-1] = apart[1:]
            rects = np.empty((int(apart.sum()), 4))
            rects[:, 0] = starts[apart] - reach + first
            rects[:, 1] = pixel_rows(py - width / 2)
            rects[:, 2] = ends[last] + reach - (starts[apart] - reach)
            rects[:, 3] = pixel_rows(py + width / 2) - pixel_rows(py - width / 2)
            self._wide = kept = (key, length, starts, ends, np.cumsum(apart) - 1, rects)
        _, _, starts, ends, group, rects = kept
        k = int(np.searchsorted(starts, count))  # the dashes that start within the level
        if k == 0:
            return None
        shown = rects[: int(group[k - 1]) + 1].copy()
        # the last one ends where the level does (or where its own last dash does)
        shown[-1, 2] = min(int(ends[k - 1]), count) + reach + first - shown[-1, 0]
        return shown

    _runs: tuple | None = None

    def _dash_runs(self, first: int, start: float, count: int, pen) -> tuple:
        """The dashes of a line from x = ``start`` over ``count`` pixel columns from column
        ``first``, as runs of columns (starts, ends), counted from ``first``: the columns
        whose centres :func:`dashed` puts in a dash.  Worked out for twice the length and
        kept, so a level that grows costs a slice, not a pass over every column."""
        key = (first, start, *dash_key(pen))
        if self._runs is None or self._runs[0] != key or self._runs[1] < count:
            length = max(2 * count, 1024)
            on = self._dash_on(first, start, length, pen)
            edges = np.zeros(length + 1, dtype=np.int8)  # +1 where a dash starts, -1 past it
            edges[:-1] = on
            edges[1:] -= on
            self._runs = (key, length, np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))
        _, length, starts, ends = self._runs
        if count < length:
            keep = int(np.searchsorted(starts, count))
            starts, ends = starts[:keep], np.minimum(ends[:keep], count)
        return starts, ends


class TrailCurve(QuickBounds):
    """A short trail: straight segments without antialiasing, dashes cut along it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("antialias", False)
        super().__init__(*args, **kwargs)
        self._dashes = internals.PrimitiveArray(QLineF, 4)
        self._kept: tuple | None = None  # (pen, x, y) in pixels of the segments in _dashes

    def paint(self, p, opt, widget):
        pen = self.opts["pen"]
        x, y = self.xData, self.yData
        if widget is None or x is None or len(x) < 2 or pen is None:
            return super().paint(p, opt, widget)
        solid = pen.style() == Qt.PenStyle.SolidLine
        # A thick opaque solid pen: the segments pyqtgraph would draw, without its overhead
        # (a thin or see-through one it strokes as a path: left to it).
        if pen.style() == Qt.PenStyle.NoPen or (
            solid and not (pen.widthF() > 1 and pen.isSolid() and pen.color().alphaF() == 1.0)
        ):
            return super().paint(p, opt, widget)
        plain = _plain_transform(p)
        if plain is None:
            return super().paint(p, opt, widget)
        sx, dx, sy, dy = plain
        keep = np.isfinite(x) & np.isfinite(y)
        px, py = x[keep] * sx + dx, y[keep] * sy + dy
        if len(px) < 2:
            return
        kept = self._kept
        if not (
            kept is not None
            and kept[0] is pen
            and len(kept[1]) == len(px)
            and (kept[1] == px).all()
            and (kept[2] == py).all()
        ):  # (a trail that did not move, a learner stuck or not learning: nothing to redo)
            if solid:
                lines = np.column_stack([px[:-1], py[:-1], px[1:], py[1:]])
            else:
                lines = dash_segments(px, py, pen)
            self._dashes.resize(len(lines))
            self._dashes.ndarray()[:] = lines
            self._kept = (pen, px, py)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(pen)
        if len(self._dashes):
            p.drawLines(_lines_at(self._dashes.ndarray()), len(self._dashes))
        p.restore()


def dash_segments(x: np.ndarray, y: np.ndarray, pen: QPen) -> np.ndarray:
    """The inked pieces of the polyline (x, y) under a dashed pen, as rows x1, y1, x2, y2.

    Dash lengths follow the pen's pattern along the line, as Qt's dasher lays them; each
    piece is drawn with the pen's caps.  Pieces end at the polyline's corners too.
    """
    if len(x) < 2:
        return np.empty((0, 4))
    step = np.hypot(np.diff(x), np.diff(y))
    along = np.concatenate([[0.0], np.cumsum(step)])
    total = along[-1]
    period, inked = dash_intervals(pen)
    if period <= 0 or total <= 0:
        return np.column_stack([x[:-1], y[:-1], x[1:], y[1:]])
    repeats = np.arange(np.floor(along[0] / period) - 1, np.ceil(total / period) + 1)
    cuts = [along]
    for start, length in inked:
        cuts += [repeats * period + start, repeats * period + start + length]
    cuts = np.unique(np.clip(np.concatenate(cuts), 0.0, total))
    middle = (cuts[:-1] + cuts[1:]) / 2
    on = np.zeros(len(middle), dtype=bool)
    for start, length in inked:
        on |= np.mod(middle - start, period) < length
    a, b = cuts[:-1][on], cuts[1:][on]
    if len(a) == 0:
        return np.empty((0, 4))
    return np.column_stack(
        [
            np.interp(a, along, x),
            np.interp(a, along, y),
            np.interp(b, along, x),
            np.interp(b, along, y),
        ]
    )


class Backdrop(QGraphicsObject):
    """Items that change only with the world (a heat map, its contours, its hatching) painted
    together, so that their one cached picture is blitted each frame instead of one each.

    The members stay ordinary pyqtgraph items, set up as usual, but are not in the scene
    themselves: this item paints them (and their children) in its place, lowest z first.
    Call :meth:`refresh` after changing them.
    """

    def __init__(self, members, parent=None):
        super().__init__(parent)
        self.members = list(members)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    _bounds: QRectF | None = None

    def refresh(self) -> None:
        self.prepareGeometryChange()
        self._bounds = None
        self.update()

    def boundingRect(self) -> QRectF:
        if self._bounds is None:  # (kept until refresh: Qt asks several times a frame)
            rect = QRectF()
            for item in self.members:
                if item.isVisible():
                    rect = rect.united(_placement(item).mapRect(item.boundingRect()))
            self._bounds = rect
        return QRectF(self._bounds)

    def paint(self, p, opt, widget=None):
        for item in sorted(self.members, key=lambda i: i.zValue()):
            _paint_tree(p, item, opt, widget)


def _placement(item: QGraphicsItem) -> QTransform:
    """Where an item sits in its parent's coordinates (its transform, then its position)."""
    return item.transform() * QTransform.fromTranslate(item.x(), item.y())


def _paint_tree(p, item: QGraphicsItem, opt, widget) -> None:
    if not item.isVisible():
        return
    p.save()
    p.setTransform(_placement(item), True)
    item.paint(p, opt, widget)
    for child in sorted(item.childItems(), key=lambda i: i.zValue()):
        _paint_tree(p, child, opt, widget)
    p.restore()


class Marker(QGraphicsPathItem):
    """One symbol at one point, its size in pixels: what a one-point ScatterPlotItem draws,
    without rebuilding the scatter's point table (and its bounds) every frame.

    ``setData([x], [y])`` moves it (empty lists hide it); ``getData()`` returns the point
    as two one-element arrays, as a scatter does.
    """

    def __init__(self, symbol: str = "o", brush=None, size: float = 10.0):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._symbol, self._size = symbol, float(size)
        self._point: tuple[float, float] | None = None
        if brush is not None:
            self.setBrush(pg.mkBrush(brush))
        self._shape()
        self.setVisible(False)

    def _shape(self) -> None:
        path = QTransform.fromScale(self._size, self._size).map(Symbols[self._symbol])
        self.setPath(path)

    def setSize(self, size: float) -> None:
        self._size = float(size)
        self._shape()

    def setSymbol(self, symbol: str) -> None:
        self._symbol = symbol
        self._shape()

    def setData(self, x, y) -> None:
        if len(x) == 0:
            self._point = None
            self.setVisible(False)
            return
        point = (float(x[0]), float(y[0]))
        if not np.isfinite(point).all():
            self._point = None
            self.setVisible(False)
            return
        if point != self._point:
            self._point = point
            self.setPos(*point)
        self.setVisible(True)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        if self._point is None:
            return np.empty(0), np.empty(0)
        return np.array([self._point[0]]), np.array([self._point[1]])


class Markers(pg.GraphicsObject):
    """Symbols at several points, their size in pixels: a ScatterPlotItem for a few dozen
    points that move every frame (annealing's rejected proposals, handles, focus rings).

    The symbol is drawn once into a pixmap (again when its size, pen or brush changes) and
    stamped at every point in one call; ``setData`` only keeps the coordinates.  (Sixty
    antialiased crosses stroked one by one cost about 2 ms a frame; a scatter's per-point
    tables cost as much again in ``setData``.)  ``setData(x, y, size=..., pen=...)`` and
    ``getData()`` work as a scatter's do.
    """

    def __init__(self, symbol: str = "o", brush=None, size: float = 10.0, parent=None):
        super().__init__(parent)
        self._symbol, self._size = symbol, float(size)
        self._brush = pg.mkBrush(brush) if brush is not None else QBrush(Qt.BrushStyle.NoBrush)
        self._pen = QPen(Qt.PenStyle.NoPen)
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._stamp: QPixmap | None = None
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self._bounds: QRectF | None = None

    # --- the symbol -------------------------------------------------------------------------
    def _reach(self) -> float:
        """Pixels from a point to the edge of its symbol's ink."""
        pen = 0.0 if self._pen.style() == Qt.PenStyle.NoPen else max(self._pen.widthF(), 1.0)
        return self._size / 2 + pen / 2 + 1

    def _restyle(self) -> None:
        self._stamp = None
        self._bounds = None
        self.prepareGeometryChange()
        self.update()

    def _render(self, ratio: float) -> QPixmap:
        side = 2 * int(np.ceil(self._reach()))
        stamp = QPixmap(max(1, round(side * ratio)), max(1, round(side * ratio)))
        stamp.setDevicePixelRatio(ratio)
        stamp.fill(Qt.GlobalColor.transparent)
        painter = QPainter(stamp)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(side / 2, side / 2)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        painter.drawPath(QTransform.fromScale(self._size, self._size).map(Symbols[self._symbol]))
        painter.end()
        return stamp

    def setSize(self, size: float) -> None:
        if float(size) != self._size:
            self._size = float(size)
            self._restyle()

    def setPen(self, pen) -> None:
        pen = pg.mkPen(pen)
        if pen != self._pen:
            self._pen = pen
            self._restyle()

    def setBrush(self, brush) -> None:
        self._brush = pg.mkBrush(brush) if brush is not None else QBrush(Qt.BrushStyle.NoBrush)
        self._restyle()

    # --- the points -------------------------------------------------------------------------
    def setData(self, x, y, size: float | None = None, pen=None) -> None:
        if size is not None:
            self.setSize(size)
        if pen is not None:
            self.setPen(pen)
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        keep = np.isfinite(x) & np.isfinite(y)
        self.prepareGeometryChange()
        self._x, self._y = x[keep], y[keep]
        self._bounds = None
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self._x.copy(), self._y.copy()

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        return (None, None)  # (never stretches the view: markers sit on what is drawn)

    def viewTransformChanged(self):
        self._bounds = None  # (the symbol's pixels are another span of data)
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            if len(self._x) == 0:
                self._bounds = QRectF()
            else:
                x0, x1 = float(self._x.min()), float(self._x.max())
                y0, y1 = float(self._y.min()), float(self._y.max())
                t, reach = self.deviceTransform_(), self._reach()
                px = reach / abs(t.m11()) if t is not None and t.m11() else 0.0
                py = reach / abs(t.m22()) if t is not None and t.m22() else 0.0
                self._bounds = QRectF(x0 - px, y0 - py, x1 - x0 + 2 * px, y1 - y0 + 2 * py)
        return QRectF(self._bounds)

    def paint(self, p, opt, widget=None):
        if len(self._x) == 0:
            return
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        if self._stamp is None or self._stamp.devicePixelRatio() != ratio:
            self._stamp = self._render(ratio)
        t = p.transform()
        xs = self._x * t.m11() + self._y * t.m21() + t.m31()
        ys = self._x * t.m12() + self._y * t.m22() + t.m32()
        size = self._stamp.width()
        self._fragments.resize(len(xs))
        fragments = self._fragments.ndarray()
        fragments[:, 0] = xs
        fragments[:, 1] = ys
        fragments[:, 2:6] = (0.0, 0.0, size, size)  # the whole stamp, centred on the point
        fragments[:, 6:10] = (1 / ratio, 1 / ratio, 0.0, 1.0)
        p.save()
        p.resetTransform()
        p.drawPixmapFragments(*self._fragments.drawargs(), self._stamp)
        p.restore()


class Bars(pg.BarGraphItem):
    """Bars whose bounding rectangle is worked out once per change, not on every ask.

    (Qt asks several times a frame; pyqtgraph's works out the pen's pixel padding each
    time.)  It changes with the bars (``setOpts``) and with the view's scale.
    """

    def __init__(self, **opts):
        self._bounds: QRectF | None = None
        super().__init__(**opts)

    def setOpts(self, **opts):
        self._bounds = None
        super().setOpts(**opts)

    def viewTransformChanged(self):
        self._bounds = None
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            self._bounds = super().boundingRect()
        return QRectF(self._bounds)
