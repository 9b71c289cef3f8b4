"""The fast paths of issue 14 give the results of the code they replace.

* One agent steps in plain floats (``Population(..., scalar=True)``, the default for one
  agent); the array code (``scalar=False``) is the reference.  Stated tolerance: 1e-12 on
  every parameter, surprise and proposal, and identical accept/reject decisions.
* Populations anneal with a fused, in-place step; the step as it was before (kept below,
  verbatim) is the reference.  Same tolerance.
* A sweep runs all its points as one population with the swept setting as a per-agent
  vector; each point run on its own (with the old annealing step) is the reference.
  Stated tolerance: 1e-12 on every agent's final parameters, H(p,q), D(p‖q) and mean
  surprise; the share reaching the global minimum identical.  (On this machine all of
  these come out bit-identical.)
* Many agents on the free belief take their exponentials in single precision; stated
  tolerance 1e-6 nats on the reported figures (H(p,q), D(p‖q), mean surprise), against
  the same step in double precision, which is the old step exactly.  (A sweep of the
  free belief's learning rate is held to that tolerance too.)
"""

from __future__ import annotations

import dataclasses
import types

import numpy as np
import pytest

from engine.beliefs import MIN_LOGIT, make_belief, max_rows, sum_rows
from engine.experiments import PopulationJob, population_result, sweep_settings, sweep_values
from engine.landscape import compute_landscape
from engine.population import ACCEPTANCE_WINDOW, Population
from engine.settings import Settings
from engine.worlds import PRESETS, custom_world

SINGLE_TOLERANCE = 1e-12

SINGLE_CASES = [
    {"learner": "gd"},
    {"learner": "gd", "learning_rate": 0.7},
    {"learner": "gd", "gd_window": 5},
    {"learner": "anneal"},
    {"learner": "anneal", "temperature": 0.0},
    {"learner": "anneal", "temperature": 2.0, "cooling": "constant"},
    {"learner": "anneal", "cooling": "log", "cooling_rate": 3.0, "step_size": 3.0},
    {"learner": "anneal", "anneal_window": 7},
]


def _pair(settings: Settings) -> tuple[Population, Population]:
    return Population(settings, 1, scalar=True), Population(settings, 1, scalar=False)


def _assert_same_state(fast: Population, slow: Population) -> None:
    assert fast.step == slow.step
    np.testing.assert_allclose(fast.params, slow.params, rtol=0, atol=SINGLE_TOLERANCE)
    np.testing.assert_allclose(fast.surprise_sum, slow.surprise_sum, rtol=SINGLE_TOLERANCE)
    assert np.array_equal(fast._counts, slow._counts)
    assert fast.proposals_made == slow.proposals_made
    assert np.array_equal(fast.accepted_total, slow.accepted_total)
    np.testing.assert_array_equal(fast.acceptance_rate(), slow.acceptance_rate())
    if slow._memory is not None:
        assert np.array_equal(fast._ordered_memory(), slow._ordered_memory())


@pytest.mark.parametrize("belief", ["hunch", "free"])
@pytest.mark.parametrize(
    "changes", SINGLE_CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items())
)
def test_one_agent_in_plain_floats_matches_the_array_code(belief, changes):
    settings = Settings(world=PRESETS["loaded-die"], belief=belief, seed=41, **changes)
    fast, slow = _pair(settings)
    assert fast.scalar and not slow.scalar
    for n in (1, 37, 400, 1562):  # uneven blocks: the state carries over between calls
        a, b = fast.advance(n), slow.advance(n)
        assert np.array_equal(a.outcomes, b.outcomes)
        np.testing.assert_allclose(a.params, b.params, rtol=0, atol=SINGLE_TOLERANCE)
        np.testing.assert_allclose(a.surprises, b.surprises, rtol=0, atol=SINGLE_TOLERANCE)
        np.testing.assert_array_equal(a.temperature, b.temperature)
        if b.accepted is not None:
            assert np.array_equal(a.accepted, b.accepted)
            np.testing.assert_allclose(a.proposals, b.proposals, rtol=0, atol=SINGLE_TOLERANCE)
        _assert_same_state(fast, slow)
    # a setting changed mid-run (no reset) is taken up the same way
    later = settings.replace(learning_rate=0.05, temperature=0.5, gd_window=3, anneal_window=4)
    fast.configure(later)
    slow.configure(later)
    fast.advance(300)
    slow.advance(300)
    _assert_same_state(fast, slow)


@pytest.mark.parametrize("learner", ["gd", "anneal"])
def test_one_agent_in_plain_floats_on_a_twelve_outcome_world(learner):
    world = custom_world([1 / 12] * 6 + [1 / 24] * 4 + [1 / 6] * 2)
    settings = Settings(world=world, belief="hunch", learner=learner, seed=3)
    fast, slow = _pair(settings)
    fast.advance(2000)
    slow.advance(2000)
    _assert_same_state(fast, slow)


# --- populations: the fused, in-place annealing step --------------------------------------


def reference_anneal(self, outcomes, record):
    """``Population._anneal`` as it was before issue 14 (fresh arrays each step), verbatim."""
    s = self._settings
    family = self._family
    n, agents = outcomes.shape
    d = family.n_params
    columns = np.arange(agents)
    scale = (family.proposal_scale() * s.step_size)[:, None]
    noise = self._proposal_rng.standard_normal((n, d, agents))
    draws = self._accept_rng.random((n, agents))
    temps = s.temperature_at(np.arange(self.step, self.step + n) - self._cooling_start)
    log_q = family.log_probs(self.params)
    for t in range(n):
        x = outcomes[t]
        step_surprise = -log_q[x, columns]
        self.surprise_sum += step_surprise
        self._remember(x)
        seen = self._memory_len if self._memory is not None else self.step + t + 1
        proposal = family.project(self.params + scale * noise[t])
        log_q_proposal = family.log_probs(proposal)
        rise = sum_rows(self._counts * (log_q - log_q_proposal)) / seen
        temperature = temps[t]
        if temperature > 0:
            with np.errstate(over="ignore"):
                accept = (rise <= 0) | (draws[t] < np.exp(-rise / temperature))
        else:
            accept = rise <= 0
        self.params = np.where(accept, proposal, self.params)
        log_q = np.where(accept, log_q_proposal, log_q)
        self._accepted_ring[self.proposals_made % ACCEPTANCE_WINDOW] = accept
        self.proposals_made += 1
        self.accepted_total += accept
    return None


def _reference_population(settings: Settings, n_agents: int) -> Population:
    pop = Population(settings, n_agents)
    pop._anneal = types.MethodType(reference_anneal, pop)
    return pop


ANNEAL_CASES = [
    {},
    {"temperature": 0.0},
    {"temperature": 1.5, "cooling": "constant"},
    {"cooling": "log", "cooling_rate": 2.0, "step_size": 2.5},
    {"anneal_window": 9},
]


@pytest.mark.parametrize("belief", ["hunch", "free"])
@pytest.mark.parametrize("changes", ANNEAL_CASES, ids=str)
def test_fused_annealing_step_matches_the_old_one(belief, changes):
    settings = Settings(
        world=PRESETS["loaded-die"], belief=belief, learner="anneal", seed=12, **changes
    )
    new, old = Population(settings, 64), _reference_population(settings, 64)
    for n in (1, 99, 400):
        new.advance(n, record=False)
        old.advance(n, record=False)
        _assert_same_state(new, old)


# --- sweeps: every point in one population ---------------------------------------------------

SWEEP_TOLERANCE = 1e-12  # on final parameters, H(p,q), D(p‖q) and mean surprise; shares exact
FLOAT32_TOLERANCE = 1e-6  # on every agent's final H(p,q), D(p‖q) and mean surprise (nats)

SWEEPS = [
    ("hunch", "anneal", "temperature", [0.0, 0.25, 1.0, 2.0], {}),
    ("hunch", "anneal", "cooling_rate", [0.99, 0.995, 0.9999], {}),
    ("hunch", "anneal", "cooling_rate", [0.5, 4.0], {"cooling": "log"}),
    ("free", "anneal", "temperature", [0.0, 0.5, 1.5], {"anneal_window": 20}),
    ("hunch", "gd", "learning_rate", [0.01, 0.3, 1.0], {}),
    ("free", "gd", "learning_rate", [0.002, 0.3, 2.0], {}),
    ("hunch", "gd", "learning_rate", [0.05, 0.5], {"gd_window": 10}),
]


def _point_by_point(points, agents, steps, reference):
    """Each point as a population of its own, as PopulationJob ran sweeps before issue 14."""
    results = []
    for settings in points:
        pop = (_reference_population if reference else Population)(settings, agents)
        pop.advance(steps, record=False)
        results.append(population_result(pop, landscape_for(settings), steps))
    return results


def landscape_for(settings):
    return compute_landscape(settings.world.probabilities, make_belief(settings.belief, 6))


def _assert_same_results(merged, separate, tolerance=SWEEP_TOLERANCE):
    assert len(merged) == len(separate)
    for a, b in zip(merged, separate, strict=True):
        assert a.settings == b.settings
        for name in ("params", "cross_entropy", "kl", "mean_surprise"):
            np.testing.assert_allclose(
                getattr(a, name), getattr(b, name), rtol=0, atol=tolerance, err_msg=name
            )
        assert np.array_equal(a.basin, b.basin) and np.array_equal(a.reached, b.reached)
        assert a.successes == b.successes


@pytest.mark.parametrize("belief, learner, parameter, values, extra", SWEEPS, ids=str)
def test_a_merged_sweep_gives_the_point_by_point_results(belief, learner, parameter, values, extra):
    base = Settings(world=PRESETS["loaded-die"], belief=belief, learner=learner, seed=2026, **extra)
    points = sweep_settings(base, parameter, values)
    job = PopulationJob(points, 30, 250, slice_agent_steps=2000)
    merged = job.run(processes=1)
    assert len(job._blocks) == 1  # all points did run as one population
    # The free belief's gd takes its exponentials in single precision, whose last bit can
    # depend on where a number sits in the array: there the float32 tolerance applies.
    tolerance = FLOAT32_TOLERANCE if (belief, learner) == ("free", "gd") else SWEEP_TOLERANCE
    separate = _point_by_point(points, 30, 250, reference=learner == "anneal")
    _assert_same_results(merged, separate, tolerance)


def test_a_sweep_split_into_blocks_and_workers_gives_the_same_results():
    base = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=5)
    points = sweep_settings(base, "temperature", sweep_values(0.0, 2.0, 5))
    together = PopulationJob(points, 20, 200).run(processes=1)
    blocks = PopulationJob(points, 20, 200, merge_agents=40)  # 2 points per population
    assert [len(b) for b in blocks._blocks] == [2, 2, 1]
    _assert_same_results(blocks.run(processes=1), together)
    _assert_same_results(PopulationJob(points, 20, 200).run(processes=2), together)


# --- populations: online gd on the free belief ------------------------------------------------


def reference_gd_free_many(self, n, record):
    """``Population._gd_free_many`` as it was before issue 14, verbatim (record=False), with
    its outcomes drawn as ``_advance_chunk`` drew them then."""
    s = self._settings
    outcomes = self._draw(
        lambda shape: s.world.sample(self._outcome_rng, shape, start=self.step), (n,)
    )
    z = np.ascontiguousarray(self.params)
    k, agents = z.shape
    n = outcomes.shape[0]
    lr = self._settings.learning_rate
    flat = z.reshape(-1)
    columns = np.arange(agents)
    expz = np.empty_like(z)
    total = np.empty(agents)
    top = np.empty(agents)
    period = max(1, int(30.0 / lr))
    for t in range(n):
        index = outcomes[t] * agents + columns
        np.exp(z, out=expz)
        sum_rows(expz, out=total)
        step_surprise = np.log(total) - flat[index]
        self.surprise_sum += step_surprise
        np.multiply(expz, lr / total, out=expz)
        np.subtract(z, expz, out=z)
        flat[index] += lr
        if (self.step + t + 1) % period == 0 or t == n - 1:
            max_rows(z, out=top)
            np.subtract(z, top, out=z)
            np.maximum(z, MIN_LOGIT, out=z)
    self.params = z
    cells = (outcomes * agents + columns).ravel()
    self._counts += np.bincount(cells, minlength=k * agents).reshape(k, agents)


@pytest.mark.parametrize("lr", [0.003, 0.1, 2.0])
def test_in_place_gd_in_double_precision_is_the_old_step(lr):
    settings = Settings(world=PRESETS["loaded-die"], belief="free", learning_rate=lr, seed=8)
    new = Population(settings, 40, float32=False)
    old = Population(settings, 40)
    old._gd_free_many = types.MethodType(reference_gd_free_many, old)
    for n in (1, 333, 700):
        new.advance(n, record=False)
        old.advance(n, record=False)
        assert np.array_equal(new.params, old.params)
        assert np.array_equal(new.surprise_sum, old.surprise_sum)
        assert np.array_equal(new._counts, old._counts)


@pytest.mark.parametrize(
    "world, lr",
    [
        (PRESETS["loaded-die"], 0.1),
        (PRESETS["weather"], 0.01),
        (PRESETS["weird-die"], 1.0),
        (custom_world([1 / 12] * 6 + [1 / 24] * 4 + [1 / 6] * 2), 0.3),
    ],
    ids=["loaded-die", "weather", "weird-die", "twelve"],
)
def test_single_precision_exponentials_move_the_reported_figures_by_under_1e_6(world, lr):
    settings = Settings(world=world, belief="free", learning_rate=lr, seed=99)
    results = []
    for float32 in (True, False):
        pop = Population(settings, 300, float32=float32)
        pop.advance(3000, record=False)
        results.append(population_result(pop, None, 3000))
    single, double = results
    for name in ("cross_entropy", "kl", "mean_surprise"):
        np.testing.assert_allclose(
            getattr(single, name), getattr(double, name), rtol=0, atol=FLOAT32_TOLERANCE
        )
    # and single precision did change something: the test can fail
    assert not np.array_equal(single.params, double.params)


@pytest.mark.parametrize("changing", [False, True])
def test_a_race_measured_together_keeps_each_learners_numbers(changing):
    """A race steps its learners a few outcomes at a time and works out their H(p,q) and KL
    in one call: every history column is what each learner stepped on its own gets."""
    from engine.race import Race
    from engine.simulation import Simulation
    from engine.worlds import WorldChange

    world = PRESETS["loaded-die"]
    if changing:
        world = world.with_changes([WorldChange(30, (0.5, 0.1, 0.1, 0.1, 0.1, 0.1), 40)])
    lead = Settings(world=world, belief="hunch", learner="anneal", seed=7)
    others = [
        lead.replace(learner="gd"),
        lead.replace(learner="none"),
        lead.replace(learner="anneal", temperature=1.0),
        lead.replace(learner="gd", learning_rate=0.5),
    ]

    def run(together: bool):
        race = Race(Simulation(lead), [Simulation(s) for s in others])
        for n in [1, 3, 8, 2, 13, 1, 40, 5]:
            if together:
                race.advance(n)
            else:
                for sim in race.learners:
                    sim.step(n)
        return race

    together, apart = run(True), run(False)
    for a, b in zip(together.learners, apart.learners, strict=True):
        assert len(a.history) == len(b.history) == 73
        for name in a.history.widths:
            assert np.array_equal(a.history.column(name), b.history.column(name), equal_nan=True)
        one, other = a.snapshot(), b.snapshot()
        for field in dataclasses.fields(one):
            mine, its = getattr(one, field.name), getattr(other, field.name)
            assert np.array_equal(mine, its, equal_nan=True), field.name
