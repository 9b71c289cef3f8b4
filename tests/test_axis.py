"""The time axis: tick labels grouped the local way and never closer than their width."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFont, QFontMetrics

from gui import i18n
from gui.panels import LocalAxis


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("top", [10, 1_500, 150_000, 2_000_000])
def test_large_tick_labels_do_not_run_into_each_other(qtbot, lang, top):
    i18n.set_language(lang)
    try:
        plot = pg.PlotWidget(axisItems={"bottom": LocalAxis("bottom")})
        qtbot.addWidget(plot)
        plot.resize(600, 300)
        axis = plot.getAxis("bottom")
        font = QFont()
        font.setPixelSize(24)  # presentation mode's size on a 1080-line screen
        axis.setTickFont(font)
        plot.setXRange(0, top, padding=0)
        plot.show()
        qtbot.waitExposed(plot)
        metrics = QFontMetrics(font)
        spacing, values = axis.tickValues(0, top, axis.width())[0]
        texts = axis.tickStrings(values, 1.0, spacing)
        assert len(values) >= 2
        pixels = spacing * axis.width() / top
        assert pixels >= max(metrics.horizontalAdvance(t) for t in texts), texts
        if top >= 150_000:  # grouped like the step readout: 50,000 / 50 000
            sep = "," if lang == "en" else "\u202f"
            assert any(sep in t for t in texts), texts
    finally:
        i18n.set_language("en")
