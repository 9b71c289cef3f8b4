"""Experiments: "how often does annealing escape?"

A population of N agents (default 200, up to 10,000) runs with the main window's world,
belief and settings and the learner chosen here; the window shows where they end up: a
histogram of final cross-entropy, their final positions on the landscape, and the share that
reached the global minimum with its 95 % interval.  A sweep repeats that over a range of
temperature, learning rate or cooling rate and draws the share against it.

The work is an :class:`engine.experiments.PopulationJob`, done a slice at a time from a
QTimer (about 10 ms each), so the window keeps painting and answering clicks; Cancel stops
it between slices.  Results can be saved as CSV.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import registry
from engine.experiments import (
    DEFAULT_POPULATION,
    MAX_POPULATION,
    MAX_POPULATION_STEPS,
    MAX_SWEEP_POINTS,
    SWEEP_PARAMETERS,
    ExperimentError,
    PopulationJob,
    PopulationResult,
    default_sweep_range,
    plan_sweep,
    required_learner,
    write_population_csv,
    write_sweep_csv,
)
from engine.measures import from_nats
from engine.settings import Settings, SettingsError
from engine.worlds import describe

from . import i18n, style
from .bundle import default_path
from .controls import Texts, form_row, set_items
from .panels import LandscapePanel, PlotPanel, big_font, fmt, unit_word
from .wheel import WheelGuard, guard_wheel

SLICE_SECONDS = 0.012  # engine time per timer tick: the window repaints in between
SLICE_AGENT_STEPS = 40_000


def tr(text: str) -> str:
    return QCoreApplication.translate("Experiments", text)


def percent(share: float) -> str:
    return i18n.number(f"{100 * share:.1f} %")


def share_text(result: PopulationResult) -> str:
    low, high = result.interval
    return tr("{share} reached the global minimum (95 % interval {low} to {high})").format(
        share=percent(result.share), low=percent(low), high=percent(high)
    )


def experiment_learners() -> list[str]:
    """The learners a population can use: those with a setting to sweep (the registry's)."""
    names = [required_learner(key) for key in registry.sweep_parameters()]
    return list(dict.fromkeys(n for n in names if n is not None))


class HistogramPanel(PlotPanel):
    """How many agents ended at each final cross-entropy, above the floor H(p)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(lambda: tr("Final cross-entropy of each agent"), parent)
        self.texts(lambda text: self.set_axis_label("left", text), lambda: tr("agents"))
        self.bars = pg.BarGraphItem(x0=[0], x1=[0], height=[0], brush=pg.mkBrush(style.CROSS))
        self.floor = pg.InfiniteLine(angle=90)
        self.plot.addItem(self.bars)
        self.plot.addItem(self.floor)
        self.floor_label = pg.TextItem(color="#004C7A", anchor=(0, 0), fill=pg.mkBrush("w"))
        self.plot.addItem(self.floor_label)
        self.counts = np.zeros(0)
        self.edges = np.zeros(0)
        self._shown: tuple = (None, "bits")  # what show_result last showed
        self.apply_style()

    def style_items(self) -> None:
        self.bars.setOpts(pen=pg.mkPen("#7A2E00", width=self.theme.lw(1.5)))
        self.floor.setPen(pg.mkPen(style.FLOOR, width=self.theme.lw(3), style=Qt.PenStyle.DashLine))
        self.floor_label.setFont(big_font(style.BASE_POINT_SIZE, self.theme, bold=True))

    def retranslate(self) -> None:
        super().retranslate()
        self.show_result(*self._shown)

    def show_result(self, result: PopulationResult | None, units: str) -> None:
        self._shown = (result, units)
        self.set_axis_label("bottom", tr("final H(p,q) ({unit})").format(unit=unit_word(units)))
        if result is None:  # before the first run: a plain empty axis, not 1e-155
            self.bars.setOpts(x0=[0], x1=[0], height=[0])
            self.counts = np.zeros(0)
            self.floor_label.setText("")
            self.plot.setXRange(0, 1, padding=0)
            self.plot.setYRange(0, 10, padding=0)
            return
        factor = float(from_nats(1.0, units))
        values = result.cross_entropy * factor
        floor = float(from_nats(result.entropy, units))
        low, high = min(floor, float(values.min())), float(values.max())
        if high - low < 1e-9:
            high = low + 1e-3
        self.counts, self.edges = np.histogram(values, bins=40, range=(low, high))
        self.bars.setOpts(x0=self.edges[:-1], x1=self.edges[1:], height=self.counts)
        self.floor.setPos(floor)
        self.floor_label.setText(tr("H(p) = {value}").format(value=fmt(floor)))
        top = max(int(self.counts.max()), 1) * 1.15
        self.floor_label.setPos(floor, top)
        span = high - low
        self.plot.setXRange(low - 0.05 * span, high + 0.05 * span, padding=0)
        self.plot.setYRange(0, top, padding=0)


class SweepPanel(PlotPanel):
    """The share reaching the global minimum against the swept setting, with 95 % bars."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(lambda: tr("Share reaching the global minimum"), parent)
        self.texts(
            lambda text: self.set_axis_label("left", text), lambda: tr("share of agents (%)")
        )
        self.band = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), top=0, bottom=0, beam=0)
        self.curve = pg.PlotDataItem(symbol="o")
        self.plot.addItem(self.band)
        self.plot.addItem(self.curve)
        self.plot.setYRange(0, 100, padding=0.02)
        self._shown: tuple = ("temperature", [], False)  # what show_results last showed
        self.apply_style()

    def style_items(self) -> None:
        self.curve.setPen(pg.mkPen(style.GLOBAL, width=self.theme.lw(3)))
        self.curve.setSymbolBrush(pg.mkBrush(style.GLOBAL))
        self.curve.setSymbolPen(pg.mkPen("k", width=self.theme.lw(1)))
        self.curve.setSymbolSize(self.theme.lw(11))
        self.band.setOpts(pen=pg.mkPen("k", width=self.theme.lw(2)), beam=0.0)

    def retranslate(self) -> None:
        super().retranslate()
        self.show_results(*self._shown)

    def show_results(self, parameter: str, results: list[PopulationResult], log: bool) -> None:
        self._shown = (parameter, results, log)
        name = i18n.engine_text(SWEEP_PARAMETERS[parameter])
        self.set_axis_label("bottom", name + (tr(" (log scale)") if log else ""))
        self.plot.setLogMode(x=log, y=False)
        if not results:
            self.curve.setData([], [])
            self.band.setData(x=np.zeros(0), y=np.zeros(0), top=np.zeros(0), bottom=np.zeros(0))
            self.plot.setXRange(0, 1, padding=0)
            return
        x = np.array([getattr(r.settings, parameter) for r in results], dtype=float)
        shown_x = np.log10(x) if log else x
        y = np.array([100 * r.share for r in results])
        low = np.array([100 * r.interval[0] for r in results])
        high = np.array([100 * r.interval[1] for r in results])
        self.curve.setData(x, y)
        self.band.setData(x=shown_x, y=y, top=high - y, bottom=y - low)
        self.plot.setYRange(0, 100, padding=0.02)


class ExperimentsWindow(QWidget):
    """Populations and sweeps on the main window's world and belief."""

    finished = Signal(str)  # "population" or "sweep", when a run completes
    progressed = Signal(float)

    def __init__(self, settings_source: Callable[[], Settings], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.texts = Texts()  # set again by retranslate()
        self._language = i18n.language()
        self._status: Callable[[], str] = lambda: tr("Choose a population or a sweep and run it.")
        self._landscape = None  # the last population's landscape
        self.texts(self.setWindowTitle, lambda: tr("Experiments: how often does annealing escape?"))
        self.settings_source = settings_source
        self.job: PopulationJob | None = None
        self.job_kind = ""
        self.population: PopulationResult | None = None
        self.sweep: list[PopulationResult] = []
        self.sweep_parameter = "temperature"
        self.sweep_log = False
        self.timer = QTimer(self)
        self.timer.setInterval(0)  # as often as the event loop allows, a slice each time
        self.timer.timeout.connect(self._work)
        self._build()
        self.resize(1600, 950)

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        controls = QVBoxLayout()
        self.setup_label = QLabel()
        self.setup_label.setWordWrap(True)
        self.setup_label.setObjectName("readoutName")
        controls.addWidget(self.setup_label)

        texts = self.texts
        population = QGroupBox()
        texts(population.setTitle, lambda: tr("Population"))
        form = QFormLayout(population)
        self.learner = QComboBox()
        learners = experiment_learners()
        for name in learners:
            self.learner.addItem(name, name)
        texts(
            lambda titles: set_items(self.learner, titles),
            lambda: [i18n.engine_text(registry.learner_title(name)) for name in learners],
        )
        texts(
            self.learner.setToolTip,
            lambda: tr("Every agent uses this learner, with the main window's learning settings."),
        )
        form_row(texts, form, lambda: tr("Learner"), self.learner)
        self.agents = QSpinBox()
        self.agents.setRange(1, MAX_POPULATION)
        self.agents.setValue(DEFAULT_POPULATION)
        self.agents.setSingleStep(100)
        texts(
            self.agents.setToolTip,
            lambda: tr("How many agents, each with its own outcomes (1 to 10,000)."),
        )
        form_row(texts, form, lambda: tr("Agents"), self.agents)
        self.steps = QSpinBox()
        self.steps.setRange(1, MAX_POPULATION_STEPS)
        self.steps.setValue(3000)
        self.steps.setSingleStep(500)
        texts(self.steps.setToolTip, lambda: tr("How many outcomes each agent learns from."))
        form_row(texts, form, lambda: tr("Outcomes each"), self.steps)
        self.run_population = QPushButton()
        texts(self.run_population.setText, lambda: tr("Run the population"))
        form.addRow(self.run_population)
        controls.addWidget(population)

        sweep = QGroupBox()
        texts(sweep.setTitle, lambda: tr("Sweep"))
        sform = QFormLayout(sweep)
        self.parameter = QComboBox()
        for key in SWEEP_PARAMETERS:
            self.parameter.addItem(key, key)
        texts(
            lambda titles: set_items(self.parameter, titles),
            lambda: [i18n.engine_text(title) for title in SWEEP_PARAMETERS.values()],
        )
        texts(
            self.parameter.setToolTip,
            lambda: tr("The setting to vary; every other setting stays."),
        )
        form_row(texts, sform, lambda: tr("Vary"), self.parameter)
        self.low = QDoubleSpinBox()
        self.high = QDoubleSpinBox()
        for box in (self.low, self.high):
            box.setDecimals(4)
            box.setRange(0.0, 100.0)
            box.setKeyboardTracking(False)
        form_row(texts, sform, lambda: tr("From"), self.low)
        form_row(texts, sform, lambda: tr("To"), self.high)
        self.points = QSpinBox()
        self.points.setRange(2, MAX_SWEEP_POINTS)
        self.points.setValue(20)
        form_row(texts, sform, lambda: tr("Points"), self.points)
        self.log = QCheckBox()
        texts(self.log.setText, lambda: tr("evenly spaced on a log scale"))
        sform.addRow(self.log)
        self.run_sweep = QPushButton()
        texts(self.run_sweep.setText, lambda: tr("Run the sweep"))
        sform.addRow(self.run_sweep)
        controls.addWidget(sweep)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat("%p %")
        self.cancel = QPushButton()
        texts(self.cancel.setText, lambda: tr("Cancel"))
        self.cancel.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        controls.addLayout(row)
        self.status = QLabel(self._status())
        self.status.setWordWrap(True)
        controls.addWidget(self.status)

        save = QGroupBox()
        texts(save.setTitle, lambda: tr("Keep the results"))
        saves = QVBoxLayout(save)
        self.save_population = QPushButton()
        texts(self.save_population.setText, lambda: tr("Population as CSV…"))
        self.save_sweep = QPushButton()
        texts(self.save_sweep.setText, lambda: tr("Sweep as CSV…"))
        self.save_population.setEnabled(False)
        self.save_sweep.setEnabled(False)
        saves.addWidget(self.save_population)
        saves.addWidget(self.save_sweep)
        controls.addWidget(save)
        controls.addStretch(1)

        self.histogram = HistogramPanel()
        self.landscape = LandscapePanel()
        self.landscape.set_title(lambda: tr("Where the agents ended"))
        self.sweep_view = SweepPanel()
        self.share_label = QLabel(" ")
        self.share_label.setObjectName("raceValue")
        self.share_label.setWordWrap(True)
        views = QGridLayout()
        views.addWidget(self.histogram, 0, 0)
        views.addWidget(self.landscape, 0, 1)
        views.addWidget(self.share_label, 1, 0, 1, 2)
        views.addWidget(self.sweep_view, 2, 0, 1, 2)
        views.setRowStretch(0, 3)
        views.setRowStretch(2, 2)
        self.density = pg.ScatterPlotItem(
            size=8, pen=pg.mkPen(0, 0, 0, 120), brush=pg.mkBrush(255, 255, 255, 90)
        )
        self.landscape.plot.addItem(self.density)

        layout = QHBoxLayout(self)
        side = QWidget()
        side.setLayout(controls)
        side.setMaximumWidth(460)
        layout.addWidget(side)
        layout.addLayout(views, 1)

        self.histogram.show_result(None, self.settings_source().units)
        self.sweep_view.show_results(self.parameter.currentData(), [], False)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.activated.connect(self.close)
        self._wheel_guard = WheelGuard(self)
        guard_wheel(side, self._wheel_guard)

        self.run_population.clicked.connect(self.start_population)
        self.run_sweep.clicked.connect(self.start_sweep)
        self.cancel.clicked.connect(self.cancel_job)
        self.parameter.currentIndexChanged.connect(self._default_range)
        self.save_population.clicked.connect(self.ask_save_population)
        self.save_sweep.clicked.connect(self.ask_save_sweep)
        self.refresh()
        self._default_range()

    def _default_range(self) -> None:
        key = self.parameter.currentData()
        needed = required_learner(key)  # the registry's: a temperature sweep needs annealing
        if needed is not None:
            self.learner.setCurrentIndex(self.learner.findData(needed))
        low, high, log = default_sweep_range(key, self._base_settings())
        self.low.setValue(low)
        self.high.setValue(high)
        self.log.setChecked(log)

    # --- language ----------------------------------------------------------------------------
    def set_status(self, make: Callable[[], str]) -> None:
        """The status line: ``make()`` (written again after a language switch)."""
        self._status = make
        self.status.setText(make())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.LanguageChange
            and hasattr(self, "status")
            and self._language != i18n.language()
        ):
            self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; a running job goes on, results stay shown."""
        self._language = i18n.language()
        self.setLocale(QLocale())
        self.texts.retranslate()
        self.set_status(self._status)
        for view in (self.histogram, self.sweep_view, self.landscape):
            view.retranslate()
        if self.population is not None:
            self.show_population(self.population, self._landscape)
        self.refresh()

    # --- settings from the main window -----------------------------------------------------
    def _base_settings(self) -> Settings:
        return self.settings_source().replace(learner=self.learner.currentData() or "anneal")

    def refresh(self) -> None:
        """Show the main window's world and belief (the experiments run on them)."""
        s = self.settings_source()
        world = s.world
        description = describe(world, i18n.list_separator(), i18n.engine_text)
        belief = i18n.engine_text(registry.belief_title(s.belief))
        self.setup_label.setText(
            i18n.number(
                tr(
                    "World and belief from the main window: {world} Belief: {belief}. "
                    "Learning rate {lr:g}, temperature {t:g}, seed {seed}."
                ).format(
                    world=description,
                    belief=belief,
                    lr=s.learning_rate,
                    t=s.temperature,
                    seed=s.seed,
                )
            )
        )

    # --- running ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None and self.timer.isActive()

    def start_population(self) -> bool:
        self.refresh()
        try:
            job = PopulationJob(
                [self._base_settings()],
                self.agents.value(),
                self.steps.value(),
                slice_agent_steps=SLICE_AGENT_STEPS,
            )
        except (ExperimentError, SettingsError) as exc:
            self._refuse(exc)
            return False
        self._start(job, "population")
        return True

    def start_sweep(self) -> bool:
        self.refresh()
        key = self.parameter.currentData()
        try:
            plan = plan_sweep(
                self._base_settings(),
                key,
                self.low.value(),
                self.high.value(),
                self.points.value(),
                self.log.isChecked(),
            )
            job = PopulationJob(
                plan.points,
                self.agents.value(),
                self.steps.value(),
                slice_agent_steps=SLICE_AGENT_STEPS,
            )
        except (ExperimentError, SettingsError) as exc:
            self._refuse(exc)
            return False
        self.sweep_parameter = key
        self.sweep_log = self.log.isChecked()
        self.sweep = []
        self.share_label.setText(" ")  # the last population's headline is not this sweep's
        self.sweep_view.show_results(key, [], self.sweep_log)
        self._start(job, "sweep")
        return True

    def _refuse(self, exc: Exception) -> None:
        text = i18n.translate_error(exc)
        self.set_status(
            lambda: tr("Not started: {reason}").format(reason=i18n.translate_error(exc))
        )
        QMessageBox.warning(self, tr("Experiment not started"), text)

    def _start(self, job: PopulationJob, kind: str) -> None:
        self.cancel_job(quiet=True)
        self.job, self.job_kind = job, kind
        self.progress.setValue(0)
        self.cancel.setEnabled(True)
        self.run_population.setEnabled(False)
        self.run_sweep.setEnabled(False)
        self.set_status(
            lambda: tr("Running {agents} × {steps} × {points}…").format(
                agents=i18n.count("Experiments", "{n} agent", "{n} agents", job.n_agents),
                steps=i18n.count("Experiments", "{n} outcome", "{n} outcomes", job.steps),
                points=i18n.count("Experiments", "{n} point", "{n} points", len(job.points)),
            )
        )
        self.timer.start()

    def cancel_job(self, quiet: bool = False) -> None:
        if self.job is None:
            return
        self.job.cancel()
        self.timer.stop()
        done = len(self.job.results)
        self.job = None
        self._idle()
        if not quiet:
            self.set_status(
                lambda: i18n.count(
                    "Experiments",
                    "Cancelled; {n} finished point is kept.",
                    "Cancelled; {n} finished points are kept.",
                    done,
                )
            )

    def _idle(self) -> None:
        self.cancel.setEnabled(False)
        self.run_population.setEnabled(True)
        self.run_sweep.setEnabled(True)

    def _work(self) -> None:
        job = self.job
        if job is None:
            self.timer.stop()
            return
        before = len(job.results)
        done = job.work(SLICE_SECONDS)
        self.progress.setValue(round(1000 * job.progress))
        self.progressed.emit(job.progress)
        if self.job_kind == "sweep" and len(job.results) != before:
            self.sweep = list(job.results)
            self.sweep_view.show_results(self.sweep_parameter, self.sweep, self.sweep_log)
            self.save_sweep.setEnabled(True)
        if done:
            self.timer.stop()
            self.job = None
            self._idle()
            if self.job_kind == "population":
                self.show_population(job.results[0], job.landscape)
                self.set_status(lambda: share_text(job.results[0]))
            else:
                self.set_status(
                    lambda: tr("Sweep done: {points}, each of {agents}.").format(
                        points=i18n.count(
                            "Experiments", "{n} point", "{n} points", len(job.results)
                        ),
                        agents=i18n.count("Experiments", "{n} agent", "{n} agents", job.n_agents),
                    )
                )
            self.finished.emit(self.job_kind)

    # --- showing ----------------------------------------------------------------------------
    def show_population(self, result: PopulationResult, landscape) -> None:
        self.population, self._landscape = result, landscape
        units = self.settings_source().units
        self.histogram.show_result(result, units)
        # The landscape and its minima, no single agent; the dots are where the engine put
        # the agents (PopulationResult.coords, and their H(p,q) over one parameter).
        self.landscape.set_landscape(landscape, units, result.settings.world.labels)
        self.landscape.update_view(None)
        if landscape is None:
            self.density.setData([], [])
        elif len(landscape.grid) == 1:
            factor = float(from_nats(1.0, units))
            self.density.setData(result.coords[0], result.cross_entropy * factor)
        else:
            self.density.setData(result.coords[0], result.coords[1])
        self.share_label.setText(share_text(result) + self._basin_text(result, landscape))
        self.save_population.setEnabled(True)

    def _basin_text(self, result: PopulationResult, landscape) -> str:
        if landscape is None or len(landscape.minima) < 2:
            return ""
        local = int(((result.basin >= 0) & ~result.reached).sum())
        return i18n.count(
            "Experiments", "; {n} stuck in a local minimum", "; {n} stuck in a local minimum", local
        )

    # --- saving -----------------------------------------------------------------------------
    def ask_save_population(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save population"), default_path("population.csv"), "CSV (*.csv)"
        )
        if path:
            self.save_population_csv(path)

    def ask_save_sweep(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save sweep"), default_path("sweep.csv"), "CSV (*.csv)"
        )
        if path:
            self.save_sweep_csv(path)

    def save_population_csv(self, path: str) -> bool:
        if self.population is None:
            return False
        try:
            write_population_csv(path, self.population, self.settings_source().units)
        except (OSError, ValueError) as exc:  # the atomic writer's FileError is a ValueError
            text = i18n.translate_error(exc) if hasattr(exc, "template") else str(exc)
            QMessageBox.warning(self, tr("Not saved"), text)
            return False
        return True

    def save_sweep_csv(self, path: str) -> bool:
        if not self.sweep:
            return False
        try:
            write_sweep_csv(path, self.sweep_parameter, self.sweep, self.settings_source().units)
        except (OSError, ValueError) as exc:  # the atomic writer's FileError is a ValueError
            text = i18n.translate_error(exc) if hasattr(exc, "template") else str(exc)
            QMessageBox.warning(self, tr("Not saved"), text)
            return False
        return True

    def closeEvent(self, event) -> None:
        self.cancel_job(quiet=True)
        super().closeEvent(event)
