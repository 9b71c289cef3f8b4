"""The table of actions (gui/actions.py): keys, menus and the F1 overview all come from it."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QKeySequence

from engine.settings import Settings
from gui import actions, i18n
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    i18n.set_language("en")
    QSettings().clear()
    w = MainWindow(Settings(seed=4), speed=5.0, remember=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.timer.stop()
    i18n.set_language("en")


def spy_on_slots(window, monkeypatch) -> list[tuple[str, tuple]]:
    """Every slot named in the table replaced by a recorder of (slot, arguments)."""
    calls: list[tuple[str, tuple]] = []
    for slot in {a.slot for a in actions.ACTIONS}:
        monkeypatch.setattr(window, slot, lambda *args, s=slot: calls.append((s, args)))
    return calls


def expected_call(action: actions.Action, window) -> tuple[str, tuple]:
    if action.checkable:  # toggled: the slot gets the new state
        return action.slot, (*action.args, not getattr(window, action.checked))
    return action.slot, action.args


def key_and_modifiers(sequence: QKeySequence):
    combination = sequence[0]
    return combination.key(), combination.keyboardModifiers()


def typing(sequence: QKeySequence) -> bool:
    """A key that types a character (space, a digit, a letter, a bracket)."""
    key, modifiers = key_and_modifiers(sequence)
    return key < Qt.Key.Key_Escape and modifiers in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.ShiftModifier,
    )


def keyed():
    return [a for a in actions.ACTIONS if actions.sequences(a)]


def test_every_action_has_a_text_and_a_description_in_every_language():
    marked = i18n.source_strings()["MainWindow"]  # in the .ts file, checked by test_i18n
    for lang in i18n.LANGUAGES:
        i18n.set_language(lang)
        for action in actions.ACTIONS:
            for text in (action.text, action.description):
                assert text in marked, (action.name, text)
                assert actions.tr(text).strip(), (lang, action.name, text)
        for menu in actions.MENUS.values():
            assert menu.title in marked and actions.tr(menu.title).strip()
    i18n.set_language("en")


def test_the_table_is_consistent():
    names = [a.name for a in actions.ACTIONS]
    assert len(names) == len(set(names))
    for action in actions.ACTIONS:
        assert callable(getattr(MainWindow, action.slot, None)), action.slot
        assert action.menu is None or action.menu in actions.MENUS, action.menu
        if action.checkable:
            assert action.menu is not None  # a state the menu shows with its check mark


def test_no_two_actions_share_a_key(qapp):  # a standard key needs the platform
    seen: dict[str, str] = {}
    for action in actions.ACTIONS:
        for sequence in actions.sequences(action):
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, (text, seen.get(text), action.name)
            seen[text] = action.name
    assert len(seen) >= 20  # the classroom keys and the menus' keys are all there


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_overview_lists_every_action_that_has_a_key(window, qtbot, lang):
    window.language_actions[lang].trigger()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    box = window.shortcuts_box
    assert box.isVisible()
    text = box.text()
    assert len(actions.overview_rows()) == len(keyed())
    for action in keyed():
        description = QCoreApplication.translate("MainWindow", action.description)
        first = actions.sequences(action)[0]
        native = first.toString(QKeySequence.SequenceFormat.NativeText)  # translated by Qt
        assert f"<b>{native}" in text and description in text, (action.name, native)
    box.close()


def test_each_key_calls_its_slot(window, qtbot, monkeypatch):
    calls = spy_on_slots(window, monkeypatch)
    pressed = 0
    for action in keyed():
        for sequence in actions.sequences(action):
            key, modifiers = key_and_modifiers(sequence)
            expected = expected_call(action, window)
            calls.clear()
            qtbot.keyClick(window, key, modifiers)
            assert calls == [expected], (action.name, sequence.toString())
            if action.checkable:  # back as it was, so the next test of it toggles the same way
                window.shortcut_actions[action.name].toggle()
            pressed += 1
    assert pressed >= len(keyed())


def test_keys_that_type_go_to_a_focused_text_field(window, qtbot, monkeypatch):
    field = window.controls.custom
    window.controls.world.setCurrentIndex(window.controls.world.findData("custom"))
    field.setFocus()
    calls = spy_on_slots(window, monkeypatch)
    typed = 0
    for action in keyed():
        for sequence in actions.sequences(action):
            if not typing(sequence):
                continue
            field.clear()
            key, modifiers = key_and_modifiers(sequence)
            qtbot.keyClick(field, key, modifiers)
            character = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            expected = " " if character == "Space" else character.lower()
            assert field.text() == expected, (action.name, field.text())
            assert calls == [], action.name
            typed += 1
    assert typed >= 10  # space, S, R, brackets, digits 1-5
    # A key that does not type still reaches the window from the field.
    qtbot.keyClick(field, Qt.Key.Key_F1)
    assert calls == [("show_shortcuts", ())]


def test_menus_come_from_the_table_and_follow_the_language(window, qtbot):
    def entries():
        found = {}
        for top in window.menuBar().actions():
            stack = [top.menu()]
            while stack:
                menu = stack.pop()
                for action in menu.actions():
                    if action.menu() is not None:
                        stack.append(action.menu())
                    elif not action.isSeparator():
                        found[action.text()] = action
        return found

    for lang in ("uk", "en", "uk"):
        window.language_actions[lang].trigger()
        assert len(window.menuBar().actions()) == len(
            {m.split("/")[0] for m in actions.MENUS}
        )  # the menus of the language before are gone
        shown = entries()
        for action in actions.ACTIONS:
            qaction = window.shortcut_actions[action.name]
            assert qaction.text() == actions.tr(action.text)
            if action.menu is not None:
                assert shown[qaction.text()] is qaction, action.name
    # The actions made once survive the rebuild: their keys still work.
    before = window.sim.step_count
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert window.sim.step_count == before + 1


def test_checkable_entries_show_the_windows_state(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window._controls_visible and not window.controls_action.isChecked()
    window.language_actions["uk"].trigger()  # rebuilt: the entry still shows the state
    assert not window.controls_action.isChecked()
    window.controls_action.trigger()
    assert window._controls_visible and not window.controls_scroll.isHidden()
