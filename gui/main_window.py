"""The main window: the views of the runner's frames, and the controls around them.

The runner (gui/runner.py) owns the learners and the timer and emits one frozen frame per
tick; the window hands each frame to its views.

Around it: the control panel, the guided lesson, menus, keyboard shortcuts for the
classroom, presentation mode, text scale and language.  Preferences (geometry, units,
language, text scale) are kept with QSettings.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QSettings,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine import registry
from engine.frame import RaceFrame
from engine.race import ExperimentError, Race  # not engine.experiments: populations, sweeps
from engine.settings import LEARNER_TITLES, Settings, SettingsError
from engine.simulation import Simulation
from engine.worlds import World, WorldChange, describe

from . import actions, i18n, style
from .controls import ControlPanel, Texts, accessible, speed_text
from .hands import Hands
from .layout import ViewsArea
from .panels import BeliefPanel, LandscapePanel, ReadoutPanel, SurprisePanel, temperature_text
from .race import RacePanel, RaceReadouts, short_name
from .runner import Runner
from .wheel import WheelGuard, guard_wheel

if TYPE_CHECKING:
    from engine.lesson import Scene

    from .lesson_panel import LessonPanel


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# When the views do not all fit, the least important goes first (the end of this list).
VIEW_PRIORITY = ("belief", "surprise", "landscape")
SCENE_PRIORITY_LANDSCAPE = ("landscape", "surprise", "belief")
# A lesson scene's "show" names these views; "bars" is the belief view.
VIEW_NAMES = {
    "bars": "belief",
    "belief": "belief",
    "surprise": "surprise",
    "landscape": "landscape",
}
LESSON_FOLDER = style.ASSETS / "lesson"


COMPACT_BELOW = 1150  # views narrower than this (at text scale 1): compact readouts and titles
COMPACT_MARGIN = 80  # ... and wider than this more to leave it (no flicker at the edge)


class MainWindow(QMainWindow):
    """The views and controls of one run; its runner steps the learners and sends frames."""

    frameDrawn = Signal(int)  # the step count shown
    sceneShown = Signal(int)  # the lesson scene just set up (0-based)

    def __init__(
        self,
        settings: Settings | None = None,
        speed: float = 5.0,
        lesson_folder=LESSON_FOLDER,
        remember: bool = True,
    ):
        super().__init__()
        self.prefs = QSettings() if remember else None
        # The learners, the timer and the frames; every frame it sends is drawn by show_frame.
        self.runner = Runner(Simulation(settings or Settings()), speed, self)
        self.runner.frameReady.connect(self.show_frame)
        self.runner.worldChanged.connect(self.show_world_now)
        self.experiments = None  # the population and sweep window, made when first asked for
        self.frames = 0
        self.user_scale = self._remembered_scale()
        self.presenting = False
        # The lesson's scenes are read, and its panel built, when first asked for (start-up).
        self._lesson_folder = lesson_folder
        self._lesson_scenes: tuple[list[Scene], list[str]] | None = None
        self._lesson_panel = None
        self.setWindowIcon(QIcon(str(style.ASSETS / "icon.png")))

        self._lesson_index = 0
        self._session_path: str | None = None
        self._lesson_visible = False
        self._controls_visible = True
        # This window's look (text scale, compact, presenting); its widgets find it here.
        self.theme = style.Theme(scale=self.user_scale)
        # Hand changes (gui/hands.py): one command per drag or key press, undone with Ctrl+Z.
        self.undo_stack = QUndoStack(self)
        self.hands = Hands(self)
        self.texts = Texts()  # the window's own texts, set again by retranslate()
        self._language = i18n.language()  # the language the texts are in
        self._build_ui()
        self._make_shortcuts()
        self._restore_geometry()

    # --- building (once: a language switch translates in place) -----------------------------
    def _build_ui(self) -> None:
        """Create the menus and every widget from the current settings and language."""
        self.texts(self.setWindowTitle, lambda: tr("Cross-Entropy Lab — learning is prediction"))
        self.controls = ControlPanel(self.sim.settings, self.speed)
        self.belief_view = BeliefPanel()
        self.surprise_view = SurprisePanel()
        self.landscape_view = LandscapePanel()
        self.readouts = ReadoutPanel()
        self.hands.attach(self.belief_view, self.landscape_view)
        self.race_panel = RacePanel()
        self.race_readouts = RaceReadouts()
        self.world_caption = QLabel()
        self.world_caption.setObjectName("readoutName")
        self.world_caption.setWordWrap(True)

        self.welcome = self._make_welcome()
        views = ViewsArea()
        views.resized.connect(self._check_compact)
        self.views = views
        views.set_views(
            [self.welcome, self.world_caption],
            {
                "belief": self.belief_view,
                "landscape": self.landscape_view,
                "surprise": self.surprise_view,
            },
            self.readouts,
            [self.race_readouts],
        )
        views.priority = VIEW_PRIORITY
        self.readouts.contentChanged.connect(views.relayout)

        side_column = QWidget()
        side_layout = QVBoxLayout(side_column)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.controls)
        side_layout.addWidget(self.race_panel)
        side_layout.addStretch(1)  # spare height below the race, not between the boxes
        self.controls_scroll = QScrollArea()
        self.controls_scroll.setWidget(side_column)
        self.controls_scroll.setWidgetResizable(True)
        self._wheel_guard = WheelGuard(self)
        guard_wheel(side_column, self._wheel_guard)
        self.side = QSplitter(Qt.Orientation.Vertical)  # the lesson goes above, when built
        self.side.addWidget(self.controls_scroll)
        self.side.setStretchFactor(0, 2)
        self.side.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(views)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)  # never squeeze the views below their minimum
        self.splitter.setSizes([470, 1450])
        # Presentation mode's status line: what the teacher changes is on screen for the class.
        self.status_line = QLabel()
        self.status_line.setObjectName("statusLine")
        self.status_line.setWordWrap(True)  # a narrow screen wraps it; the views give way
        self.status_line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.status_line.setVisible(self.presenting)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.splitter, 1)
        central_layout.addWidget(self.status_line)
        self.setCentralWidget(central)

        self.controls.settingChanged.connect(self.change_setting)
        self.controls.worldChanged.connect(self.change_world)
        self.controls.speedChanged.connect(self.set_speed)
        self.controls.playToggled.connect(self.set_playing)
        self.controls.stepRequested.connect(self.step_once)
        self.controls.resetRequested.connect(self.reset)
        self.race_panel.addRequested.connect(self.add_rival)
        self.race_panel.removeRequested.connect(self.remove_rival)
        self.race_panel.rivalChanged.connect(self.change_rival)
        self.controls.play.setChecked(self.playing)
        self._build_menus()
        self.controls_scroll.setVisible(self._controls_visible)
        self._show_race(building=True)
        self._show_scene_views()
        self.apply_scale(building=True)

    @property
    def scenes(self) -> list[Scene]:
        """The lesson's scenes (read from the lesson folder when first asked for)."""
        return self._read_lesson()[0]

    @property
    def lesson_problems(self) -> list[str]:
        """What was wrong with the lesson's scene files, if anything."""
        return self._read_lesson()[1]

    def _read_lesson(self) -> tuple[list[Scene], list[str]]:
        if self._lesson_scenes is None:
            from engine.lesson import load_lesson  # its code is read when first needed

            self._lesson_scenes = load_lesson(self._lesson_folder)
        return self._lesson_scenes

    @property
    def lesson(self) -> LessonPanel:
        """The lesson panel, above the controls: built when first needed (start-up)."""
        if self._lesson_panel is None:
            from .lesson_panel import LessonPanel

            panel = LessonPanel(self.scenes, self.lesson_problems)
            panel.index = min(self._lesson_index, max(len(self.scenes) - 1, 0))
            panel.show_scene()
            panel.sceneChosen.connect(self.apply_scene)
            panel.closeRequested.connect(lambda: self.show_lesson(False))
            panel.setVisible(False)  # not a window of its own, even for a moment
            self.side.insertWidget(0, panel)
            self.side.setStretchFactor(0, 3)
            self.side.setStretchFactor(1, 2)
            panel.setVisible(self._lesson_visible)
            self._lesson_panel = panel
        return self._lesson_panel

    def _make_welcome(self) -> QWidget:
        """On first launch, a line pointing to the guided lesson (until it is opened or closed)."""
        banner = QWidget()
        banner.setObjectName("welcome")
        banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(banner)
        row.setContentsMargins(8, 4, 8, 4)
        text = QLabel()
        self.texts(
            text.setText,
            lambda: tr("New here? The guided lesson walks a class through it, scene by scene."),
        )
        text.setWordWrap(True)
        start = QPushButton()
        self.texts(start.setText, lambda: tr("Start the lesson (Ctrl+L)"))
        start.clicked.connect(lambda: self.show_lesson(True))
        dismiss = QPushButton()
        self.texts(dismiss.setText, lambda: tr("Not now"))
        dismiss.clicked.connect(self._dismiss_welcome)
        self.texts(lambda name: accessible(start, name), lambda: tr("Start the lesson"))
        self.texts(lambda name: accessible(dismiss, name), dismiss.text)
        row.addWidget(text, 1)
        row.addWidget(start)
        row.addWidget(dismiss)
        seen = self.prefs is None or self.prefs.value("welcome_seen", False, type=bool)
        banner.setVisible(not seen and not self._lesson_visible)
        return banner

    def _dismiss_welcome(self) -> None:
        if self.prefs is not None:
            self.prefs.setValue("welcome_seen", True)
        self.welcome.setVisible(False)
        self.views.relayout()

    def _build_menus(self) -> None:
        """The menus, from the table of actions (gui/actions.py), in the current language."""
        self._make_shortcuts()
        self._menus: dict[str, QMenu] = {}
        menus = self._menus

        def menu(path: str) -> QMenu:
            if path not in menus:
                spec = actions.MENUS[path]
                parent, _, _ = path.rpartition("/")
                if parent:
                    if spec.separated:
                        menu(parent).addSeparator()
                    menus[path] = menu(parent).addMenu(actions.tr(spec.title))
                else:
                    menus[path] = self.menuBar().addMenu(actions.tr(spec.title))
            return menus[path]

        for path in actions.MENUS:  # the menu bar in the table's order, whatever comes first
            if "/" not in path:
                menu(path)
        for spec in actions.ACTIONS:
            action = self.shortcut_actions[spec.name]
            if spec.checkable:
                with QSignalBlocker(action):
                    action.setChecked(bool(getattr(self, spec.checked)))
            if spec.menu is not None:
                if spec.separated:
                    menu(spec.menu).addSeparator()
                menu(spec.menu).addAction(action)
        language_menu = menu("view/language")
        group = QActionGroup(language_menu)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.language())
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_actions[code] = action
        self._retranslate_menus()

    def _retranslate_menus(self) -> None:
        """The menus' titles and the actions' texts in the current language."""
        for path, menu in self._menus.items():
            menu.setTitle(actions.tr(actions.MENUS[path].title))
        for spec in actions.ACTIONS:
            action = self.shortcut_actions[spec.name]
            action.setText(actions.tr(spec.text))
            action.setStatusTip(actions.tr(spec.description))
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.language())

    def _make_shortcuts(self) -> None:
        """Every action of the table (gui/actions.py), made once; the menus show them.

        Their keys are window-wide, so they work whatever widget has focus.  While the teacher
        types in a text field (the custom distribution, a number box), the keys that type
        (space, digits, letters) go to the field instead: the field accepts them when Qt asks
        it first (a shortcut override).
        """
        if hasattr(self, "shortcut_actions"):
            return
        self.shortcut_actions: dict[str, QAction] = {}
        for spec in actions.ACTIONS:
            action = QAction(actions.tr(spec.text), self)
            action.setShortcuts(actions.sequences(spec))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if spec.checkable:
                action.setCheckable(True)
                action.setChecked(bool(getattr(self, spec.checked)))
                action.toggled.connect(lambda on, s=spec: getattr(self, s.slot)(*s.args, on))
            else:
                action.triggered.connect(lambda _=False, s=spec: getattr(self, s.slot)(*s.args))
            self.addAction(action)
            self.shortcut_actions[spec.name] = action
        self.present_action = self.shortcut_actions["present"]
        self.controls_action = self.shortcut_actions["controls"]
        self.lesson_action = self.shortcut_actions["lesson"]

    def toggle_playing(self) -> None:
        self.set_playing(not self.playing)

    def scale_text(self, factor: float) -> None:
        """Text larger (factor > 1) or smaller than now."""
        self.set_scale(self.user_scale * factor)

    # --- preferences ------------------------------------------------------------------------
    def _remembered_scale(self) -> float:
        if self.prefs is None:
            return 1.0
        try:
            value = float(self.prefs.value("font_scale", 1.0))
        except (TypeError, ValueError):
            return 1.0
        low, high = style.SCALE_RANGE
        return min(max(value, low), high) if math.isfinite(value) else 1.0

    def _restore_geometry(self) -> None:
        """The last window size and place, if it still suits this screen (else the default)."""
        if self.prefs is None or self.prefs.value("geometry") is None:
            return
        if not self.restoreGeometry(self.prefs.value("geometry")) or not self._fits_screen():
            self.prefs.remove("geometry")
            screen = self.screen().availableGeometry() if self.screen() is not None else None
            if screen is not None:
                self.setGeometry(
                    screen.x(), screen.y(), min(1920, screen.width()), min(1080, screen.height())
                )

    def _fits_screen(self) -> bool:
        """Whether the window lies on its screen and is big enough to show the views."""
        screen = self.screen()
        if screen is None:
            return True
        room = screen.availableGeometry()
        size = self.geometry()
        big_enough = size.width() >= min(900, room.width()) and size.height() >= min(
            600, room.height()
        )
        return big_enough and room.intersects(size)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self.prefs is not None:
            # The window's own size, not the full screen presentation mode borrowed.
            before = getattr(self, "_geometry_before", None)
            geometry = before if self.presenting and before is not None else self.saveGeometry()
            self.prefs.setValue("geometry", geometry)
            self.prefs.setValue("units", self.settings.units)
            self.prefs.setValue("language", i18n.language())
            self.prefs.setValue("font_scale", self.user_scale)
        super().closeEvent(event)

    # --- presenting -------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        if self.presenting:
            return style.presentation_scale(
                self._presentation_height(), self.logicalDpiY(), self.user_scale
            )
        return self.user_scale

    def _presentation_height(self) -> int:
        """The height presentation mode sizes its text for: the window's, which fills the screen."""
        height = self.height()
        if height < 200 and self.screen() is not None:  # not laid out yet
            height = self.screen().geometry().height()
        return max(height, 200)

    def set_scale(self, user_scale: float) -> None:
        """Text and line widths ×user_scale (presentation mode: never below its rule); remembered."""
        low, high = style.SCALE_RANGE
        self.user_scale = min(max(float(user_scale), low), high)
        if self.prefs is not None:
            self.prefs.setValue("font_scale", self.user_scale)
        self.apply_scale()

    def apply_scale(self, building: bool = False) -> None:
        theme = self.theme
        theme.presenting = self.presenting
        if self.presenting:
            theme.compact = False
        theme.scale = self.scale
        self._applied_height = self._presentation_height() if self.presenting else None
        # This window's own style sheet (its dialogs and child windows inherit it): another
        # window, presenting or not, never changes this one's text.
        self.setStyleSheet(theme.stylesheet())
        plots = (self.belief_view, self.surprise_view, self.landscape_view)
        # Building at the default look: the plots were styled so as they were made.
        for view in (*(() if building and theme == style.Theme() else plots), self.readouts):
            view.apply_style()
        font_px = theme.pt(style.BASE_POINT_SIZE) * self.logicalDpiY() / 72
        self.views.min_plot = (round(max(230, 14 * font_px)), round(max(150, 8.6 * font_px)))
        self._arrange_side()
        self._rebuild_views()
        self.views.relayout()

    def _check_compact(self, width: int) -> None:
        """Smaller readouts and titles while the views are narrow, so nothing is cut off."""
        if self.presenting:
            return  # presentation mode arranges the views instead (gui/layout.py)
        limit = COMPACT_BELOW * self.scale
        was = self.theme.compact
        compact = width < limit if not was else width < limit + COMPACT_MARGIN
        if compact != was:
            self.theme.compact = compact
            self.apply_scale()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not hasattr(self, "views"):
            return
        if self.presenting and self._presentation_height() != getattr(
            self, "_applied_height", None
        ):
            self.apply_scale()  # text follows the screen's height
        else:
            self._arrange_side()
        self._fit_status()

    def _arrange_side(self) -> None:
        """The lesson and controls beside the views (or the lesson below them on a tall screen).

        Nothing shown there: no column at all, so the views take the whole width.
        """
        lesson, controls = self._lesson_visible, self._controls_visible
        self.side.setVisible(lesson or controls)
        if not (lesson or controls):
            return
        width, height = max(self.width(), 1), max(self.height(), 1)
        controls_width = self.controls_scroll.widget().sizeHint().width() + 24 if controls else 0
        if self.presenting and lesson and not controls and width < 1.2 * height:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self.splitter.insertWidget(1, self.side)  # the lesson below the views
            share = 0.36
            self.splitter.setSizes([round(height * (1 - share)), round(height * share)])
            return
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.insertWidget(0, self.side)
        if self.presenting:
            share = 0.38 if width < 1.5 * height else 0.30
            side = max(round(width * share) if lesson else 0, controls_width)
            side = min(side, width // 2)
            self.side.setMinimumWidth(0)
            self.splitter.setSizes([side, width - side])
        else:
            # Wide enough for every control in this language (no clipped button, no sideways
            # scrolling), and not less than the lesson needs.
            needed = (
                self.controls_scroll.widget().minimumSizeHint().width() + 24 if controls else 300
            )
            self.side.setMinimumWidth(min(max(needed, 300), width // 2))

    def set_presenting(self, on: bool) -> None:
        """Full screen, controls folded away, everything larger; F11 or Esc to leave."""
        if on == self.presenting:
            return
        self.presenting = on
        if on:
            self._controls_before = self._controls_visible
            self._geometry_before = self.saveGeometry()
            self._sizes_before = self.splitter.sizes()
            screen = self.screen()
            if screen is not None:  # sized first, in case no window manager does it (Xvfb)
                self.setGeometry(screen.geometry())
            self.showFullScreen()
            self.show_controls(False)
        else:
            self.showNormal()
            if getattr(self, "_geometry_before", None) is not None:
                self.restoreGeometry(self._geometry_before)
            self.show_controls(getattr(self, "_controls_before", True))
            if getattr(self, "_sizes_before", None):
                self.splitter.setSizes(self._sizes_before)
        with QSignalBlocker(self.present_action):
            self.present_action.setChecked(on)
        self.status_line.setVisible(on)
        self.apply_scale()
        self.update_status()

    def show_controls(self, on: bool) -> None:
        self._controls_visible = on
        self.controls_scroll.setVisible(on)
        with QSignalBlocker(self.controls_action):
            self.controls_action.setChecked(on)
        self._arrange_side()

    def show_lesson(self, on: bool) -> None:
        """Show the lesson; opening it sets up the current scene, closing it shows every view."""
        was = self._lesson_visible
        self._lesson_visible = on
        if on or self._lesson_panel is not None:  # a lesson never opened is not built to hide
            self.lesson.setVisible(on)
        with QSignalBlocker(self.lesson_action):
            self.lesson_action.setChecked(on)
        if on and not self.welcome.isHidden():
            self._dismiss_welcome()
        if on and not was:
            total = max(sum(self.side.sizes()), 600)
            self.side.setSizes([total * 3 // 5, total - total * 3 // 5])
            self._arrange_side()
            self.lesson.go(self.lesson.index)
        elif not on:
            self._arrange_side()
            self._show_scene_views()

    def _scene_views(self) -> frozenset[str] | None:
        """What the current lesson scene shows (None: everything)."""
        if not self._lesson_visible or not self.scenes:
            return None
        scene = self.lesson.scene
        return frozenset(scene.show) if scene is not None else None

    def _show_scene_views(self) -> None:
        """Show the views and readouts the scene talks about; all of them outside the lesson.

        When the screen has no room for every view the scene names, the least important goes:
        in a scene about the landscape the bars go first, otherwise the landscape.
        """
        shown = self._scene_views()
        if shown is None:
            self.views.show_only(None)
            self.readouts.set_allowed(self.readouts.KEYS)
            return
        order = SCENE_PRIORITY_LANDSCAPE if "landscape" in shown else VIEW_PRIORITY
        plots = [name for name in order if any(VIEW_NAMES.get(s) == name for s in shown)]
        keys = [key for key in self.readouts.KEYS if key in shown]
        if keys:
            plots.append("readouts")
        self.readouts.set_allowed(keys or self.readouts.KEYS)
        self.views.show_only(plots)

    def update_status(self) -> None:
        """The status line: playing or paused, the speed, and the settings the learner uses."""
        if not self.presenting:
            return
        s = self.settings
        parts = [tr("▶ Playing") if self.playing else tr("▮▮ Paused"), speed_text(self.speed)]
        if s.learner == "gd":
            parts.append(
                tr("learning rate {value}").format(value=i18n.number(f"{s.learning_rate:g}"))
            )
        elif s.learner == "anneal":
            lead = self.runner.frame().learners[0].snapshot  # the frame the views show
            now = lead.temperature if s.cooling != "constant" else s.temperature
            text = tr("temperature {value}").format(value=temperature_text(now))
            if s.cooling != "constant":
                text += " " + tr("(cooling from {start})").format(
                    start=temperature_text(s.temperature)
                )
            parts.append(text)
        self.status_line.setText("   ·   ".join(parts))
        self._fit_status()

    def _fit_status(self) -> None:
        """The status line keeps the room its text needs (wrapped on a narrow screen)."""
        if self.status_line.isVisible():
            self.status_line.setMinimumHeight(self.status_line.heightForWidth(max(self.width(), 1)))

    def apply_scene(self, scene: Scene) -> None:
        """Set up a lesson scene: its world, belief, learner, settings and speed; paused."""
        self._lesson_index = self.lesson.index
        # Every scene runs in its own units (bits unless it says otherwise), so what its text
        # quotes is what the screen shows, whatever the scene before switched to.
        settings = scene.settings
        self.set_playing(False)
        self.race.clear()  # a scene is one learner's story
        self.undo_stack.clear()
        self.sim.apply(settings)
        self.sim.reset()
        self._show_race()
        self.speed = scene.speed
        self.controls.show_settings(self.settings, self.speed)
        self._show_scene_views()
        self._rebuild_views()
        self.update_status()
        self.sceneShown.emit(self.lesson.index)

    def set_language(self, lang: str) -> None:
        """Switch the interface language now; the run, the lesson position and settings stay.

        Nothing is rebuilt: every widget sets its texts again (:meth:`retranslate`).  Qt also
        posts a LanguageChange event when the translator changes (see :meth:`changeEvent`);
        this translates at once, so the switch is done when this returns.
        """
        try:
            i18n.set_language(lang)
        except i18n.LanguageError as exc:
            QMessageBox.warning(self, tr("Language not changed"), str(exc))
            return
        if self.prefs is not None:
            self.prefs.setValue("language", lang)
        self.retranslate()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.LanguageChange
            and hasattr(self, "views")
            and self._language != i18n.language()
        ):
            self.retranslate()  # the language was changed elsewhere (i18n.set_language)

    def retranslate(self) -> None:
        """Every text of the window, its views and its child windows in the current language.

        The widgets, the run, the speed, the lesson scene, the race, the undo stack and an
        open experiments window (even a running one) all stay; numbers are written again in
        the language's own format.
        """
        self._language = i18n.language()
        self.setLocale(QLocale())  # number boxes: a decimal comma in Ukrainian
        self.texts.retranslate()
        self._retranslate_menus()
        for widget in (
            self.controls,
            self.race_panel,
            self.race_readouts,
            *([] if self._lesson_panel is None else [self._lesson_panel]),  # built when opened
            self.belief_view,
            self.surprise_view,
            self.landscape_view,
            self.readouts,
            self.hands,
        ):
            widget.retranslate()
        self.controls.show_settings(self.settings, self.speed)  # numbers the new way
        self._show_race()
        if self.experiments is not None:
            self.experiments.retranslate()
        self._arrange_side()  # the controls' width in this language
        self._rebuild_views()  # the world caption, axes, legends and the frame's numbers
        self.update_status()

    def show_shortcuts(self) -> None:
        """The keyboard overview (F1): every action that has a key, from the table."""
        if getattr(self, "shortcuts_box", None) is not None:
            self.shortcuts_box.deleteLater()  # F1 again: one overview, in today's language
        self.shortcuts_box = actions.ShortcutsOverview(self)
        self.shortcuts_box.show()

    # --- sessions (gui/dialogs.py) ------------------------------------------------------------
    def ask_save_session(self) -> None:
        from . import dialogs  # sessions, export: imported when first used (start-up)

        dialogs.ask_save_session(self)

    def ask_open_session(self) -> None:
        from . import dialogs

        dialogs.ask_open_session(self)

    def save_session(self, path: str) -> bool:
        """Write the run (atomically); a failure is reported and the earlier file kept."""
        from . import dialogs

        return dialogs.write_session(self, path)

    def open_session(self, path: str) -> bool:
        """Replay a saved run to exactly its saved state; a bad file leaves this run as it is."""
        from . import dialogs

        return dialogs.read_session(self, path)

    def load_simulation(
        self, sim: Simulation, speed: float | None = None, rivals: list[Simulation] = ()
    ) -> None:
        """Run ``sim`` (and its ``rivals``) from where they are, at ``speed`` if given."""
        self.runner.load(sim, rivals, speed)
        self.undo_stack.clear()
        self._show_race()
        self.controls.show_settings(self.settings, self.speed)
        self._rebuild_views()

    # --- export -----------------------------------------------------------------------------
    @property
    def plots(self) -> dict[str, object]:
        return {
            "belief": self.belief_view.plot,
            "surprise": self.surprise_view.plot,
            "landscape": self.landscape_view.plot,
        }

    def ask_export_plots(self, kind: str) -> None:
        from . import dialogs

        dialogs.ask_export_plots(self, kind)

    def ask_export_history(self) -> None:
        from . import dialogs

        dialogs.ask_export_history(self)

    def export_plots(self, path: str, kind: str = "png") -> list[str]:
        """Each plot to its own file: NAME_belief.png, NAME_surprise.png, NAME_landscape.png."""
        from . import dialogs

        return dialogs.export_plots(self, path, kind)

    def export_history(self, path: str) -> bool:
        from . import dialogs

        return dialogs.export_history(self, path)

    # --- state changes -------------------------------------------------------------------
    @property
    def sim(self) -> Simulation:
        """The lead learner (the runner's)."""
        return self.runner.sim

    @property
    def race(self) -> Race:
        """The lead and its rivals (the runner's)."""
        return self.runner.race

    @property
    def timer(self):
        """The runner's timer (a QTimer): running while the run plays."""
        return self.runner.timer

    @property
    def speed(self) -> float:
        return self.runner.speed

    @speed.setter
    def speed(self, speed: float) -> None:
        self.runner.set_speed(speed)

    @property
    def ticks(self) -> int:
        return self.runner.ticks

    @property
    def _max_batch(self) -> int:  # read by gui/bench.py
        return self.runner.max_batch

    @property
    def settings(self) -> Settings:
        return self.sim.settings

    @property
    def playing(self) -> bool:
        return self.runner.playing

    def change_setting(self, name: str, value: object) -> None:
        """Apply one setting; a bad value is reported and the run goes on unchanged."""
        try:
            started_again = self.sim.update(**{name: value})
            self.race.sync()  # rivals share the world, belief, seed, start and units
        except SettingsError as exc:
            QMessageBox.warning(self, tr("Setting not changed"), i18n.translate_error(exc))
            self.controls.show_settings(self.settings, self.speed)
            return
        self.controls.show_settings(self.settings, self.speed)
        self.update_status()
        if started_again and not self.hands.applying:
            self.undo_stack.clear()  # the hand changes were of a run that is gone
        if started_again or name == "units":
            self._rebuild_views()
        else:
            self.redraw()

    def scale_setting(self, name: str, factor: float) -> None:
        """Multiply the learning rate or temperature (keyboard), within the slider's range."""
        value = getattr(self.settings, name)
        param = registry.PARAMS[name]
        # the slider's range: a temperature's lowest step above 0 is its slider_low
        low, high = param.slider_low or param.range.low, param.range.high
        if value == 0:  # from 0, ] starts at the lowest step
            value = low / factor
        self.change_setting(name, float(f"{min(max(value * factor, low), high):.6g}"))

    def change_world(self, world: World) -> None:
        self.change_setting("world", world)

    def choose_custom_world(self) -> None:
        self.show_controls(True)
        self.controls.world.setCurrentIndex(self.controls.world.findData("custom"))
        self.controls.custom.setFocus()

    def set_speed(self, speed: float) -> None:
        self.runner.set_speed(speed)
        self.update_status()

    def set_playing(self, on: bool) -> None:
        self.runner.set_playing(on)
        if self.controls.play.isChecked() != on:
            self.controls.play.setChecked(on)
        self.update_status()

    def step_once(self) -> None:
        self.runner.step_once()

    def undo(self) -> None:
        """Undo the last hand change (a drag or a key press on a view)."""
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def reset(self) -> None:
        self.undo_stack.clear()
        self.runner.reset()
        self._rebuild_views()

    # --- the race ----------------------------------------------------------------------------
    def add_rival(self, **changes) -> None:
        """A new learner on the same outcomes; by default annealing if the lead descends."""
        if not changes:
            changes = {"learner": "anneal" if self.settings.learner == "gd" else "gd"}
        try:
            self.runner.add_rival(**changes)
        except (ExperimentError, SettingsError) as exc:
            QMessageBox.warning(self, tr("Learner not added"), i18n.translate_error(exc))
            return
        self._show_race()
        self.redraw()

    def remove_rival(self, index: int) -> None:
        if self.runner.remove_rival(index):
            self._show_race()
            self.redraw()

    def change_rival(self, index: int, name: str, value: object) -> None:
        """Change one rival's own setting; a bad value is reported and nothing changes."""
        try:
            self.runner.change_rival(index, name, value)
        except (ExperimentError, SettingsError) as exc:
            QMessageBox.warning(self, tr("Setting not changed"), i18n.translate_error(exc))
        self._show_race()
        self.redraw()

    def clear_rivals(self) -> None:
        self.runner.clear_rivals()
        self._show_race()
        self.redraw()

    def show_experiments(self) -> None:
        """The population and sweep window, on this window's world, belief and settings."""
        if self.experiments is None:
            from .experiments_window import ExperimentsWindow

            self.experiments = ExperimentsWindow(lambda: self.settings, self)
        self.experiments.refresh()
        self.experiments.show()
        self.experiments.raise_()
        self.experiments.activateWindow()

    def _show_race(self, building: bool = False) -> None:
        """Rival controls, curves, dots and the side-by-side readouts for the current race."""
        rivals = self.race.rivals
        self.race_panel.show_race(self.settings, [r.settings for r in rivals])
        guard_wheel(self.race_panel, self._wheel_guard)  # new rival boxes too
        if rivals or not building:  # the views are made with no rivals
            self.surprise_view.set_rivals([short_name(r.settings) for r in rivals])
            self.landscape_view.set_rivals(len(rivals))
        self.race_readouts.setVisible(bool(rivals))

    # --- the loop: the runner steps the learners; each frame it sends is drawn here ----------
    def steps_for_frame(self) -> int:
        """How many outcomes are due this frame at the chosen speed."""
        return self.runner.steps_for_frame()

    def tick(self) -> None:
        """One tick of the runner's loop (its timer calls it; so may a benchmark)."""
        self.runner.tick()

    def _rebuild_views(self) -> None:
        s = self.settings
        self._show_world_caption()
        labels = self.labels
        self.belief_view.set_world(labels, self._p_shown())
        self.views.relayout()  # the caption above may need another line now
        # The landscape depends only on the world and the belief: not on units, not on Reset.
        self.landscape_view.set_landscape(self.runner.landscape(), s.units, labels)
        self.surprise_view.reset_range()
        self.redraw()

    def _show_world_caption(self) -> None:
        """The world and the learner above the views (and p now, for a world that changes)."""
        s = self.settings
        world = s.world
        description = describe(world, i18n.list_separator(), i18n.engine_text)  # «0,5; 0,3»
        p = self.runner.shown_p()
        if p is not None:
            shown = i18n.list_separator().join(f"{x:.4g}" for x in p)
            description += " " + tr("The world has changed: now p = ({shown}).").format(shown=shown)
        world_word = tr("World").replace(" ", "&nbsp;")
        learner_word = tr("Learner").replace(" ", "&nbsp;")
        self.world_caption.setText(
            i18n.keep_together(
                i18n.number(
                    f"<b>{world_word}:</b> {description} &nbsp; "
                    f"<b>{learner_word}:</b> {i18n.engine_text(LEARNER_TITLES[s.learner])}"
                )
            )
        )

    def _p_shown(self) -> np.ndarray:
        p = self.runner.shown_p()
        return self.settings.world.probabilities if p is None else np.array(p)

    def show_world_now(self) -> None:
        """The world changed its p during the run: its bars and its landscape show the new p."""
        s = self.settings
        labels = self.labels
        self._show_world_caption()
        self.views.relayout()
        self.belief_view.set_world(labels, self._p_shown())
        self.landscape_view.set_landscape(self.runner.landscape(), s.units, labels)

    def ask_world_change(self) -> tuple[float, ...] | None:
        """A new p for the world, typed as the custom world's field takes it (None: cancelled)."""
        from PySide6.QtWidgets import QInputDialog

        from engine.localnum import to_engine_text
        from engine.validation import DistributionError, validate_distribution

        world = self.settings.world
        text = i18n.number_list(self.sim.p_now(), ".4g")
        while True:
            text, ok = QInputDialog.getText(
                self,
                tr("Change the world now"),
                tr("The new p of {outcomes}, from this step on (the run goes on):").format(
                    outcomes=i18n.list_separator().join(self.labels)
                ),
                text=text,
            )
            if not ok:
                return None
            try:
                comma = i18n.decimal_comma()
                p = validate_distribution(to_engine_text(text, decimal_comma=comma))
                if p.size != world.size:
                    raise DistributionError(
                        "{count} probabilities, but this world has {n} outcomes",
                        count=p.size,
                        n=world.size,
                    )
                return tuple(float(x) for x in p)
            except DistributionError as exc:
                QMessageBox.warning(self, tr("World not changed"), i18n.translate_error(exc))

    def change_world_now(self, p=None) -> None:
        """Change the world's p from this step on, without a reset (asks for it if not given)."""
        world = self.settings.world
        if p is None:
            p = self.ask_world_change()
            if p is None:
                return
        step = self.sim.step_count
        # The changes before now stay; this one replaces any planned from now on.
        kept = [c for c in world.changes if c.step < step]
        drifting = [c.end for c in kept if c.end > step]
        if drifting:
            QMessageBox.information(
                self,
                tr("World not changed"),
                tr("The world is changing slowly until step {end}; change it after that.").format(
                    end=drifting[0]
                ),
            )
            return
        try:
            self.sim.update(shift=[*kept, WorldChange(step, tuple(p))])
            self.race.sync()
        except SettingsError as exc:
            QMessageBox.warning(self, tr("World not changed"), i18n.translate_error(exc))
            return
        self.update_status()
        self.redraw()

    @property
    def labels(self) -> tuple[str, ...]:
        """The world's outcome labels as shown (preset labels translated)."""
        world = self.settings.world
        if world.name == "custom":
            return world.labels
        return tuple(i18n.engine_text(label) for label in world.labels)

    def redraw(self) -> None:
        """Show the learners as they are now in every view (the runner sends the frame)."""
        self.runner.publish()

    def show_frame(self, frame: RaceFrame) -> None:
        """Draw one frame in every view (labels last)."""
        lead = frame.lead
        units = lead.settings.units
        labels = self.labels
        self.belief_view.update_view(lead, units)
        self.surprise_view.update_view(lead, units, self.runner.pace())
        self.landscape_view.update_view(lead)
        self.belief_view.show_caption()
        self.readouts.update_view(lead, labels, units)
        if frame.rivals:
            self.surprise_view.update_rivals(frame.rivals, units)
            self.landscape_view.update_rivals(frame.rivals)
            self.race_readouts.update_view(frame.learners, units)
        if self.presenting and lead.annealing and lead.settings.cooling != "constant":
            self.update_status()  # the temperature it shows is falling
        self.frames += 1
        self.frameDrawn.emit(frame.step)
