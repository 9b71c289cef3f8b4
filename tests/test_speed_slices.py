"""Many agents stepped in slices, the slices on threads (engine.population.agent_slices):
the results do not depend on the slicing.

Stated tolerance: none: bit-identical, in double precision and with single-precision
exponentials (population gd on the free belief) alike.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import engine.population as population
from engine.experiments import population_result
from engine.population import Population, agent_slices
from engine.settings import Settings
from engine.worlds import PRESETS


def _run(monkeypatch, threads: int | None, settings: Settings, agents: int, **kwargs):
    monkeypatch.setattr(population, "THREADS", threads)
    monkeypatch.setattr(population, "THREAD_MIN_AGENTS", 64)  # small, fast populations
    monkeypatch.setattr(population, "THREAD_MIN_AGENT_STEPS", 1)
    pop = Population(settings, agents, **kwargs)
    traces = [pop.advance(n, record) for n, record in ((1, True), (250, False), (77, True))]
    return pop, traces


def test_slices_cover_every_agent_once(monkeypatch):
    monkeypatch.setattr(population, "THREADS", 3)
    for agents in (1, 1999, 2000, 6000, 10_001, 123_457):
        slices = agent_slices(agents, 1000)
        assert slices[0][0] == 0 and slices[-1][1] == agents
        assert all(a[1] == b[0] for a, b in itertools.pairwise(slices))
        assert all(lo < hi for lo, hi in slices)
        assert len(slices) == (1 if agents < 6000 else 3)
    monkeypatch.setattr(population, "THREADS", 1)
    assert agent_slices(123_457, 1000) == [(0, 123_457)]


@pytest.mark.parametrize("threads", [2, 3, 4])
@pytest.mark.parametrize("lr", [0.003, 0.7])
def test_gd_in_double_precision_is_bit_identical_whatever_the_slicing(monkeypatch, threads, lr):
    settings = Settings(world=PRESETS["loaded-die"], belief="free", learning_rate=lr, seed=21)
    one, one_traces = _run(monkeypatch, 1, settings, 300, float32=False)
    many, many_traces = _run(monkeypatch, threads, settings, 300, float32=False)
    assert len(agent_slices(300, 250)) == threads  # the run was sliced
    assert np.array_equal(one.params, many.params)
    assert np.array_equal(one.surprise_sum, many.surprise_sum)
    assert np.array_equal(one._counts, many._counts)
    for a, b in zip(one_traces, many_traces, strict=True):
        if a is not None:
            assert np.array_equal(a.params, b.params)
            assert np.array_equal(a.surprises, b.surprises)
            assert np.array_equal(a.outcomes, b.outcomes)


def test_a_sliced_learning_rate_sweep_is_bit_identical(monkeypatch):
    settings = Settings(world=PRESETS["weather"], belief="free", seed=3)
    vary = ("learning_rate", [0.01, 0.3, 2.0])  # groups of 100 cut by slice edges
    one, _ = _run(monkeypatch, 1, settings, 100, float32=False, vary=vary)
    many, _ = _run(monkeypatch, 4, settings, 100, float32=False, vary=vary)
    assert np.array_equal(one.params, many.params)
    assert np.array_equal(one.surprise_sum, many.surprise_sum)


@pytest.mark.parametrize("lr", [0.05, 1.0])  # exp(z) followed between exact ones, or not
def test_gd_in_single_precision_is_bit_identical_whatever_the_slicing(monkeypatch, lr):
    """Every slice follows exp(z) as one slice of all the agents does: the same bits, so a
    run's figures never depend on the threads (nor on worker processes)."""
    settings = Settings(world=PRESETS["weird-die"], belief="free", learning_rate=lr, seed=5)
    one, one_traces = _run(monkeypatch, 1, settings, 300)
    many, many_traces = _run(monkeypatch, 3, settings, 300)
    assert np.array_equal(one.params, many.params)
    assert np.array_equal(one.surprise_sum, many.surprise_sum)
    for a, b in zip(one_traces, many_traces, strict=True):
        if a is not None:
            assert np.array_equal(a.surprises, b.surprises)
    a, b = (population_result(p, None, p.step) for p in (one, many))
    for name in ("cross_entropy", "kl", "mean_surprise"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert np.array_equal(one._counts, many._counts)  # the same outcomes
