"""Races, populations and sweeps (engine/experiments.py) and their command line."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.beliefs import make_belief
from engine.experiments import (
    MAX_LEARNERS,
    ExperimentError,
    PopulationJob,
    Race,
    population_result,
    sweep_settings,
    sweep_values,
    wilson_interval,
    write_population_csv,
    write_sweep_csv,
)
from engine.landscape import compute_landscape
from engine.measures import cross_entropy
from engine.population import Population
from engine.settings import Settings
from engine.simulation import Simulation
from engine.worlds import PRESETS

LOADED = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="gd", seed=2026)


# --- the race -------------------------------------------------------------------------------


def test_race_learners_see_the_identical_outcome_sequence():
    race = Race(Simulation(LOADED))
    rival = race.add(learner="anneal", temperature=0.5)
    slow = race.add(learning_rate=0.01)
    race.advance(300)
    lead = race.lead.history.column("outcome")
    assert len(lead) == 300
    for sim in (rival, slow):
        assert np.array_equal(sim.history.column("outcome"), lead)
        assert np.array_equal(sim.history.steps, race.lead.history.steps)
    # ... and yet they learn differently from it
    assert not np.allclose(rival.history.column("params"), race.lead.history.column("params"))
    assert not np.allclose(slow.history.column("params"), race.lead.history.column("params"))


def test_a_rival_added_mid_run_catches_up_on_the_same_outcomes():
    race = Race(Simulation(LOADED))
    race.advance(250)
    late = race.add(learner="anneal")
    assert late.step_count == 250
    race.advance(50)
    assert np.array_equal(late.history.column("outcome"), race.lead.history.column("outcome"))
    # the same as a rival that was there from the start
    fresh = Simulation(LOADED.replace(learner="anneal"))
    fresh.advance(300)
    assert np.array_equal(late.history.column("params"), fresh.history.column("params"))


def test_race_follows_the_leads_world_and_seed():
    race = Race(Simulation(LOADED))
    rival = race.add(learner="anneal")
    race.advance(40)
    race.lead.update(seed=7)
    race.sync()
    assert rival.settings.seed == 7 and rival.step_count == 0
    race.lead.update(world=PRESETS["fair-die"], belief="free")
    race.sync()
    assert rival.settings.world == PRESETS["fair-die"] and rival.settings.belief == "free"
    race.advance(20)
    assert np.array_equal(rival.history.column("outcome"), race.lead.history.column("outcome"))


def test_race_changes_one_rival_only_and_refuses_shared_fields():
    race = Race(Simulation(LOADED))
    race.add(learner="anneal", temperature=0.3)
    race.advance(30)
    assert not race.update_rival(0, temperature=0.6)  # in place
    assert race.rivals[0].settings.temperature == 0.6
    assert race.lead.settings.temperature == LOADED.temperature
    assert race.update_rival(0, learner="gd")  # a new learner starts again and catches up
    assert race.rivals[0].step_count == 30
    with pytest.raises(ExperimentError, match="shares the seed"):
        race.update_rival(0, seed=3)
    with pytest.raises(ExperimentError, match="shares the world"):
        race.add(world=PRESETS["weather"])
    for _ in range(MAX_LEARNERS - 2):
        race.add()
    with pytest.raises(ExperimentError, match="at most 4"):
        race.add()


# --- populations and sweeps ------------------------------------------------------------------


def test_population_share_for_anneal_exceeds_gd_on_loaded_die_hunch():
    gd, anneal = (
        PopulationJob([LOADED.replace(learner=learner)], 200, 3000).run()[0]
        for learner in ("gd", "anneal")
    )
    assert gd.n_agents == anneal.n_agents == 200
    assert anneal.share > gd.share
    # the intervals do not even overlap
    assert anneal.interval[0] > gd.interval[1]


def test_population_result_matches_an_independent_computation():
    settings = LOADED.replace(learner="anneal")
    job = PopulationJob([settings], 50, 400, slice_agent_steps=1000)
    result = job.run()[0]
    pop = Population(settings, 50)
    pop.advance(400, record=False)
    assert np.array_equal(result.params, pop.params)  # slicing changes nothing
    q = pop.family.probs(pop.params)
    p = settings.world.probabilities
    for i in range(50):
        expected = -sum(p[k] * math.log(q[k, i]) for k in range(6) if p[k] > 0)
        assert result.cross_entropy[i] == pytest.approx(expected, abs=1e-12)
    landscape = compute_landscape(p, pop.family)
    cells = landscape.cell_of(pop.family.coords(pop.params))
    glob = next(i for i, m in enumerate(landscape.minima) if m.is_global)
    assert np.array_equal(result.reached, landscape.basins[cells] == glob)


def test_job_progress_slices_and_cancel():
    points = sweep_settings(LOADED.replace(learner="anneal"), "temperature", [0.0, 0.5, 1.0])
    job = PopulationJob(points, 20, 100, slice_agent_steps=400)  # 20 steps per slice
    assert job.progress == 0
    seen = []
    while not job.work(0):
        seen.append(job.progress)
    assert seen == sorted(seen) and 0 < seen[0] < seen[-1] < 1
    assert job.done and job.progress == 1 and len(job.results) == 3
    assert [r.settings.temperature for r in job.results] == [0.0, 0.5, 1.0]
    cancelled = PopulationJob(points, 20, 100, slice_agent_steps=400)
    cancelled.work(0)
    cancelled.cancel()
    assert cancelled.work(1.0) is False and len(cancelled.results) == 0


def test_free_belief_population_reaches_the_only_minimum():
    settings = Settings(world=PRESETS["fair-die"], belief="free", learner="gd")
    result = PopulationJob([settings], 10, 50).run()[0]
    assert result.share == 1.0 and (result.basin == -1).all()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: PopulationJob([LOADED], 0, 10), "1 to 10,000 agents"),
        (lambda: PopulationJob([LOADED], 10_001, 10), "1 to 10,000 agents"),
        (lambda: PopulationJob([LOADED], 10, 0), "1 to 1,000,000 steps"),
        (lambda: PopulationJob([], 10, 10), "at least one setting"),
        (
            lambda: PopulationJob([LOADED, LOADED.replace(world=PRESETS["fair-die"])], 1, 1),
            "same world",
        ),
        (lambda: sweep_values(1.0, 1.0, 5), "lower to a higher"),
        (lambda: sweep_values(0.0, math.nan, 5), "lower to a higher"),
        (lambda: sweep_values(0.0, 1.0, 1), "2 to 50 points"),
        (lambda: sweep_values(0.0, 1.0, 5, log=True), "above 0"),
        (lambda: sweep_settings(LOADED, "seed", [1, 2]), "not 'seed'"),
        (
            lambda: sweep_settings(
                LOADED.replace(cooling="constant", learner="anneal"), "cooling_rate", [1]
            ),
            "no cooling",
        ),
    ],
)
def test_bad_experiments_are_refused_with_a_reason(call, message):
    with pytest.raises(ExperimentError, match=message):
        call()


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_brackets_the_share(successes, trials):
    successes = min(successes, trials)
    low, high = wilson_interval(successes, trials)
    assert 0.0 <= low <= successes / trials <= high <= 1.0
    assert (low == 0.0) == (successes == 0)
    assert (high == 1.0) == (successes == trials)


def test_wilson_interval_known_value():
    # 8 of 10: Wilson 95 % interval (0.4902, 0.9433), e.g. Newcombe (1998), table I
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)


# --- results as CSV ---------------------------------------------------------------------------


def test_population_csv_rereads_to_the_same_numbers(tmp_path):
    settings = LOADED.replace(learner="anneal", units="nats")
    result = PopulationJob([settings], 30, 200).run()[0]
    path = tmp_path / "population.csv"
    write_population_csv(str(path), result, "nats")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 30
    for i, row in enumerate(rows):
        assert float(row["cross_entropy_nats"]) == result.cross_entropy[i]
        assert float(row["kl_nats"]) == result.kl[i]
        assert float(row["mu"]) == result.params[0, i]
        q = [float(row[f"q({label})"]) for label in settings.world.labels]
        assert sum(q) == pytest.approx(1.0, abs=1e-12)
        assert float(row["cross_entropy_nats"]) == pytest.approx(
            float(cross_entropy(settings.world.probabilities, np.array(q), "nats")), abs=1e-9
        )
        assert int(row["reached_global"]) == int(result.reached[i])


def test_sweep_csv_rereads_to_the_same_numbers(tmp_path):
    points = sweep_settings(LOADED.replace(learner="anneal"), "temperature", [0.0, 1.0])
    results = PopulationJob(points, 40, 300).run()
    path = tmp_path / "sweep.csv"
    write_sweep_csv(str(path), "temperature", results, "bits")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert [float(r["temperature"]) for r in rows] == [0.0, 1.0]
    for row, result in zip(rows, results, strict=True):
        assert int(row["reached_global"]) == result.successes
        assert float(row["share"]) == result.share
        assert (float(row["share_low_95"]), float(row["share_high_95"])) == result.interval
        assert float(row["mean_cross_entropy_bits"]) == pytest.approx(
            result.cross_entropy.mean() / math.log(2), abs=1e-12
        )


def test_population_result_of_a_zero_step_run():
    pop = Population(LOADED, 5)
    result = population_result(pop, compute_landscape(LOADED.world.probabilities, pop.family), 0)
    assert np.isnan(result.mean_surprise).all() and result.n_agents == 5


# --- the command line -------------------------------------------------------------------------


def test_sweep_command_json_and_csv(cli, tmp_path):
    path = tmp_path / "sweep.csv"
    out = cli(
        "sweep", "--world", "loaded-die", "--learner", "anneal", "--points", "3",
        "--agents", "40", "--steps", "300", "--csv", str(path), "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["parameter"] == "temperature" and len(data["points"]) == 3
    assert [p["temperature"] for p in data["points"]] == [0.0, 1.0, 2.0]
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert [float(r["share"]) for r in rows] == [p["share"] for p in data["points"]]
    # the same as the engine gives directly
    points = sweep_settings(
        Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal"),
        "temperature",
        [0.0, 1.0, 2.0],
    )
    expected = PopulationJob(points, 40, 300).run()
    assert [p["share"] for p in data["points"]] == [r.share for r in expected]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--learner", "gd"], "needs --learner anneal"),
        (["--learner", "anneal", "--parameter", "learning_rate"], "needs --learner gd"),
        (["--learner", "anneal", "--from", "2", "--to", "1"], "lower to a higher"),
        (["--learner", "anneal", "--to", "500"], "must be from 0 to 100"),
        (["--learner", "anneal", "--points", "1"], "points"),
        (["--learner", "anneal", "--agents", "20000"], "agents"),
        (["--learner", "anneal", "--from", "nan"], "finite"),
        (["--learner", "anneal", "--log"], "above 0"),
    ],
)
def test_sweep_command_refuses_bad_input(cli, args, message):
    out = cli("sweep", "--world", "loaded-die", *args)
    assert out.returncode == 2
    assert out.stderr.startswith("error:") and message in out.stderr
    assert out.stderr.count("\n") == 1


def test_run_writes_population_csv(cli, tmp_path):
    path = tmp_path / "pop.csv"
    out = cli("run", "--world", "loaded-die", "--agents", "25", "--steps", "200",
              "--population-csv", str(path), "--json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 25
    share = sum(int(r["reached_global"]) for r in rows) / 25
    assert share == json.loads(out.stdout)["reached_global"]


def test_a_jobs_landscape_is_worked_out_when_needed_and_in_run_alongside_the_workers(
    monkeypatch,
):
    """The landscape (for the basins) is no longer computed up front: a job starts at once,
    and run() works it out while its worker processes step the agents."""
    import engine.experiments as experiments

    calls = []
    real = experiments.compute_landscape

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(experiments, "compute_landscape", counted)
    monkeypatch.setattr(experiments, "_landscapes", {})  # none kept from other tests
    base = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=9)
    points = sweep_settings(base, "temperature", sweep_values(0.0, 1.0, 4))
    job = PopulationJob(points, 10, 50)
    assert calls == []
    results = job.run(processes=2)
    assert calls == [1]
    landscape = compute_landscape(base.world.probabilities, make_belief("hunch", 6))
    assert job.landscape is job.landscape and len(calls) == 1
    for r in results:
        assert np.array_equal(r.basin, landscape.basin_of(r.coords))
    assert PopulationJob(points, 10, 50, landscape=False).landscape is None


def test_the_next_job_on_the_same_world_reuses_its_landscape(monkeypatch):
    """A teacher runs several sweeps on one world: its landscape is worked out once, and
    again for another world or belief; only the last few are kept."""
    import engine.experiments as experiments

    calls = []
    real = experiments.compute_landscape

    def counted(p, family):
        calls.append((tuple(p), family.name))
        return real(p, family)

    monkeypatch.setattr(experiments, "compute_landscape", counted)
    monkeypatch.setattr(experiments, "_landscapes", {})
    base = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=9)
    points = sweep_settings(base, "temperature", sweep_values(0.0, 1.0, 3))
    first = PopulationJob(points, 5, 20)
    first.run(processes=1)
    again = PopulationJob([base.replace(seed=10)], 5, 20)
    results = again.run(processes=1)
    assert len(calls) == 1 and again.landscape is first.landscape
    fresh = compute_landscape(base.world.probabilities, make_belief("hunch", 6))
    assert np.array_equal(results[0].basin, fresh.basin_of(results[0].coords))
    other = base.replace(world=PRESETS["fair-die"])
    assert PopulationJob([other], 5, 20).landscape is not first.landscape
    assert len(calls) == 2
    for i in range(experiments.LANDSCAPES_KEPT):  # enough other worlds push the first out
        rain = 0.1 + 0.1 * i  # (two outcomes: a landscape in a few milliseconds)
        experiments._landscape_of(np.array([rain, 1.0 - rain]), "free")
    assert len(experiments._landscapes) == experiments.LANDSCAPES_KEPT
    PopulationJob(points, 5, 20).landscape  # noqa: B018 - worked out anew
    assert len(calls) == 3 + experiments.LANDSCAPES_KEPT


def test_pooled_results_keep_the_points_order_whichever_worker_finishes_first(monkeypatch):
    """run() takes each worker's share as soon as it is done; the results stay in the order
    of the points even when a later share is done first."""
    import engine.experiments as experiments

    real_wait = experiments.wait

    def last_first(futures, return_when):
        # wait for all, then hand back the second share (3 points of 5) first
        everything, _ = real_wait(futures)
        handed = {f for f in everything if len(f.result()) == 3} or everything
        return handed, set(everything) - handed

    monkeypatch.setattr(experiments, "wait", last_first)
    base = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=4)
    points = sweep_settings(base, "temperature", sweep_values(0.0, 2.0, 5))
    seen = []
    pooled = PopulationJob(points, 8, 60).run(processes=2, progress=seen.append)
    alone = PopulationJob(points, 8, 60).run(processes=1)
    assert [r.settings for r in pooled] == points
    for a, b in zip(pooled, alone, strict=True):
        assert np.array_equal(a.params, b.params)
        assert np.array_equal(a.mean_surprise, b.mean_surprise)
    assert seen == [0.6, 1.0]


def test_the_bench_reports_the_first_sweep_on_its_own_key(monkeypatch):
    """The first sweep works the landscape out (nothing kept from before), the next ones
    reuse it: the bench names the first one's time apart from the median."""
    import engine.experiments as experiments
    from engine.bench import sweep_figures

    calls = []
    real = experiments.compute_landscape
    monkeypatch.setattr(experiments, "compute_landscape", lambda *a: calls.append(1) or real(*a))
    monkeypatch.setattr(experiments, "_landscapes", {})
    experiments._landscape_of(PRESETS["loaded-die"].probabilities, "hunch")  # kept before
    figures = sweep_figures(quick=True)
    assert len(calls) == 2  # the one above, and the bench's first sweep's own
    assert figures["sweep_20x100x500_first_s"] > 0
    assert figures["sweep_20x100x500_s"] > 0 and figures["sweep_20x100x500_s_one_process"] > 0
