"""Start-up: what the window leaves for later is there, and the same, when it is first needed."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from engine.settings import Settings
from engine.worlds import PRESETS
from gui.layout import _score
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow(Settings(seed=4), remember=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    return w


def lesson_panels(w: MainWindow) -> list:
    from gui.lesson_panel import LessonPanel

    return w.findChildren(LessonPanel)


def test_no_application_wide_style_sheet_the_window_has_its_own(qapp):
    from gui.app import configure_app

    assert configure_app() is QApplication.instance()
    assert QApplication.instance().styleSheet() == ""  # each widget matched against one sheet


def test_the_lesson_is_built_when_first_opened_above_the_controls(window, qtbot):
    window.show()
    assert lesson_panels(window) == [] and window._lesson_scenes is None
    window.show_lesson(False)  # closing a lesson never opened builds nothing
    assert lesson_panels(window) == []
    with qtbot.waitSignal(window.sceneShown):
        window.show_lesson(True)
    assert lesson_panels(window) == [window.lesson]
    assert window.side.widget(0) is window.lesson
    assert window.side.widget(1) is window.controls_scroll
    assert window.lesson.isVisible() and window.lesson.window() is window
    assert window.lesson.scene is window.scenes[0] and window.lesson_problems == []
    top, bottom = window.side.sizes()
    assert top > bottom > 0  # three fifths for the lesson, as when it was built up front
    window.show_lesson(False)
    assert not window.lesson.isVisible() and lesson_panels(window) == [window.lesson]


def test_the_views_are_placed_once_when_shown_not_while_building(window, qtbot):
    placed = []
    window.views.arranged.connect(lambda: placed.append(window.views.size()))
    window.views.relayout()  # while hidden: remembered, not done
    assert placed == [] and window.views.arrangement is None
    window.show()
    qtbot.waitUntil(lambda: window.views.arrangement is not None)
    assert placed == [window.views.size()]
    names = set(window.views.arrangement.plots)
    assert names == {"belief", "surprise", "landscape"}
    assert all(window.views.plots[n].isVisible() for n in names)


def test_a_bound_on_the_score_never_changes_which_arrangement_wins():
    rng = random.Random(7)
    names = ["belief", "surprise", "landscape"]
    for _ in range(500):
        rects = [QRect(0, 0, rng.randint(50, 900), rng.randint(50, 700)) for _ in names]
        extra = {n: rng.randint(0, 120) for n in names}
        beside = {n: rng.randint(0, 80) for n in names}

        def chrome(name: str, width: int, extra=extra, beside=beside) -> int:
            return beside[name] if width < 0 else extra[name] + width % 7

        full = _score(names, rects, (230, 150), chrome)
        bound = rng.uniform(0.0, 3.0)
        bounded = _score(names, rects, (230, 150), chrome, bound)
        if full > bound:
            assert bounded == full  # better than the bound: measured in full
        else:
            assert bounded <= bound  # not better: it loses to the bound either way


def test_the_first_window_leaves_the_lesson_options_and_tools_unread():
    """What the first window does not use is imported when first used, not at start-up."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "from gui.app import main_window_for_bench\n"
        "app, w = main_window_for_bench()\n"
        "w.show(); app.processEvents()\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    loaded = set(out.stdout.split())
    assert {"gui.main_window", "engine.race", "engine.simulation"} <= loaded
    deferred = {"engine.lesson", "engine.jsonfile", "engine.options", "engine.cli"}
    deferred |= {"engine.export", "engine.session", "gui.i18n_tool", "gui.lesson_panel"}
    deferred |= {"engine.experiments", "engine.files"}  # (the sweep job and its files)
    # NumPy's random module (its streams are made at the first step), the thread pool,
    # html's table of entities
    deferred |= {"numpy.random", "concurrent.futures", "html.entities"}
    assert loaded & deferred == set()


def test_streams_made_at_the_first_draw_are_those_made_at_the_start():
    """The random streams wait for the first draw, and are the seed's all the same."""
    from engine.population import Population, _streams

    late = Population(Settings(world=PRESETS["loaded-die"], seed=11), 3)
    assert late._made_streams is None  # (nothing drawn yet)
    first = [g.bit_generator.state for g in _streams(11)]
    assert [
        late._outcome_rng.bit_generator.state,
        late._proposal_rng.bit_generator.state,
        late._accept_rng.bit_generator.state,
    ] == first
    late.advance(5)
    again = Population(Settings(world=PRESETS["loaded-die"], seed=11), 3)
    assert again._outcome_rng is again._outcome_rng  # (made before the first step)
    again.advance(5)
    assert np.array_equal(late.params, again.params)


def test_the_deferred_names_are_still_where_they_were():
    from engine import experiments, lesson, race, registry
    from gui import i18n, i18n_tool

    assert experiments.Race is race.Race and experiments.ExperimentError is race.ExperimentError
    assert experiments.SHARED_FIELDS is race.SHARED_FIELDS
    assert lesson.SHOW_NAMES == registry.SHOW_VIEWS + registry.SHOW_READOUTS
    assert i18n.source_strings is i18n_tool.source_strings and i18n.update is i18n_tool.update


def test_the_windows_own_records_are_plain_classes_that_behave_as_before():
    """Making a dataclass compiles its methods (about 1.5 ms each, at every start-up): the
    window's own records are plain classes with the same equality, immutability and repr."""
    import dataclasses

    from gui import actions, layout, style

    for record in (style.Theme, layout.Arrangement, actions.Menu, actions.Action):
        assert not dataclasses.is_dataclass(record)
    theme = style.Theme(scale=1.5)
    assert theme == style.Theme(1.5, False, False) and theme != style.Theme(scale=1.5, compact=True)
    assert theme != (1.5, False, False) and repr(theme).startswith("Theme(scale=1.5")
    with pytest.raises(TypeError):
        hash(theme)  # mutable (the window changes it): never a key
    theme.compact = True
    assert theme.compact and style.Theme().scale == 1.0
    spec = actions.BY_NAME["present"]
    assert spec.checkable and not actions.BY_NAME["play"].checkable
    with pytest.raises(AttributeError):
        spec.name = "other"  # type: ignore[misc]
    arrangement = layout.Arrangement({}, None, (), 1.0)
    assert arrangement.score == 1.0 and arrangement.dropped == ()


def test_the_heat_maps_colour_map_is_read_when_a_heat_map_is_first_drawn(window, qtbot):
    import pyqtgraph as pg

    from engine.worlds import custom_world

    window.show()
    view = window.landscape_view
    assert view.landscape is not None and len(view.landscape.grid) == 1  # a curve at start
    assert view.image.getColorMap() is None  # not read for the first window
    window.change_setting("world", custom_world([0.2, 0.3, 0.5]))
    assert len(view.landscape.grid) == 2 and view.image.image is not None
    viridis = pg.colormap.get("viridis")
    assert view.image.getColorMap() is viridis and view.colour_bar.colorMap() is viridis
    lut = view.image.getColorMap().getLookupTable(nPts=3)
    assert lut[0].tolist() != lut[-1].tolist()  # coloured, low and high apart
