"""The four live views: belief vs truth, surprise over time, the landscape, the readouts.

Each view builds its plot items once and afterwards only calls ``setData`` (pyqtgraph's
PlotSpeedTest pattern), so the cost of a frame does not depend on how long the run has been.
Values arrive in nats and are converted here for display.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from engine.landscape import Landscape
from engine.measures import cross_entropy, from_nats
from engine.simulation import Simulation, Snapshot

from . import i18n, style

PLOT_POINTS = 1000
# The time axis grows in steps (1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k outcomes), not every frame:
# a view whose range changes every frame redraws its axes and grid every frame.
NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


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


def _label_style() -> dict[str, str]:
    return {"font-size": f"{style.pt(style.BASE_POINT_SIZE + 1)}pt", "color": "#000000"}


class LocalAxis(pg.AxisItem):
    """Tick labels written the current language's way (0,5 in Ukrainian)."""

    def tickStrings(self, values, scale, spacing):
        return [i18n.number(text) for text in super().tickStrings(values, scale, spacing)]


class PlotPanel(QWidget):
    """A view holding one plot whose text and lines follow the scale (see ``apply_style``)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(
            axisItems={"left": LocalAxis("left"), "bottom": LocalAxis("bottom")}
        )
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        self._title = title
        self._axis_labels: dict[str, str] = {}
        self.legend: pg.LegendItem | None = None

    def set_title(self, title: str) -> None:
        self._title = title
        self.apply_style()

    def set_axis_label(self, side: str, text: str) -> None:
        self._axis_labels[side] = text
        self.plot.setLabel(side, text, **_label_style())

    def add_legend(self, below: bool = False, **options) -> pg.LegendItem:
        """A legend inside the plot, or ``below`` it (under the axis, never over the data)."""
        size = f"{style.pt(style.BASE_POINT_SIZE - 2)}pt"
        if below:
            self.legend = pg.LegendItem(labelTextSize=size, **options)
            self.plot.getPlotItem().layout.addItem(self.legend, 4, 1)
        else:
            self.legend = self.plot.addLegend(labelTextSize=size, **options)
        self._legend_entries: list[tuple[object, str]] = []
        return self.legend

    def add_legend_item(self, item, name: str) -> None:
        self._legend_entries.append((item, name))
        self.legend.addItem(item, name)

    def apply_style(self) -> None:
        """Set every font and line width from the current scale."""
        self.plot.setTitle(self._title, size=f"{style.pt(style.title_size())}pt", color="k")
        font = QFont()
        font.setPointSize(style.pt(style.BASE_POINT_SIZE))
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(font)
            axis.setPen(pg.mkPen("k", width=style.lw(2)))
            axis.setTextPen(pg.mkPen("k"))
        for side, text in self._axis_labels.items():
            self.plot.setLabel(side, text, **_label_style())
        if self.legend is not None:
            # Re-adding the entries lays the legend out again for the new text size.
            self.legend.setLabelTextSize(f"{style.pt(style.BASE_POINT_SIZE - 2)}pt")
            self.legend.clear()
            for item, name in self._legend_entries:
                self.legend.addItem(item, name)
        self.style_items()

    def style_items(self) -> None:
        """Pens, symbols and fonts of the view's own items (overridden per view)."""


class BeliefPanel(PlotPanel):
    """Bars of p (outlined, light) and q (solid) for each outcome; the last outcome marked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Belief q against truth p"), parent)
        self.set_axis_label("left", tr("probability"))
        self.truth = pg.BarGraphItem(
            x=[0],
            height=[0],
            width=0.38,
            brush=pg.mkBrush("#CFE6F5"),
        )
        self.belief = pg.BarGraphItem(
            x=[0],
            height=[0],
            width=0.38,
            brush=pg.mkBrush(style.BELIEF),
        )
        self.truth.setCacheMode(STATIC)
        self.plot.addItem(self.truth)
        self.plot.addItem(self.belief)
        self.marker = pg.ScatterPlotItem(symbol="t", brush=pg.mkBrush(style.AGENT))
        self.plot.addItem(self.marker)
        self.caption = QLabel(" ")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Text changes every frame; a fixed size stops it from re-laying out the window.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.add_legend(offset=(10, 6), colCount=2)
        self.add_legend_item(self.truth, tr("p: the truth"))
        self.add_legend_item(self.belief, tr("q: the belief"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        self._labels: tuple[str, ...] = ()
        self.marked: int | None = None
        self.apply_style()

    def style_items(self) -> None:
        self.truth.setOpts(pen=pg.mkPen(style.TRUTH, width=style.lw(style.LINE_WIDTH)))
        self.truth.update()
        self.belief.setOpts(pen=pg.mkPen("#7A5500", width=style.lw(2)))
        self.marker.setSize(style.lw(26))
        self.marker.setPen(pg.mkPen("k", width=style.lw(2)))
        self.caption.setFont(big_font(style.BASE_POINT_SIZE + 4, bold=True))
        # Two lines' room: a long label or language wraps instead of being cut off.
        self.caption.setFixedHeight(2 * QFontMetrics(self.caption.font()).lineSpacing() + 8)

    def set_world(self, labels: tuple[str, ...], p: np.ndarray) -> None:
        self._labels = labels
        x = np.arange(len(labels), dtype=float)
        self.truth.setOpts(x=x - 0.2, height=p, width=0.38)
        self.plot.getAxis("bottom").setTicks([list(enumerate(labels))])
        self.plot.setXRange(-0.7, len(labels) - 0.3, padding=0)
        self.plot.setYRange(0, 1.18, padding=0)  # room above 1 for the legend

    def update_view(self, snap: Snapshot, units: str) -> None:
        """Update the plot; the caption's text is set by :meth:`show_caption`, after the plots."""
        x = np.arange(len(self._labels), dtype=float)
        self.belief.setOpts(x=x + 0.2, height=np.asarray(snap.q), width=0.38)
        if snap.last_outcome is None:
            self.marker.setData([], [])
            self._caption = tr("Press Play or Step to draw an outcome")
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
        self.caption.setText(self._caption)


class SurprisePanel(PlotPanel):
    """The running mean surprise converging on H(p,q), above the floor H(p), the gap filled."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Surprise over time"), parent)
        self.set_axis_label("bottom", tr("outcomes seen"))
        self._top = 0.0
        self._right = 0.0
        self._units = ""
        self.plot.getViewBox().disableAutoRange()
        self.floor = pg.PlotDataItem()
        self.cross = pg.PlotDataItem()
        self.mean = pg.PlotDataItem()
        # H(p) is constant for a world, so the gap is the area between the H(p,q) curve and
        # the level H(p): a fill level, cheap at any length (FillBetweenItem is not).
        self.cross.setBrush(pg.mkBrush(style.GAP))
        for item in (self.floor, self.cross, self.mean):
            self.plot.addItem(item)
        self.gap_label = pg.TextItem(color=style.VERMILLION, anchor=(1.0, 0.5))
        self.plot.addItem(self.gap_label)
        self.add_legend(below=True, colCount=2)
        self.add_legend_item(self.mean, tr("average surprise so far"))
        self.add_legend_item(self.cross, tr("H(p,q): expected surprise"))
        self.add_legend_item(self.floor, tr("H(p): the floor, if q = p"))
        # A swatch stands in for the fill: pyqtgraph's legend cannot draw a FillBetweenItem.
        swatch = pg.BarGraphItem(x=[0], height=[0], width=1, brush=pg.mkBrush(style.GAP), pen=None)
        self.add_legend_item(swatch, tr("gap D(p‖q)"))
        self._base_entries = list(self._legend_entries)
        self.rival_curves: list[pg.PlotDataItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.apply_style()

    def set_rivals(self, names: list[str]) -> None:
        """One H(p,q) curve per rival learner, in its colour and line style, in the legend."""
        for item in self.rival_curves:
            self.plot.removeItem(item)
        self.rival_curves = []
        self._legend_entries = list(self._base_entries)
        for i, name in enumerate(names, start=1):
            curve = pg.PlotDataItem()
            self.plot.addItem(curve)
            self.rival_curves.append(curve)
            self._legend_entries.append((curve, f"{style.RACE_LETTERS[i]}: H(p,q), {name}"))
        if names:  # the lead's curve is learner A's
            self._legend_entries[1] = (self.cross, tr("A: H(p,q): expected surprise"))
        self.apply_style()

    def update_rivals(self, rivals: list[Simulation], units: str) -> None:
        factor = float(from_nats(1.0, units))
        for curve, sim in zip(self.rival_curves, rivals, strict=True):
            h = sim.history
            if len(h) == 0:
                curve.setData([], [])
                continue
            stride = max(1, len(h) // PLOT_POINTS)
            rows = np.r_[np.arange(0, len(h) - 1, stride), len(h) - 1]
            values = h.column("cross_entropy")[rows] * factor
            curve.setData(h.steps[rows].astype(float), values)
            top = float(values.max()) * 1.08
            if top > self._top:
                self._top = top
                self.plot.setYRange(0, top, padding=0)

    def style_items(self) -> None:
        for i, curve in enumerate(self.rival_curves, start=1):
            curve.setPen(
                pg.mkPen(
                    style.RACE_COLOURS[i],
                    width=style.lw(style.LINE_WIDTH - 1),
                    style=_pen_style(i),
                )
            )
        width = style.lw(style.LINE_WIDTH)
        self.floor.setPen(pg.mkPen(style.FLOOR, width=width, style=Qt.PenStyle.DashLine))
        self.cross.setPen(pg.mkPen(style.CROSS, width=width))
        self.mean.setPen(pg.mkPen(style.SURPRISE, width=style.lw(2.5), style=Qt.PenStyle.DotLine))
        self.gap_label.setFont(big_font(style.BASE_POINT_SIZE + 2, bold=True))

    def update_view(self, sim: Simulation, snap: Snapshot, units: str) -> None:
        h = sim.history
        if units != self._units:
            self._units = units
            self.set_axis_label("left", unit_word(units))
        if len(h) == 0:
            for item in (self.floor, self.cross, self.mean):
                item.setData([], [])
            self.gap_label.setText("")
            return
        factor = float(from_nats(1.0, units))
        # At most about PLOT_POINTS points per curve, however long the run: frame cost stays flat.
        stride = max(1, len(h) // PLOT_POINTS)
        rows = np.r_[np.arange(0, len(h) - 1, stride), len(h) - 1]
        steps = h.steps[rows].astype(float)
        cross = h.column("cross_entropy")[rows] * factor
        mean = h.column("mean_surprise")[rows] * factor
        floor = snap.entropy * factor
        top = max(float(cross.max()), float(np.nanmax(mean)), floor) * 1.08
        if top > self._top or top < 0.7 * self._top:  # move the axis only when needed
            self._top = top
            self.plot.setYRange(0, top, padding=0)
        right = nice_ceiling(steps[-1])
        if right != self._right:
            self._right = right
            self.plot.setXRange(0, right, padding=0)
        self.floor.setData([steps[0], steps[-1]], [floor, floor])
        self.cross.setFillLevel(floor)
        self.cross.setData(steps, cross)
        self.mean.setData(steps, mean)
        kl = snap.kl * factor
        self.gap_label.setText(f"D(p‖q) = {fmt(kl)}")
        self.gap_label.setPos(steps[-1], (snap.entropy + snap.cross_entropy) / 2 * factor)

    def reset_range(self) -> None:
        self._top = 0.0
        self._right = 0.0


def _pen_style(index: int) -> Qt.PenStyle:
    return {
        "solid": Qt.PenStyle.SolidLine,
        "dash": Qt.PenStyle.DashLine,
        "dashdot": Qt.PenStyle.DashDotLine,
        "dot": Qt.PenStyle.DotLine,
    }[style.RACE_LINES[index]]


def big_font(size: int, bold: bool = False) -> QFont:
    """A font of ``size`` points at the current scale."""
    font = QFont()
    font.setPointSize(style.pt(size))
    font.setBold(bold)
    return font


class LandscapePanel(PlotPanel):
    """Cross-entropy over the belief's parameters, minima marked, the agent and its trail."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Landscape: cross-entropy over beliefs"), parent)
        self.plot.showGrid(x=False, y=False)
        self.curve = pg.PlotDataItem()
        self.curve.setCacheMode(STATIC)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setCacheMode(STATIC)
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.contours: list[pg.IsocurveItem] = []
        self.rejected = pg.ScatterPlotItem(symbol="x", brush=None)
        self.trail = pg.PlotDataItem()
        self.minima = pg.ScatterPlotItem()
        self.agent = pg.ScatterPlotItem(symbol="o", brush=pg.mkBrush(style.AGENT))
        for item in (self.image, self.curve, self.rejected, self.trail, self.minima, self.agent):
            self.plot.addItem(item)
        self.minimum_labels: list[pg.TextItem] = []
        self.message = pg.TextItem(color="k", anchor=(0.5, 0.5))
        self.plot.addItem(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.landscape: Landscape | None = None
        self._sim: Simulation | None = None
        self._units = "bits"
        self.rival_items: list[tuple[pg.PlotDataItem, pg.ScatterPlotItem]] = []
        self.apply_style()

    def set_rivals(self, count: int) -> None:
        """A dot and a trail for each rival learner, in its colour and symbol."""
        for trail, dot in self.rival_items:
            self.plot.removeItem(trail)
            self.plot.removeItem(dot)
        self.rival_items = []
        for i in range(1, count + 1):
            trail = pg.PlotDataItem()
            dot = pg.ScatterPlotItem(
                symbol=style.RACE_SYMBOLS[i], brush=pg.mkBrush(style.RACE_COLOURS[i])
            )
            self.plot.addItem(trail)
            self.plot.addItem(dot)
            self.rival_items.append((trail, dot))
        self.style_items()

    def update_rivals(self, rivals: list[Simulation]) -> None:
        for (trail, dot), sim in zip(self.rival_items, rivals, strict=True):
            if self.landscape is None:
                trail.setData([], [])
                dot.setData([], [])
                continue
            here, xy = self._positions(sim)
            dot.setData([here[0]], [here[1]])
            trail.setData(xy[0], xy[1])

    def _positions(self, sim: Simulation) -> tuple[tuple[float, float], np.ndarray]:
        """Where a learner is drawn now, and its trail, in plot coordinates."""
        family = sim.family
        params = sim.snapshot().params
        here = family.coords(np.asarray(params)[:, None])[:, 0]
        trail = sim.trail()
        coords = family.coords(trail.T) if len(trail) else np.empty((len(here), 0))
        if len(self.landscape.grid) == 1:
            factor = float(from_nats(1.0, self._units))
            value = float(_curve_values(sim, np.asarray(params)[None, :])[0]) * factor
            return (float(here[0]), value), np.vstack(
                [coords[0], _curve_values(sim, trail) * factor]
            )
        return (float(here[0]), float(here[1])), coords[:2]

    def style_items(self) -> None:
        for i, (trail, dot) in enumerate(self.rival_items, start=1):
            trail.setPen(pg.mkPen(style.RACE_COLOURS[i], width=style.lw(3), style=_pen_style(i)))
            dot.setSize(style.lw(22))
            dot.setPen(pg.mkPen("w", width=style.lw(3)))
        self.curve.setPen(pg.mkPen(style.CROSS, width=style.lw(style.LINE_WIDTH)))
        self.rejected.setSize(style.lw(9))
        self.rejected.setPen(pg.mkPen(255, 255, 255, 110, width=style.lw(2)))
        self.trail.setPen(pg.mkPen(style.AGENT, width=style.lw(3)))
        self.agent.setSize(style.lw(24))
        self.agent.setPen(pg.mkPen("w", width=style.lw(3)))
        self.message.setFont(big_font(style.BASE_POINT_SIZE + 1))
        for iso in self.contours:
            iso.setPen(pg.mkPen(255, 255, 255, 150, width=style.lw(1.5)))
        if self.landscape is not None:
            self._set_minima(self.landscape.minima)

    def set_landscape(
        self,
        sim: Simulation,
        landscape: Landscape | None,
        units: str,
        labels: tuple[str, ...] | None = None,
    ) -> None:
        self._sim = sim
        self.landscape = landscape
        self._units = units
        for item in self.contours + self.minimum_labels:
            self.plot.removeItem(item)
        self.contours, self.minimum_labels = [], []
        self.image.clear()
        self.curve.setData([], [])
        self.message.setText("")
        factor = float(from_nats(1.0, units))
        if landscape is None:
            k = sim.settings.world.size
            self.set_axis_label("bottom", "")
            self.set_axis_label("left", "")
            self.message.setText(
                tr(
                    "A free belief over {k} outcomes has {k} numbers to learn:\n"
                    "too many dimensions to draw. Its landscape is one bowl.\n"
                    "Choose the hunch belief to see wells."
                ).format(k=k)
            )
            self.plot.setXRange(0, 1)
            self.plot.setYRange(0, 1)
            self.message.setPos(0.5, 0.5)
            self._set_minima([])
            return
        axes = landscape.axes
        self.set_axis_label("bottom", i18n.engine_text(axes.names[0]))
        if len(landscape.grid) == 1:
            xs = landscape.grid[0]
            ys = landscape.values * factor
            self.curve.setData(xs, ys)
            self.set_axis_label("left", f"H(p,q) ({unit_word(units)})")
            label = (labels or sim.settings.world.labels)[0]
            self.set_axis_label("bottom", tr("belief q({label})").format(label=label))
            finite = ys[np.isfinite(ys)]
            self.plot.setXRange(0, 1, padding=0.02)
            self.plot.setYRange(
                0, min(float(finite.max()), 4 * float(finite.min()) + 1), padding=0.05
            )
        else:
            self.set_axis_label("left", i18n.engine_text(axes.names[1]))
            values = landscape.values * factor
            finite = values[np.isfinite(values)]
            lo, hi = float(finite.min()), float(np.percentile(finite, 97))
            shown = np.clip(np.where(np.isnan(values), hi, values), lo, hi)
            self.image.setImage(shown, levels=(lo, hi))
            x0, x1 = landscape.grid[0][0], landscape.grid[0][-1]
            y0, y1 = landscape.grid[1][0], landscape.grid[1][-1]
            dx = (x1 - x0) / (len(landscape.grid[0]) - 1)
            dy = (y1 - y0) / (len(landscape.grid[1]) - 1)
            self.image.setRect(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy)
            for level in np.linspace(lo, hi, 9)[1:-1]:
                iso = pg.IsocurveItem(
                    level=level, pen=pg.mkPen(255, 255, 255, 150, width=style.lw(1.5))
                )
                iso.setParentItem(self.image)
                iso.setData(shown)
                iso.setCacheMode(STATIC)
                self.contours.append(iso)
            self.plot.setXRange(x0, x1, padding=0.01)
            self.plot.setYRange(y0, y1, padding=0.01)
        self._set_minima(landscape.minima)

    def _label_anchor(self, x: float) -> float:
        """0 at the left end of the x range (text to the right), 1 at the right end."""
        if self.landscape is None:
            return 0.5
        grid = self.landscape.grid[0]
        low, high = float(grid[0]), float(grid[-1])
        return min(max((x - low) / (high - low), 0.0), 1.0) if high > low else 0.5

    def _set_minima(self, minima) -> None:
        for item in self.minimum_labels:
            self.plot.removeItem(item)
        self.minimum_labels = []
        factor = float(from_nats(1.0, self._units))
        spots = []
        for m in minima:
            y = m.coords[1] if len(m.coords) > 1 else m.value * factor
            colour = style.GLOBAL if m.is_global else style.LOCAL
            spots.append(
                {
                    "pos": (m.coords[0], y),
                    "size": style.lw(30),
                    "pen": pg.mkPen("k", width=style.lw(2)),
                    "symbol": "star" if m.is_global else "t1",
                    "brush": pg.mkBrush(colour),
                }
            )
            text = pg.TextItem(
                tr("global minimum") if m.is_global else tr("local minimum"),
                color="k",
                anchor=(self._label_anchor(m.coords[0]), -0.35),
                fill=pg.mkBrush(255, 255, 255, 200),
            )
            text.setFont(big_font(style.BASE_POINT_SIZE, bold=True))
            text.setPos(m.coords[0], y)
            text.setCacheMode(STATIC)
            self.plot.addItem(text)
            self.minimum_labels.append(text)
        self.minima.setData(spots)

    def update_view(self, sim: Simulation, snap: Snapshot) -> None:
        landscape = self.landscape
        if landscape is None:
            self.agent.setData([], [])
            self.trail.setData([], [])
            self.rejected.setData([], [])
            return
        family = sim.family
        factor = float(from_nats(1.0, self._units))
        here = family.coords(np.asarray(snap.params)[:, None])[:, 0]
        trail = sim.trail()
        trail_coords = family.coords(trail.T) if len(trail) else np.empty((len(here), 0))
        if len(landscape.grid) == 1:
            self.agent.setData([here[0]], [snap.cross_entropy * factor])
            ce = _curve_values(sim, trail) * factor
            self.trail.setData(trail_coords[0], ce)
            self.rejected.setData([], [])
        else:
            self.agent.setData([here[0]], [here[1]])
            self.trail.setData(trail_coords[0], trail_coords[1])
            rejected = sim.rejected()
            if len(rejected):
                rc = family.coords(rejected.T)
                self.rejected.setData(rc[0], rc[1])
            else:
                self.rejected.setData([], [])


def _curve_values(sim: Simulation, params: np.ndarray) -> np.ndarray:
    if len(params) == 0:
        return np.empty(0)
    q = sim.family.probs(params.T)
    return cross_entropy(sim.settings.world.probabilities, q.T, "nats")


def _value_width(sample: str = "9.999 bits") -> int:
    font = big_font(style.readout_size(), bold=True)
    return QFontMetrics(font).horizontalAdvance(sample)


# Where each readout sits: (row, column, columns spanned).  The last outcome, the longest
# text, spans both columns, so each column only needs room for a number and its unit.
READOUT_PLACES = {
    "outcome": (0, 0, 2),
    "step": (1, 0, 1),
    "perplexity": (1, 1, 1),
    "entropy": (2, 0, 1),
    "cross_entropy": (2, 1, 1),
    "kl": (3, 0, 1),
    "temperature": (4, 0, 1),
    "acceptance": (4, 1, 1),
}


class ReadoutPanel(QWidget):
    """The numbers, in type large enough for the back row."""

    KEYS = (
        "step",
        "outcome",
        "entropy",
        "cross_entropy",
        "kl",
        "perplexity",
        "temperature",
        "acceptance",
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setHorizontalSpacing(24)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for key in self.KEYS:
            name = QLabel(names[key])
            name.setObjectName("readoutName")
            value = QLabel("–")
            value.setObjectName("readoutValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # Room for the widest value up front, so changing text never re-lays out the window.
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            row, col, span = READOUT_PLACES[key]
            layout.addWidget(name, row * 2, col, 1, span)
            layout.addWidget(value, row * 2 + 1, col, 1, span)
            self.values[key] = value
            self.names[key] = name
        self.setToolTip(
            tr("The current numbers; perplexity is the 'effective number of outcomes'.")
        )
        self.apply_style()

    def apply_style(self) -> None:
        """Fonts come from the application's style sheet; only the reserved widths change."""
        unit = max((i18n.unit_after_decimal(u) for u in ("bits", "nats")), key=len)
        for key, value in self.values.items():
            sample = f"no rain: 9.99 {unit}" if key == "outcome" else f"9.999 {unit}"
            value.setMinimumWidth(_value_width(sample))

    def update_view(
        self, snap: Snapshot, labels: tuple[str, ...], units: str, annealing: bool
    ) -> None:
        v = snap.in_units(units)
        u = i18n.unit_after_decimal(units)  # after a decimal: "0.32 bits", «0,32 біта»
        self.values["step"].setText(i18n.number(f"{snap.step:,}"))
        if snap.last_outcome is None:
            self.values["outcome"].setText("–")
        else:
            s = v["last_surprise"]
            self.values["outcome"].setText(f"{labels[snap.last_outcome]}: {fmt(s, 2)} {u}")
        self.values["entropy"].setText(f"{fmt(v['entropy'])} {u}")
        self.values["cross_entropy"].setText(f"{fmt(v['cross_entropy'])} {u}")
        self.values["kl"].setText(f"{fmt(v['kl'])} {u}")
        self.values["perplexity"].setText(fmt(snap.perplexity, 2))
        for key in ("temperature", "acceptance"):
            self.values[key].setVisible(annealing)
            self.names[key].setVisible(annealing)
        if annealing:
            self.values["temperature"].setText(i18n.number(f"{snap.temperature:.4g}"))
            rate = snap.acceptance_rate
            self.values["acceptance"].setText("–" if math.isnan(rate) else f"{100 * rate:.0f} %")
