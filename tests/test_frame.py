"""The frame: what the engine hands the views each tick, and the peak decimation in it."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.frame import FRAME_COLUMNS, PeakDecimator, RaceFrame, column_size, peak_decimate
from engine.settings import Settings
from engine.simulation import Simulation
from engine.worlds import PRESETS

LN2 = math.log(2)
ROOT = Path(__file__).resolve().parent.parent


def h_pq(p, q) -> float:
    """H(p,q) in nats, written out term by term (0 · log 0 = 0)."""
    return -math.fsum(pi * math.log(qi) for pi, qi in zip(p, q, strict=True) if pi > 0)


# --- peak decimation ----------------------------------------------------------------------------


@given(st.integers(0, 2 * 50 + 1), st.integers(0, 2**32 - 1))
def test_a_short_history_is_passed_through_unchanged(n, seed):
    rng = np.random.default_rng(seed)
    x, y = np.arange(1, n + 1), rng.normal(size=n)
    curve = peak_decimate(x, y, columns=50)
    assert np.array_equal(curve.x, x) and np.array_equal(curve.y, y)


@given(st.integers(0, 199_999), st.sampled_from([1.0, -1.0]))
@settings(max_examples=30, deadline=None)
def test_a_single_spike_in_a_long_history_survives(where, sign):
    n = 200_000
    y = np.full(n, 0.5)
    y[where] = 0.5 + sign * 7.0
    x = np.arange(1, n + 1)
    curve = peak_decimate(x, y)
    assert len(curve) <= 2 * FRAME_COLUMNS + 1
    hit = np.flatnonzero(curve.y == y[where])
    assert len(hit) == 1 and curve.x[hit[0]] == x[where]  # drawn, at its own step


@given(
    st.integers(2 * 20 + 2, 5000),
    st.integers(1, 20),
    st.integers(0, 2**32 - 1),
)
@settings(max_examples=60, deadline=None)
def test_decimation_keeps_every_extreme_and_only_real_points(n, columns, seed):
    rng = np.random.default_rng(seed)
    y = np.cumsum(rng.normal(size=n)) * rng.choice([1e-6, 1.0, 1e6])
    x = np.arange(3, 3 + n)  # steps need not start at 1
    curve = peak_decimate(x, y, columns)
    assert len(curve) <= 2 * columns + 1
    assert curve.y.max() == y.max() and curve.y.min() == y.min()
    assert np.all(np.diff(curve.x) >= 0)  # in time order
    assert curve.x[-1] == x[-1] and curve.y[-1] == y[-1]  # ends where the run is now
    rows = (curve.x - 3).astype(int)
    assert np.array_equal(y[rows], curve.y)  # every point is a real row
    # Every stretch of the run reaches the screen: each column's extremes are drawn.
    size = column_size(n - 1, columns)
    for start in range(0, n - 1, size):
        block = y[start : min(start + size, n - 1)]
        assert block.max() in curve.y[(rows >= start) & (rows < start + size)]


@given(st.lists(st.integers(1, 700), min_size=1, max_size=25), st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_decimating_as_the_history_grows_equals_decimating_it_whole(blocks, seed):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=sum(blocks))
    x = np.arange(1, len(y) + 1)
    decimator = PeakDecimator(columns=30)
    end = 0
    for size in blocks:
        end += size
        grown = decimator.curve(x[:end], y[:end])
        whole = peak_decimate(x[:end], y[:end], columns=30)
        assert np.array_equal(grown.x, whole.x) and np.array_equal(grown.y, whole.y)


def test_decimation_needs_a_column():
    with pytest.raises(ValueError):
        PeakDecimator(columns=0)


# --- a learner's frame ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "belief, learner", [("hunch", "anneal"), ("hunch", "gd"), ("free", "anneal"), ("free", "gd")]
)
def test_a_frame_shows_what_an_independent_computation_gives(belief, learner):
    world = PRESETS["loaded-die"]
    sim = Simulation(Settings(world=world, belief=belief, learner=learner, seed=11))
    sim.advance(1000)
    frame = sim.frame()
    p = world.probabilities
    family = sim.family
    snap = frame.snapshot
    assert frame.step == 1000 and frame.settings == sim.settings
    assert snap.cross_entropy == pytest.approx(h_pq(p, snap.q), abs=1e-9)
    assert np.allclose(frame.position, family.coords(snap.params[:, None])[:, 0], atol=1e-12)
    # The trail: the last positions, oldest first, with their own H(p,q).
    trail = sim.trail()
    assert frame.trail.shape == (len(frame.position), len(trail))
    assert np.allclose(frame.trail, family.coords(trail.T), atol=1e-12)
    for params, value in zip(trail, frame.trail_cross_entropy, strict=True):
        q = family.probs(params[:, None])[:, 0]
        assert value == pytest.approx(h_pq(p, q), abs=1e-9)
    assert np.array_equal(trail[-1], snap.params)
    rejected = sim.rejected()
    assert frame.rejected.shape == (len(frame.position), len(rejected))
    if learner == "anneal":
        assert len(rejected) > 0
        assert np.allclose(frame.rejected, family.coords(rejected.T), atol=1e-12)
    # The time curves: the history, each step's running mean checked by hand.
    h = sim.history
    assert np.array_equal(frame.cross_entropy.x, h.steps)  # 1,000 rows: all of them
    surprises = h.column("surprise")
    assert frame.mean_surprise.y[-1] == pytest.approx(surprises.mean(), abs=1e-9)
    assert frame.mean_surprise.y[99] == pytest.approx(surprises[:100].mean(), abs=1e-9)
    assert frame.cross_entropy.y[-1] == pytest.approx(snap.cross_entropy, abs=1e-12)


def test_a_frame_is_frozen():
    sim = Simulation(Settings(belief="hunch", world=PRESETS["loaded-die"], learner="anneal"))
    sim.advance(50)
    frame = sim.frame()
    with pytest.raises(dataclasses.FrozenInstanceError):
        frame.position = np.zeros(2)  # type: ignore[misc]
    for array in (
        frame.position,
        frame.trail,
        frame.trail_cross_entropy,
        frame.rejected,
        frame.cross_entropy.x,
        frame.cross_entropy.y,
        frame.mean_surprise.y,
        frame.snapshot.q,
    ):
        assert not array.flags.writeable
    before = frame.trail.copy()
    sim.advance(30)
    assert np.array_equal(frame.trail, before)  # the run goes on; the frame does not change


def test_a_frame_is_made_once_per_step_and_setting():
    sim = Simulation(Settings(seed=2))
    sim.advance(10)
    first = sim.frame()
    assert sim.frame() is first  # drawn again: nothing worked out again
    sim.update(learning_rate=0.25)
    changed = sim.frame()
    assert changed is not first and changed.settings.learning_rate == 0.25
    sim.advance(1)
    assert sim.frame().step == 11
    sim.reset()
    assert sim.frame().step == 0 and len(sim.frame().cross_entropy) == 0


def test_the_frame_follows_a_history_that_thins_itself():
    """A small history thins (its rows move) while frames are drawn: no stale columns."""
    sim = Simulation(Settings(seed=5, learner="anneal"), history_capacity=3000)
    for _ in range(40):
        sim.advance(397)
        frame = sim.frame()
        h = sim.history
        whole = peak_decimate(h.steps, h.column("cross_entropy"))
        assert np.array_equal(frame.cross_entropy.x, whole.x)
        assert np.array_equal(frame.cross_entropy.y, whole.y)
    assert sim.history.stride > 1  # it did thin


def test_a_restored_run_draws_the_same_trail():
    settings_ = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=8)
    sim = Simulation(settings_)
    sim.advance(300)
    again = Simulation(settings_)
    again.restore(sim.state())
    a, b = sim.frame(), again.frame()
    assert np.array_equal(a.trail, b.trail) and np.array_equal(a.rejected, b.rejected)
    assert np.allclose(a.trail_cross_entropy, b.trail_cross_entropy, rtol=0, atol=1e-12)
    assert np.array_equal(a.position, b.position)


def test_a_race_frame_holds_the_lead_then_each_rival():
    from engine.experiments import Race

    race = Race(Simulation(Settings(seed=3)))
    race.add(learner="anneal")
    race.add(learner="none")
    race.advance(40)
    frame = RaceFrame.of(race.learners)
    assert frame.lead.settings.learner == "gd" and frame.step == 40
    assert [f.settings.learner for f in frame.rivals] == ["anneal", "none"]
    assert all(f.step == 40 for f in frame.learners)
    # the time plot draws the lead's running mean alone: the rivals' is not worked out
    assert len(frame.lead.mean_surprise.y) == 40
    assert all(f.mean_surprise is None for f in frame.rivals)
    assert all(len(f.cross_entropy.y) == 40 for f in frame.learners)


# --- views take frames -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["panels.py", "race.py", "main_window.py", "runner.py"])
def test_views_do_no_model_maths(name):
    """Positions, trails and curves come in the frame; no view works them out again."""
    source = (ROOT / "gui" / name).read_text(encoding="utf-8")
    for banned in (
        ".coords(",
        ".probs(",
        "cross_entropy(",
        "kl_divergence(",
        ".history",
        ".trail()",
        ".rejected()",
    ):
        assert banned not in source, (name, banned)


def test_the_window_draws_a_spike_of_a_long_run(qtbot):
    """Past 1,001 rows the time curve is decimated: its highest point is still drawn."""
    from gui.main_window import MainWindow

    world = PRESETS["loaded-die"]
    w = MainWindow(Settings(world=world, belief="hunch", learner="anneal", seed=1), remember=False)
    qtbot.addWidget(w)
    w.show()
    w.add_rival(learner="gd")
    with qtbot.waitSignal(w.runner.frameReady) as shown:
        w.race.advance(30_000)
        w.redraw()
    frame = shown.args[0]
    assert isinstance(frame, RaceFrame) and frame.step == 30_000
    h = w.sim.history
    xs, ys = w.surprise_view.cross.getData()
    assert len(xs) <= 2 * FRAME_COLUMNS + 1 < len(h)
    # (Every 30th row, as the views once drew, misses both learners' highest H(p,q) here.)
    assert ys.max() == pytest.approx(h.column("cross_entropy").max() / LN2, abs=1e-9)
    assert ys.min() == pytest.approx(h.column("cross_entropy").min() / LN2, abs=1e-9)
    assert ys[-1] == pytest.approx(h.column("cross_entropy")[-1] / LN2, abs=1e-9)
    rival = w.race.rivals[0].history
    _, rival_ys = w.surprise_view.rival_curves[0].getData()
    assert rival_ys.max() == pytest.approx(rival.column("cross_entropy").max() / LN2, abs=1e-9)
    # The agent's dot sits at the frame's position: the hunch's own parameters.
    x, y = w.landscape_view.agent.getData()
    assert (x[0], y[0]) == pytest.approx(tuple(w.sim.snapshot().params), abs=1e-12)
    w.timer.stop()
