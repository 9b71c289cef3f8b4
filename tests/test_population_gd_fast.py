"""Population gd on the free belief (engine.population.Population._gd_free_many), issue 14.

Each slice of the agents draws its own outcomes on its own thread, from a copy of the outcome
stream jumped ahead to its numbers: the outcomes, and the stream left behind, must be exactly
those of one draw for all agents (``World.sample``).  The single-precision step must keep the
reported figures (mean surprise, H(p,q), D(p‖q), final q) within 1e-6 of double precision.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import engine.population as population
from engine.experiments import population_result
from engine.population import Population, _streams, agent_slices
from engine.settings import Settings
from engine.worlds import PRESETS, WorldChange, custom_world

FLOAT32_TOLERANCE = 1e-6


def _sliced(monkeypatch, threads: int) -> None:
    """Small populations cut into ``threads`` slices, each on a thread."""
    monkeypatch.setattr(population, "THREADS", threads)
    monkeypatch.setattr(population, "THREAD_MIN_AGENTS", 64)
    monkeypatch.setattr(population, "THREAD_MIN_AGENT_STEPS", 1)


def _drawn_for_all(settings: Settings, agents: int, steps: int) -> tuple[np.ndarray, float]:
    """The outcomes one draw for all agents gives, and the stream's next number after it."""
    rng = _streams(settings.seed)[0]
    outcomes = settings.world.sample(rng, (steps, agents))
    return outcomes, rng.random()


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("world", ["loaded-die", "weather", "weird-die"])
def test_each_slice_draws_the_outcomes_one_draw_for_all_gives(monkeypatch, threads, world):
    _sliced(monkeypatch, threads)
    settings = Settings(world=PRESETS[world], belief="free", learning_rate=0.3, seed=17)
    agents = 333  # slices of uneven width
    assert len(agent_slices(agents, 10)) == threads
    pop = Population(settings, agents)
    blocks = [pop.advance(n) for n in (1, 40, 9)]
    outcomes = np.concatenate([trace.outcomes for trace in blocks])
    expected, next_number = _drawn_for_all(settings, agents, 50)
    assert np.array_equal(outcomes, expected)
    assert pop._outcome_rng.random() == next_number  # the stream is left where it should be
    counts = np.stack([(expected == x).sum(axis=0) for x in range(settings.world.size)])
    assert np.array_equal(pop._counts, counts)


def test_many_chunks_draw_the_same_outcomes_with_or_without_the_history(monkeypatch):
    _sliced(monkeypatch, 2)
    monkeypatch.setattr(population, "CHUNK_NUMBERS", 5_000)  # several chunks a call
    settings = Settings(world=PRESETS["loaded-die"], belief="free", seed=4)
    recorded, quiet = Population(settings, 200), Population(settings, 200)
    trace = recorded.advance(120)
    quiet.advance(120, record=False)
    expected, next_number = _drawn_for_all(settings, 200, 120)
    assert np.array_equal(trace.outcomes, expected)
    assert np.array_equal(recorded._counts, quiet._counts)
    assert np.array_equal(recorded.params, quiet.params)
    assert np.array_equal(recorded.surprise_sum, quiet.surprise_sum)
    assert quiet._outcome_rng.random() == next_number


def test_a_changing_world_still_draws_its_outcomes_in_one_go(monkeypatch):
    _sliced(monkeypatch, 2)
    world = PRESETS["loaded-die"].with_changes([WorldChange(step=30, p=(1 / 6,) * 6)])
    settings = Settings(world=world, belief="free", seed=9)
    pop = Population(settings, 150)
    trace = pop.advance(60)
    expected, next_number = _drawn_for_all(settings, 150, 60)
    assert np.array_equal(trace.outcomes, expected)
    assert pop._outcome_rng.random() == next_number


@pytest.mark.parametrize("float32", [True, False])
def test_the_threads_never_change_a_result(monkeypatch, float32):
    """Two threads and one, on the same slices: every bit the same."""
    settings = Settings(world=PRESETS["weird-die"], belief="free", learning_rate=0.05, seed=2)
    results = []
    for threads in (1, 2):
        _sliced(monkeypatch, 2)
        slices = agent_slices(256, 100)
        monkeypatch.setattr(population, "agent_slices", lambda agents, steps, s=slices: s)
        monkeypatch.setattr(population, "THREADS", threads)
        pop = Population(settings, 256, float32=float32)
        trace = pop.advance(100)
        pop.advance(150, record=False)
        results.append((pop.params, pop.surprise_sum, trace.surprises, trace.params))
    for a, b in zip(*results, strict=True):
        assert np.array_equal(a, b)


def _figures(pop: Population, steps: int) -> np.ndarray:
    result = population_result(pop, None, steps)
    return np.concatenate(
        [result.mean_surprise, result.cross_entropy, result.kl, pop.probs().ravel()]
    )


@hypothesis_settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    weights=st.lists(st.integers(1, 20), min_size=2, max_size=12),
    lr=st.floats(0.001, 3.0),
    seed=st.integers(0, 2**32 - 1),
    steps=st.integers(1, 1500),
)
def test_single_precision_keeps_every_reported_figure_within_1e_6(weights, lr, seed, steps):
    world = custom_world(weights, normalise=True)
    settings = Settings(world=world, belief="free", learning_rate=lr, seed=seed)
    single, double = (Population(settings, 64, float32=f) for f in (True, False))
    for pop in (single, double):
        pop.advance(steps, record=False)
    assert np.array_equal(single._counts, double._counts)  # the same outcomes
    np.testing.assert_allclose(
        _figures(single, steps), _figures(double, steps), rtol=0, atol=FLOAT32_TOLERANCE
    )


def test_single_precision_surprises_step_by_step_within_1e_6():
    settings = Settings(world=PRESETS["loaded-die"], belief="free", learning_rate=0.1, seed=6)
    single, double = (Population(settings, 500, float32=f) for f in (True, False))
    for _ in range(3):
        a, b = single.advance(400), double.advance(400)
        np.testing.assert_allclose(a.surprises, b.surprises, rtol=0, atol=FLOAT32_TOLERANCE)
        np.testing.assert_allclose(a.params, b.params, rtol=0, atol=FLOAT32_TOLERANCE)
    assert not np.array_equal(single.params, double.params)  # single precision did differ


# --- single precision: exp(z) taken once per EXP_EVERY steps, followed in between ------------


@pytest.mark.parametrize("lr", [0.001, 0.03, 0.05, 0.1, 0.125, 0.7])
def test_the_outcomes_factors_keep_their_rounding_errors_from_building_up(lr):
    """Each exp(lr) is a single-precision neighbour of it, and the running sum of their
    relative errors stays within one rounding (rounded to nearest every time, the errors all
    go the same way)."""
    exact = math.exp(lr)
    boosts = population._boosts(lr, 16)
    errors = np.array([float(b) / exact - 1.0 for b in boosts])
    spacing = float(np.spacing(np.float32(exact))) / exact
    assert all(b.dtype == np.float32 for b in boosts)
    assert np.all(np.abs(errors) < spacing)
    assert np.all(np.abs(np.cumsum(errors)) <= np.abs(errors).max())
    per_agent = population._boosts(np.array([lr, 2 * lr]), 16)  # a sweep's learning rates
    assert np.array_equal([b[0] for b in per_agent], boosts)


@pytest.mark.parametrize("world, lr", [("loaded-die", 0.1), ("weather", 0.05)])
def test_single_precision_leaves_no_bias_in_the_mean_surprise(world, lr):
    """Over 1,000 agents the single-precision mean surprise is not off on average by more
    than 1e-8 nats (one exp(lr) rounded to nearest at every step put it off by 2.4e-8 to
    4.7e-8 in these worlds)."""
    settings = Settings(world=PRESETS[world], belief="free", learning_rate=lr, seed=5)
    assert lr <= population.PADE_MAX_LR and population.EXP_EVERY > 1  # the followed steps
    single, double = (Population(settings, 1000, float32=f) for f in (True, False))
    for pop in (single, double):
        pop.advance(2000, record=False)
    offset = (single.surprise_sum - double.surprise_sum) / 2000
    assert abs(offset.mean()) < 1e-8
    assert np.abs(offset).max() < FLOAT32_TOLERANCE / 10


def test_a_block_longer_than_65535_steps_still_counts_every_outcome(monkeypatch):
    """The counts come from tallies of the numbers past each edge, in 16 bits up to 65,535
    steps a block and in full-size integers beyond."""
    monkeypatch.setattr(population, "CHUNK_NUMBERS", 1 << 22)
    settings = Settings(world=PRESETS["weather"], belief="free", learning_rate=0.1, seed=3)
    pop = Population(settings, 2)
    pop.advance(70_000, record=False)  # one block
    expected, next_number = _drawn_for_all(settings, 2, 70_000)
    counts = np.stack([(expected == x).sum(axis=0) for x in range(2)])
    assert np.array_equal(pop._counts, counts)
    assert pop._outcome_rng.random() == next_number


def test_a_sweep_of_small_learning_rates_follows_exp_z_per_agent():
    """A sweep's agents each have their own exp(lr) factors: each group agrees with a
    population of its own, and with double precision, within the single-precision tolerance."""
    settings = Settings(world=PRESETS["loaded-die"], belief="free", seed=11)
    rates = [0.02, 0.1, 0.125]
    assert max(rates) <= population.PADE_MAX_LR
    swept = Population(settings, 200, vary=("learning_rate", rates))
    swept.advance(600, record=False)
    for g, lr in enumerate(rates):
        group = slice(200 * g, 200 * (g + 1))
        for float32 in (True, False):
            alone = Population(settings.replace(learning_rate=lr), 200, float32=float32)
            alone.advance(600, record=False)
            np.testing.assert_allclose(
                swept.params[:, group], alone.params, rtol=0, atol=FLOAT32_TOLERANCE
            )
            np.testing.assert_allclose(
                swept.surprise_sum[group] / 600, alone.surprise_sum / 600, atol=FLOAT32_TOLERANCE
            )
