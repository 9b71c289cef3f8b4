"""A world that changes during a run: a jump of p at a chosen step, or a slow drift.

The outcomes follow p_t (chi-square at 1 %), the random stream is consumed as before (a world
without changes draws the same outcomes as ever; the outcomes before a change are the same
with or without it), every measure against p follows p_t, and the change is read by the one
reader of settings: the command line (--shift), sessions (saved and replayed exactly) and
lesson scenes.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.frame import entropy_curve
from engine.lesson import LessonError, scene_from_dict
from engine.measures import cross_entropy, entropy, kl_divergence
from engine.population import Population
from engine.session import (
    Session,
    SessionError,
    _difference,
    load_session,
    open_session,
    save_session,
)
from engine.settings import Settings, SettingsError, settings_from_mapping
from engine.simulation import Simulation
from engine.worlds import PRESETS, WorldChange

# The chi-square distribution's 99th percentile by degrees of freedom (a table's constants).
CHI2_99 = {1: 6.635, 3: 11.345, 5: 15.086}


def chi_square(counts: np.ndarray, expected: np.ndarray) -> float:
    return float(((counts - expected) ** 2 / expected).sum())


def shifted(*changes: str, world: str = "weather", **fields) -> Settings:
    return settings_from_mapping({"world": world, "shift": list(changes), **fields})


def outcomes(settings: Settings, steps: int, agents: int = 1) -> np.ndarray:
    """The outcome indices the population draws, (steps, agents), whatever the learner."""
    population = Population(settings, agents)
    trace = population.advance(steps, record=True)
    return trace.outcomes


# --- the outcomes ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_outcome_frequencies_before_and_after_a_jump_match_the_two_ps(seed):
    s = shifted("2000:0.3,0.7", seed=seed, learner="none")
    x = outcomes(s, 4000, agents=50)
    for rows, p in ((slice(0, 2000), PRESETS["weather"].p), (slice(2000, 4000), (0.3, 0.7))):
        part = x[rows].ravel()
        counts = np.bincount(part, minlength=2)
        assert chi_square(counts, len(part) * np.array(p)) < CHI2_99[1]


def test_outcome_frequencies_of_a_die_that_changes_match(seed=3):
    die = PRESETS["loaded-die"]
    s = shifted("1000:0.1,0.1,0.1,0.1,0.1,0.5", world="loaded-die", seed=seed, learner="none")
    x = outcomes(s, 2000, agents=40)
    for rows, p in ((slice(0, 1000), die.p), (slice(1000, 2000), (0.1,) * 5 + (0.5,))):
        part = x[rows].ravel()
        counts = np.bincount(part, minlength=6)
        assert chi_square(counts, len(part) * np.array(p)) < CHI2_99[5]


@pytest.mark.parametrize("seed", [0, 1])
def test_outcome_frequencies_during_a_drift_follow_p_t(seed):
    """Rain drifts from 0.8 to 0.2 over steps 1000-3000: each quarter of the drift matches
    the average of p_t over its steps, and after the drift the new p."""
    s = shifted("1000-3000:0.2,0.8", seed=seed, learner="none")
    x = outcomes(s, 4000, agents=50)
    world = s.world
    for first in range(1000, 3000, 500):
        steps = np.arange(first, first + 500)
        expected = world.probabilities_at(steps).sum(axis=0) * x.shape[1]
        counts = np.bincount(x[first : first + 500].ravel(), minlength=2)
        assert chi_square(counts, expected) < CHI2_99[1]
    counts = np.bincount(x[3000:].ravel(), minlength=2)
    assert chi_square(counts, 1000 * 50 * np.array([0.2, 0.8])) < CHI2_99[1]
    # and the drift is a drift: the rain falls from quarter to quarter
    rain = [np.mean(x[a : a + 500] == 0) for a in range(1000, 3000, 500)]
    assert rain == sorted(rain, reverse=True)


def test_a_world_without_changes_draws_exactly_the_outcomes_it_always_did():
    """The sampler of old, written out: u from the outcome stream, inverted through the CDF."""
    s = Settings(world=PRESETS["loaded-die"], seed=11, learner="none")
    x = outcomes(s, 3000, agents=3)
    stream = np.random.Generator(np.random.PCG64(np.random.SeedSequence(11).spawn(3)[0]))
    cdf = np.cumsum(PRESETS["loaded-die"].probabilities)
    cdf[-1] = 1.0
    u = stream.random((3000, 3))
    assert np.array_equal(x, np.searchsorted(cdf, u, side="right"))


@pytest.mark.parametrize("learner", ["gd", "anneal", "none"])
def test_outcomes_before_the_change_are_the_same_with_or_without_it(learner):
    plain = Simulation(Settings(learner=learner, seed=5))
    changed = Simulation(shifted("700:0.1,0.9", "900-1200:0.6,0.4", learner=learner, seed=5))
    for sim in (plain, changed):
        for n in (13, 500, 987):  # in blocks that straddle the change
            sim.advance(n)
    a, b = plain.history.column("outcome"), changed.history.column("outcome")
    assert np.array_equal(a[:700], b[:700])
    assert not np.array_equal(a[700:], b[700:])
    # the same in one block: the chunking does not matter
    whole = Simulation(changed.settings)
    whole.advance(1500)
    assert np.array_equal(whole.history.column("outcome"), b)


@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=4),
    st.integers(0, 30),
    st.floats(0.01, 0.99),
)
@settings(max_examples=40, deadline=None)
def test_sampling_in_any_pieces_equals_sampling_at_once(cuts, over, rain):
    world = PRESETS["weather"].with_changes([WorldChange(20, (rain, 1 - rain), over)])
    whole = world.sample(np.random.default_rng(3), (200, 2))
    rng = np.random.default_rng(3)
    pieces, start = [], 0
    for n in [*cuts, 200 - sum(cuts)]:
        n = max(0, min(n, 200 - start))
        pieces.append(world.sample(rng, (n, 2), start=start))
        start += n
    assert np.array_equal(np.concatenate(pieces), whole)


# --- p_t and the measures against it --------------------------------------------------------


def test_p_at_jumps_and_drifts():
    world = shifted("100:0.5,0.5", "200-300:0.1,0.9").world
    p = world.probabilities_at([0, 99, 100, 199, 200, 250, 300, 10**6])
    assert p[:, 0].tolist() == pytest.approx([0.8, 0.8, 0.5, 0.5, 0.5, 0.3, 0.1, 0.1], abs=1e-15)
    assert world.p_at(300).tolist() == [0.1, 0.9]  # exactly the new p at the drift's end
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-15)


def test_every_measure_follows_p_t_in_the_history_and_the_snapshot():
    s = shifted("300:0.3,0.3,0.4", "500-800:0.7,0.2,0.1", world="custom", p="0.2,0.3,0.5")
    sim = Simulation(s.replace(learning_rate=0.2))
    sim.advance(1000)
    h = sim.history
    steps = h.steps
    p = s.world.probabilities_at(steps)
    q = h.column("q")
    assert np.allclose(h.column("entropy"), [entropy(row, "nats") for row in p], atol=1e-12)
    for name, measure in (("cross_entropy", cross_entropy), ("kl", kl_divergence)):
        want = [measure(pi, qi, "nats") for pi, qi in zip(p, q, strict=True)]
        assert np.allclose(h.column(name), want, rtol=1e-12, atol=1e-12)
    snap = sim.snapshot()
    now = s.world.p_at(1000)
    assert list(snap.p) == list(now) == [0.7, 0.2, 0.1]
    assert snap.entropy == pytest.approx(float(entropy(now, "nats")), abs=1e-12)
    assert snap.kl == pytest.approx(float(kl_divergence(now, snap.q, "nats")), abs=1e-12)
    assert snap.cross_entropy == pytest.approx(float(cross_entropy(now, snap.q, "nats")), abs=1e-12)
    # Mid-drift, the snapshot's p is the p of that step.
    mid = Simulation(s)
    mid.advance(650)
    assert np.allclose(mid.snapshot().p, s.world.p_at(650), atol=1e-15)
    assert mid.snapshot().entropy == pytest.approx(float(entropy(s.world.p_at(650), "nats")))


def test_the_frame_carries_h_p_over_time_stepping_at_a_jump():
    s = shifted("400:0.5,0.5")
    sim = Simulation(s)
    sim.advance(1000)
    curve = sim.frame().entropy
    assert curve is not None
    h_old, h_new = (float(entropy(np.array(p), "nats")) for p in ((0.8, 0.2), (0.5, 0.5)))
    at = np.flatnonzero(curve.x == 400)
    assert curve.y[at].tolist() == pytest.approx([h_old, h_new])  # a vertical step
    assert np.all(curve.y[curve.x < 400] == pytest.approx(h_old))
    assert np.all(curve.y[curve.x > 400] == pytest.approx(h_new))
    assert curve.x[0] == sim.frame().cross_entropy.x[0] and curve.x[-1] == 1000
    plain = Simulation(Settings())
    plain.advance(10)
    assert plain.frame().entropy is None  # a fixed world: H(p) is a level
    assert len(entropy_curve(s.world, np.array([]))) == 0


# --- changing the world now: in place ----------------------------------------------------


def test_a_change_added_now_goes_on_in_place_and_equals_a_change_set_from_the_start():
    planned = Simulation(shifted("600:0.2,0.8", learning_rate=0.05))
    planned.advance(1000)
    live = Simulation(Settings(learning_rate=0.05))
    live.advance(600)
    assert live.update(shift=["600:0.2,0.8"]) is False  # not started again
    assert live.step_count == 600 and live.journal == [(600, {"shift": live.settings.shift})]
    live.advance(400)
    assert np.array_equal(live.history.column("outcome"), planned.history.column("outcome"))
    # the same run (its sums added in other blocks agree to the last bits: see session.py)
    assert _difference(live.state(), planned.state()) is None
    assert live.state()["params"] == planned.state()["params"]


def test_a_change_in_the_past_or_another_p_starts_the_run_again():
    sim = Simulation(Settings())
    sim.advance(500)
    assert sim.update(shift=["400:0.2,0.8"]) is True and sim.step_count == 0
    sim.advance(500)
    assert sim.update(shift=["400:0.2,0.8", "600:0.5,0.5"]) is False and sim.step_count == 500
    # a change still to come may be taken back; one that happened may not: that starts again
    assert sim.update(shift=["400:0.2,0.8"]) is False and sim.step_count == 500
    assert sim.update(shift=["450:0.2,0.8"]) is True and sim.step_count == 0
    sim.advance(500)
    assert sim.update(world=PRESETS["fair-die"]) is True


def test_rivals_follow_the_leads_change_in_place():
    from engine.experiments import Race

    race = Race(Simulation(Settings(learning_rate=0.05)))
    race.add(learner="anneal")
    race.advance(300)
    race.lead.update(shift=["300:0.2,0.8"])
    race.sync()
    assert [sim.step_count for sim in race.learners] == [300, 300]
    race.advance(200)
    (rival,) = race.rivals
    assert rival.settings.world == race.lead.settings.world
    assert np.array_equal(rival.history.column("outcome"), race.lead.history.column("outcome"))
    assert list(rival.snapshot().p) == [0.2, 0.8]


# --- sessions and scenes ------------------------------------------------------------------


def test_a_session_with_a_shift_saves_and_replays_exactly(tmp_path):
    sim = Simulation(shifted("200-400:0.5,0.5", learner="anneal", seed=3))
    sim.advance(450)
    sim.update(shift=[*(c.text() for c in sim.settings.shift), "450:0.1,0.9"], temperature=0.5)
    sim.advance(300)
    path = tmp_path / "run.json"
    save_session(Session.of(sim), path)
    data = json.loads(path.read_text())
    assert data["settings"]["shift"] == ["200-400:0.5,0.5"]
    assert data["changes"] == [
        [450, {"shift": ["200-400:0.5,0.5", "450:0.1,0.9"], "temperature": 0.5}]
    ]
    _, again, _ = open_session(path)
    assert again.settings == sim.settings and again.state() == sim.state()
    assert np.array_equal(again.history.column("outcome"), sim.history.column("outcome"))
    assert np.array_equal(again.history.column("kl"), sim.history.column("kl"))
    # going on from the saved state is the run going on
    again.advance(100)
    sim.advance(100)
    assert again.state() == sim.state()


def test_a_session_whose_change_rewrites_the_past_is_refused(tmp_path):
    sim = Simulation(shifted("200:0.5,0.5"))
    sim.advance(300)
    data = Session.of(sim).to_dict()
    data["changes"] = [[250, {"shift": ["100:0.5,0.5"]}]]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SessionError, match="change 1: the world's changes before step 250 cannot"):
        load_session(path)
    data["changes"] = [[250, {"shift": ["200:0.5,0.5", "260:0.5,0.4"]}]]
    path.write_text(json.dumps(data))
    with pytest.raises(SessionError, match=r"change 1: .*not a distribution: .*sum to 0\.9"):
        load_session(path)


def test_a_scene_sets_a_shift_and_a_bad_one_is_named():
    base = {"format": 1, "title": "T", "caption": "C", "question": "Q", "answer": "A"}
    scene = scene_from_dict({**base, "setup": {"world": "weather", "shift": ["10:0.5,0.5"]}})
    assert scene.settings.shift == (WorldChange(10, (0.5, 0.5)),)
    with pytest.raises(LessonError, match=r'"shift" 10:0\.5,0\.2,0\.3: 3 probabilities, but this'):
        scene_from_dict({**base, "setup": {"shift": ["10:0.5,0.2,0.3"]}})
    with pytest.raises(LessonError, match='"shift" must be a list of changes'):
        scene_from_dict({**base, "setup": {"shift": 10}})


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        (["2000"], "write STEP:P1,P2,"),
        (["x:0.5,0.5"], "write STEP:P1,P2,"),
        (["-3:0.5,0.5"], "step -3 is out of range"),
        (["200000000:0.5,0.5"], "step 200000000 is out of range"),
        (["100-50:0.5,0.5"], "a drift must end after it starts"),
        (["100:0.2,0.3,0.5"], "3 probabilities, but this world has 2 outcomes"),
        (["100:0.2,0.3"], "not a distribution: probabilities sum to 0.5, not 1"),
        (["100:-0.5,1.5"], "not a distribution"),
        (["100:0.5,0.5", "50:0.5,0.5"], "before the change before it ends"),
        (["100-300:0.5,0.5", "200:0.5,0.5"], "before the change before it ends"),
        ([f"{i}:0.5,0.5" for i in range(101)], "101 changes of the world; at most 100"),
    ],
)
def test_bad_shifts_are_named(shift, message):
    with pytest.raises(SettingsError, match=message.replace("(", r"\(")):
        settings_from_mapping({"world": "weather", "shift": shift})


# --- the command line -----------------------------------------------------------------------


def test_cli_run_with_a_shift_measures_against_the_new_p(cli):
    ran = cli("run", "--steps", "3000", "--lr", "0.05", "--shift", "1500:0.2,0.8", "--json")
    assert ran.returncode == 0, ran.stderr
    summary = json.loads(ran.stdout)
    sim = Simulation(shifted("1500:0.2,0.8", learning_rate=0.05))
    sim.advance(3000)
    snap = sim.snapshot()
    assert summary["kl"] == pytest.approx(snap.kl / math.log(2), abs=1e-9)
    assert summary["entropy"] == pytest.approx(float(entropy(np.array([0.2, 0.8]), "bits")))
    text = cli("run", "--steps", "100", "--shift", "50:0.5,0.5", "--shift", "60-90:0.1,0.9")
    assert (
        text.returncode == 0
        and "the world changes (--shift): 50:0.5,0.5 60-90:0.1,0.9" in text.stdout
    )


def test_cli_run_with_a_shift_saves_a_session_that_opens_the_same(cli, tmp_path):
    path = tmp_path / "s.json"
    ran = cli("run", "--steps", "800", "--shift", "400-600:0.3,0.7", "--save", str(path), "--json")
    assert ran.returncode == 0, ran.stderr
    again = cli("run", "--open", str(path), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(ran.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--shift", "2000"), "--shift 2000: write STEP:P1,P2,"),
        (("--shift", "-1:0.5,0.5"), "--shift -1:0.5,0.5: step -1 is out of range"),
        (("--shift", "99999999999:0.5,0.5"), "step 99999999999 is out of range"),
        (("--shift", "10:0.1,0.2,0.7"), "--shift 10:0.1,0.2,0.7: 3 probabilities, but this world"),
        (("--shift", "10:0.1,0.2"), "--shift 10:0.1,0.2: not a distribution: probabilities sum"),
        (("--shift", "10:0.5,0.5", "--shift", "5:0.5,0.5"), "before the change before it ends"),
    ],
)
def test_cli_bad_shifts_are_one_line_and_exit_2(cli, args, message):
    ran = cli("run", "--steps", "10", *args)
    assert ran.returncode == 2 and ran.stdout == ""
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], ran.stderr


def test_cli_sweep_refuses_a_shift(cli):
    ran = cli("sweep", "--shift", "10:0.5,0.5", "--agents", "2", "--steps", "5")
    assert ran.returncode == 2 and "--shift is for run and the window" in ran.stderr


# --- the window ------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    QSettings().clear()
    w = MainWindow(Settings(seed=3, learning_rate=0.05), speed=5.0, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.timer.stop()


def bars_of_p(window) -> list[float]:
    return list(window.belief_view.truth.opts["height"])


def test_changing_the_world_now_goes_on_and_every_view_of_p_follows(window, qtbot):
    from gui import actions

    assert actions.BY_NAME["world_now"].slot == "change_world_now"
    window.race.advance(400)
    window.redraw()
    assert window.landscape_view.landscape.global_minimum.coords[0] == pytest.approx(0.8, abs=0.01)
    with qtbot.waitSignal(window.frameDrawn):
        window.change_world_now((0.2, 0.8))
    assert window.sim.step_count == 400  # not started again
    assert window.settings.shift == (WorldChange(400, (0.2, 0.8)),)
    assert window.sim.journal == [(400, {"shift": window.settings.shift})]
    assert bars_of_p(window) == pytest.approx([0.2, 0.8])
    assert window.landscape_view.landscape.global_minimum.coords[0] == pytest.approx(0.2, abs=0.01)
    window.race.advance(300)
    window.redraw()
    snap = window.sim.snapshot()
    assert window.readouts is not None and list(snap.p) == [0.2, 0.8]
    text = window.surprise_view.gap_label.text()
    assert f"{snap.kl / math.log(2):.3f}" in text or f"{snap.kl / math.log(2):.4f}" in text
    # H(p) on the time plot is the frame's curve, and the gap is filled between the curves
    x, y = window.surprise_view.floor.getData()
    curve = window.sim.frame().entropy
    assert np.array_equal(x, curve.x) and np.allclose(y, curve.y / math.log(2))
    assert window.surprise_view.gap_fill is not None
    # a second change now replaces nothing before it and goes on in place too
    window.change_world_now((0.5, 0.5))
    assert window.sim.step_count == 700 and len(window.settings.shift) == 2
    window.reset()
    assert window.sim.step_count == 0 and bars_of_p(window) == pytest.approx([0.8, 0.2])


def test_a_drifting_world_redraws_its_landscape_every_few_hundred_steps(window, qtbot):
    from gui.runner import LANDSCAPE_EVERY

    window.change_setting("world", shifted("100-1100:0.2,0.8").world)
    landscapes = []
    window.runner.worldChanged.connect(lambda: landscapes.append(window.runner.landscape()))
    for _ in range(24):
        window.race.advance(50)
        window.redraw()
    # once per LANDSCAPE_EVERY steps of the drift, and at its end: never every frame
    assert len(landscapes) == 1000 // LANDSCAPE_EVERY
    assert landscapes[-1].global_minimum.coords[0] == pytest.approx(0.2, abs=0.01)
    assert bars_of_p(window) == pytest.approx([0.2, 0.8])


def test_changing_the_world_now_asks_for_p_and_a_bad_one_is_named(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    typed = iter([("0.3, 0.3", True), ("0.3, 0.3, 0.4", True), ("0.25 0.75", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(typed))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: warnings.append(text))
    window.race.advance(10)
    window.change_world_now()
    assert "sum to 0.6" in warnings[0] and "3 probabilities, but this world has 2" in warnings[1]
    assert window.settings.shift == (WorldChange(10, (0.25, 0.75)),)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    window.change_world_now()  # cancelled: nothing changes
    assert window.settings.shift == (WorldChange(10, (0.25, 0.75)),)
