"""Classroom mode: shortcuts, presentation and text scale, the guided lesson, Ukrainian."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from engine.settings import Settings
from engine.worlds import PRESETS
from gui import i18n, style
from gui.main_window import LESSON_FOLDER, MainWindow


@pytest.fixture
def window(qtbot):
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    i18n.set_language("en")
    QSettings().clear()
    w = MainWindow(Settings(seed=4), speed=5.0)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.timer.stop()
    w.set_presenting(False)
    i18n.set_language("en")


def shown(label) -> str:
    """A label's text as read: no-break spaces (which keep "80 %" on one line) as spaces."""
    return label.text().replace("\u00a0", " ")


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def focus_targets(w):
    """Widgets of each kind a teacher may have clicked last: slider, button, combo box."""
    return [w.controls.speed, w.controls.step, w.controls.belief, w.surprise_view.plot]


def test_space_plays_and_pauses_whatever_has_focus(window, qtbot):
    for target in focus_targets(window):
        press(qtbot, target, Qt.Key.Key_Space)
        assert window.playing, target
        assert window.controls.play.isChecked()
        press(qtbot, target, Qt.Key.Key_Space)
        assert not window.playing, target


def test_right_and_s_step_exactly_one_and_r_resets(window, qtbot):
    for target in focus_targets(window):
        before = window.sim.step_count
        press(qtbot, target, Qt.Key.Key_Right)
        press(qtbot, target, Qt.Key.Key_S)
        assert window.sim.step_count == before + 2, target
    first = window.sim.history.column("outcome").copy()
    press(qtbot, window.controls.speed, Qt.Key.Key_R)
    assert window.sim.step_count == 0
    window.sim.advance(len(first))
    assert (window.sim.history.column("outcome") == first).all()


def test_up_down_double_and_halve_the_learning_rate(window, qtbot):
    for target in focus_targets(window):
        lr = window.settings.learning_rate
        press(qtbot, target, Qt.Key.Key_Up)
        assert window.settings.learning_rate == pytest.approx(2 * lr), target
        assert window.controls.lr.value() == pytest.approx(2 * lr)
        press(qtbot, target, Qt.Key.Key_Down)
        assert window.settings.learning_rate == pytest.approx(lr), target
    for _ in range(30):  # never beyond the slider's end
        press(qtbot, window.controls.step, Qt.Key.Key_Up)
    from engine import registry

    top = registry.PARAMS["learning_rate"].range.high  # the slider's end is the range's
    assert window.settings.learning_rate == top
    assert window.controls.lr.value() == pytest.approx(top)


def test_brackets_halve_and_double_the_temperature(window, qtbot):
    window.change_setting("learner", "anneal")
    t = window.settings.temperature
    press(qtbot, window.controls.step, Qt.Key.Key_BracketRight)
    assert window.settings.temperature == pytest.approx(2 * t)
    press(qtbot, window.controls.belief, Qt.Key.Key_BracketLeft)
    press(qtbot, window.controls.belief, Qt.Key.Key_BracketLeft)
    assert window.settings.temperature == pytest.approx(t / 2)
    assert window.controls.temperature.value() == pytest.approx(t / 2)
    window.change_setting("temperature", 0.0)
    press(qtbot, window.controls.step, Qt.Key.Key_BracketRight)
    assert window.settings.temperature == pytest.approx(1e-3)


def test_number_keys_load_the_presets_and_5_opens_the_custom_field(window, qtbot):
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
    for key, name in zip(keys, ["weather", "fair-die", "weird-die", "loaded-die"], strict=True):
        press(qtbot, window.controls.step, Qt.Key.Key_2 if name == "weather" else key)
        press(qtbot, window.controls.speed, key)
        assert window.settings.world == PRESETS[name]
        assert window.controls.world.currentData() == name
    press(qtbot, window.controls.step, Qt.Key.Key_5)
    assert window.controls.world.currentData() == "custom"
    assert window.controls.custom.hasFocus()
    # Typing in the field types: a space or a digit does not play or change the world.
    qtbot.keyClicks(window.controls.custom, "0.5 0.5")
    assert window.controls.custom.text() == "0.5 0.5"
    assert not window.playing
    assert window.settings.world == PRESETS["loaded-die"]
    qtbot.keyClick(window.controls.custom, Qt.Key.Key_Return)
    assert window.settings.world.p == (0.5, 0.5)


def test_f1_shows_the_shortcut_overview(window, qtbot):
    press(qtbot, window.controls.step, Qt.Key.Key_F1)
    box = window.shortcuts_box
    assert box.isVisible()
    assert "Learning rate × 2" in box.text() and "Temperature ÷ 2" in box.text()
    box.close()


def title_size(w) -> float:
    return w.belief_view.title_label.font().pointSizeF()


def test_presentation_mode_goes_full_screen_folds_controls_and_scales_up(window, qtbot):
    base_font = window.readouts.values["kl"].font().pointSizeF()
    base_legend = window.surprise_view.legend_label.font().pointSizeF()
    base_pen = window.surprise_view.cross.opts["pen"].widthF()
    press(qtbot, window.controls.step, Qt.Key.Key_F11)
    assert window.presenting and window.isFullScreen()
    assert not window.controls_scroll.isVisible()
    # Text follows the screen: the smallest is 2.2 % of its height, whatever the screen.
    expected = style.presentation_scale(window.height(), window.logicalDpiY())
    assert window.theme.scale == pytest.approx(expected)
    legend_px = window.surprise_view.legend_label.font().pointSizeF() * window.logicalDpiY() / 72
    assert legend_px >= 0.022 * window.height()
    assert window.surprise_view.legend_label.font().pointSizeF() > base_legend
    assert window.readouts.values["kl"].font().pointSizeF() >= base_font
    assert window.surprise_view.cross.opts["pen"].widthF() == pytest.approx(expected * base_pen)
    press(qtbot, window.surprise_view.plot, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.controls_scroll.isVisible()  # the panel folds out again when needed
    press(qtbot, window.surprise_view.plot, Qt.Key.Key_Escape)
    assert not window.presenting and not window.isFullScreen()
    assert window.readouts.values["kl"].font().pointSizeF() == pytest.approx(base_font)


def test_ctrl_plus_minus_scale_text_and_the_scale_is_remembered(window, qtbot):
    base = window.readouts.values["kl"].font().pointSizeF()
    ctrl = Qt.KeyboardModifier.ControlModifier
    press(qtbot, window.controls.step, Qt.Key.Key_Minus, ctrl)
    assert window.user_scale == pytest.approx(1 / 1.1)
    press(qtbot, window.controls.step, Qt.Key.Key_0, ctrl)
    assert window.user_scale == 1.0
    press(qtbot, window.controls.step, Qt.Key.Key_Equal, ctrl)
    press(qtbot, window.controls.belief, Qt.Key.Key_Equal, ctrl)
    assert window.user_scale == pytest.approx(1.21)
    assert window.readouts.values["kl"].font().pointSizeF() > 1.15 * base
    assert window.belief_view.caption.font().pointSize() > 1.15 * 18
    window.close()
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    assert again.user_scale == pytest.approx(1.21)
    assert again.theme.scale == pytest.approx(1.21)


def test_each_lesson_scene_sets_up_what_its_file_says(window, qtbot):
    press(qtbot, window.controls.step, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.lesson.isVisible()
    scenes = window.scenes
    assert len(scenes) == 8
    for i, scene in enumerate(scenes):
        if i:
            with qtbot.waitSignal(window.sceneShown):
                qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)
        assert window.lesson.index == i
        assert window.settings == scene.settings.replace(units=window.settings.units)
        assert window.speed == scene.speed
        assert window.sim.step_count == 0 and not window.playing
        assert shown(window.lesson.title) == scene.text("title")
        assert shown(window.lesson.question).endswith(scene.text("question"))
        assert not window.lesson.answer.isVisible()
        qtbot.mouseClick(window.lesson.reveal, Qt.MouseButton.LeftButton)
        assert window.lesson.answer.isVisible()
        assert shown(window.lesson.answer) == scene.text("answer")
        assert window.controls.learner.currentData() == scene.settings.learner
    assert not window.lesson.next.isEnabled()
    qtbot.mouseClick(window.lesson.back, Qt.MouseButton.LeftButton)
    assert window.lesson.index == 6 and window.settings.learner == "anneal"


def test_lesson_scenes_set_their_own_units(window, qtbot):
    """A scene's answer quotes its units, so opening the lesson puts those on screen."""
    window.change_setting("units", "nats")
    window.show_lesson(True)
    assert window.settings.units == window.lesson.scene.settings.units == "bits"
    assert window.readouts.values["entropy"].text().endswith("bits")


def test_a_broken_scene_file_is_reported_and_the_rest_of_the_lesson_runs(qtbot, tmp_path):
    folder = tmp_path / "lesson"
    shutil.copytree(LESSON_FOLDER, folder)
    (folder / "02b_broken.json").write_text('{"format": 1, "title": ', encoding="utf-8")
    data = json.loads((folder / "03_cross_entropy.json").read_text(encoding="utf-8"))
    data["setup"]["learning_rate"] = float("nan")
    (folder / "03_cross_entropy.json").write_text(json.dumps(data), encoding="utf-8")
    w = MainWindow(Settings(), lesson_folder=folder)
    qtbot.addWidget(w)
    w.show()
    w.show_lesson(True)
    problem = w.lesson.problem_label
    assert problem.isVisible()
    assert "02b_broken.json: is not valid JSON" in problem.text()
    assert "03_cross_entropy.json: learning rate is NaN" in problem.text()
    assert len(w.scenes) == 7
    for _ in range(6):
        qtbot.mouseClick(w.lesson.next, Qt.MouseButton.LeftButton)
    assert w.settings.learner == "anneal"  # the last scene still works


def test_the_lesson_and_interface_in_ukrainian(window, qtbot):
    window.show_lesson(True)
    qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)  # scene 3, the weather
    window.step_once()
    step = window.sim.step_count
    outcomes = window.sim.history.column("outcome").copy()
    window.language_actions["uk"].trigger()
    assert i18n.language() == "uk"
    # The run, the lesson position and the settings survive the switch.
    assert window.sim.step_count == step
    assert (window.sim.history.column("outcome") == outcomes).all()
    assert window.lesson.index == 2
    scene = window.scenes[2]
    assert shown(window.lesson.title) == scene.text("title", "uk")
    assert window.lesson.next.text() == "Далі ▶"
    assert window.controls.play.text() == "Пуск"
    assert window.windowTitle().startswith("Лабораторія")
    assert "Погода" in window.controls.world.currentText()
    # Numbers with a decimal comma, units in Ukrainian, exact values.
    assert window.readouts.values["entropy"].text() == "0,722 біта"
    assert window.readouts.values["cross_entropy"].text() == "1,000 біта"
    assert window.belief_view.plot.getAxis("bottom")._tickLevels[0][0][1] in ("дощ", "без дощу")
    assert (
        shown(window.world_caption).count("80 %") == 1
        and "Завтрашня" in window.world_caption.text()
    )
    # A refused setting is explained in Ukrainian.
    seen = []
    original = QMessageBox.warning
    QMessageBox.warning = staticmethod(lambda parent, title, text: seen.append((title, text)))
    try:
        window.change_setting("learning_rate", -1.0)
    finally:
        QMessageBox.warning = original
    assert seen == [
        ("Налаштування не змінено", "швидкість навчання: -1; має бути від 0,0001 до 100")
    ]  # the numbers in a message are written the Ukrainian way too
    window.language_actions["en"].trigger()
    assert window.controls.play.text() == "Play"
    assert window.readouts.values["entropy"].text() == "0.722 bits"


def test_every_string_has_a_finished_ukrainian_translation():
    ts = i18n.read_ts(i18n.I18N / "crossentropy_uk.ts")
    strings = i18n.source_strings()
    missing = [
        (context, text)
        for context, texts in strings.items()
        for text in texts
        if not ts.get((context, text), ("", False))[1] or not ts[(context, text)][0]
    ]
    assert missing == []
    # Each translation keeps the placeholders of its source, so formatting cannot fail.
    import re

    for (context, text), (translation, _) in ts.items():
        if (context, text) in {(c, t) for c in strings for t in strings[c]}:
            assert sorted(re.findall(r"{[^}]*}", translation)) == sorted(
                re.findall(r"{[^}]*}", text)
            ), text


def test_the_compiled_translation_is_up_to_date(tmp_path):
    fresh = tmp_path / "uk.qm"
    subprocess.run(
        [i18n.lrelease_command(), str(i18n.I18N / "crossentropy_uk.ts"), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == i18n.qm_path("uk").read_bytes(), "run: uv run python -m gui.i18n"


def test_numbers_are_written_the_local_way():
    i18n.set_language("uk")
    try:
        assert i18n.number("12,345.678 and 0.5 bits") == "12\u202f345,678 and 0,5 bits"
        assert i18n.number("p = (0.8, 0.2)") == "p = (0,8, 0,2)"
    finally:
        i18n.set_language("en")
    assert i18n.number("12,345.678") == "12,345.678"
    with pytest.raises(i18n.LanguageError, match="unknown language 'xx'"):
        i18n.set_language("xx")


def test_lang_option_and_bad_values(cli):
    from gui.app import parse_all

    assert parse_all(["--lang", "uk", "--present", "--lesson"])[3].lang == "uk"
    out = cli("--lang", "fr")
    assert out.returncode == 2
    assert out.stderr.strip().startswith("error:") and "--lang" in out.stderr
    assert "Traceback" not in out.stderr


def test_application_closes_cleanly_with_preferences_saved(window, qtbot):
    window.change_setting("units", "nats")
    window.close()
    prefs = QSettings()
    assert prefs.value("units") == "nats"
    assert prefs.value("language") == "en"
    assert prefs.value("geometry") is not None
    assert math.isclose(float(prefs.value("font_scale")), 1.0)
    QApplication.processEvents()


def test_the_whole_lesson_runs_in_ukrainian(window, qtbot):
    window.set_language("uk")
    window.show_lesson(True)
    for i, scene in enumerate(window.scenes):
        if i:
            qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)
        assert window.lesson.position.text() == f"Сцена {i + 1} із 8"
        assert shown(window.lesson.title) == scene.text("title", "uk")
        assert shown(window.lesson.question) == "Спрогнозуйте: " + scene.text("question", "uk")
        assert shown(window.lesson.answer) == scene.text("answer", "uk")
        assert window.settings.learner == scene.settings.learner
        window.step_once()  # the run works and its numbers are shown the Ukrainian way
        assert window.readouts.values["step"].text() == "1"
        assert "біт" in window.readouts.values["entropy"].text()
        assert "," in window.readouts.values["entropy"].text()


def test_speed_has_named_stops(window):
    from gui.controls import SPEED_STOPS, speed_text

    assert {1, 10, 200, math.inf} <= set(SPEED_STOPS)
    names = [speed_text(s) for s in (1, 10, 200, math.inf)]
    assert names == [
        "1 per second: narrate each one",
        "10 per second",
        "fast (200 per second)",
        "maximum",
    ]
    speed = window.controls.speed
    speed.setValue(SPEED_STOPS.index(200))
    assert window.speed == 200
    assert window.controls.speed_label.text() == "fast (200 per second)"
    speed.setValue(len(SPEED_STOPS) - 1)
    assert math.isinf(window.speed)
