"""The four live views: belief vs truth, surprise over time, the landscape, the readouts.

Each view builds its plot items once and afterwards only calls ``setData`` (pyqtgraph's
PlotSpeedTest pattern), so the cost of a frame does not depend on how long the run has been.
Views take the engine's frozen frames (engine/frame.py): positions, trails, decimated curves
and figures, all worked out by the engine.  Values arrive in nats and are converted here for
display; no view computes model maths or reads a live simulation.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine.contours import contour_lines
from engine.frame import LearnerFrame
from engine.landscape import Landscape
from engine.measures import from_nats
from engine.registry import SHOW_READOUTS  # not engine.lesson: read when first opened

from . import i18n, style
from .controls import Texts
from .fastdraw import Backdrop, Bars, Marker, Markers, TimeCurve, TrailCurve

# The time axis grows in steps (1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k outcomes), not every frame:
# a view whose range changes every frame redraws its axes and grid every frame.
NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


AXIS_AHEAD_S = 1.0  # a playing run's time axis, when outgrown, makes room for this long


def nice_ceiling(n: float) -> float:
    """The smallest 'nice' number (see NICE_STEPS) at or above n, at least 10."""
    if n <= 10:
        return 10.0
    power = 10.0 ** math.floor(math.log10(n))
    for m in NICE_STEPS:
        if m * power >= n:
            return m * power
    return 10 * power  # pragma: no cover - the loop always returns


# Items that do not change while a run goes on are painted once into a pixmap and blitted.
STATIC = QGraphicsItem.CacheMode.DeviceCoordinateCache


def tr(text: str) -> str:
    return QCoreApplication.translate("Panels", text)


def unit_word(units: str, value: float | None = None) -> str:
    if units == "bits":
        return tr("bit") if value is not None and abs(value) == 1 else tr("bits")
    return tr("nat") if value is not None and abs(value) == 1 else tr("nats")


def log_name(units: str) -> str:
    return "log₂" if units == "bits" else "ln"


def fmt(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if math.isinf(value):
        return "∞"
    return i18n.number(f"{value:.{digits}f}")


def set_text(label: QLabel, text: str) -> None:
    """Change a label's text only if it changed (each setText re-lays out and repaints)."""
    if label.text() != text:
        label.setText(text)


def _label_style() -> dict[str, str]:
    return {"color": "#000000"}


def axis_title_font(theme: style.Theme) -> QFont:
    """The font of axis titles (set on the label item, so what is drawn is what is measured)."""
    font = QFont()
    font.setPointSize(theme.pt(theme.small_size(-1)))
    return font


def set_axis_title(axis: pg.AxisItem, text: str, theme: style.Theme) -> None:
    axis.setLabel(text, **_label_style())
    axis.label.setFont(axis_title_font(theme))


class Steady(QWidget):
    """A box of its own for a label whose text changes every frame (a readout, a caption).

    Each ``setText`` makes a QLabel ask its parent's layout to lay out again, even when its
    room is fixed; in a box with no layout the request stops at the box (a millisecond a
    frame for the readouts).  The box takes the label's size policy and size hints, and
    the label fills it.
    """

    def __init__(
        self,
        label: QLabel,
        parent: QWidget | None = None,
        samples: Callable[[], list[str]] | None = None,
    ):
        super().__init__(parent)
        self.label = label
        self.samples = samples  # the widest texts it may show: room is kept for them
        label.setParent(self)
        label.installEventFilter(self)
        self.setSizePolicy(label.sizePolicy())

    def eventFilter(self, obj, event) -> bool:
        # A new font (a new scale, presentation mode) is a new size: tell the layout.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
        return False

    def _widest(self, hint: QSize) -> QSize:
        if self.samples is None:
            return hint
        metrics = QFontMetrics(self.label.font())
        widest = max(metrics.horizontalAdvance(text) for text in self.samples()) + 4
        return QSize(max(hint.width(), widest), hint.height())

    def sizeHint(self) -> QSize:
        return self._widest(self.label.sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._widest(self.label.minimumSizeHint())

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def setFixedHeight(self, height: int) -> None:
        super().setFixedHeight(height)
        self.label.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(self.rect())


class ValueLabel(QLabel):
    """A number that changes every frame and that a mouse can still select and copy.

    A QLabel that lets the mouse select its text draws through a text document of its own,
    and every ``setText`` throws that document away and builds a new one (a quarter of a
    millisecond each: 2 ms a frame for a race's numbers).  This one draws as plain text
    until a mouse button (a drag, a right click for Copy) asks for selection; it goes back
    to plain text when its text next changes, which would clear the selection anyway.
    """

    SELECT = Qt.TextInteractionFlag.TextSelectableByMouse

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._text = text
        self._selecting = False
        self.setCursor(Qt.CursorShape.IBeamCursor)  # it reads as selectable text throughout

    def selectable(self) -> bool:
        return bool(self.textInteractionFlags() & self.SELECT)

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        if self._selecting:
            self._selecting = False
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        super().setText(text)

    def _select(self) -> None:
        if not self._selecting:
            self._selecting = True
            self.setTextInteractionFlags(self.SELECT)

    def mousePressEvent(self, event) -> None:
        self._select()
        super().mousePressEvent(event)

    def contextMenuEvent(self, event) -> None:
        self._select()
        super().contextMenuEvent(event)


def wrapped_height(label: QLabel, samples: list[str], width: int) -> int:
    """The height ``label`` needs at ``width`` for the tallest of ``samples`` (as shown)."""
    label.ensurePolished()
    metrics = QFontMetrics(label.font())
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignCenter)
    inner = max(width - 2 * label.margin() - 4, 1)
    tallest = max(
        metrics.boundingRect(QRect(0, 0, inner, 100000), flags, i18n.keep_together(text)).height()
        for text in samples
    )
    return tallest + 6


class StillScatter(pg.ScatterPlotItem):
    """A scatter that rarely changes (the landscape's minima): its bounding rectangle is kept
    until pyqtgraph drops its bounds (new points, sizes or view), not worked out anew for
    each of Qt's several questions a frame (some 70 µs each)."""

    _kept: tuple | None = None

    def boundingRect(self) -> QRectF:
        if self._kept is None or self._kept[0] is not self.bounds:
            rect = super().boundingRect()
            self._kept = (self.bounds, rect)
        return QRectF(self._kept[1])


class LocalAxis(pg.AxisItem):
    """Tick labels written the current language's way (0,5 in Ukrainian; 20 000 outcomes),
    and on a horizontal axis never closer than their own width: pyqtgraph spaces ticks by the
    axis length alone, so large labels in a large font ran into each other."""

    def tickStrings(self, values, scale, spacing):
        texts = super().tickStrings(values, scale, spacing)
        out = []
        for value, text in zip(values, texts, strict=True):
            whole = value * scale
            if abs(whole) >= 10_000 and float(whole).is_integer():
                text = f"{int(whole):,}"  # grouped, as the step readout writes it
            out.append(i18n.number(text))
        return out

    _bounds: tuple | None = None

    def boundingRect(self) -> QRectF:
        # Qt asks for it several times a frame (the views' items are indexed, and each
        # repaint tests it); pyqtgraph maps the axis and its view afresh each time.  Kept
        # until what it depends on changes: both geometries, the grid and the style.
        view = self.linkedView()
        key = (
            self.geometry(),
            None if view is None else view.geometry(),
            self.grid,
            self.style["tickLength"],
            self.style["hideOverlappingLabels"],
        )
        if self._bounds is None or self._bounds[0] != key:
            self._bounds = (key, super().boundingRect())
        return QRectF(self._bounds[1])

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.orientation not in ("bottom", "top") or not levels or maxVal <= minVal:
            return levels
        font = self.style.get("tickFont") or self.font()
        metrics = QFontMetrics(font)
        widest = max(
            metrics.horizontalAdvance(text)
            for text in self.tickStrings([minVal, maxVal], 1.0, levels[0][0])
        )
        per_pixel = (maxVal - minVal) / max(size, 1.0)
        need = 1.5 * widest * per_pixel  # a label's width and half of it again between labels
        major = levels[0][0]
        if major >= need:
            return levels
        power = 10.0 ** math.floor(math.log10(need))
        step = next(m for m in (1, 2, 5, 10) if m * power >= need)
        major = step * power
        return [(major, 0.0), (major / (5 if step == 5 else 2), 0.0)]


# The landscape symbol of each race learner, as the legend writes it (style.RACE_SYMBOLS).
RACE_GLYPHS = ("disc", "square", "diamond", "down")

# How a legend draws each kind of mark: a line in its style, a filled box, an outlined box.
LINE_GLYPHS = {"solid": "━━━", "dash": "╍╍╍", "dot": "┉┉┉", "dashdot": "━·━"}


def _escape(text: str) -> str:
    """``text`` safe inside rich text (as ``html.escape``, whose module with its table of
    entities the first window would otherwise import for this alone)."""
    for plain, safe in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#x27;"),
    ):
        text = text.replace(plain, safe)
    return text


def legend_entry(colour: str, name: str, kind: str = "solid") -> str:
    """One legend entry as rich text: a coloured mark, then its name (wraps between entries)."""
    glyph = {
        "box": "■",
        "outline": "▣",
        "star": "★",
        "triangle": "▲",
        "hatch": "▨",
        "disc": "●",
        "square": "■",
        "diamond": "◆",
        "down": "▼",
    }.get(kind, LINE_GLYPHS.get(kind, "━━━"))
    first, _, rest = _escape(name).partition(" ")
    return (
        f"<span style='white-space:nowrap'><span style='color:{colour}'>{glyph}</span>"
        f"&nbsp;{first}</span>" + (f" {rest}" if rest else "")
    )


class PlotPanel(QWidget):
    """A view: a title, one plot, and a legend below it, all following the scale.

    Titles and legends are word-wrapping labels outside the plot: they never cover the data
    and never run off a narrow view; they wrap instead (see ``apply_style``).
    """

    def __init__(self, title: str | Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = Texts()  # its texts, set again by retranslate()
        self.plot = pg.PlotWidget(
            axisItems={"left": LocalAxis("left"), "bottom": LocalAxis("bottom")},
            enableMenu=False,  # no context menus, not even built (start-up time)
        )
        self.plot.setMenuEnabled(False)
        self.plot.getPlotItem().hideButtons()  # no stray "A" (auto-range) button
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        for name in ("top", "right"):
            # hidden, but linked to the view: with SI prefixes on, every change of range set
            # their (unshown) labels' HTML again
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).enableAutoSIPrefix(False)
            # Axes (and the grid they draw) change only with the range: blitted between.
            self.plot.getAxis(name).setCacheMode(STATIC)
        self.title_label = QLabel()
        self.title_label.setObjectName("plotTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend_label = QLabel()
        self.legend_label.setObjectName("legend")
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend_label.setVisible(False)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(2)
        self.body.addWidget(self.title_label)
        self.body.addWidget(self.plot, 1)
        self.body.addWidget(self.legend_label)
        self.set_title(title)  # a screen reader names the plot by its title
        self._axis_labels: dict[str, str] = {}
        self._legend_entries: list[tuple[str, str, str]] = []
        self.setAutoFillBackground(True)

    @property
    def theme(self) -> style.Theme:
        """The look of the window this view is in (its sizes and line widths)."""
        return style.theme_of(self)

    def set_title(self, title: str | Callable[[], str]) -> None:
        """The title (``title()`` if it is a function: translated again after a switch)."""
        self._title_source = title
        self._title = title() if callable(title) else title
        self.title_label.setText(self._title)
        self.plot.setAccessibleName(self._title)

    def retranslate(self) -> None:
        """The title, legend and other fixed texts again, in the current language.

        The texts that follow the run (captions, axis labels that depend on the world) come
        with the next frame the window draws.
        """
        self.set_title(self._title_source)
        self.texts.retranslate()
        for name in ("left", "bottom"):  # tick labels in the new number format
            axis = self.plot.getAxis(name)
            axis.picture = None
            axis.update()

    def set_axis_label(self, side: str, text: str) -> None:
        had = bool(self._axis_labels.get(side))
        self._axis_labels[side] = text
        set_axis_title(self.plot.getAxis(side), text, self.theme)
        if had != bool(text):
            self._fit_axes()

    def set_legend(self, entries: list[tuple[str, str, str]]) -> None:
        """Legend entries ``(colour, name, kind)`` shown under the plot."""
        self._legend_entries = list(entries)
        self.legend_label.setText(
            " &nbsp; ".join(legend_entry(colour, name, kind) for colour, name, kind in entries)
        )
        self.legend_label.setVisible(bool(entries))

    def chrome_height(self, width: int) -> int:
        """The height of everything but the plot (title, legend, captions) at ``width``."""
        total = 0
        for i in range(self.body.count()):
            widget = self.body.itemAt(i).widget()
            if widget is None or widget is self.plot or widget.isHidden():
                continue
            if widget.hasHeightForWidth():
                total += widget.heightForWidth(width)
            else:
                total += max(widget.sizeHint().height(), widget.minimumHeight())
            total += self.body.spacing()
        return total

    @property
    def legend_names(self) -> list[str]:
        return [name for _, name, _ in self._legend_entries]

    def apply_style(self) -> None:
        """Set every font and line width from the current scale."""
        self.title_label.setText(self._title)
        font = QFont()
        font.setPointSize(self.theme.pt(self.theme.small_size(0)))
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(font)
            axis.setPen(pg.mkPen("k", width=self.theme.lw(2)))
            axis.setTextPen(pg.mkPen("k"))
        for side, text in self._axis_labels.items():
            set_axis_title(self.plot.getAxis(side), text, self.theme)
        self._fit_axes()
        self.style_items()

    def _fit_axes(self) -> None:
        """Room for tick labels and axis titles at this size, set up front.

        (pyqtgraph grows an axis only after painting text that did not fit, so large text
        would be cut off on the first frames.)
        """
        ticks = QFontMetrics(self.plot.getAxis("bottom").style["tickFont"] or QFont())
        label = QFontMetrics(axis_title_font(self.theme)).height()
        offset = max(3, ticks.height() // 4)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setStyle(tickTextOffset=offset)
        bottom = self.plot.getAxis("bottom")
        has_label = bool(self._axis_labels.get("bottom"))
        bottom.setHeight(ticks.height() + offset + 8 + (label + 4 if has_label else 0))

    def style_items(self) -> None:
        """Pens, symbols and fonts of the view's own items (overridden per view)."""


class BeliefPanel(PlotPanel):
    """Bars of p (outlined, light) and q (solid) for each outcome; the last outcome marked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(lambda: tr("Belief q against truth p"), parent)
        self.texts(
            self.plot.setAccessibleDescription,
            lambda: tr(
                "Bars of the truth p and the belief q for each outcome. With the free belief, "
                "drag a bar of q, or select it and press Up or Down; in your own world, p too."
            ),
        )
        self.texts(lambda text: self.set_axis_label("left", text), lambda: tr("probability"))
        self.truth = Bars(
            x=[0],
            height=[0],
            width=0.38,
            brush=pg.mkBrush("#CFE6F5"),
        )
        self.belief = Bars(
            x=[0],
            height=[0],
            width=0.38,
            brush=pg.mkBrush(style.BELIEF),
        )
        self.truth.setCacheMode(STATIC)
        self.plot.addItem(self.truth)
        self.plot.addItem(self.belief)
        self.marker = Marker(symbol="t", brush=style.AGENT)
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.caption = QLabel(" ")
        self.caption.setObjectName("beliefCaption")  # its size comes from the style sheet
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Text changes every frame; a fixed size stops it from re-laying out the window.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.texts(
            self.set_legend,
            lambda: [
                (style.TRUTH, tr("p: the truth"), "outline"),
                (style.BELIEF, tr("q: the belief"), "box"),
            ],
        )
        self.caption_box = Steady(self.caption)
        self.body.insertWidget(2, self.caption_box)
        self._labels: tuple[str, ...] = ()
        self.marked: int | None = None
        self.apply_style()

    def style_items(self) -> None:
        self.truth.setOpts(pen=pg.mkPen(style.TRUTH, width=self.theme.lw(style.LINE_WIDTH)))
        self.truth.update()
        self.belief.setOpts(pen=pg.mkPen("#7A5500", width=self.theme.lw(2)))
        self.marker.setSize(self.theme.lw(26))
        self.marker.setPen(pg.mkPen("k", width=self.theme.lw(2)))
        self._fit_caption()

    def _start_caption(self) -> str:
        """Before the first outcome: what to press (presentation mode hides the buttons)."""
        if self.theme.presenting:
            return tr("Press Space to play or S for one step")
        return tr("Press Play or Step to draw an outcome")

    def _caption_samples(self) -> list[str]:
        """The longest captions this world can show, in both units."""
        label = max(self._labels, key=len) if self._labels else "x"
        samples = [self._start_caption()]
        for units in ("bits", "nats"):
            samples.append(
                tr("Drew {label}: surprise −{log} q({label}) = {value} {unit}").format(
                    label=label,
                    log=log_name(units),
                    value=fmt(99.99, 2),
                    unit=i18n.unit_after_decimal(units),
                )
            )
        return samples

    def caption_height(self, width: int) -> int:
        """Room for the longest caption at ``width``: the text changes every frame, the room not."""
        return wrapped_height(self.caption, self._caption_samples(), width)

    def _fit_caption(self) -> None:
        self.caption_box.setFixedHeight(self.caption_height(max(self.width(), 100)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_caption()

    def chrome_height(self, width: int) -> int:
        caption = self.caption.height() if not self.caption.isHidden() else 0
        return super().chrome_height(width) - caption + self.caption_height(width)

    def set_world(self, labels: tuple[str, ...], p: np.ndarray) -> None:
        self._labels = labels
        x = np.arange(len(labels), dtype=float)
        self.truth.setOpts(x=x - 0.2, height=p, width=0.38)
        self.plot.getAxis("bottom").setTicks([list(enumerate(labels))])
        self.plot.setXRange(-0.7, len(labels) - 0.3, padding=0)
        self.plot.setYRange(0, 1.08, padding=0)  # room above 1 for the marker
        self._fit_caption()

    def update_view(self, frame: LearnerFrame, units: str) -> None:
        """Update the plot; the caption's text is set by :meth:`show_caption`, after the plots."""
        snap = frame.snapshot
        x = np.arange(len(self._labels), dtype=float)
        self.belief.setOpts(x=x + 0.2, height=np.asarray(snap.q), width=0.38)
        if snap.last_outcome is None:
            self.marker.setData([], [])
            self._caption = self._start_caption()
            self.marked = None
            return
        i = snap.last_outcome
        self.marked = i
        top = max(float(snap.q[i]), 0.0)
        self.marker.setData([i + 0.2], [min(top + 0.05, 1.04)])
        value = float(from_nats(snap.last_surprise, units))
        label = self._labels[i]
        self._caption = tr("Drew {label}: surprise −{log} q({label}) = {value} {unit}").format(
            label=label,
            log=log_name(units),
            value=fmt(value, 2),
            unit=i18n.unit_after_decimal(units),
        )

    def show_caption(self) -> None:
        set_text(self.caption, i18n.keep_together(self._caption))


class SurprisePanel(PlotPanel):
    """The running mean surprise converging on H(p,q), above the floor H(p), the gap filled."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(lambda: tr("Surprise over time"), parent)
        self.texts(
            self.plot.setAccessibleDescription,
            lambda: tr(
                "The average surprise so far and the expected surprise H(p,q) over the "
                "outcomes seen, above the floor H(p); the gap between them is D(p‖q)."
            ),
        )
        self.texts(lambda text: self.set_axis_label("bottom", text), lambda: tr("outcomes seen"))
        self._top = 0.0
        self._right = 0.0
        self._last_step = 0.0
        self._units = ""
        self.plot.getViewBox().disableAutoRange()
        # The time curves are dense zigzags at full speed: drawn by pixel column (see
        # gui/fastdraw.py) they cost well under a millisecond whatever their noise or pen.
        self.floor = TimeCurve()  # a level, or a curve when the world changes
        self.cross = TimeCurve()
        self.mean = TimeCurve()
        # H(p) is constant for a world, so the gap is the area between the H(p,q) curve and
        # the level H(p): a fill level, cheap at any length (FillBetweenItem is not).
        self.cross.setBrush(pg.mkBrush(style.GAP))
        for item in (self.floor, self.cross, self.mean):
            self.plot.addItem(item)
        # The floor is drawn over the H(p,q) curve: when q = p the two coincide, and the
        # dashes over the solid line show both.
        self.floor.setZValue(10)
        self.mean.setZValue(5)
        # D(p‖q) in words above the plot, never on top of the curves; updated with the readouts.
        self.gap_label = QLabel(" ")
        self.gap_label.setObjectName("gapValue")
        self.gap_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Its text changes every frame; a fixed size stops that from re-laying out the view.
        # It wraps on a narrow view, with room reserved for its longest text.
        self.gap_label.setWordWrap(True)
        self.gap_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.gap_box = Steady(self.gap_label)
        self.body.insertWidget(1, self.gap_box)
        self.rival_names: list[str] = []
        self.rival_curves: list[TimeCurve] = []
        # A world that changes during the run: H(p) steps or drifts, so the gap is filled
        # between the two curves (made only then; a fixed world keeps the cheap fill level).
        self.gap_fill: pg.FillBetweenItem | None = None
        self._show_legend()
        self.apply_style()

    def _show_legend(self) -> None:
        lead = tr("A: H(p,q): expected surprise") if self.rival_names else None
        entries = [
            (style.SURPRISE, tr("average surprise so far"), "dot"),
            (style.CROSS, lead or tr("H(p,q): expected surprise"), "solid"),
            (style.FLOOR, tr("H(p): the floor, if q = p"), "dash"),
            (style.GAP_MARK, tr("gap D(p‖q)"), "box"),
        ]
        for i, name in enumerate(self.rival_names, start=1):
            entries.append(
                (
                    style.RACE_COLOURS[i],
                    f"{style.RACE_LETTERS[i]}: H(p,q), {name}",
                    style.RACE_LINES[i],
                )
            )
        self.set_legend(entries)

    def retranslate(self) -> None:
        super().retranslate()
        self._show_legend()
        self._units = ""  # the unit on the axis is written again with the next frame

    def _gap_samples(self) -> list[str]:
        return [
            tr("gap D(p‖q) = {value} {unit}").format(
                value=fmt(9.999), unit=i18n.unit_after_decimal(units)
            )
            for units in ("bits", "nats")
        ]

    def _fit_gap(self) -> None:
        self.gap_box.setFixedHeight(
            wrapped_height(self.gap_label, self._gap_samples(), max(self.width(), 100))
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_gap()

    def chrome_height(self, width: int) -> int:
        gap = self.gap_label.height() if not self.gap_label.isHidden() else 0
        needed = wrapped_height(self.gap_label, self._gap_samples(), width)
        return super().chrome_height(width) - gap + needed

    def set_rivals(self, names: list[str]) -> None:
        """One H(p,q) curve per rival learner, in its colour and line style, in the legend."""
        for item in self.rival_curves:
            self.plot.removeItem(item)
        self.rival_curves = []
        self.rival_names = list(names)
        for _ in names:
            curve = TimeCurve()
            self.plot.addItem(curve)
            self.rival_curves.append(curve)
        self._show_legend()
        self.apply_style()

    def update_rivals(self, rivals: tuple[LearnerFrame, ...], units: str) -> None:
        factor = float(from_nats(1.0, units))
        for curve, frame in zip(self.rival_curves, rivals, strict=True):
            cross = frame.cross_entropy
            if len(cross) == 0:
                curve.setData([], [])
                continue
            values = cross.y * factor
            curve.setData(cross.x, values)
            top = float(values.max()) * 1.08
            if top > self._top:
                self._top = top
                self.plot.setYRange(0, top, padding=0)

    def style_items(self) -> None:
        for i, curve in enumerate(self.rival_curves, start=1):
            curve.setPen(
                pg.mkPen(
                    style.RACE_COLOURS[i],
                    width=self.theme.lw(style.LINE_WIDTH - 1),
                    style=_pen_style(i),
                )
            )
        width = self.theme.lw(style.LINE_WIDTH)
        self._fit_gap()
        self.floor.setPen(pg.mkPen(style.FLOOR, width=width, style=Qt.PenStyle.DashLine))
        self.cross.setPen(pg.mkPen(style.CROSS, width=width))
        self.mean.setPen(
            pg.mkPen(style.SURPRISE, width=self.theme.lw(2.5), style=Qt.PenStyle.DotLine)
        )

    def update_view(self, frame: LearnerFrame, units: str, pace: float = 0.0) -> None:
        """Draw ``frame``; ``pace``: outcomes a second while the run plays (0: paused)."""
        snap = frame.snapshot
        if units != self._units:
            self._units = units
            self.set_axis_label("left", unit_word(units))
        factor = float(from_nats(1.0, units))
        kl = snap.kl * factor
        set_text(
            self.gap_label,
            tr("gap D(p‖q) = {value} {unit}").format(
                value=fmt(kl), unit=i18n.unit_after_decimal(units)
            ),
        )
        if (
            len(frame.cross_entropy) == 0
        ):  # step 0: an empty axis of whole outcomes, scaled for what will come
            for item in (self.floor, self.cross, self.mean):
                item.setData([], [])
            top = max(snap.cross_entropy, snap.entropy) * factor * 1.5
            if math.isfinite(top) and top > 0 and (self._right != 10.0 or self._top != top):
                self._top, self._right = top, 10.0
                self.plot.setYRange(0, top, padding=0)
                self.plot.setXRange(0, 10, padding=0)
            return
        # The engine decimates the curves (keeping every spike): frame cost stays flat.
        steps = frame.cross_entropy.x
        cross = frame.cross_entropy.y * factor
        mean = frame.mean_surprise.y * factor
        floor = snap.entropy * factor
        if frame.entropy is not None:  # H(p) over time: the world changes during the run
            floor = max(floor, float(frame.entropy.y.max()) * factor)
        top = max(float(cross.max()), float(np.nanmax(mean)), floor) * 1.08
        if top > self._top or top < 0.7 * self._top:  # move the axis only when needed
            self._top = top
            self.plot.setYRange(0, top, padding=0)
        last = float(steps[-1])
        if pace > 0 and last >= self._last_step:
            # Playing: the range grows only when outgrown, then with room for about
            # AXIS_AHEAD_S of outcomes at this pace (at full speed the axis, whose labels
            # take ~7 ms to draw again, would otherwise change every few frames).
            right = self._right
            if last > right:
                right = nice_ceiling(last + pace * AXIS_AHEAD_S)
        else:  # paused, stepping or started again: just room for what is there
            right = nice_ceiling(last)
        self._last_step = last
        if right != self._right:
            self._right = right
            self.plot.setXRange(0, right, padding=0)
        self._fill_between(frame.entropy is not None)
        if frame.entropy is not None:
            self.floor.setData(frame.entropy.x, frame.entropy.y * factor)
        else:
            self.floor.setData(np.array([steps[0], steps[-1]]), np.array([floor, floor]))
            self.cross.setFillLevel(floor)
        self.cross.setData(steps, cross)
        self.mean.setData(frame.mean_surprise.x, mean)

    def _fill_between(self, on: bool) -> None:
        """Fill the gap between the H(p,q) and H(p) curves (on) or down to the level H(p)."""
        if on and self.gap_fill is None:
            self.cross.setFillLevel(None)
            self.cross.setBrush(None)
            self.gap_fill = pg.FillBetweenItem(self.cross, self.floor, brush=style.GAP)
            self.gap_fill.setZValue(-1)
            self.plot.addItem(self.gap_fill)
        elif not on and self.gap_fill is not None:
            self.plot.removeItem(self.gap_fill)
            self.gap_fill = None
            self.cross.setBrush(pg.mkBrush(style.GAP))

    def reset_range(self) -> None:
        self._top = 0.0
        self._right = 0.0
        self._last_step = 0.0


def _pen_style(index: int) -> Qt.PenStyle:
    return {
        "solid": Qt.PenStyle.SolidLine,
        "dash": Qt.PenStyle.DashLine,
        "dashdot": Qt.PenStyle.DashDotLine,
        "dot": Qt.PenStyle.DotLine,
    }[style.RACE_LINES[index]]


def big_font(size: int, theme: style.Theme, bold: bool = False) -> QFont:
    """A font of ``size`` points at ``theme``'s scale."""
    font = QFont()
    font.setPointSize(theme.pt(size))
    font.setBold(bold)
    return font


MINIMA_Z = 30  # the landscape's minima above its trails and the rivals' dots ...
AGENT_Z = 36  # ... and the lead's dot, smaller, above them (a hand's marks, 40, above all)


class LandscapePanel(PlotPanel):
    """Cross-entropy over the belief's parameters, minima marked, the agent and its trail."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(lambda: tr("Landscape: cross-entropy over beliefs"), parent)
        self.texts(
            self.plot.setAccessibleDescription,
            lambda: tr(
                "The cross-entropy of every belief the agent can hold, its minima and the "
                "agent. Click or drag to put the agent there; arrow keys move it a grid cell."
            ),
        )
        self.plot.showGrid(x=False, y=False)
        self.curve = pg.PlotCurveItem()  # painted itself, so its cache holds it
        self.curve.setCacheMode(STATIC)
        self.image = pg.ImageItem(axisOrder="row-major")  # coloured when first drawn
        # Contour lines: every level's segments in one path, drawn over the heat map (both
        # painted by the backdrop below).
        self.contours = QGraphicsPathItem(self.image)
        self.rejected = Markers(symbol="x")
        self.trail = TrailCurve()
        self.minima = StillScatter()
        self.agent = Marker(symbol="o", brush=style.AGENT)
        for item in (self.curve, self.rejected, self.trail, self.minima):
            self.plot.addItem(item)
        self.plot.addItem(self.agent, ignoreBounds=True)
        # Above the minima's star and triangle (which are bigger): an agent that reaches a
        # minimum sits on it, still seen, with the minimum's mark around it.
        self.agent.setZValue(AGENT_Z)
        self.minima.setCacheMode(STATIC)  # they move only with the world
        # Beliefs the family cannot express (off the simplex) are hatched, not coloured.
        self.unreachable = QGraphicsRectItem()
        self.unreachable.setBrush(QBrush(QColor("#8C8C8C"), Qt.BrushStyle.BDiagPattern))
        self.unreachable.setPen(QPen(Qt.PenStyle.NoPen))
        self.unreachable.setZValue(-20)
        self.unreachable.setVisible(False)
        self.image.setZValue(-10)
        # The hatching, the heat map and its contours (children of the image) change only
        # with the world: painted as one cached picture, one blit a frame.
        self.backdrop = Backdrop([self.unreachable, self.image])
        self.backdrop.setZValue(-10)
        self.plot.addItem(self.backdrop)
        # A labelled colour bar: which colour is how many bits (made when a heat map first
        # needs it: the default world's landscape is a curve, and start-up counts).
        self._colour_bar: pg.ColorBarItem | None = None
        self._bar_shown = False
        # With no landscape to draw (a free belief over many outcomes) a sentence says why.
        self.message = QLabel()
        self.message.setObjectName("plotTitle")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setVisible(False)
        self.body.insertWidget(2, self.message, 1)
        self.landscape: Landscape | None = None
        self._units = "bits"
        self.rival_items: list[tuple[TrailCurve, Marker]] = []
        self.apply_style()

    def set_rivals(self, count: int) -> None:
        """A dot and a trail for each rival learner, in its colour and symbol."""
        for trail, dot in self.rival_items:
            self.plot.removeItem(trail)
            self.plot.removeItem(dot)
        self.rival_items = []
        for i in range(1, count + 1):
            trail = TrailCurve()
            dot = Marker(symbol=style.RACE_SYMBOLS[i], brush=style.RACE_COLOURS[i])
            self.plot.addItem(trail)
            self.plot.addItem(dot, ignoreBounds=True)
            self.rival_items.append((trail, dot))
        self.style_items()
        self._show_legend()

    def _show_legend(self) -> None:
        """The landscape's marks, and each race learner's symbol by its letter."""
        entries = list(getattr(self, "_base_legend", []))
        if entries:
            entries += [
                (style.RACE_COLOURS[i], style.RACE_LETTERS[i], RACE_GLYPHS[i])
                for i in range(1, len(self.rival_items) + 1)
            ]
        self.set_legend(entries)

    def update_rivals(self, rivals: tuple[LearnerFrame, ...]) -> None:
        for (trail, dot), frame in zip(self.rival_items, rivals, strict=True):
            if self.landscape is None:
                trail.setData([], [])
                dot.setData([], [])
                continue
            here, xy = self._positions(frame)
            dot.setData([here[0]], [here[1]])
            trail.setData(xy[0], xy[1])

    def _positions(self, frame: LearnerFrame) -> tuple[tuple[float, float], np.ndarray]:
        """Where a learner is drawn now, and its trail, in plot coordinates.

        Over one parameter the landscape is a curve: the height is the learner's H(p,q).
        """
        here, trail = frame.position, frame.trail
        if len(self.landscape.grid) == 1:
            factor = float(from_nats(1.0, self._units))
            value = frame.snapshot.cross_entropy * factor
            return (float(here[0]), value), np.vstack(
                [trail[0], frame.trail_cross_entropy * factor]
            )
        return (float(here[0]), float(here[1])), trail[:2]

    def style_items(self) -> None:
        for i, (trail, dot) in enumerate(self.rival_items, start=1):
            trail.setPen(
                pg.mkPen(style.RACE_COLOURS[i], width=self.theme.lw(3), style=_pen_style(i))
            )
            dot.setSize(self.theme.lw(22))
            dot.setPen(pg.mkPen("w", width=self.theme.lw(3)))
        self.curve.setPen(pg.mkPen(style.CROSS, width=self.theme.lw(style.LINE_WIDTH)))
        self.rejected.setSize(self.theme.lw(9))
        self.rejected.setPen(pg.mkPen(255, 255, 255, 110, width=self.theme.lw(2)))
        self.trail.setPen(pg.mkPen(style.AGENT, width=self.theme.lw(3)))
        self.agent.setSize(self.theme.lw(24))
        self.agent.setPen(pg.mkPen("w", width=self.theme.lw(3)))
        if self._colour_bar is not None:
            self._style_colour_bar()
        self.contours.setPen(pg.mkPen(255, 255, 255, 150, width=self.theme.lw(1.5)))
        if hasattr(self, "backdrop"):
            self.backdrop.refresh()
        if self.landscape is not None:
            self._set_minima(self.landscape.minima)

    def set_landscape(
        self, landscape: Landscape | None, units: str, labels: tuple[str, ...]
    ) -> None:
        """The landscape of a world (its outcome ``labels`` as shown) and belief, in ``units``."""
        self.landscape = landscape
        self._units = units
        self.contours.setPath(QPainterPath())
        self.image.clear()
        self.curve.setData([], [])
        self.unreachable.setVisible(False)
        self._show_colour_bar(False)
        factor = float(from_nats(1.0, units))
        self.message.setVisible(landscape is None)
        self.plot.setVisible(landscape is not None)
        if landscape is None:
            k = len(labels)
            self.set_axis_label("bottom", "")
            self.set_axis_label("left", "")
            self.message.setText(
                tr(
                    "A free belief has a number to learn for each outcome ({k} here): "
                    "too many dimensions to draw. Its landscape is one bowl. "
                    "Choose the hunch belief to see wells."
                ).format(k=k)
            )
            self._set_minima([])
            self._base_legend = []
            self.set_legend([])
            self.backdrop.refresh()
            return
        axes = landscape.axes
        self.set_axis_label("bottom", i18n.engine_text(axes.names[0]))
        legend = [(style.GLOBAL, tr("global minimum"), "star")]
        if any(not m.is_global for m in landscape.minima):
            legend.append((style.LOCAL, tr("local minimum"), "triangle"))
        legend.append((style.AGENT, tr("the agent"), "disc"))
        if len(landscape.grid) == 1:
            xs = landscape.grid[0]
            ys = landscape.values * factor
            self.curve.setData(xs, ys)
            self.set_axis_label("left", f"H(p,q) ({unit_word(units)})")
            label = labels[0]
            self.set_axis_label("bottom", tr("belief q({label})").format(label=label))
            finite = ys[np.isfinite(ys)]
            self.plot.setXRange(0, 1, padding=0.02)
            self.plot.setYRange(
                0, min(float(finite.max()), 4 * float(finite.min()) + 1), padding=0.05
            )
            legend.insert(0, (style.CROSS, tr("H(p,q) of each belief"), "solid"))
        else:
            self.set_axis_label("left", i18n.engine_text(axes.names[1]))
            values = landscape.values * factor
            finite = values[np.isfinite(values)]
            lo, hi = float(finite.min()), float(np.percentile(finite, 97))
            if hi - lo < 1e-12:
                hi = lo + 1e-6
            outside = ~np.isfinite(values)
            if self.image.getColorMap() is None:
                self.image.setColorMap(pg.colormap.get("viridis"))  # read at first use
            # NaN is drawn transparent: the hatching behind shows "not reachable".
            self.image.setImage(np.where(outside, np.nan, np.clip(values, lo, hi)), levels=(lo, hi))
            shown = np.clip(np.where(outside, hi, values), lo, hi)  # contours need numbers
            x0, x1 = landscape.grid[0][0], landscape.grid[0][-1]
            y0, y1 = landscape.grid[1][0], landscape.grid[1][-1]
            dx = (x1 - x0) / (len(landscape.grid[0]) - 1)
            dy = (y1 - y0) / (len(landscape.grid[1]) - 1)
            self.image.setRect(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy)
            self.unreachable.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy))
            self.unreachable.setVisible(bool(outside.any()))
            if outside.any():
                legend.append(("#6E6E6E", tr("not reachable by this belief"), "hatch"))
            self.colour_bar.setLevels((lo, hi))
            set_axis_title(
                self.colour_bar.getAxis("right"), f"H(p,q) ({unit_word(units)})", self.theme
            )
            self._show_colour_bar(True)
            # the image is row-major (y, x); contours are computed on (x, y) in its pixels
            segments = contour_lines(shown.T, np.linspace(lo, hi, 9)[1:-1])
            self.contours.setPath(
                pg.arrayToQPath(segments[:, :, 0].ravel(), segments[:, :, 1].ravel(), "pairs")
            )
            self.plot.setXRange(x0, x1, padding=0.01)
            self.plot.setYRange(y0, y1, padding=0.01)
        self._base_legend = legend
        self._show_legend()
        self._set_minima(landscape.minima)
        self.backdrop.refresh()

    def extra_width(self) -> int:
        """Width the colour bar takes beside the plot (the view box must fit besides it)."""
        return 90 if self._bar_shown else 0

    @property
    def colour_bar(self) -> pg.ColorBarItem:
        """The heat map's labelled colour bar (made on first use)."""
        if self._colour_bar is None:
            self._colour_bar = pg.ColorBarItem(
                colorMap=pg.colormap.get("viridis"), interactive=False, width=18
            )
            self._colour_bar.setVisible(False)
            self._style_colour_bar()
        return self._colour_bar

    def _style_colour_bar(self) -> None:
        bar_axis = self._colour_bar.getAxis("right")
        font = QFont()
        font.setPointSize(self.theme.pt(self.theme.small_size(0)))
        bar_axis.setTickFont(font)
        bar_axis.setPen(pg.mkPen("k", width=self.theme.lw(2)))
        bar_axis.setTextPen(pg.mkPen("k"))
        set_axis_title(bar_axis, bar_axis.labelText, self.theme)
        bar_axis.setWidth(None)  # ColorBarItem fixes 45 px: too narrow for large tick labels

    def _show_colour_bar(self, on: bool) -> None:
        """Put the colour bar beside the heat map, or take it away for a curve."""
        if on == self._bar_shown:
            return
        item = self.plot.getPlotItem()
        if on:
            item.layout.addItem(self.colour_bar, 2, 5)
        else:
            item.layout.removeItem(self.colour_bar)
        self.colour_bar.setVisible(on)
        self._bar_shown = on

    def _set_minima(self, minima) -> None:
        """Stars for global minima, triangles for local ones; the legend names them.

        (Words on the plot itself covered the markers on a small landscape; the legend
        under the plot never does.)
        """
        factor = float(from_nats(1.0, self._units))
        spots = []
        for m in minima:
            y = m.coords[1] if len(m.coords) > 1 else m.value * factor
            colour = style.GLOBAL if m.is_global else style.LOCAL
            spots.append(
                {
                    "pos": (m.coords[0], y),
                    "size": self.theme.lw(32),
                    "pen": pg.mkPen("k", width=self.theme.lw(2)),
                    "symbol": "star" if m.is_global else "t1",
                    "brush": pg.mkBrush(colour),
                }
            )
        self.minima.setData(spots)
        self.minima.setZValue(MINIMA_Z)

    def update_view(self, frame: LearnerFrame | None) -> None:
        """Draw the lead learner (``None``: no learner, only the landscape and its minima)."""
        if self.landscape is None or frame is None:
            self.agent.setData([], [])
            self.trail.setData([], [])
            self.rejected.setData([], [])
            return
        (x, y), trail = self._positions(frame)
        self.agent.setData([x], [y])
        self.trail.setData(trail[0], trail[1])
        if len(self.landscape.grid) == 1:
            self.rejected.setData([], [])
        else:
            self.rejected.setData(frame.rejected[0], frame.rejected[1])


# The order readouts are read in; the last outcome, the longest text, spans two columns.
READOUT_ORDER = (
    "outcome",
    "step",
    "perplexity",
    "entropy",
    "cross_entropy",
    "kl",
    "temperature",
    "acceptance",
)
WIDE_READOUTS = ("outcome",)


class ReadoutPanel(QWidget):
    """The numbers, in type large enough for the back row.

    The readouts flow into as many columns as the width allows (one column when narrow, a
    strip when wide); :meth:`height_for_width` tells the window how tall that makes them, so
    a layout never gives them less room than their numbers need.
    """

    KEYS = SHOW_READOUTS  # the readouts a lesson scene can name are exactly these
    H_SPACING = 24
    V_SPACING = 2
    contentChanged = Signal()  # the readouts shown changed: they may need more or less room

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 4, 8, 4)
        self.grid.setHorizontalSpacing(self.H_SPACING)
        self.grid.setVerticalSpacing(self.V_SPACING)
        self.values: dict[str, QLabel] = {}
        self.boxes: dict[str, Steady] = {}  # each value in a box of its own (see Steady)
        self.names: dict[str, QLabel] = {}
        for key in self.KEYS:
            name = QLabel()
            name.setObjectName("readoutName")
            value = ValueLabel("–")  # (selectable by mouse)
            value.setObjectName("readoutValue")
            # Room for the widest value up front, so changing text never re-lays out the window.
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.values[key] = value
            self.boxes[key] = Steady(value, self)
            self.names[key] = name
        self.allowed: set[str] = set(self.KEYS)  # what the lesson scene wants shown
        self.annealing = False
        self.labels: tuple[str, ...] = ("no rain",)
        self._widths: dict[tuple, int] = {}
        self._columns = 0
        self._placed: tuple[str, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        """The names and tooltip in the current language (the values come with the next frame)."""
        names = {
            "step": tr("Step"),
            "outcome": tr("Last outcome: surprise"),
            "entropy": tr("H(p) floor"),
            "cross_entropy": tr("H(p,q) cross-entropy"),
            "kl": tr("D(p‖q) gap"),
            "perplexity": tr("Perplexity"),
            "temperature": tr("Temperature"),
            "acceptance": tr("Accepted (last 100)"),
        }
        for key, label in self.names.items():
            label.setText(names[key])
        self.setToolTip(
            tr("The current numbers; perplexity is the 'effective number of outcomes'.")
        )
        self.apply_style()  # names and numbers of another width: placed again
        self.contentChanged.emit()

    # --- what is shown, and where -----------------------------------------------------------
    @property
    def shown_keys(self) -> tuple[str, ...]:
        hidden = set() if self.annealing else {"temperature", "acceptance"}
        return tuple(k for k in READOUT_ORDER if k in self.allowed and k not in hidden)

    def set_allowed(self, keys) -> None:
        """Show only these readouts (a lesson scene shows what it talks about)."""
        if set(keys) != self.allowed:
            self.allowed = set(keys)
            self._place(force=True)
            self.contentChanged.emit()

    def _samples(self, key: str) -> list[str]:
        """The widest texts a readout can show, in both units, in the current language."""
        words = [i18n.unit_after_decimal(u) for u in ("bits", "nats")]
        units = [f"{fmt(9.999)} {word}" for word in words]
        if key == "outcome":
            longest = max(self.labels, key=len) if self.labels else "x"
            return [f"{longest}: {fmt(99.99, 2)} {word}" for word in words]
        if key == "step":
            return [i18n.number(f"{9_999_999:,}")]
        if key == "perplexity":
            return [fmt(99.99, 2)]
        if key == "temperature":
            return [i18n.number("0.00999"), i18n.number("999.")]
        if key == "acceptance":
            return ["100 %"]
        return units

    def _cell_width(self, key: str) -> int:
        # Measured once per font, name, outcome labels and language: the layout asks often.
        value_font, name_font = self.values[key].font(), self.names[key].font()
        name = self.names[key].text()
        cache_key = (key, value_font.key(), name_font.key(), name, self.labels, i18n.language())
        width = self._widths.get(cache_key)
        if width is None:
            value_metrics = QFontMetrics(value_font)
            widest = max(value_metrics.horizontalAdvance(t) for t in self._samples(key))
            width = max(widest, QFontMetrics(name_font).horizontalAdvance(name)) + 4
            self._widths[cache_key] = width
        return width

    def _cell_height(self) -> int:
        value = QFontMetrics(self.values["kl"].font()).height()
        name = QFontMetrics(self.names["kl"].font()).height()
        return value + name + self.V_SPACING

    def _column_width(self) -> int:
        narrow = [self._cell_width(k) for k in self.shown_keys if k not in WIDE_READOUTS]
        return max(narrow, default=0)

    def _columns_for(self, width: int) -> int:
        keys = self.shown_keys
        if not keys:
            return 1
        column = max(self._column_width(), 1)
        wide = max((self._cell_width(k) for k in keys if k in WIDE_READOUTS), default=0)
        inner = width - 16
        cols = max(1, (inner + self.H_SPACING) // (column + self.H_SPACING))
        narrow_count = sum(k not in WIDE_READOUTS for k in keys)
        cols = max(1, min(cols, max(narrow_count, 1)))
        # The outcome spans two columns; with one column it must fit that column alone.
        if cols == 1:
            return 1
        span = 2 * column + self.H_SPACING
        if wide > span:
            cols = max(cols, 2)
        return cols

    def _rows(self, cols: int) -> int:
        rows, col = 0, cols  # col == cols: start a new row
        for key in self.shown_keys:
            span = min(2, cols) if key in WIDE_READOUTS else 1
            if col + span > cols:
                rows, col = rows + 1, 0
            col += span
        return rows

    def min_width(self) -> int:
        """The width of one column of readouts (the outcome included)."""
        keys = self.shown_keys
        if not keys:
            return 0
        return max(self._cell_width(k) for k in keys) + 16

    def height_for_width(self, width: int) -> int:
        """How tall the readouts are when given ``width`` pixels."""
        if not self.shown_keys:
            return 0
        cols = self._columns_for(width)
        rows = self._rows(cols)
        return rows * self._cell_height() + (rows - 1) * self.V_SPACING + 8

    def fits(self, width: int, height: int) -> bool:
        """Whether every readout is shown whole in a ``width`` × ``height`` box."""
        if not self.shown_keys:
            return True
        if width < self.min_width():
            return False
        cols = self._columns_for(width)
        wide = max((self._cell_width(k) for k in self.shown_keys if k in WIDE_READOUTS), default=0)
        column = self._column_width()
        if cols >= 2 and wide > 2 * column + self.H_SPACING and width - 16 < wide:
            return False
        return self.height_for_width(width) <= height

    def _place(self, force: bool = False) -> None:
        cols = self._columns_for(self.width()) if self.width() > 0 else 2
        keys = self.shown_keys
        if not force and cols == self._columns and keys == self._placed:
            return
        self._columns, self._placed = cols, keys
        for key in self.KEYS:
            self.grid.removeWidget(self.names[key])
            self.grid.removeWidget(self.boxes[key])
            self.names[key].setVisible(False)
            self.boxes[key].setVisible(False)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        row, col = -1, cols
        for key in keys:
            span = min(2, cols) if key in WIDE_READOUTS else 1
            if col + span > cols:
                row, col = row + 1, 0
            self.grid.addWidget(self.names[key], row * 2, col, 1, span)
            self.grid.addWidget(self.boxes[key], row * 2 + 1, col, 1, span)
            self.names[key].setVisible(True)
            self.boxes[key].setVisible(True)
            col += span
        for c in range(cols):
            self.grid.setColumnStretch(c, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def apply_style(self) -> None:
        """Fonts come from the application's style sheet; the placement follows them."""
        for label in (*self.values.values(), *self.names.values()):
            label.ensurePolished()
        self._place(force=True)

    def update_view(self, frame: LearnerFrame, labels: tuple[str, ...], units: str) -> None:
        snap, annealing = frame.snapshot, frame.annealing
        if annealing != self.annealing or labels != self.labels:
            self.annealing, self.labels = annealing, labels
            self._place(force=True)
            self.contentChanged.emit()  # more or fewer numbers: the window makes room
        v = snap.in_units(units)
        u = i18n.unit_after_decimal(units)  # after a decimal: "0.32 bits", «0,32 біта»
        set_text(self.values["step"], i18n.number(f"{snap.step:,}"))
        if snap.last_outcome is None:
            set_text(self.values["outcome"], "–")
        else:
            s = v["last_surprise"]
            set_text(self.values["outcome"], f"{labels[snap.last_outcome]}: {fmt(s, 2)} {u}")
        set_text(self.values["entropy"], f"{fmt(v['entropy'])} {u}")
        set_text(self.values["cross_entropy"], f"{fmt(v['cross_entropy'])} {u}")
        set_text(self.values["kl"], f"{fmt(v['kl'])} {u}")
        set_text(self.values["perplexity"], fmt(snap.perplexity, 2))
        if annealing:
            set_text(self.values["temperature"], temperature_text(snap.temperature))
            rate = snap.acceptance_rate
            set_text(self.values["acceptance"], "–" if math.isnan(rate) else f"{100 * rate:.0f} %")


def temperature_text(value: float) -> str:
    """A temperature with three significant digits, always written the same way."""
    if value == 0:
        return i18n.number("0")
    if value >= 100:
        return i18n.number(f"{value:.0f}")
    return i18n.number(f"{value:#.3g}")
