"""The landscape and the behaviour the lesson relies on: GD gets stuck, annealing escapes."""

from __future__ import annotations

import numpy as np
import pytest

from engine.beliefs import make_belief
from engine.landscape import compute_landscape
from engine.population import Population
from engine.settings import Settings
from engine.worlds import PRESETS

LOADED = PRESETS["loaded-die"]


def test_hunch_on_the_loaded_die_has_a_global_and_a_local_well():
    land = compute_landscape(LOADED.probabilities, make_belief("hunch", 6), 200)
    assert land is not None and land.values.shape == (200, 200)
    assert len(land.minima) == 2
    best, other = land.minima
    assert best.is_global and not other.is_global
    assert best.coords[0] == pytest.approx(2.0, abs=0.05)
    assert other.coords[0] == pytest.approx(5.0, abs=0.05)
    assert best.value < other.value
    # The ridge between them: along μ at a = 0.6, the highest point lies near μ = 3.5.
    row = np.argmin(np.abs(land.grid[1] - 0.6))
    between = (land.grid[0] > 2.2) & (land.grid[0] < 4.8)
    ridge = land.grid[0][between][np.argmax(land.values[row, between])]
    assert ridge == pytest.approx(3.5, abs=0.15)
    assert land.in_global_basin(np.array([[2.1], [0.4]]))[0]
    assert not land.in_global_basin(np.array([[4.9], [0.3]]))[0]


def test_free_landscapes_have_one_minimum_at_the_truth():
    curve = compute_landscape(np.array([0.8, 0.2]), make_belief("free", 2), 400)
    assert len(curve.minima) == 1
    assert curve.global_minimum.coords[0] == pytest.approx(0.8, abs=0.003)
    assert curve.global_minimum.value == pytest.approx(0.5004, abs=1e-3)
    p3 = np.array([0.5, 0.3, 0.2])
    simplex = compute_landscape(p3, make_belief("free", 3), 100)
    assert len(simplex.minima) == 1
    assert simplex.global_minimum.coords == pytest.approx((0.5, 0.3), abs=0.01)
    assert np.isnan(simplex.values[-1, -1])  # q(1) + q(2) > 1: off the simplex
    assert compute_landscape(np.full(6, 1 / 6), make_belief("free", 6)) is None


def test_landscape_values_are_the_cross_entropy_at_each_point():
    family = make_belief("hunch", 6)
    land = compute_landscape(LOADED.probabilities, family, 50)
    j, i = 17, 31
    mu, a = land.grid[0][i], land.grid[1][j]
    faces = np.arange(1, 7)
    b = np.exp(-((faces - mu) ** 2) / 0.72)
    q = (1 - a) / 6 + a * b / b.sum()
    assert land.values[j, i] == pytest.approx(-(LOADED.probabilities * np.log(q)).sum(), abs=1e-12)


def share_global(learner: str) -> float:
    settings = Settings(world=LOADED, belief="hunch", learner=learner, seed=2026)
    pop = Population(settings, 200)
    pop.advance(3000, record=False)
    land = compute_landscape(LOADED.probabilities, pop.family)
    return float(land.in_global_basin(pop.family.coords(pop.params)).mean())


def test_gradient_descent_settles_in_the_nearer_worse_well():
    assert share_global("gd") <= 0.05


def test_annealing_at_its_default_temperature_finds_the_global_well():
    assert share_global("anneal") >= 0.80


def test_population_agents_have_their_own_outcome_streams():
    pop = Population(Settings(world=LOADED, seed=1), 4)
    trace = pop.advance(50)
    assert not all(np.array_equal(trace.outcomes[:, 0], trace.outcomes[:, j]) for j in (1, 2, 3))
    freq = np.bincount(
        Population(Settings(world=LOADED, seed=1), 2000).advance(20).outcomes.ravel(), minlength=6
    )
    assert freq / freq.sum() == pytest.approx(LOADED.p, abs=0.01)


def test_population_fast_path_matches_the_general_one():
    settings = Settings(world=LOADED, belief="free", learner="gd", learning_rate=0.5, seed=9)
    fast = Population(settings, 5, float32=False)  # (single precision: test_speed_equivalence)
    fast.advance(400, record=False)
    slow = Population(settings, 5)
    # the general loop, driven directly on the same outcomes
    outcomes = slow.settings.world.sample(slow._outcome_rng, (400, 5))
    slow._gd(outcomes, record=False)
    assert fast.probs() == pytest.approx(slow.probs(), abs=1e-10)
    assert fast.surprise_sum == pytest.approx(slow.surprise_sum, abs=1e-8)


def test_the_agent_at_a_minimum_is_drawn_on_its_mark_not_under_it(qtbot):
    """The lead's dot above the landscape's star and triangle, and smaller than they are,
    so an agent stuck at a minimum is seen there with the minimum's mark around it."""
    import math

    from engine.simulation import Simulation
    from engine.worlds import PRESETS
    from gui.main_window import MainWindow

    window = MainWindow(Settings(seed=4), speed=5.0, remember=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    sim = Simulation(Settings(world=PRESETS["loaded-die"], belief="hunch", seed=4))
    window.load_simulation(sim, math.inf, [])
    view = window.landscape_view
    assert len(view.minima.data) == 2  # (the global star and the local triangle)
    assert view.agent.zValue() > view.minima.zValue()
    assert all(view.agent._size < spot["size"] for spot in view.minima.data)
