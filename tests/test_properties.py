"""Property tests (hypothesis) across the engine: validation, measures, learners, landscapes.

Each property holds for every input hypothesis can think of, not only the ones we chose.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine.beliefs import log_softmax, make_belief
from engine.experiments import Race
from engine.landscape import compute_landscape
from engine.measures import cross_entropy, entropy, from_nats, kl_divergence, to_nats
from engine.population import Population
from engine.session import Session
from engine.settings import COOLINGS, Settings, SettingsError
from engine.simulation import Simulation
from engine.validation import DistributionError, validate_distribution
from engine.worlds import PRESETS, custom_world

finite = st.floats(allow_nan=False, allow_infinity=False)
anything = st.one_of(st.floats(), st.integers(), st.text(max_size=8), st.none(), st.booleans())
weights = st.lists(st.floats(0.0, 1e6, allow_nan=False), min_size=2, max_size=12).filter(
    lambda xs: sum(xs) > 0
)
worlds = st.sampled_from([*PRESETS.values(), custom_world("0.5, 0.5, 0"), custom_world("0.9, 0.1")])


# --- validation -------------------------------------------------------------------


@given(st.lists(anything, max_size=14))
def test_validation_accepts_exactly_the_distributions(values):
    """Either a valid distribution comes back, or a DistributionError says why: nothing else."""
    try:
        p = validate_distribution(values, min_outcomes=2, max_outcomes=12)
    except DistributionError as exc:
        assert str(exc)
        return
    assert 2 <= p.size <= 12
    assert np.isfinite(p).all() and (p >= 0).all()
    assert abs(math.fsum(p) - 1.0) <= 1e-12


@given(st.text(max_size=40))
def test_typed_text_never_crashes_the_parser(text):
    try:
        world = custom_world(text)
    except DistributionError as exc:
        assert str(exc)
    else:
        assert 2 <= world.size <= 12 and abs(math.fsum(world.p) - 1) <= 1e-12


@given(weights)
def test_normalising_weights_gives_a_distribution(values):
    p = validate_distribution(values, normalise=True)
    assert abs(p.sum() - 1.0) < 1e-12 and (p >= 0).all()


@given(st.sampled_from(["learning_rate", "temperature", "step_size", "cooling_rate"]), anything)
def test_settings_take_a_value_or_say_why(name, value):
    try:
        s = Settings().replace(**{name: value})
    except SettingsError as exc:
        assert name.replace("_", " ") in str(exc)
    else:
        assert math.isfinite(getattr(s, name))


# --- measures -------------------------------------------------------------------


@given(weights, st.sampled_from(["bits", "nats"]))
def test_units_round_trip_and_entropy_bounds(values, units):
    p = np.asarray(values) / math.fsum(values)
    h = entropy(p, units)
    assert -1e-12 <= h <= float(from_nats(math.log(p.size), units)) + 1e-12
    assert to_nats(h, units) == pytest.approx(entropy(p, "nats"), abs=1e-12)
    assert from_nats(to_nats(h, units), units) == pytest.approx(h, abs=1e-12)


@given(st.lists(finite.filter(lambda v: abs(v) < 1e300), min_size=2, max_size=12))
def test_log_softmax_never_overflows(logits):
    z = np.asarray(logits)[:, None]
    log_q = log_softmax(z)
    assert np.isfinite(log_q).all() and (log_q <= 1e-12).all()
    assert np.exp(log_q).sum() == pytest.approx(1.0, abs=1e-12)


# --- learners -------------------------------------------------------------------

learners = st.fixed_dictionaries(
    {
        "learner": st.sampled_from(["gd", "anneal", "none"]),
        "learning_rate": st.floats(1e-4, 100.0),
        "temperature": st.floats(0.0, 100.0),
        "cooling": st.sampled_from(COOLINGS),
        "step_size": st.floats(1e-3, 100.0),
        "gd_window": st.sampled_from([1, 1, 7]),
        "seed": st.integers(0, 2**63 - 1),
    }
)


@settings(max_examples=60, deadline=None)
@given(worlds, st.sampled_from(["free", "hunch"]), learners, st.integers(1, 300))
def test_any_learner_keeps_beliefs_valid_and_numbers_finite(world, belief, changes, steps):
    assume(not (belief == "hunch" and world.size < 3))
    s = Settings(world=world, belief=belief).replace(**changes)
    sim = Simulation(s)
    sim.advance(steps)
    for name in ("surprise", "cross_entropy", "kl", "q", "params", "mean_surprise"):
        assert np.isfinite(sim.history.column(name)).all(), name
    q = sim.history.column("q")
    assert (q >= 0).all() and np.allclose(q.sum(axis=1), 1.0, atol=1e-12)
    assert (sim.history.column("kl") >= -1e-12).all()
    snap = sim.snapshot()
    p = world.probabilities
    assert snap.cross_entropy == pytest.approx(float(cross_entropy(p, snap.q, "nats")), abs=1e-12)
    assert snap.kl == pytest.approx(float(kl_divergence(p, snap.q, "nats")), abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(worlds, learners, st.integers(1, 200), st.integers(1, 200))
def test_the_outcomes_depend_on_the_seed_alone_and_steps_add_up(world, changes, a, b):
    s = Settings(world=world).replace(**changes)
    whole, split = Simulation(s), Simulation(s)
    whole.advance(a + b)
    split.advance(a)
    split.advance(b)
    assert whole.history.column("params").tobytes() == split.history.column("params").tobytes()
    other = Simulation(s.replace(learner="none" if s.learner != "none" else "gd"))
    other.advance(a + b)
    assert np.array_equal(other.history.column("outcome"), whole.history.column("outcome"))


@settings(max_examples=20, deadline=None)
@given(learners, st.integers(0, 150), st.floats(1e-3, 5.0))
def test_session_replays_any_run_exactly(changes, steps, new_temperature):
    sim = Simulation(Settings(world=PRESETS["loaded-die"], belief="hunch").replace(**changes))
    sim.advance(steps)
    sim.update(temperature=new_temperature)
    sim.advance(17)
    again = Session.from_dict(Session.of(sim).to_dict()).replay()
    assert again.history.column("params").tobytes() == sim.history.column("params").tobytes()


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["gd", "anneal", "none"]), st.integers(0, 100), st.integers(1, 100))
def test_race_rivals_always_share_the_outcomes(learner, before, after):
    race = Race(Simulation(Settings(world=PRESETS["fair-die"], seed=before)))
    race.advance(before)
    race.add(learner=learner)
    race.advance(after)
    outcomes = race.lead.history.column("outcome")
    assert all(np.array_equal(r.history.column("outcome"), outcomes) for r in race.rivals)


@settings(max_examples=40, deadline=None)
@given(worlds, st.sampled_from(["free", "hunch"]), st.integers(1, 12))
def test_population_agents_are_each_valid(world, belief, agents):
    assume(not (belief == "hunch" and world.size < 3))
    pop = Population(
        Settings(world=world, belief=belief, learner="anneal", temperature=5.0), agents
    )
    pop.advance(50, record=False)
    q = pop.probs()
    assert q.shape == (world.size, agents)
    assert np.isfinite(q).all() and np.allclose(q.sum(axis=0), 1.0, atol=1e-12)


# --- landscapes -------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.01, 1.0), min_size=3, max_size=8), st.integers(5, 40))
def test_landscape_minima_are_lowest_in_their_basin_and_global_is_lowest(raw, resolution):
    p = np.asarray(raw) / math.fsum(raw)
    family = make_belief("hunch", p.size)
    land = compute_landscape(p, family, resolution)
    assert land is not None
    values = land.values
    glob = land.global_minimum
    assert glob.value == pytest.approx(float(np.nanmin(values)), abs=1e-12)
    for index, minimum in enumerate(land.minima):
        in_basin = values[land.basins == index]
        assert minimum.value == pytest.approx(float(in_basin.min()), abs=1e-12)
        assert minimum.value >= entropy(p, "nats") - 1e-12  # never below the floor
    assert (land.basins[np.isfinite(values)] >= 0).all()
    # every grid value is an H(p, q) of a real belief
    assert np.isfinite(values).all() and (values >= entropy(p, "nats") - 1e-12).all()


@settings(max_examples=30, deadline=None)
@given(st.floats(0.01, 0.99), st.integers(3, 60))
def test_two_outcome_landscape_has_its_minimum_at_p(p1, resolution):
    p = np.array([p1, 1 - p1])
    land = compute_landscape(p, make_belief("free", 2), resolution)
    glob = land.global_minimum
    step = 1.0 / (resolution - 1)
    assert abs(glob.coords[0] - p1) <= step  # within one grid cell of q = p
    assert len(land.minima) == 1  # convex: one basin
