"""Checks that what a window shows can be read: nothing clipped, nothing too small, no waste.

Used by the tests at every classroom resolution (and by a subprocess at ``QT_SCALE_FACTOR=2``).
Each check returns a list of problems in words; an empty list means the window passes.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from . import style


def _visible(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _clipped_by_ancestors(widget: QWidget, top: QWidget) -> bool:
    """Whether part of the widget lies outside an ancestor (so it is cut off on screen)."""
    rect = _rect_in(widget, top)
    parent = widget.parentWidget()
    while parent is not None:
        outer = _rect_in(parent, top)
        if not outer.adjusted(-1, -1, 1, 1).contains(rect):
            # a scroll area's viewport legitimately clips its content; the content can scroll
            if parent.objectName() == "qt_scrollarea_viewport":
                return False
            return True
        if parent is top:
            break
        parent = parent.parentWidget()
    return False


def _label_text_size(label: QLabel) -> tuple[int, int]:
    """The width and height the label's text needs (rich text laid out as Qt would)."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    margin = 2 * label.margin() + 2 * label.indent() if label.indent() > 0 else 2 * label.margin()
    contents = label.contentsRect().width() - margin
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(contents)
        return round(doc.idealWidth()), round(doc.size().height())
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        flags = int(Qt.TextFlag.TextWordWrap) | int(label.alignment())
        rect = metrics.boundingRect(QRect(0, 0, max(contents, 1), 100000), flags, text)
        return rect.width(), rect.height()
    lines = text.split("\n")
    return max(metrics.horizontalAdvance(line) for line in lines), metrics.height() * len(lines)


def clipped_text(top: QWidget) -> list[str]:
    """Labels and buttons whose text does not fit in what the window gives them."""
    problems = []
    for label in top.findChildren(QLabel):
        if not _visible(label, top) or not label.text().strip():
            continue
        if label.objectName() == "qt_scrollarea_viewport":
            continue
        need_w, need_h = _label_text_size(label)
        have = label.contentsRect()
        name = label.objectName() or type(label.parentWidget()).__name__
        if need_w > have.width() + 1:
            problems.append(
                f"{name} {label.text()[:40]!r}: needs {need_w} px wide, has {have.width()}"
            )
        if need_h > have.height() + 1:
            problems.append(
                f"{name} {label.text()[:40]!r}: needs {need_h} px high, has {have.height()}"
            )
        if _clipped_by_ancestors(label, top):
            problems.append(f"{name} {label.text()[:40]!r}: cut off by its container")
    for button in top.findChildren(QAbstractButton):
        if not _visible(button, top) or not button.text():
            continue
        metrics = QFontMetrics(button.font())
        need = metrics.horizontalAdvance(button.text().replace("&", "")) + 12
        if button.width() < need and type(button).__name__ in ("QPushButton",):
            problems.append(f"button {button.text()!r}: needs {need} px, has {button.width()}")
        if _clipped_by_ancestors(button, top):
            problems.append(f"button {button.text()!r}: cut off by its container")
    return problems


def _pixel_size(font: QFont) -> float:
    return float(QFontInfo(font).pixelSize())


def small_text(top: QWidget, minimum_px: float) -> list[str]:
    """Text on screen smaller than ``minimum_px`` pixels (labels, buttons, ticks, plot labels)."""
    problems = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not _visible(widget, top):
            continue
        text = widget.text() if hasattr(widget, "text") else ""
        if not text.strip():
            continue
        px = _pixel_size(widget.font())
        if px + 0.01 < minimum_px:
            problems.append(f"{text[:30]!r}: {px:.0f} px < {minimum_px:.1f}")
    for plot in top.findChildren(pg.PlotWidget):
        if not _visible(plot, top):
            continue
        item = plot.getPlotItem()
        for name in ("left", "bottom", "right"):
            axis = item.getAxis(name) if name in item.axes else None
            if axis is None or not axis.isVisible() or not axis.style.get("showValues", True):
                continue
            font = axis.style.get("tickFont")
            if font is not None and _pixel_size(font) + 0.01 < minimum_px:
                problems.append(f"tick labels ({name}): {_pixel_size(font):.0f} px")
            if axis.label.isVisible() and axis.labelText:
                label_px = _pixel_size(axis.label.font())
                if label_px + 0.01 < minimum_px:
                    problems.append(f"axis title {axis.labelText!r}: {label_px:.0f} px")
        for child in item.items:
            if isinstance(child, pg.TextItem) and child.isVisible() and child.toPlainText():
                px = _pixel_size(child.textItem.font())
                if px + 0.01 < minimum_px:
                    problems.append(f"plot text {child.toPlainText()!r}: {px:.0f} px")
    return problems


def small_plots(top: QWidget, minimum: tuple[int, int]) -> list[str]:
    """Visible plots whose data area (view box) is smaller than ``minimum`` (w, h) pixels."""
    problems = []
    for plot in top.findChildren(pg.PlotWidget):
        if not _visible(plot, top):
            continue
        box = plot.getPlotItem().getViewBox().sceneBoundingRect()
        if box.width() < minimum[0] or box.height() < minimum[1]:
            problems.append(
                f"plot {plot.parentWidget().objectName() or type(plot.parentWidget()).__name__}: "
                f"view box {box.width():.0f} × {box.height():.0f} px"
            )
    return problems


def empty_band(window, share: float = 0.06) -> list[str]:
    """Unused room: the views and side panel must fill the window's width and height."""
    problems = []
    width = window.width()
    used = window.views.width() + (window.side.width() if window.side.isVisible() else 0)
    if window.splitter.orientation() == Qt.Orientation.Vertical:
        used = window.views.width()
    if used < (1 - share) * width:
        problems.append(f"views and side use {used} of {width} px of width")
    arrangement = window.views.arrangement
    if arrangement is not None:
        rects = list(arrangement.plots.values())
        if arrangement.readouts is not None:
            rects.append(arrangement.readouts)
        if rects:
            bottom = max(r.bottom() for r in rects)
            right = max(r.right() for r in rects)
            views = window.views
            # the footer (the race strip) is placed below them, at the bottom
            footer = [w.geometry().top() for w in views.footer if not w.isHidden()]
            height = min(footer, default=views.height())
            if bottom < (1 - share) * height - 40 or right < (1 - share) * views.width():
                problems.append(
                    f"views fill {right} × {bottom} of {views.width()} × {views.height()} px"
                )
    return problems


def minimum_text_px(height: int) -> float:
    """The presentation rule: the smallest text is 2.2 % of the screen's height."""
    return style.MIN_TEXT_SHARE * height


def presentation_problems(window, min_view: tuple[int, int] = (150, 90)) -> list[str]:
    """Everything the classroom rules check, for a window in presentation mode."""
    height = window.height()
    return (
        clipped_text(window)
        + small_text(window, minimum_text_px(height))
        + small_plots(window, min_view)
        + empty_band(window)
    )


def _luminance(colour) -> float:
    def channel(c: float) -> float:
        c /= 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast_ratio(foreground, background) -> float:
    """WCAG contrast ratio of two QColors (1 to 21)."""
    a, b = _luminance(foreground), _luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _background(widget: QWidget):
    """The colour a widget's text is drawn on: its own fill, or the nearest filled ancestor's."""
    current = widget
    while current is not None:
        fills = current.autoFillBackground() or current.testAttribute(
            Qt.WidgetAttribute.WA_StyledBackground
        )
        if fills or current.isWindow():
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    return widget.palette().color(widget.backgroundRole())


def low_contrast(top: QWidget, minimum: float = 4.5) -> list[str]:
    """Visible text whose contrast with what it is drawn on is below ``minimum`` (WCAG AA)."""
    problems = []
    for label in top.findChildren(QLabel):
        if not _visible(label, top) or not label.text().strip() or not label.isEnabled():
            continue
        fg = label.palette().color(label.foregroundRole())
        ratio = contrast_ratio(fg, _background(label))
        if ratio < minimum:
            problems.append(f"{label.objectName()} {label.text()[:30]!r}: contrast {ratio:.2f}")
    for plot in top.findChildren(pg.PlotWidget):
        if not _visible(plot, top):
            continue
        for child in plot.getPlotItem().items:
            if isinstance(child, pg.TextItem) and child.isVisible() and child.toPlainText():
                fill = child.fill.color() if child.fill.style() != Qt.BrushStyle.NoBrush else None
                if fill is None or fill.alpha() < 255:
                    problems.append(f"plot text {child.toPlainText()!r}: no opaque box behind it")
                    continue
                ratio = contrast_ratio(child.color, fill)
                if ratio < minimum:
                    problems.append(f"plot text {child.toPlainText()!r}: contrast {ratio:.2f}")
    return problems
