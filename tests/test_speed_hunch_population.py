"""Many hunch agents annealing (Population._anneal_hunch) against the general annealing step
(Population._anneal, itself held to the step before issue 14 in test_speed_equivalence.py).

Stated tolerance: identical decisions and parameters (so identical H(p,q) and D(p‖q)); the
surprises, taken as logarithms of a belief built with one exponential per agent, to 1e-12.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.beliefs import HunchBelief
from engine.population import Population
from engine.settings import Settings
from engine.worlds import PRESETS, custom_world

CASES = [
    {},
    {"temperature": 0.0},
    {"temperature": 3.0, "cooling": "constant", "step_size": 3.0},
    {"cooling": "log", "cooling_rate": 2.0},
    {"anneal_window": 5},
]


def _general(settings: Settings, agents: int, **kwargs) -> Population:
    pop = Population(settings, agents, **kwargs)
    pop._anneal_hunch = pop._anneal  # the general step, for the comparison
    return pop


@pytest.mark.parametrize("world", ["loaded-die", "coin", "twelve"])
@pytest.mark.parametrize("changes", CASES, ids=str)
def test_hunch_annealing_matches_the_general_step(world, changes):
    worlds = {
        "loaded-die": PRESETS["loaded-die"],
        "coin": custom_world([0.2, 0.8]),
        "twelve": custom_world([1 / 12] * 6 + [1 / 24] * 4 + [1 / 6] * 2),
    }
    settings = Settings(world=worlds[world], belief="hunch", learner="anneal", seed=31, **changes)
    fast, slow = Population(settings, 50), _general(settings, 50)
    for n, record in ((1, True), (200, False), (333, True), (700, False)):
        a, b = fast.advance(n, record), slow.advance(n, record)
        if record:
            assert np.array_equal(a.accepted, b.accepted)
            assert np.array_equal(a.params, b.params)
            assert np.array_equal(a.proposals, b.proposals)
            np.testing.assert_allclose(a.surprises, b.surprises, rtol=0, atol=1e-12)
        assert np.array_equal(fast.params, slow.params)
        assert np.array_equal(fast.accepted_total, slow.accepted_total)
        assert np.array_equal(fast._accepted_ring, slow._accepted_ring)
        np.testing.assert_allclose(fast.surprise_sum, slow.surprise_sum, rtol=1e-12)


def test_a_temperature_sweep_of_hunch_agents_matches_the_general_step():
    settings = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=4)
    vary = ("temperature", [0.0, 0.1, 0.5, 2.0])
    fast, slow = Population(settings, 40, vary=vary), _general(settings, 40, vary=vary)
    fast.advance(1500, record=False)
    slow.advance(1500, record=False)
    assert np.array_equal(fast.params, slow.params)
    assert np.array_equal(fast.accepted_total, slow.accepted_total)
    np.testing.assert_allclose(fast.surprise_sum, slow.surprise_sum, rtol=1e-12)


@pytest.mark.parametrize("k", [2, 6, 12])
def test_the_one_exponential_belief_is_the_belief(k):
    family = HunchBelief(k)
    rng = np.random.default_rng(k)
    params = np.stack([rng.uniform(1, k, 5000), rng.uniform(0.05, 0.95, 5000)])
    params[:, :4] = [[1.0, float(k), 1.0, float(k)], [0.05, 0.05, 0.95, 0.95]]  # the corners
    q = family.probs_chain_into(params, np.empty((k, 5000)), np.empty(5000))
    np.testing.assert_allclose(q, family.probs(params), rtol=1e-13, atol=0)


@pytest.mark.parametrize("k", [2, 6, 12])
@pytest.mark.parametrize("doubling", [True, False])
def test_the_carried_ratio_gives_the_belief(k, doubling):
    """The ratio P = exp(-2c·μ) carried from move to move (times exp(-2c·δ), clipped as μ
    is), as _anneal_hunch carries it between fresh exponentials, gives q to 1e-13."""
    from engine.population import PRODUCT_RENEW, _HunchChain

    family = HunchBelief(k)
    chain = _HunchChain(family)
    chain.doubling = chain.doubling and doubling
    rng = np.random.default_rng(k)
    agents = 400
    params = np.stack([rng.uniform(1, k, agents), rng.uniform(0.05, 0.95, agents)])
    power = chain.power(params[0], np.empty(agents))
    q, row = np.empty((k, agents)), np.empty(agents)
    for _ in range(PRODUCT_RENEW):
        step = rng.normal(0.0, 0.36 * 3, agents)  # large moves: many reach an edge
        params[0] = np.clip(params[0] + step, 1, k)
        power = np.clip(power * np.exp(chain.two_c * step), chain.lowest, chain.highest)
        params[1] = rng.uniform(0.05, 0.95, agents)
        chain.into(power, params[1], q, row)
        np.testing.assert_allclose(q, family.probs(params), rtol=1e-13, atol=0)


def _exact_cases(rng, pop, unsure):
    k = pop.family.k
    params = np.stack([rng.uniform(1, k, pop.n_agents), rng.uniform(0.05, 0.95, pop.n_agents)])
    q = pop.family.probs(params)
    nearby = params + rng.normal(0, 1e-3, params.shape) * [[1.0], [0.1]]
    q_new = pop.family.probs(pop.family.project(nearby))
    pop._counts[:] = rng.integers(0, 40, pop._counts.shape)
    return q, q_new, unsure


@pytest.mark.parametrize("by_group", [True, False])
def test_the_exact_test_one_by_one_is_the_array_test(by_group, monkeypatch):
    """The plain-float exact test (a handful of agents) decides as the array one does,
    including T = 0 (downhill only), rises of exactly 0 and draws of exactly 0."""
    from engine import population

    settings = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=1)
    pop = Population(settings, 30, vary=("temperature", [0.0, 1e-4, 0.5]))
    rng = np.random.default_rng(7)
    decided = 0
    for trial in range(40):
        unsure = np.sort(rng.choice(pop.n_agents, 12, replace=False))
        q, q_new, unsure = _exact_cases(rng, pop, unsure)
        if trial % 4 == 0:
            q_new[:, unsure[:3]] = q[:, unsure[:3]]  # no rise at all
        draws = rng.random(pop.group_size)
        draws[::5] = 0.0
        temps = np.array([0.0, 1e-4, 0.5]) if by_group else np.float64(trial % 3 * 0.25)
        seen = float(rng.integers(1, 500))
        few = pop._exact_test(q, q_new, unsure, seen, draws, temps, by_group)
        monkeypatch.setattr(population, "EXACT_ONE_BY_ONE", 0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            many = pop._exact_test(q, q_new, unsure, seen, draws, temps, by_group)
        monkeypatch.undo()
        assert isinstance(few, list) and isinstance(many, np.ndarray)
        assert few == many.tolist()
        decided += len(set(few))
    assert decided > 40  # both decisions occur


def test_draws_of_exactly_zero_decide_as_the_general_step():
    """u = 0 (T·(-log u) is inf, or NaN at T = 0) leaves the interval open: the exact test."""
    settings = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=3)
    vary = ("temperature", [0.0, 0.3])
    fast, slow = Population(settings, 40, vary=vary), _general(settings, 40, vary=vary)
    for pop in (fast, slow):
        draw = pop._accept_rng.random

        def zeros_now_and_then(shape, draw=draw):
            u = draw(shape)
            u[::7] = 0.0
            return u

        pop._accept_rng = type("Draws", (), {"random": staticmethod(zeros_now_and_then)})()
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        a, b = fast.advance(300, record=True), slow.advance(300, record=True)
    assert np.array_equal(a.accepted, b.accepted)
    assert np.array_equal(fast.params, slow.params)


def test_the_sweep_comparison_goes_through_the_exact_test(monkeypatch):
    """The interval leaves some agents open in a real sweep, so the comparison with the
    general step above covers the double-precision fallback too."""
    settings = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=4)
    pop = Population(settings, 40, vary=("temperature", [0.0, 0.1, 0.5, 2.0]))
    tested = []
    exact = pop._exact_test
    monkeypatch.setattr(
        pop,
        "_exact_test",
        lambda q, qn, agents, *a: tested.append(agents.size) or exact(q, qn, agents, *a),
    )
    pop.advance(1500, record=False)
    assert sum(tested) > 0


@pytest.mark.parametrize("k", [2, 6, 12])
def test_the_single_precision_interval_never_decides_against_the_exact_test(k):
    """Thresholds placed within 1e-3 to 1e-8 (relative) of each agent's exact rise: wherever
    the interval (in single precision, its rounding bounded) calls the test decided, its
    decision is the exact test's, and it leaves only the closest ones open."""
    from engine.population import _Interval

    world = custom_world(np.linspace(1.0, 2.0, k) / np.linspace(1.0, 2.0, k).sum())
    settings = Settings(world=world, belief="hunch", learner="anneal", seed=5)
    temps_by_group = np.array([0.0, 0.05, 0.5, 2.0])
    size = 2000
    pop = Population(settings, size, vary=("temperature", list(temps_by_group)))
    rng = np.random.default_rng(k)
    agents = pop.n_agents
    decided = 0
    for trial in range(4):
        params = np.stack([rng.uniform(1, k, agents), rng.uniform(0.05, 0.95, agents)])
        moved = params + rng.normal(0, 10.0 ** (trial - 3), params.shape) * [[1.0], [0.1]]
        q, q_new = pop.family.probs(params), pop.family.probs(pop.family.project(moved))
        seen = float(rng.integers(50, 3000))  # every agent has seen as many outcomes
        counts = rng.multinomial(seen, world.probabilities, agents).T.astype(np.float32)
        rise = np.einsum("kn,kn->n", counts.astype(float), np.log(q) - np.log(q_new)) / seen
        # one group's draws, chosen so that T·(-log u) lies just above or below the rise of
        # the first group's agents at T = 2 (the others fall where they fall)
        nudge = rng.choice([-1, 1], size) * 10.0 ** rng.uniform(-8, -3, size)
        wanted = np.abs(rise[-size:]) * (1 + nudge) / 2.0
        draws = np.exp(-wanted)
        neg_log_u = -np.log(draws)
        temps = temps_by_group[None]
        interval = _Interval(pop.family, temps, np.array([seen]), np.array([seen]), {})
        z = (q_new - q) / (q_new + q)
        accept = np.empty(agents, dtype=bool)
        sure = np.empty(agents, dtype=bool)
        interval.prepare(neg_log_u.astype(np.float32)[None], agents)
        interval.decide(0, z, counts, accept, sure)
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # T = 0
            exact = pop._exact_test(
                q, q_new, np.arange(agents), seen, draws, temps_by_group, True, counts
            )
        assert np.array_equal(accept[sure], exact[sure])
        decided += sure.sum()
        assert (~sure).sum() < agents // 4  # most are decided, even this close
    assert decided > agents
