from __future__ import annotations

import math

import numpy as np
import pytest

from engine.history import History
from engine.measures import cross_entropy, entropy, kl_divergence
from engine.settings import Settings, SettingsError
from engine.simulation import Simulation
from engine.worlds import PRESETS


def loaded(**kw) -> Settings:
    return Settings(world=PRESETS["loaded-die"], belief="hunch", **kw)


@pytest.mark.parametrize("learner", ["gd", "anneal", "none"])
@pytest.mark.parametrize("belief", ["free", "hunch"])
def test_same_seed_same_run_whatever_the_chunking(learner, belief):
    settings = Settings(world=PRESETS["loaded-die"], belief=belief, learner=learner, seed=7)
    a = Simulation(settings)
    a.advance(300)
    b = Simulation(settings)
    for n in (1, 2, 50, 47, 200):
        b.advance(n)
    assert a.step_count == b.step_count == 300
    assert np.array_equal(a.history.column("outcome"), b.history.column("outcome"))
    assert a.snapshot().q == pytest.approx(b.snapshot().q, abs=1e-12)


def test_outcome_stream_does_not_depend_on_the_learner():
    gd = Simulation(loaded(learner="gd", seed=3))
    anneal = Simulation(loaded(learner="anneal", seed=3))
    gd.advance(500)
    anneal.advance(500)
    assert np.array_equal(gd.history.column("outcome"), anneal.history.column("outcome"))


def test_reset_returns_to_step_zero_and_repeats_the_outcomes():
    sim = Simulation(Settings(seed=11))
    sim.advance(100)
    first = sim.history.column("outcome").copy()
    sim.reset()
    assert sim.step_count == 0 and len(sim.history) == 0
    assert math.isnan(sim.snapshot().mean_surprise)
    sim.advance(100)
    assert np.array_equal(first, sim.history.column("outcome"))


def test_snapshot_numbers_match_an_independent_computation():
    sim = Simulation(loaded(learner="gd", seed=5))
    sim.advance(777)
    snap = sim.snapshot()
    p = np.array(PRESETS["loaded-die"].p)
    mu, a = snap.params
    faces = np.arange(1, 7)
    bump = np.exp(-((faces - mu) ** 2) / (2 * 0.6**2))
    q = (1 - a) / 6 + a * bump / bump.sum()
    assert snap.q == pytest.approx(q, abs=1e-12)
    assert snap.cross_entropy == pytest.approx(-(p * np.log(q)).sum(), abs=1e-12)
    assert snap.kl == pytest.approx((p * np.log(p / q)).sum(), abs=1e-12)
    assert snap.entropy == pytest.approx(-(p * np.log(p)).sum(), abs=1e-12)
    assert snap.perplexity == pytest.approx(math.exp(snap.cross_entropy))
    surprises = sim.history.column("surprise")
    assert snap.mean_surprise == pytest.approx(surprises.mean(), abs=1e-9)
    bits = snap.in_units("bits")
    assert bits["cross_entropy"] == pytest.approx(snap.cross_entropy / math.log(2), abs=1e-12)


def test_history_rows_match_their_beliefs():
    sim = Simulation(Settings(world=PRESETS["weird-die"], seed=2))
    sim.advance(200)
    h = sim.history
    p = np.array(PRESETS["weird-die"].p)
    q = h.column("q")
    assert h.column("cross_entropy") == pytest.approx(cross_entropy(p, q, "nats"), abs=1e-12)
    assert h.column("kl") == pytest.approx(kl_divergence(p, q, "nats"), abs=1e-12)
    assert h.column("entropy") == pytest.approx(np.full(200, entropy(p, "nats")))
    # surprise at step t is -log of the belief held *before* outcome t
    held = np.vstack([np.full(4, 0.25), q[:-1]])
    outcomes = h.column("outcome").astype(int)
    assert h.column("surprise") == pytest.approx(-np.log(held[np.arange(200), outcomes]), abs=1e-12)


def test_learning_rate_changes_mid_run_without_reset():
    sim = Simulation(Settings(seed=1))
    sim.advance(50)
    before = sim.snapshot().q.copy()
    assert sim.update(learning_rate=2.0) is False
    assert sim.step_count == 50 and sim.snapshot().q == pytest.approx(before)
    sim.advance(1)
    assert sim.settings.learning_rate == 2.0


def test_temperature_and_cooling_change_mid_run():
    sim = Simulation(
        loaded(learner="anneal", temperature=1.0, cooling="geometric", cooling_rate=0.99)
    )
    sim.advance(100)
    assert sim.snapshot().temperature == pytest.approx(0.99**100)
    sim.update(temperature=0.5)
    assert sim.step_count == 100
    assert sim.snapshot().temperature == pytest.approx(0.5)
    sim.update(cooling="log")
    sim.advance(10)
    assert sim.snapshot().temperature == pytest.approx(0.5 / (1 + math.log1p(10)))
    sim.update(cooling="constant")
    sim.advance(10)
    assert sim.snapshot().temperature == pytest.approx(0.5)


def test_world_change_resets_but_keeps_other_settings():
    sim = Simulation(Settings(learning_rate=0.7))
    sim.advance(10)
    assert sim.update(world=PRESETS["fair-die"]) is True
    assert sim.step_count == 0 and sim.settings.learning_rate == 0.7


def test_zero_temperature_only_goes_downhill():
    sim = Simulation(loaded(learner="anneal", temperature=0.0, cooling="constant"))
    snap = sim.advance(2000)
    assert snap.temperature == 0.0
    # With only downhill moves the agent stays in the well it started near (μ = 5).
    assert snap.params[0] > 3.5
    assert 0.0 <= snap.acceptance_rate <= 0.1


def test_acceptance_rate_is_over_the_last_hundred_proposals():
    sim = Simulation(loaded(learner="anneal", temperature=0.5, cooling="constant", seed=4))
    sim.advance(250)
    acc = sim.history.column("acceptance")
    accepted = sim.population._accepted_ring[:, 0]
    assert acc[-1] == pytest.approx(accepted.mean())
    assert sim.snapshot().acceptance_rate == pytest.approx(acc[-1])


def test_history_memory_is_bounded_and_evenly_thinned():
    sim = Simulation(Settings(seed=0), history_capacity=1000)
    for _ in range(30):
        sim.advance(997)
    h = sim.history
    assert len(h) <= 1000
    steps = h.steps
    assert np.all(np.diff(steps) == h.stride)
    assert steps[-1] > 29_000 - h.stride
    assert h.stride in (32, 64)


def test_history_append_keeps_only_stride_rows():
    h = History({"v": 1}, capacity=4)
    h.append(np.arange(1, 11), {"v": np.arange(1, 11)})
    assert h.steps.tolist() == [4, 8]
    assert h.column("v").tolist() == [4.0, 8.0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"learning_rate": -1.0}, "learning rate is -1"),
        ({"learning_rate": float("nan")}, "learning rate is NaN"),
        ({"temperature": 1e9}, "temperature is 1e\\+09"),
        ({"learner": "magic"}, "unknown learner 'magic'"),
        ({"cooling": "fast"}, "unknown cooling 'fast'"),
        ({"gd_window": 0}, "window is 0"),
        ({"seed": -3}, "seed is -3"),
        ({"learning_rate": "fast"}, "learning rate must be a number"),
    ],
)
def test_absurd_settings_are_refused_and_the_run_is_kept(change, message):
    sim = Simulation(Settings(seed=1))
    sim.advance(20)
    with pytest.raises(SettingsError, match=message):
        sim.update(**change)
    assert sim.step_count == 20 and sim.settings == Settings(seed=1)


def test_no_learner_keeps_the_belief_and_the_mean_surprise_converges_on_cross_entropy():
    # The weather with a 50/50 belief: every outcome costs exactly 1 bit (seed 000's example).
    sim = Simulation(Settings(learner="none", seed=5))
    sim.advance(2_000)
    snap = sim.snapshot()
    assert snap.q == pytest.approx([0.5, 0.5], abs=0)
    assert np.all(sim.history.column("surprise") == pytest.approx(math.log(2)))
    assert snap.cross_entropy / math.log(2) == pytest.approx(1.0, abs=1e-12)
    # A fixed, wrong belief on the loaded die: the running mean tends to H(p,q).
    sim = Simulation(Settings(world=PRESETS["fair-die"], learner="none", start=(0, 0, 0, 1, 0, 0)))
    sim.advance(20_000)
    snap = sim.snapshot()
    p = PRESETS["fair-die"].probabilities
    assert snap.cross_entropy == pytest.approx(float(cross_entropy(p, np.asarray(snap.q), "nats")))
    assert sim.history.column("mean_surprise")[-1] == pytest.approx(snap.cross_entropy, rel=0.02)


def test_a_start_is_dropped_when_the_world_or_belief_no_longer_fits_it():
    sim = Simulation(Settings(learner="none", start=(0.0, -1.0)))
    sim.advance(3)
    assert sim.update(world=PRESETS["fair-die"]) is True
    assert sim.settings.start is None
    assert sim.snapshot().q == pytest.approx([1 / 6] * 6)
    sim = Simulation(Settings(learner="none", start=(0.0, -1.0)))
    sim.update(learner="gd")  # same world and belief: the start is kept
    assert sim.settings.start == (0.0, -1.0)
