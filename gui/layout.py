"""Where the views go: an arrangement that adapts to the room, rather than one that shrinks.

:func:`arrange` is pure geometry.  Given the room, the plots to show and what the readouts
need, it tries every sensible arrangement (plots side by side, stacked, in a 2 × 2 grid; the
readouts as a strip below, a column beside, or the fourth cell of the grid) and keeps the one
whose smallest plot is largest.  When not even that leaves every plot a readable size, it
drops the plot that matters least (the last in the list) and tries again, so a view is
either readable or not there: never squeezed below its minimum, never clipped.

:class:`ViewsArea` is the widget that holds the views and applies the arrangement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QRect, Signal
from PySide6.QtWidgets import QWidget

GAP = 6  # pixels between views


class Arrangement(NamedTuple):  # (not a dataclass: one compiles its methods at start-up)
    plots: dict[str, QRect]  # name -> where the plot goes
    readouts: QRect | None  # None: no readouts shown
    dropped: tuple[str, ...]  # plots that did not fit and are not shown
    score: float


def _grids(n: int) -> list[list[tuple[int, int, int, int]]]:
    """Cells (row, col, rows spanned, cols spanned) for n plots, in a few shapes."""
    if n == 0:
        return [[]]
    if n == 1:
        return [[(0, 0, 1, 1)]]
    if n == 2:
        return [[(0, 0, 1, 1), (0, 1, 1, 1)], [(0, 0, 1, 1), (1, 0, 1, 1)]]
    return [
        [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 2)],  # two above, one wide below
        [(0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1)],  # a row of three
        [(0, 0, 1, 1), (1, 0, 1, 1), (2, 0, 1, 1)],  # a column of three
        [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)],  # one wide above, two below
    ]


def _cells(rect: QRect, cells: list[tuple[int, int, int, int]]) -> list[QRect]:
    rows = max((r + rs for r, _, rs, _ in cells), default=1)
    cols = max((c + cs for _, c, _, cs in cells), default=1)
    w = (rect.width() - GAP * (cols - 1)) / cols
    h = (rect.height() - GAP * (rows - 1)) / rows
    out = []
    for r, c, rs, cs in cells:
        x = rect.x() + c * (w + GAP)
        y = rect.y() + r * (h + GAP)
        out.append(
            QRect(
                round(x), round(y), round(cs * w + (cs - 1) * GAP), round(rs * h + (rs - 1) * GAP)
            )
        )
    return out


def _score(
    names: Sequence[str],
    rects: list[QRect],
    min_size: tuple[int, int],
    chrome: Callable[[str, int], int] | None = None,
    bound: float | None = None,
) -> float:
    """The smallest plot's size, in units of the minimum; below 1 means too small.

    ``chrome(name, width)`` is the height a view's title, legend and caption take at that
    width: the minimum applies to what is left for the plot itself.  With a ``bound``, a
    plot no larger than it ends the measuring (the score is then at most the bound).
    """
    if not rects:
        return 10.0
    mw, mh = min_size
    scores = []
    for name, r in zip(names, rects, strict=True):
        extra = chrome(name, r.width()) if chrome is not None else 0
        beside = chrome(name, -1) if chrome is not None else 0  # width=-1: the width beside
        w, h = (r.width() - beside) / mw, (r.height() - extra) / mh
        # A plot is as good as its shorter side allows; a very wide or tall one is no better.
        scores.append(min(w, h, 2.2 * max(min(w, h), 0.0) ** 0.5))
        if bound is not None and scores[-1] <= bound:
            break  # this arrangement cannot beat the bound: no need to measure the rest
    return min(scores)


def arrange(
    room: QRect,
    plots: Sequence[str],
    readouts: bool,
    readouts_fit: Callable[[int, int], bool],
    readouts_height: Callable[[int], int],
    readouts_min_width: int,
    min_plot: tuple[int, int],
    priority: Sequence[str] | None = None,
    chrome: Callable[[str, int], int] | None = None,
) -> Arrangement:
    """The best arrangement of ``plots`` (in placement order) and the readouts in ``room``.

    When they do not all fit, plots are dropped least important first: the end of
    ``priority`` (most important first; ``plots`` itself if not given).
    """
    plots = list(plots)
    order = [name for name in (priority or plots) if name in plots]
    dropped: list[str] = []
    while True:
        best = _best(
            room,
            plots,
            readouts,
            readouts_fit,
            readouts_height,
            readouts_min_width,
            min_plot,
            chrome,
        )
        if best is not None and (best.score >= 1.0 or not plots):
            return Arrangement(best.plots, best.readouts, tuple(dropped), best.score)
        if not plots:  # the readouts alone do not fit: show them anyway, the best we can
            return Arrangement({}, room if readouts else None, tuple(dropped), 0.0)
        least = order.pop() if order else plots[-1]
        plots.remove(least)
        dropped.insert(0, least)


def _best(
    room, plots, readouts, readouts_fit, readouts_height, readouts_min_width, min_plot, chrome
):
    best: Arrangement | None = None
    n = len(plots)

    def consider(plot_rects: list[QRect], readout_rect: QRect | None) -> None:
        nonlocal best
        if readouts and (
            readout_rect is None or not readouts_fit(readout_rect.width(), readout_rect.height())
        ):
            return
        bound = None if best is None else best.score + 1e-9
        score = _score(plots, plot_rects, min_plot, chrome, bound)
        if best is None or score > best.score + 1e-9:
            best = Arrangement(dict(zip(plots, plot_rects, strict=True)), readout_rect, (), score)

    if not readouts:
        for cells in _grids(n):
            consider(_cells(room, cells), None)
        return best
    if n == 0:
        consider([], room)
        return best
    # Readouts as a strip below the plots.
    strip = readouts_height(room.width())
    if strip < room.height():
        top = QRect(room.x(), room.y(), room.width(), room.height() - strip - GAP)
        below = QRect(room.x(), top.bottom() + 1 + GAP, room.width(), strip)
        for cells in _grids(n):
            consider(_cells(top, cells), below)
    # Readouts as a column beside the plots, one or two columns of numbers wide.
    for width in (readouts_min_width, 2 * readouts_min_width, room.width() // 3):
        if width <= 0 or width >= room.width() - GAP:
            continue
        left = QRect(room.x(), room.y(), room.width() - width - GAP, room.height())
        beside = QRect(left.right() + 1 + GAP, room.y(), width, room.height())
        for cells in _grids(n):
            consider(_cells(left, cells), beside)
    # Three plots and the readouts in a 2 × 2 grid (the readouts bottom right).
    if n == 3:
        quads = _cells(room, [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)])
        consider(quads[:3], quads[3])
        # ... or with the bottom row split unevenly, the readouts taking what they need.
        for share in (0.35, 0.45):
            width = round(room.width() * share)
            half = quads[2].height()
            y = quads[2].y()
            plot = QRect(room.x(), y, room.width() - width - GAP, half)
            side = QRect(plot.right() + 1 + GAP, y, width, half)
            consider([quads[0], quads[1], plot], side)
    return best


def _height(widget: QWidget, width: int) -> int:
    """A full-width widget's height: for its width if it wraps, else its size hint."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return widget.sizeHint().height()


class ViewsArea(QWidget):
    """Holds the views and places them by :func:`arrange` whenever its size or content changes."""

    resized = Signal(int)
    arranged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.header: list[QWidget] = []  # full-width widgets on top (the world caption)
        self.footer: list[QWidget] = []  # full-width widgets below (the race strip)
        self.plots: dict[str, QWidget] = {}  # in placement order
        self.readouts = None
        self.wanted: tuple[str, ...] | None = None  # None: every plot
        self.priority: tuple[str, ...] = ()  # most important first, when not all fit
        self.min_plot = (260, 190)
        self.arrangement: Arrangement | None = None
        self._stale = False  # asked to place the views while hidden: placed when shown

    def _chrome(self, name: str, width: int) -> int:
        """A view's height besides its plot at ``width``; with width -1, its width besides."""
        panel = self.plots[name]
        if width < 0:
            return panel.extra_width() if hasattr(panel, "extra_width") else 0
        return panel.chrome_height(width)

    def set_views(self, header, plots: dict[str, QWidget], readouts, footer) -> None:
        self.header, self.plots, self.readouts, self.footer = (
            list(header),
            dict(plots),
            readouts,
            list(footer),
        )
        for widget in (*self.header, *self.plots.values(), readouts, *self.footer):
            widget.setParent(self)

    def show_only(self, names: Sequence[str] | None) -> None:
        """Show these plots (and "readouts"), most important first; None shows every one."""
        self.wanted = tuple(names) if names is not None else None
        self.relayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.relayout()
        self.resized.emit(self.width())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.relayout()

    def relayout(self) -> None:
        if self.readouts is None:
            return
        if not self.isVisible():  # nothing to see yet (the window is being built)
            self._stale = True
            return
        self._stale = False
        margin = 4
        room = self.rect().adjusted(margin, margin, -margin, -margin)
        y = room.y()
        for widget in self.header:
            if widget.isHidden():
                continue
            h = _height(widget, room.width())
            widget.setGeometry(room.x(), y, room.width(), h)
            y += h + GAP
        bottom = room.bottom() + 1
        for widget in reversed(self.footer):
            if widget.isHidden():
                continue
            h = _height(widget, room.width())
            bottom -= h
            widget.setGeometry(room.x(), bottom, room.width(), h)
            bottom -= GAP
        middle = QRect(room.x(), y, room.width(), max(bottom - y, 0))
        if self.wanted is None:
            names = list(self.plots)
            priority = list(self.priority) or names
            show_readouts = True
        else:
            names = [n for n in self.plots if n in self.wanted]
            priority = [n for n in self.wanted if n in self.plots]
            show_readouts = "readouts" in self.wanted
        readouts = self.readouts
        # A view's chrome and the readouts' needs are asked for again and again, at the same sizes.
        measured: dict[tuple[str, int], int] = {}
        fitted: dict[tuple[int, int], bool] = {}
        heights: dict[int, int] = {}

        def chrome(name: str, width: int) -> int:
            if (name, width) not in measured:
                measured[name, width] = self._chrome(name, width)
            return measured[name, width]

        def fits(width: int, height: int) -> bool:
            if (width, height) not in fitted:
                fitted[width, height] = readouts.fits(width, height)
            return fitted[width, height]

        def height_for_width(width: int) -> int:
            if width not in heights:
                heights[width] = readouts.height_for_width(width)
            return heights[width]

        arrangement = arrange(
            middle,
            names,
            show_readouts,
            fits,
            height_for_width,
            readouts.min_width(),
            self.min_plot,
            priority,
            chrome,
        )
        self.arrangement = arrangement
        for name, widget in self.plots.items():
            rect = arrangement.plots.get(name)
            widget.setVisible(rect is not None)
            if rect is not None:
                widget.setGeometry(rect)
        readouts.setVisible(arrangement.readouts is not None)
        if arrangement.readouts is not None:
            readouts.setGeometry(arrangement.readouts)
        self.arranged.emit()
