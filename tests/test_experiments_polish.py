"""The experiments window as a new user meets it: clean axes, honest headlines, Esc closes."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from engine.settings import Settings
from engine.worlds import PRESETS
from gui.main_window import MainWindow

LOADED = Settings(world=PRESETS["loaded-die"], belief="hunch", seed=11)


@pytest.fixture(scope="module")
def main_window(qapp):
    """One main window for the module; each test gets a new experiments window from it."""
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    w = MainWindow(LOADED, remember=False)
    w.show()
    yield w
    w.close()
    w.deleteLater()


@pytest.fixture
def experiments(main_window, qtbot):
    assert main_window.experiments is None and main_window.settings == LOADED
    main_window.show_experiments()
    ex = main_window.experiments
    qtbot.waitExposed(ex)
    yield ex
    ex.cancel_job(quiet=True)
    ex.close()
    ex.deleteLater()
    main_window.experiments = None  # the next test opens a new one, as at start-up


def test_axes_before_the_first_run_are_plain(experiments):
    for panel in (experiments.histogram, experiments.sweep_view):
        (x0, x1), (y0, y1) = panel.plot.getViewBox().viewRange()
        assert x1 - x0 >= 0.5 and y1 - y0 >= 1, (panel, x0, x1, y0, y1)


def test_escape_closes_the_window(experiments, qtbot):
    experiments.activateWindow()
    qtbot.keyClick(experiments, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not experiments.isVisible())


def test_a_sweep_clears_the_last_populations_headline(experiments, qtbot):
    experiments.agents.setValue(20)
    experiments.steps.setValue(50)
    with qtbot.waitSignal(experiments.finished, timeout=30_000):
        assert experiments.start_population()
    assert "reached the global minimum" in experiments.share_label.text()
    experiments.points.setValue(2)
    assert experiments.start_sweep()
    assert "reached" not in experiments.share_label.text()
    experiments.cancel_job(quiet=True)


@pytest.mark.parametrize(
    "parameter, learner, needs",
    [("temperature", "gd", "simulated annealing"), ("learning_rate", "anneal", "gradient descent")],
)
def test_a_sweep_of_a_setting_the_learner_lacks_is_refused_with_the_reason(
    experiments, monkeypatch, parameter, learner, needs
):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    experiments.parameter.setCurrentIndex(experiments.parameter.findData(parameter))
    experiments.learner.setCurrentIndex(experiments.learner.findData(learner))
    assert not experiments.start_sweep()
    assert experiments.job is None
    assert shown and needs in shown[0]
    assert needs in experiments.status.text()


def test_the_engine_refuses_the_same_sweeps_for_every_client():
    from engine.experiments import ExperimentError, sweep_settings

    with pytest.raises(ExperimentError, match="needs simulated annealing"):
        sweep_settings(LOADED.replace(learner="gd"), "temperature", [0.1, 0.2])
    with pytest.raises(ExperimentError, match="needs gradient descent"):
        sweep_settings(LOADED.replace(learner="anneal"), "learning_rate", [0.1, 0.2])
    assert len(sweep_settings(LOADED.replace(learner="anneal"), "temperature", [0.1, 0.2])) == 2


def test_saving_to_a_missing_folder_is_reported_not_a_crash(
    experiments, qtbot, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    experiments.agents.setValue(10)
    experiments.steps.setValue(20)
    with qtbot.waitSignal(experiments.finished, timeout=30_000):
        assert experiments.start_population()
    target = tmp_path / "missing" / "population.csv"
    assert not experiments.save_population_csv(str(target))
    assert shown and "missing" in shown[0]
    assert not target.exists()
    assert experiments.save_population_csv(str(tmp_path / "population.csv"))
