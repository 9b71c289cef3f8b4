"""Every command of the main window in one table: its keys, its menu entry and its F1 line.

The window builds its QActions from :data:`ACTIONS` (window-wide key bindings), its menus
from the entries that name a menu, and the keyboard overview (F1) from the entries that have
a key; the key text there is Qt's own (native, translated) text of the key sequence.  Adding
a command is one line here plus, if new, its method on the window.

Texts are English sources marked with ``QT_TRANSLATE_NOOP("MainWindow", ...)`` (so the
translation file keeps the window's translations) and translated when shown (:func:`tr`).

Keys that type (space, digits, letters) are window-wide too, yet a focused text field gets
them first: Qt offers the field the key as a shortcut override, and a line edit or number box
accepts every key that types, so "5" typed in the custom distribution is a 5, not a world.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from engine.worlds import PRESETS

CONTEXT = "MainWindow"
Key = str | QKeySequence.StandardKey
SCALE_STEP = 1.1  # Ctrl+= and Ctrl+- make the text this much larger or smaller


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# Records as NamedTuples, not dataclasses: making a dataclass compiles its methods (start-up).
class Menu(NamedTuple):
    """A menu ("file") or submenu ("file/export") and the title it shows."""

    path: str
    title: str
    separated: bool = False  # a separator before it in its parent menu


class Action(NamedTuple):
    """One command: what it is called, what it does, its keys, where it is in the menus."""

    name: str
    text: str  # the menu entry ("&Open session…"), also the action's own text
    description: str  # its line in the keyboard overview (F1)
    keys: tuple[Key, ...] = ()  # the first is the one the menu shows
    menu: str | None = None  # a Menu's path, or None: keyboard only
    slot: str = ""  # the window's method it calls
    args: tuple = ()  # ... with these arguments (a checkable one: with its new state)
    checked: str | None = None  # checkable: the window's attribute that holds its state
    separated: bool = False  # a separator before it in its menu

    @property
    def checkable(self) -> bool:
        return self.checked is not None


MENUS = {
    menu.path: menu
    for menu in (
        Menu("file", QT_TRANSLATE_NOOP("MainWindow", "&File")),
        Menu("file/export", QT_TRANSLATE_NOOP("MainWindow", "&Export"), separated=True),
        Menu("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
        Menu("view", QT_TRANSLATE_NOOP("MainWindow", "&View")),
        Menu("view/language", QT_TRANSLATE_NOOP("MainWindow", "Lan&guage"), separated=True),
        Menu("experiments", QT_TRANSLATE_NOOP("MainWindow", "E&xperiments")),
        Menu("help", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
    )
}

_Std = QKeySequence.StandardKey

# The order is the order of the menus and of the overview: the classroom keys come first.
# fmt: off
ACTIONS = (
    Action("play", QT_TRANSLATE_NOOP("MainWindow", "Play / pause"), QT_TRANSLATE_NOOP("MainWindow", "Play / pause"), ("Space",), slot="toggle_playing"),
    Action("step", QT_TRANSLATE_NOOP("MainWindow", "One step"), QT_TRANSLATE_NOOP("MainWindow", "One step (one outcome)"), ("Right", "S"), slot="step_once"),
    Action("reset", QT_TRANSLATE_NOOP("MainWindow", "Reset"), QT_TRANSLATE_NOOP("MainWindow", "Reset to step 0 (same seed, same outcomes)"), ("R",), slot="reset"),
    Action("lr_up", QT_TRANSLATE_NOOP("MainWindow", "Learning rate × 2"), QT_TRANSLATE_NOOP("MainWindow", "Learning rate × 2"), ("Up",), slot="scale_setting", args=("learning_rate", 2.0)),
    Action("lr_down", QT_TRANSLATE_NOOP("MainWindow", "Learning rate ÷ 2"), QT_TRANSLATE_NOOP("MainWindow", "Learning rate ÷ 2"), ("Down",), slot="scale_setting", args=("learning_rate", 0.5)),
    Action("t_up", QT_TRANSLATE_NOOP("MainWindow", "Temperature × 2"), QT_TRANSLATE_NOOP("MainWindow", "Temperature × 2"), ("]",), slot="scale_setting", args=("temperature", 2.0)),
    Action("t_down", QT_TRANSLATE_NOOP("MainWindow", "Temperature ÷ 2"), QT_TRANSLATE_NOOP("MainWindow", "Temperature ÷ 2"), ("[",), slot="scale_setting", args=("temperature", 0.5)),
    Action("world1", QT_TRANSLATE_NOOP("MainWindow", "Weather"), QT_TRANSLATE_NOOP("MainWindow", "World: weather (rain 80 %)"), ("1",), slot="change_world", args=(PRESETS["weather"],)),
    Action("world2", QT_TRANSLATE_NOOP("MainWindow", "Fair die"), QT_TRANSLATE_NOOP("MainWindow", "World: a fair die"), ("2",), slot="change_world", args=(PRESETS["fair-die"],)),
    Action("world3", QT_TRANSLATE_NOOP("MainWindow", "Weird die"), QT_TRANSLATE_NOOP("MainWindow", "World: a weird die (1, 2, 3, 4, 4, 4)"), ("3",), slot="change_world", args=(PRESETS["weird-die"],)),
    Action("world4", QT_TRANSLATE_NOOP("MainWindow", "Loaded die"), QT_TRANSLATE_NOOP("MainWindow", "World: a loaded die (2 and 5)"), ("4",), slot="change_world", args=(PRESETS["loaded-die"],)),
    Action("world5", QT_TRANSLATE_NOOP("MainWindow", "Your own world"), QT_TRANSLATE_NOOP("MainWindow", "Type your own distribution"), ("5",), slot="choose_custom_world"),
    Action("world_now", QT_TRANSLATE_NOOP("MainWindow", "Change the world &now…"), QT_TRANSLATE_NOOP("MainWindow", "Change the world from this step on: a new p, the run goes on"), ("W",), "experiments", "change_world_now"),
    Action("leave", QT_TRANSLATE_NOOP("MainWindow", "Leave presentation mode"), QT_TRANSLATE_NOOP("MainWindow", "Leave presentation mode"), ("Escape",), slot="set_presenting", args=(False,)),
    # the menus
    Action("open", QT_TRANSLATE_NOOP("MainWindow", "&Open session…"), QT_TRANSLATE_NOOP("MainWindow", "Open a saved session"), (_Std.Open,), "file", "ask_open_session"),
    Action("save", QT_TRANSLATE_NOOP("MainWindow", "&Save session…"), QT_TRANSLATE_NOOP("MainWindow", "Save this run as a session"), (_Std.Save,), "file", "ask_save_session"),
    Action("export_png", QT_TRANSLATE_NOOP("MainWindow", "Plots as &PNG…"), QT_TRANSLATE_NOOP("MainWindow", "Export the plots as pictures (PNG)"), (), "file/export", "ask_export_plots", ("png",)),
    Action("export_svg", QT_TRANSLATE_NOOP("MainWindow", "Plots as &SVG…"), QT_TRANSLATE_NOOP("MainWindow", "Export the plots as drawings (SVG)"), (), "file/export", "ask_export_plots", ("svg",)),
    Action("export_csv", QT_TRANSLATE_NOOP("MainWindow", "History as &CSV…"), QT_TRANSLATE_NOOP("MainWindow", "Export every step of the run as a table (CSV)"), (), "file/export", "ask_export_history"),
    Action("quit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), QT_TRANSLATE_NOOP("MainWindow", "Quit"), (_Std.Quit,), "file", "close", separated=True),
    Action("undo", QT_TRANSLATE_NOOP("MainWindow", "&Undo"), QT_TRANSLATE_NOOP("MainWindow", "Undo the last change made by hand"), ("Ctrl+Z",), "edit", "undo"),
    Action("redo", QT_TRANSLATE_NOOP("MainWindow", "&Redo"), QT_TRANSLATE_NOOP("MainWindow", "Redo the change made by hand"), ("Ctrl+Shift+Z", "Ctrl+Y"), "edit", "redo"),
    Action("present", QT_TRANSLATE_NOOP("MainWindow", "&Presentation mode"), QT_TRANSLATE_NOOP("MainWindow", "Presentation mode on / off"), ("F11",), "view", "set_presenting", checked="presenting"),
    Action("controls", QT_TRANSLATE_NOOP("MainWindow", "Show &controls"), QT_TRANSLATE_NOOP("MainWindow", "Show or hide the controls"), ("Ctrl+B",), "view", "show_controls", checked="_controls_visible"),
    Action("lesson", QT_TRANSLATE_NOOP("MainWindow", "Show the &lesson"), QT_TRANSLATE_NOOP("MainWindow", "Show or hide the lesson"), ("Ctrl+L",), "view", "show_lesson", checked="_lesson_visible"),
    Action("larger", QT_TRANSLATE_NOOP("MainWindow", "La&rger text"), QT_TRANSLATE_NOOP("MainWindow", "Larger text"), ("Ctrl+=", "Ctrl++"), "view", "scale_text", (SCALE_STEP,), separated=True),
    Action("smaller", QT_TRANSLATE_NOOP("MainWindow", "&Smaller text"), QT_TRANSLATE_NOOP("MainWindow", "Smaller text"), ("Ctrl+-",), "view", "scale_text", (1 / SCALE_STEP,)),
    Action("normal", QT_TRANSLATE_NOOP("MainWindow", "&Normal text size"), QT_TRANSLATE_NOOP("MainWindow", "Normal text size"), ("Ctrl+0",), "view", "set_scale", (1.0,)),
    Action("add_rival", QT_TRANSLATE_NOOP("MainWindow", "&Add a learner to the race"), QT_TRANSLATE_NOOP("MainWindow", "Add a learner to the race"), ("Ctrl+Shift+A",), "experiments", "add_rival"),
    Action("clear_rivals", QT_TRANSLATE_NOOP("MainWindow", "&Remove every other learner"), QT_TRANSLATE_NOOP("MainWindow", "Remove every learner but the first"), (), "experiments", "clear_rivals"),
    Action("experiments", QT_TRANSLATE_NOOP("MainWindow", "&Population and sweep…"), QT_TRANSLATE_NOOP("MainWindow", "Many learners at once: a population, a sweep"), ("Ctrl+E",), "experiments", "show_experiments", separated=True),
    Action("shortcuts", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"), QT_TRANSLATE_NOOP("MainWindow", "This overview"), ("F1",), "help", "show_shortcuts"),
)
# fmt: on
BY_NAME = {action.name: action for action in ACTIONS}


def sequences(action: Action) -> list[QKeySequence]:
    """Every key sequence of an action (a standard key: all of this platform's bindings)."""
    found: list[QKeySequence] = []
    for key in action.keys:
        if isinstance(key, QKeySequence.StandardKey):
            found += QKeySequence.keyBindings(key)
        else:
            found.append(QKeySequence(key))
    return [s for s in found if not s.isEmpty()]


def key_text(action: Action) -> str:
    """The keys as the overview shows them: Qt's native text, translated («Пропуск»).

    A standard key shows its first binding only (Ctrl+O, not also the keyboard's Open key).
    """
    shown: list[str] = []
    for key in action.keys:
        if isinstance(key, QKeySequence.StandardKey):
            seqs = QKeySequence.keyBindings(key)[:1]
        else:
            seqs = [QKeySequence(key)]
        for seq in seqs:
            text = seq.toString(QKeySequence.SequenceFormat.NativeText)
            if text and text not in shown:
                shown.append(text)
    return ", ".join(shown)


def overview_rows(keyboard_only: bool | None = None) -> list[tuple[str, str]]:
    """(keys, description) for every action that has a key, in the table's order, translated.

    ``keyboard_only``: True, only the keys that are in no menu; False, only the menus' keys.
    """
    rows = []
    for action in ACTIONS:
        if keyboard_only is not None and keyboard_only != (action.menu is None):
            continue
        keys = key_text(action)
        if keys:
            rows.append((keys, tr(action.description)))
    return rows


def overview_html() -> str:
    """The keyboard overview (F1) as rich text: the classroom keys beside the menus' keys.

    Two columns, so that the whole list fits a projector's 768 pixels of height.
    """
    from html import escape  # (not needed at start-up)

    left, right = overview_rows(keyboard_only=True), overview_rows(keyboard_only=False)
    empty = ("", "")
    cells = ""
    for index in range(max(len(left), len(right))):
        row = ""
        for keys, text in (
            left[index] if index < len(left) else empty,
            right[index] if index < len(right) else empty,
        ):
            row += f"<td><b>{escape(keys)}</b></td><td>{escape(text)}</td><td width='16'></td>"
        cells += f"<tr>{row}</tr>"
    note = escape(tr("While you type in a text field, typing keys go to the field."))
    return f"<table cellspacing='4'>{cells}</table><p style='margin-top: 8px'>{note}</p>"


class ShortcutsOverview(QDialog):
    """The keyboard overview (F1): a window beside the main one (not modal), closed with OK.

    (Not a QMessageBox: that wraps its text at half the screen's width, and a list this long
    in one column is taller than a projector's screen.)
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.label = QLabel(overview_html())
        self.label.setTextFormat(Qt.TextFormat.RichText)
        natural = self.label.sizeHint().width()  # every line unwrapped
        self.label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
        screen = parent.screen() if parent is not None else None
        if screen is not None:  # never wider or taller than the screen: the text wraps
            room = screen.availableGeometry()
            self.setMaximumSize(room.width(), room.height())
            self.label.setMinimumWidth(min(natural, room.width() - 40))

    def text(self) -> str:
        return self.label.text()
