"""Switching the language translates in place: nothing is rebuilt, nothing is lost.

A window switched from English to Ukrainian (and back) shows exactly the texts a window built
in that language shows, widget by widget; its widgets are the same objects, its run goes on
at the same step, and an open experiments window (even a running one) stays open, translated.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)

from engine.settings import Settings
from gui import i18n
from gui.main_window import MainWindow


def path_of(obj, root) -> str:
    """Where ``obj`` is under ``root``: each step its class and its place among like siblings."""
    steps = []
    while obj is not None and obj is not root:
        parent = obj.parent()
        siblings = [c for c in parent.children() if type(c) is type(obj)] if parent else [obj]
        steps.append(f"{type(obj).__name__}[{siblings.index(obj)}]")
        obj = parent
    return "/".join(reversed(steps))


def texts_of(window: QWidget) -> dict[str, str]:
    """Every text a person (or a screen reader) can meet in ``window``, by widget path."""
    out: dict[str, str] = {}

    def put(obj, kind: str, text: str) -> None:
        out[f"{path_of(obj, window)}:{kind}"] = text

    for w in [window, *window.findChildren(QWidget)]:
        for kind in ("toolTip", "accessibleName", "accessibleDescription", "statusTip"):
            put(w, kind, getattr(w, kind)())
        if w.isWindow():
            put(w, "windowTitle", w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton):
            put(w, "text", w.text())
        if isinstance(w, QGroupBox):
            put(w, "title", w.title())
        if isinstance(w, QComboBox):
            put(w, "items", " | ".join(w.itemText(i) for i in range(w.count())))
        if isinstance(w, QLineEdit):
            put(w, "text", w.text())
            put(w, "placeholder", w.placeholderText())
        if isinstance(w, QAbstractSpinBox):
            put(w, "text", w.text())
        if isinstance(w, QMenu):
            put(w, "title", w.title())
        plot = getattr(w, "plot", None)
        if plot is not None and hasattr(plot, "getAxis"):
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                put(w, f"axis {side}", axis.labelText)
                values = [0.5, 1.5, 2500.0]
                put(w, f"ticks {side}", " ".join(axis.tickStrings(values, 1, 0.5)))
    for action in window.findChildren(QAction):
        put(action, "text", action.text())
        put(action, "statusTip", action.statusTip())
    return out


def differences(a: dict[str, str], b: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [
        (key, a.get(key), b.get(key))
        for key in sorted(a.keys() | b.keys())
        if a.get(key) != b.get(key)
    ]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def make_window(qtbot, lang: str) -> MainWindow:
    """A window in ``lang`` with a rival, 40 outcomes drawn and the experiments window open."""
    i18n.set_language(lang)
    w = MainWindow(Settings(seed=7), remember=False)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.add_rival()
    w.race.advance(40)
    w.redraw()
    w.show_experiments()
    w.experiments.agents.setValue(20)
    w.experiments.steps.setValue(50)
    settle()
    return w


@pytest.fixture(autouse=True)
def english_after():
    QSettings().clear()
    yield
    i18n.set_language("en")


def widgets_of(window: QWidget) -> dict[str, int]:
    return {path_of(w, window): id(w) for w in window.findChildren(QWidget)}


def test_a_switched_window_shows_what_a_window_built_in_that_language_shows(qtbot):
    fresh_uk = make_window(qtbot, "uk")
    expected_uk = texts_of(fresh_uk)
    fresh_uk.experiments.close()
    fresh_uk.close()
    fresh_en = make_window(qtbot, "en")
    expected_en = texts_of(fresh_en)
    fresh_en.experiments.close()
    fresh_en.close()
    assert len(differences(expected_en, expected_uk)) > 100  # the two languages do differ

    w = make_window(qtbot, "en")
    assert not differences(texts_of(w), expected_en)
    ids, step = widgets_of(w), w.sim.step_count
    w.set_language("uk")
    assert not differences(texts_of(w), expected_uk)
    ticks = [text for key, text in texts_of(w).items() if ":ticks" in key]
    assert ticks and all("0,5" in text for text in ticks)  # numbers written the new way
    w.set_language("en")
    assert not differences(texts_of(w), expected_en)
    assert widgets_of(w) == ids  # the very same widgets, none made again
    assert w.sim.step_count == step


def test_the_run_goes_on_and_nothing_is_rebuilt(qtbot):
    w = make_window(qtbot, "en")
    w.show_lesson(True)
    w.lesson.go(2)
    w.change_setting("learner", "gd")
    w.add_rival()
    w.race.advance(30)
    w.redraw()
    w.set_speed(50)
    views = (w.controls, w.belief_view, w.surprise_view, w.landscape_view, w.readouts, w.lesson)
    before = [id(v) for v in views]
    rivals, step, undo = list(w.race.rivals), w.sim.step_count, w.undo_stack
    experiments = w.experiments
    w.set_playing(True)
    w.set_language("uk")
    assert [id(v) for v in views] == before
    assert w.lesson.index == 2 and w.lesson.isVisible()
    assert list(w.race.rivals) == rivals and len(w.race_panel.boxes) == 1
    assert w.speed == 50 and w.playing and w.controls.play.text() == "Пауза"
    assert w.undo_stack is undo
    assert w.experiments is experiments and experiments.isVisible()
    assert w.sim.step_count >= step
    qtbot.waitUntil(lambda: w.sim.step_count > step + 5)  # the run goes on
    w.set_playing(False)
    assert "," in w.readouts.values["kl"].text()  # 0,123 біта: the decimal comma
    assert w.readouts.values["kl"].text().endswith(i18n.unit_after_decimal("bits"))


def test_a_running_experiment_goes_on_through_a_switch_and_is_translated(qtbot):
    w = make_window(qtbot, "en")
    ex = w.experiments
    ex.agents.setValue(300)
    ex.steps.setValue(3000)
    assert ex.start_population()
    assert ex.running and ex.status.text().startswith("Running")
    w.set_language("uk")
    assert w.experiments is ex and ex.isVisible() and ex.running
    assert ex.windowTitle() != "Experiments: how often does annealing escape?"
    assert not ex.status.text().startswith("Running")  # «Працюють …», in Ukrainian
    with qtbot.waitSignal(ex.finished, timeout=60_000):
        pass
    assert ex.population is not None
    uk_status = ex.status.text()
    w.set_language("en")
    assert "reached the global minimum" in ex.status.text() and ex.status.text() != uk_status


def test_a_language_change_made_elsewhere_reaches_the_window_through_qt(qtbot):
    """i18n.set_language alone: Qt's LanguageChange event translates the open window."""
    w = make_window(qtbot, "en")
    assert w.controls.play.text() == "Play"
    i18n.set_language("uk")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    settle()
    assert w.controls.play.text() == "Пуск"
    assert w.experiments.run_sweep.text() != "Run the sweep"


def test_long_ukrainian_choices_do_not_push_a_view_off_a_1280_screen(qtbot):
    """«Без навчання (переконання не змінюється)» once widened the control panel so far that
    the landscape was dropped at 1280 × 800 in Ukrainian while English showed it."""
    from engine.worlds import PRESETS

    i18n.set_language("uk")
    try:
        window = MainWindow(
            Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal"),
            remember=False,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        assert window.landscape_view.isVisible() and window.belief_view.isVisible()
        learner = window.controls.learner
        widest = max(
            learner.fontMetrics().horizontalAdvance(learner.itemText(i))
            for i in range(learner.count())
        )
        assert learner.minimumSizeHint().width() < widest  # closed, it may show less...
        learner.showPopup()
        assert learner.view().width() >= widest  # ...open, every choice is whole
        learner.hidePopup()
    finally:
        i18n.set_language("en")
