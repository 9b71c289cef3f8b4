"""The race in the main window and the population / sweep window, through their widgets."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from engine.experiments import PopulationJob, sweep_settings
from engine.session import SessionError, load_session
from engine.settings import Settings
from engine.worlds import PRESETS
from gui.app import parse_all
from gui.main_window import MainWindow

LN2 = math.log(2)
LOADED = Settings(world=PRESETS["loaded-die"], belief="hunch", seed=11)


@pytest.fixture
def window(qtbot):
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    w = MainWindow(LOADED, speed=math.inf)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    yield w
    w.timer.stop()
    if w.experiments is not None:
        w.experiments.cancel_job(quiet=True)


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


# --- the race -----------------------------------------------------------------------------------


def test_race_added_from_the_panel_sees_the_same_outcomes(window, qtbot):
    assert not window.race_readouts.isVisible()
    qtbot.mouseClick(window.race_panel.add, Qt.MouseButton.LeftButton)
    assert len(window.race.rivals) == 1
    assert window.race.rivals[0].settings.learner == "anneal"  # the lead descends
    assert window.race_readouts.isVisible()
    assert len(window.surprise_view.rival_curves) == 1
    assert len(window.landscape_view.rival_items) == 1
    qtbot.mouseClick(window.controls.play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sim.step_count >= 500, timeout=20_000)
    window.set_playing(False)
    rival = window.race.rivals[0]
    assert rival.step_count == window.sim.step_count
    assert np.array_equal(rival.history.column("outcome"), window.sim.history.column("outcome"))
    # side-by-side readouts agree with an independent computation for each learner
    p = LOADED.world.probabilities
    for column, sim in enumerate(window.race.learners):
        q = sim.snapshot().q
        h = -sum(p[k] * math.log2(q[k]) for k in range(6))
        shown = window.race_readouts.cells[column]["cross_entropy"].text().split()[0]
        assert abs(float(shown) - h) <= 0.0005 + 1e-9  # shown to 3 decimals
    # the rival's curve is drawn from its own history
    _, ys = window.surprise_view.rival_curves[0].getData()
    assert ys[-1] == pytest.approx(rival.history.column("cross_entropy")[-1] / LN2)
    dot = window.landscape_view.rival_items[0][1].getData()
    here = rival.family.coords(rival.snapshot().params[:, None])[:, 0]
    assert (dot[0][0], dot[1][0]) == pytest.approx(tuple(here[:2]))


def test_rival_settings_are_its_own_and_the_world_is_shared(window, qtbot):
    window.add_rival(learner="gd", learning_rate=0.01)
    window.race.advance(100)
    box = window.race_panel.boxes[0]
    box.learner.setCurrentIndex(box.learner.findData("anneal"))
    rival = window.race.rivals[0]
    assert rival.settings.learner == "anneal" and rival.step_count == 100
    box.temperature.box.setValue(0.7)
    assert rival.settings.temperature == 0.7 and window.settings.temperature == 0.2
    assert window.race_readouts.heads[1].text() == "B: annealing, T 0.7"
    # the lead's world and seed are the race's
    window.controls.seed.setValue(99)
    assert rival.settings.seed == 99 and rival.step_count == 0
    window.change_world(PRESETS["fair-die"])
    assert rival.settings.world == PRESETS["fair-die"]
    window.step_once()
    assert rival.history.column("outcome")[0] == window.sim.history.column("outcome")[0]
    # the units switch reaches every learner's numbers
    window.controls.nats.setChecked(True)
    assert rival.settings.units == "nats"
    assert window.race_readouts.cells[1]["kl"].text().endswith("nats")
    qtbot.mouseClick(box.remove, Qt.MouseButton.LeftButton)
    assert window.race.rivals == [] and not window.race_readouts.isVisible()
    assert window.surprise_view.rival_curves == []


def test_race_is_limited_to_four_learners_and_a_lesson_scene_ends_it(window, monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: seen.append(a[2]))
    for _ in range(3):
        window.add_rival()
    assert not window.race_panel.add.isEnabled()
    window.add_rival()
    assert len(window.race.rivals) == 3 and "at most 4" in seen[0]
    window.show_lesson(True)
    window.lesson.go(0)
    assert window.race.rivals == [] and window.race_panel.add.isEnabled()


def test_race_session_and_history_csv_keep_every_learner(window, tmp_path):
    window.add_rival(learner="anneal", temperature=0.5)
    window.race.advance(150)
    window.change_rival(0, "temperature", 0.25)
    window.race.advance(50)
    path = tmp_path / "race.json"
    assert window.save_session(str(path))
    assert len(json.loads(path.read_text(encoding="utf-8"))["rivals"]) == 1
    before = [sim.history.column("params").copy() for sim in window.race.learners]
    window.clear_rivals()
    window.reset()
    assert window.open_session(str(path))
    assert len(window.race.rivals) == 1 and window.race.rivals[0].settings.temperature == 0.25
    for sim, params in zip(window.race.learners, before, strict=True):
        assert sim.history.column("params").tobytes() == params.tobytes()
    csv_path = tmp_path / "race.csv"
    assert window.export_history(str(csv_path))
    rows = read_csv(csv_path)
    assert len(rows) == 200
    assert "A_cross_entropy_bits" in rows[0] and "B_cross_entropy_bits" in rows[0]
    for sim, letter in zip(window.race.learners, "AB", strict=True):
        expected = list(sim.history.column("cross_entropy") / LN2)
        assert [float(r[f"{letter}_cross_entropy_bits"]) for r in rows] == expected
    # a rival that does not share the lead's world is refused, naming the reason
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rivals"][0]["settings"]["seed"] = 5
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError, match="rival 1: its seed differs from the lead's"):
        load_session(path)


def test_race_option_on_the_command_line():
    *_, args = parse_all(["--world", "loaded-die", "--race", "anneal:0.5", "--race", "gd"])
    assert args.race == [{"learner": "anneal", "temperature": 0.5}, {"learner": "gd"}]


@pytest.mark.parametrize(
    "value, message",
    [
        ("walk", "unknown learner 'walk'"),
        ("anneal:hot", "temperature must be a number"),
        ("anneal:-1", "temperature is -1"),
        ("none:3", "none takes no value"),
    ],
)
def test_bad_race_options_are_refused(value, message, capsys):
    with pytest.raises(SystemExit) as info:
        parse_all(["--race", value])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


# --- populations and sweeps -----------------------------------------------------------------


def open_experiments(window, qtbot):
    window.show_experiments()
    e = window.experiments
    qtbot.addWidget(e)
    return e


def test_population_run_shows_histogram_density_and_share(window, qtbot, tmp_path):
    e = open_experiments(window, qtbot)
    assert e.agents.value() == 200
    e.agents.setValue(60)
    e.steps.setValue(400)
    e.learner.setCurrentIndex(e.learner.findData("anneal"))
    with qtbot.waitSignal(e.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(e.run_population, Qt.MouseButton.LeftButton)
    assert blocker.args == ["population"]
    result = e.population
    expected = PopulationJob([LOADED.replace(learner="anneal")], 60, 400).run()[0]
    assert np.array_equal(result.params, expected.params)
    assert e.histogram.counts.sum() == 60
    assert len(e.density.data) == 60
    assert f"{100 * expected.share:.1f} %" in e.share_label.text()
    low, high = expected.interval
    assert f"{100 * low:.1f} % to {100 * high:.1f} %" in e.share_label.text()
    assert e.progress.value() == 1000 and not e.cancel.isEnabled()
    path = tmp_path / "population.csv"
    assert e.save_population_csv(str(path))
    rows = read_csv(path)
    assert [float(r["cross_entropy_bits"]) for r in rows] == list(expected.cross_entropy / LN2)


def test_sweep_draws_share_with_intervals_and_saves_csv(window, qtbot, tmp_path):
    e = open_experiments(window, qtbot)
    e.agents.setValue(30)
    e.steps.setValue(300)
    e.parameter.setCurrentIndex(e.parameter.findData("temperature"))
    e.low.setValue(0.0)
    e.high.setValue(1.0)
    e.points.setValue(3)
    with qtbot.waitSignal(e.finished, timeout=60_000):
        qtbot.mouseClick(e.run_sweep, Qt.MouseButton.LeftButton)
    expected = PopulationJob(
        sweep_settings(LOADED.replace(learner="anneal"), "temperature", [0.0, 0.5, 1.0]), 30, 300
    ).run()
    xs, ys = e.sweep_view.curve.getData()
    assert list(xs) == [0.0, 0.5, 1.0]
    assert list(ys) == [100 * r.share for r in expected]
    path = tmp_path / "sweep.csv"
    assert e.save_sweep_csv(str(path))
    rows = read_csv(path)
    assert [float(r["share_low_95"]) for r in rows] == [r.interval[0] for r in expected]


def test_long_sweep_stays_responsive_and_can_be_cancelled(window, qtbot):
    e = open_experiments(window, qtbot)
    e.agents.setValue(2000)
    e.steps.setValue(20_000)
    e.points.setValue(20)
    assert e.start_sweep()
    # While it runs, the main window still plays: its own timer gets its turns.
    window.set_playing(True)
    step = window.sim.step_count
    qtbot.waitUntil(lambda: window.sim.step_count > step + 100, timeout=20_000)
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    with qtbot.waitSignal(e.progressed, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: fired == [True], timeout=5_000)
    assert e.running and 0 < e.job.progress < 0.1
    qtbot.mouseClick(e.cancel, Qt.MouseButton.LeftButton)
    assert not e.running and e.job is None and e.run_sweep.isEnabled()
    assert "Cancelled" in e.status.text()
    window.set_playing(False)


def test_bad_experiment_settings_are_refused_with_the_reason(window, qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: seen.append(a[2]))
    e = open_experiments(window, qtbot)
    e.parameter.setCurrentIndex(e.parameter.findData("temperature"))
    e.low.setValue(2.0)
    e.high.setValue(1.0)
    assert not e.start_sweep()
    assert "lower to a higher" in seen[-1] and "lower to a higher" in e.status.text()
    e.low.setValue(0.0)
    e.log.setChecked(True)
    assert not e.start_sweep()
    assert "above 0" in seen[-1]
    assert e.job is None and e.run_sweep.isEnabled()
