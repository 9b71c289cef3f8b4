"""Population gd with slices of the agents in worker processes (engine.population.WORKERS).

Stated tolerance: none.  A worker steps its slice with the same arithmetic as one slice of
all the agents, so every result (logits, surprise sums, counts, the outcome stream left
behind) is bit-identical to a run on one thread, in single and double precision; a worker
that is missing or fails leaves its slice to this process, with the same results.
"""

from __future__ import annotations

import numpy as np
import pytest

import engine.population as population
from engine.population import Population
from engine.settings import Settings
from engine.worlds import PRESETS


@pytest.fixture
def workers(monkeypatch):
    """Small populations in 2 slices, every call that may go to the workers going; the
    workers stopped afterwards."""
    monkeypatch.setattr(population, "THREADS", 2)
    monkeypatch.setattr(population, "THREAD_MIN_AGENTS", 64)
    monkeypatch.setattr(population, "THREAD_MIN_AGENT_STEPS", 1)
    monkeypatch.setattr(population, "WORKER_MIN_AGENT_STEPS", 1)
    monkeypatch.setattr(population, "_workers_failed", False)
    monkeypatch.setattr(population, "CHUNK_NUMBERS", 20_000)  # several blocks a call
    calls = []
    shared = Population._gd_free_shared

    def counted(self, *args):
        calls.append(self.n_agents)
        return shared(self, *args)

    monkeypatch.setattr(Population, "_gd_free_shared", counted)
    yield calls
    population.stop_workers()


def _alone(settings: Settings, agents: int, blocks, float32: bool) -> Population:
    """The same calls on one thread, no workers."""
    threads, enabled = population.THREADS, population.WORKERS
    population.THREADS, population.WORKERS = 1, False
    try:
        pop = Population(settings, agents, float32=float32)
        for n in blocks:
            pop.advance(n, record=False)
    finally:
        population.THREADS, population.WORKERS = threads, enabled
    return pop


def _assert_same(a: Population, b: Population) -> None:
    assert np.array_equal(a.params, b.params)
    assert np.array_equal(a.surprise_sum, b.surprise_sum)
    assert np.array_equal(a._counts, b._counts)
    assert a.step == b.step
    assert a._outcome_rng.random() == b._outcome_rng.random()  # the stream left alike


@pytest.mark.parametrize("float32", [True, False])
@pytest.mark.parametrize("world, lr", [("loaded-die", 0.1), ("weird-die", 0.7), ("weather", 0.003)])
def test_a_worker_changes_no_bit_of_any_result(workers, world, lr, float32):
    assert population.start_workers(wait=True)
    settings = Settings(world=PRESETS[world], belief="free", learning_rate=lr, seed=31)
    blocks = (1, 37, 250, 64)
    pop = Population(settings, 333, float32=float32)  # slices of uneven width
    for n in blocks:
        pop.advance(n, record=False)
    assert workers == [333] * len(blocks)  # every call went to the worker
    _assert_same(pop, _alone(settings, 333, blocks, float32))


def test_calls_with_a_history_or_little_work_stay_in_this_process(workers, monkeypatch):
    assert population.start_workers(wait=True)
    settings = Settings(world=PRESETS["loaded-die"], belief="free", seed=2)
    Population(settings, 300).advance(50)  # the window's steps keep their history
    monkeypatch.setattr(population, "WORKER_MIN_AGENT_STEPS", 300 * 50 + 1)
    Population(settings, 300).advance(50, record=False)
    sweep = Population(settings, 150, vary=("learning_rate", [0.1, 0.2]))
    monkeypatch.setattr(population, "WORKER_MIN_AGENT_STEPS", 1)
    sweep.advance(50, record=False)  # a sweep's groups share their numbers: drawn at once
    assert workers == []
    Population(settings, 300).advance(50, record=False)
    assert workers == [300]


def test_a_worker_that_dies_leaves_its_slice_to_this_process(workers):
    assert population.start_workers(wait=True)
    settings = Settings(world=PRESETS["weird-die"], belief="free", learning_rate=0.05, seed=8)
    pop = Population(settings, 400)
    pop.advance(30, record=False)
    population._workers[0].process.kill()
    population._workers[0].process.wait()
    pop.advance(60, record=False)  # sent to a dead worker: done here instead
    assert population._workers_failed
    pop.advance(10, record=False)  # and no worker from now on
    assert workers == [400, 400]
    _assert_same(pop, _alone(settings, 400, (30, 60, 10), True))


def test_where_no_worker_can_start_the_threads_step_the_agents(workers, monkeypatch):
    population.stop_workers()
    monkeypatch.setattr(population.sys, "executable", "/nonexistent/python")
    assert not population.start_workers(wait=True)
    settings = Settings(world=PRESETS["loaded-die"], belief="free", seed=5)
    pop = Population(settings, 300)
    pop.advance(40, record=False)
    assert workers == []
    _assert_same(pop, _alone(settings, 300, (40,), True))


def test_a_large_call_starts_the_workers_without_waiting_for_them(workers):
    population.stop_workers()
    settings = Settings(world=PRESETS["loaded-die"], belief="free", seed=5)
    pop = Population(settings, 300)
    pop.advance(40, record=False)  # starts them, and goes on threads meanwhile
    assert len(population._workers) == 1
    worker = population._workers[0]
    assert worker.ready.wait(population.WORKER_START_TIMEOUT) and not worker.failed
    pop.advance(40, record=False)
    assert workers == [300]
    population.stop_workers()
    assert worker.process.poll() == 0  # ended at the end of its input
    assert population._workers == []
    _assert_same(pop, _alone(settings, 300, (40, 40), True))
