"""The main window: the engine's Simulation, driven by a QTimer, shown in four views."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QWidget,
)

from engine.landscape import compute_landscape
from engine.settings import LEARNER_TITLES, Settings, SettingsError
from engine.simulation import Simulation, Snapshot
from engine.worlds import World

from . import style
from .controls import ControlPanel
from .panels import BeliefPanel, LandscapePanel, ReadoutPanel, SurprisePanel


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


FRAME_MS = 16  # about 60 frames a second
MAX_SPEED_BUDGET_S = 0.005  # at maximum speed, engine time per frame; drawing takes ~8 ms more


class MainWindow(QMainWindow):
    """Owns the Simulation; the timer advances it and every view redraws from its snapshot."""

    frameDrawn = Signal(int)  # the step count shown

    def __init__(self, settings: Settings | None = None, speed: float = 5.0):
        super().__init__()
        self.sim = Simulation(settings or Settings())
        self.speed = speed
        self.frames = 0
        self.ticks = 0
        self._landscape_key: tuple[World, str] | None = None
        self._landscape = None
        self._due = 0.0
        self._max_batch = 200
        self.setWindowTitle(tr("Cross-Entropy Lab — learning is prediction"))
        self.setWindowIcon(QIcon(str(style.ASSETS / "icon.png")))

        self.controls = ControlPanel(self.sim.settings, speed)
        self.belief_view = BeliefPanel()
        self.surprise_view = SurprisePanel()
        self.landscape_view = LandscapePanel()
        self.readouts = ReadoutPanel()
        self.world_caption = QLabel()
        self.world_caption.setObjectName("readoutName")
        self.world_caption.setWordWrap(True)

        views = QWidget()
        grid = QGridLayout(views)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(self.world_caption, 0, 0, 1, 2)
        grid.addWidget(self.belief_view, 1, 0)
        grid.addWidget(self.landscape_view, 1, 1)
        grid.addWidget(self.surprise_view, 2, 0)
        grid.addWidget(self.readouts, 2, 1)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(views)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 1500])
        self.setCentralWidget(splitter)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)
        self._clock = QElapsedTimer()

        self.controls.settingChanged.connect(self.change_setting)
        self.controls.worldChanged.connect(self.change_world)
        self.controls.speedChanged.connect(self.set_speed)
        self.controls.playToggled.connect(self.set_playing)
        self.controls.stepRequested.connect(self.step_once)
        self.controls.resetRequested.connect(self.reset)
        self._rebuild_views()

    # --- state changes -------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self.sim.settings

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def change_setting(self, name: str, value: object) -> None:
        """Apply one setting; a bad value is reported and the run goes on unchanged."""
        try:
            started_again = self.sim.update(**{name: value})
        except SettingsError as exc:
            QMessageBox.warning(self, tr("Setting not changed"), str(exc))
            self.controls.show_settings(self.settings, self.speed)
            return
        self.controls.show_settings(self.settings, self.speed)
        if started_again or name == "units":
            self._rebuild_views()
        else:
            self.redraw()

    def change_world(self, world: World) -> None:
        self.change_setting("world", world)

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self._due = 0.0

    def set_playing(self, on: bool) -> None:
        if on and not self.playing:
            self._due = 0.0
            self._clock.start()
            self.timer.start()
        elif not on and self.playing:
            self.timer.stop()
        if self.controls.play.isChecked() != on:
            self.controls.play.setChecked(on)

    def step_once(self) -> None:
        self.sim.advance(1)
        self.redraw()

    def reset(self) -> None:
        self.sim.reset()
        self._rebuild_views()

    # --- the loop --------------------------------------------------------------------------
    def steps_for_frame(self) -> int:
        """How many outcomes are due this frame at the chosen speed."""
        elapsed = self._clock.restart() / 1000.0 if self._clock.isValid() else FRAME_MS / 1000
        if math.isinf(self.speed):
            return self._max_batch
        self._due += self.speed * min(elapsed, 0.25)
        n = int(self._due)
        self._due -= n
        return n

    def tick(self) -> None:
        self.ticks += 1
        n = self.steps_for_frame()
        if n == 0:
            return  # nothing new to show (e.g. one outcome a second): no redraw
        start = time.perf_counter()
        self.sim.advance(n)
        if math.isinf(self.speed):  # adapt the batch to the frame budget
            spent = max(time.perf_counter() - start, 1e-6)
            self._max_batch = max(1, min(20_000, int(n * MAX_SPEED_BUDGET_S / spent)))
        self.redraw()

    def _rebuild_views(self) -> None:
        s = self.settings
        world = s.world
        self.world_caption.setText(
            f"<b>{tr('World')}:</b> {world.description} &nbsp; "
            f"<b>{tr('Learner')}:</b> {tr(LEARNER_TITLES[s.learner])}"
        )
        self.belief_view.set_world(world.labels, world.probabilities)
        # The landscape depends only on the world and the belief: not on units, not on Reset.
        key = (world, s.belief)
        if key != self._landscape_key:
            self._landscape_key = key
            self._landscape = compute_landscape(world.probabilities, self.sim.family)
        landscape = self._landscape
        self.landscape_view.set_landscape(self.sim, landscape, s.units)
        self.surprise_view.reset_range()
        self.redraw()

    def redraw(self) -> None:
        snap: Snapshot = self.sim.snapshot()
        units = self.settings.units
        self.belief_view.update_view(snap, units)
        self.surprise_view.update_view(self.sim, snap, units)
        self.landscape_view.update_view(self.sim, snap)
        self.readouts.update_view(
            snap, self.settings.world.labels, units, self.settings.learner == "anneal"
        )
        self.frames += 1
        self.frameDrawn.emit(snap.step)
