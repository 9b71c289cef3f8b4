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
