"""Experiments: a race of learners on one outcome stream, populations and sweeps.

* :class:`Race` runs two or more learners side by side.  They share the world, the belief
  family, the start and the seed, so every learner sees exactly the same outcomes (the
  outcome stream depends on the seed alone, never on the learner); each has its own learner
  and settings.
* :class:`PopulationJob` runs N agents per point for a number of steps, in slices of work
  that a window can interleave with its painting, and can be cancelled between slices.  One
  point is a population; several points varying one setting are a sweep.
* :func:`wilson_interval` gives the uncertainty of a share ("how many reached the global
  minimum") as a 95 % Wilson score interval.

Everything is in nats, like the rest of the engine.
"""

from __future__ import annotations

import csv
import itertools
import math
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, fields

import numpy as np

from . import population, registry
from .beliefs import BeliefFamily, make_belief
from .files import open_atomic
from .landscape import Landscape, compute_landscape
from .limits import MAX_LEARNERS as MAX_LEARNERS  # read here by callers (as before)
from .limits import MAX_POPULATION, MAX_POPULATION_STEPS, MAX_SWEEP_POINTS
from .measures import cross_entropy, entropy, from_nats, kl_divergence
from .population import VARIABLE_SETTINGS, Population
from .race import SHARED_FIELDS as SHARED_FIELDS  # the race is in engine/race.py (start-up)
from .race import ExperimentError as ExperimentError
from .race import Race as Race
from .settings import Settings, SettingsError

DEFAULT_POPULATION = 200
MERGE_AGENTS = 10_000  # a sweep's points run together in populations of up to this many agents
POOL_MIN_AGENT_STEPS = 20_000_000  # run() uses worker processes from this much work on
LANDSCAPES_KEPT = 8  # the last few worlds' landscapes, for the next population or sweep
# What a sweep can vary, and its title (the registry's settings with a sweep range).
SWEEP_PARAMETERS = registry.sweep_parameters()


def default_sweep_range(parameter: str, settings: Settings) -> tuple[float, float, bool]:
    """A sensible (low, high, logarithmic) for a sweep of ``parameter`` (the registry's)."""
    found = registry.PARAMS[parameter].sweep_range(settings)
    assert found is not None
    return found


# --- populations and sweeps ---------------------------------------------------------------


def wilson_interval(
    successes: int, trials: int, z: float = 1.959963984540054
) -> tuple[float, float]:
    """95 % Wilson score interval for a share ``successes / trials`` (exact at 0 and N)."""
    if trials <= 0:
        return (math.nan, math.nan)
    share = successes / trials
    z2 = z * z
    centre = (share + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z / (1 + z2 / trials) * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials**2))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return (low, high)


def reached_global(landscape: Landscape | None, population: Population) -> np.ndarray:
    """For each agent: is its belief in the global minimum's basin?

    A belief family without a drawable landscape here is the free belief, whose
    cross-entropy is convex: one basin, the global one.
    """
    if landscape is None:
        return np.ones(population.n_agents, dtype=bool)
    coords = population.family.coords(population.params)
    return landscape.in_global_basin(coords)


@dataclass(frozen=True)
class PopulationResult:
    """Where N agents ended after ``steps`` outcomes each.  Values in nats."""

    settings: Settings
    steps: int
    params: np.ndarray  # (d, N) final parameters
    coords: np.ndarray  # (c, N) final landscape coordinates
    cross_entropy: np.ndarray  # (N,) final H(p, q) of each agent
    kl: np.ndarray  # (N,) final D(p‖q)
    mean_surprise: np.ndarray  # (N,) average surprise over the run
    basin: np.ndarray  # (N,) index into the landscape's minima, -1 if none drawn
    reached: np.ndarray  # (N,) in the global minimum's basin

    @property
    def n_agents(self) -> int:
        return int(self.reached.size)

    @property
    def entropy(self) -> float:
        """H(p) of the world: the floor no agent's cross-entropy goes below (nats)."""
        return float(entropy(self.settings.world.probabilities))

    @property
    def successes(self) -> int:
        return int(self.reached.sum())

    @property
    def share(self) -> float:
        return self.successes / self.n_agents

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.successes, self.n_agents)


def population_result(
    population: Population, landscape: Landscape | None, steps: int
) -> PopulationResult:
    return _result(
        population.settings,
        population.family,
        population.params.copy(),
        _mean(population.surprise_sum, steps),
        landscape,
        steps,
    )


def group_results(
    population: Population, landscape: Landscape | None, steps: int
) -> list[PopulationResult]:
    """One result per group of a population that runs a sweep's points together."""
    size = population.group_size
    return [
        _result(
            settings,
            population.family,
            population.params[:, g * size : (g + 1) * size].copy(),
            _mean(population.surprise_sum[g * size : (g + 1) * size], steps),
            landscape,
            steps,
        )
        for g, settings in enumerate(population.group_settings)
    ]


def _mean(surprise_sum: np.ndarray, steps: int) -> np.ndarray:
    return surprise_sum / steps if steps else np.full(surprise_sum.shape, np.nan)


def _result(
    settings: Settings,
    family: BeliefFamily,
    params: np.ndarray,
    mean_surprise: np.ndarray,
    landscape: Landscape | None,
    steps: int,
) -> PopulationResult:
    p = settings.world.probabilities
    q = family.probs(params)
    coords = family.coords(params)
    n = params.shape[1]
    if landscape is None:
        basin = np.full(n, -1)
        reached = np.ones(n, dtype=bool)  # the free belief: one basin, the global one
    else:
        basin = landscape.basin_of(coords)
        reached = landscape.in_global_basin(coords)
    return PopulationResult(
        settings=settings,
        steps=steps,
        params=params,
        coords=coords,
        cross_entropy=cross_entropy(p, q.T, "nats"),
        kl=kl_divergence(p, q.T, "nats"),
        mean_surprise=mean_surprise,
        basin=basin,
        reached=reached,
    )


def sweep_values(low: float, high: float, points: int, log: bool = False) -> np.ndarray:
    """``points`` values from ``low`` to ``high``, evenly spaced (or evenly in log)."""
    if not 2 <= points <= MAX_SWEEP_POINTS:
        raise ExperimentError(
            "a sweep has 2 to {high} points, not {value}", high=MAX_SWEEP_POINTS, value=points
        )
    if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
        raise ExperimentError(
            "a sweep goes from a lower to a higher value, not {low:g} to {high:g}",
            low=low,
            high=high,
        )
    if log:
        if low <= 0:
            raise ExperimentError("a logarithmic sweep must start above 0, not at {low:g}", low=low)
        return np.geomspace(low, high, points)
    return np.linspace(low, high, points)


def check_sweep(base: Settings, parameter: str) -> None:
    """Refuse a sweep that cannot say anything: one place, for the command line and the window.

    Only a learner that uses a setting can be swept over it (a temperature sweep with
    gradient descent would draw a flat line that says nothing); the registry says which.
    """
    sweepable = registry.sweep_parameters()
    if parameter not in sweepable:
        raise ExperimentError(
            "a sweep varies {choices}, not {value!r}",
            choices=", ".join(sweepable),
            value=parameter,
        )
    owner = registry.owner(parameter)
    if owner is not None and base.learner != owner.name:
        raise ExperimentError(
            owner.needed,
            parameter=sweepable[parameter],
            learner=registry.learner_title(base.learner),
        )
    if not registry.uses(base.learner, parameter, base):
        raise ExperimentError("a constant temperature has no cooling rate to sweep")


def sweep_settings(base: Settings, parameter: str, values: Sequence[float]) -> list[Settings]:
    """One settings per value of ``parameter`` (validated: a value out of range is named)."""
    check_sweep(base, parameter)
    return [base.replace(**{parameter: float(v)}) for v in values]


@dataclass(frozen=True)
class SweepPlan:
    """A checked sweep: the setting varied, its values, and the settings of each point."""

    parameter: str
    values: np.ndarray
    log: bool
    points: list[Settings]

    @property
    def title(self) -> str:
        return registry.PARAMS[self.parameter].title


def required_learner(parameter: str) -> str | None:
    """The learner a sweep of ``parameter`` needs (None: any)."""
    owner = registry.owner(parameter)
    return None if owner is None else owner.name


def plan_sweep(
    base: Settings,
    parameter: str,
    low: float | None = None,
    high: float | None = None,
    points: int = 20,
    log: bool | None = None,
) -> SweepPlan:
    """The one plan of a sweep, for the command line and the window.

    ``low`` and ``high`` default to the registry's range for the setting; ``log`` (None)
    to its scale when the range is the default one, else even steps.  Refused with an
    :class:`ExperimentError` naming the problem: a setting the learner does not use, too few
    or too many points, an empty range, or a value out of the setting's range.
    """
    check_sweep(base, parameter)
    default_low, default_high, default_log = default_sweep_range(parameter, base)
    if log is None:
        log = default_log and low is None
    low = default_low if low is None else low
    high = default_high if high is None else high
    values = sweep_values(low, high, points, log)
    try:
        settings = [base.replace(**{parameter: float(v)}) for v in values]
    except SettingsError as exc:
        raise ExperimentError(
            "{parameter} sweep: {problem}",
            parameter=registry.PARAMS[parameter].title,
            problem=exc,
        ) from None
    return SweepPlan(parameter, values, bool(log), settings)


def _varied_setting(points: Sequence[Settings]) -> str | None:
    """The one setting a sweep's points differ in, if they can run as one population."""
    first = points[0]
    differ = {
        f.name
        for s in points[1:]
        for f in fields(s)
        if getattr(s, f.name) != getattr(first, f.name)
    }
    if len(differ) == 1 and next(iter(differ)) in VARIABLE_SETTINGS:
        return next(iter(differ))
    return None


def _blocks(count: int, n_agents: int, merge_agents: int) -> list[range]:
    """Consecutive points, as many per block as fit in ``merge_agents`` agents (at least 1)."""
    per_block = max(1, merge_agents // n_agents)
    return [range(i, min(i + per_block, count)) for i in range(0, count, per_block)]


def _run_points(
    points: Sequence[Settings], n_agents: int, steps: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A worker process's share of a sweep: the final parameters and surprise sums per point."""
    population.THREADS = 1  # one worker per core already: no agent threads on top
    job = PopulationJob(points, n_agents, steps, landscape=False)
    job.run(processes=1)
    return [(r.params, r.mean_surprise) for r in job.results]


class PopulationJob:
    """N agents per point, ``steps`` outcomes each, done a slice at a time.

    ``work(seconds)`` advances until roughly that much time is spent (at least one slice) and
    returns True when every point is done; ``results`` holds one :class:`PopulationResult`
    per finished point.  Points share the seed, so a sweep compares settings on the same
    outcomes ("common random numbers"), which makes its curve smoother than luck would.

    The points of a sweep run together as one population, in blocks of up to
    ``merge_agents`` agents, with the swept setting as a vector over the agents and the
    random numbers drawn once for all points: the same numbers as point-by-point runs, in
    a fraction of the time.  ``run`` also spreads the points over the machine's cores
    (worker processes) when the work is large enough to repay starting them.
    """

    def __init__(
        self,
        points: Sequence[Settings],
        n_agents: int = DEFAULT_POPULATION,
        steps: int = 3000,
        slice_agent_steps: int = 200_000,
        merge_agents: int = MERGE_AGENTS,
        landscape: bool = True,
    ):
        if not points:
            raise ExperimentError("an experiment needs at least one setting to run")
        if (
            isinstance(n_agents, bool)
            or not isinstance(n_agents, int)
            or not (1 <= n_agents <= MAX_POPULATION)
        ):
            raise ExperimentError(
                "a population has 1 to {high:,} agents, not {value!r}",
                high=MAX_POPULATION,
                value=n_agents,
            )
        if (
            isinstance(steps, bool)
            or not isinstance(steps, int)
            or not (1 <= steps <= MAX_POPULATION_STEPS)
        ):
            raise ExperimentError(
                "each agent takes 1 to {high:,} steps, not {value!r}",
                high=MAX_POPULATION_STEPS,
                value=steps,
            )
        worlds = {(s.world, s.belief) for s in points}
        if len(worlds) != 1:
            raise ExperimentError("every point of a sweep has the same world and belief")
        self.points = list(points)
        self.n_agents = n_agents
        self.steps = steps
        self._varied = _varied_setting(self.points)
        merge = merge_agents if self._varied is not None else n_agents
        self._blocks = _blocks(len(self.points), n_agents, merge)
        self._slice_agent_steps = slice_agent_steps
        self._landscape_wanted = landscape
        self._landscape: Landscape | None = None
        self.results: list[PopulationResult] = []
        self._population: Population | None = None
        self.cancelled = False

    @property
    def landscape(self) -> Landscape | None:
        """The world's landscape (for the agents' basins), worked out when first needed: in
        :meth:`run` while the worker processes start on the agents.  Kept for the next
        job on the same world and belief (a teacher runs several sweeps on one world)."""
        if self._landscape is None and self._landscape_wanted:
            first = self.points[0]
            self._landscape = _landscape_of(first.world.probabilities, first.belief)
        return self._landscape

    @property
    def slice_steps(self) -> int:
        """Steps per slice for the block under way (about ``slice_agent_steps`` agent-steps)."""
        block = self._blocks[min(len(self._done_blocks()), len(self._blocks) - 1)]
        return max(1, self._slice_agent_steps // (self.n_agents * len(block)))

    def _done_blocks(self) -> list[range]:
        done, total = [], 0
        for block in self._blocks:
            total += len(block)
            if total > len(self.results):
                break
            done.append(block)
        return done

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.points)

    @property
    def total_agent_steps(self) -> int:
        return len(self.points) * self.n_agents * self.steps

    @property
    def progress(self) -> float:
        """Share of the work done, 0 to 1."""
        pop = self._population
        current = pop.step * pop.groups if pop is not None else 0
        done_steps = len(self.results) * self.steps + current
        return done_steps / (len(self.points) * self.steps)

    def cancel(self) -> None:
        self.cancelled = True
        self._population = None

    def work(self, seconds: float = 0.01) -> bool:
        """Do at least one slice, and more until ``seconds`` have passed.  True when done."""
        deadline = time.perf_counter() + seconds
        while not self.done and not self.cancelled:
            self._slice()
            if time.perf_counter() >= deadline:
                break
        return self.done

    def run(
        self,
        progress: Callable[[float], None] | None = None,
        processes: int | None = None,
    ) -> list[PopulationResult]:
        """Everything at once (the command line and tests).

        ``processes``: how many worker processes share the points; by default one per core
        when the work is at least ``POOL_MIN_AGENT_STEPS``, else none (this process).
        """
        if processes is None:
            processes = _cores() if self.total_agent_steps >= POOL_MIN_AGENT_STEPS else 1
        processes = min(processes, len(self.points))
        if processes > 1 and not self.results and self._population is None:
            return self._run_in_workers(processes, progress)
        while not self.work(0.5):
            if self.cancelled:
                break
            if progress is not None:
                progress(self.progress)
        return self.results

    def _run_in_workers(
        self, processes: int, progress: Callable[[float], None] | None
    ) -> list[PopulationResult]:
        # Contiguous shares of the points; each worker merges its share into one population.
        # Every worker draws the same random numbers from the shared seed, so the common
        # random numbers hold across workers too.
        bounds = np.linspace(0, len(self.points), processes + 1).round().astype(int)
        shares = [self.points[lo:hi] for lo, hi in itertools.pairwise(bounds)]
        family = make_belief(self.points[0].belief, self.points[0].world.size)
        done: dict[int, list[PopulationResult]] = {}
        with ProcessPoolExecutor(max_workers=processes, mp_context=_pool_context()) as pool:
            futures = {
                pool.submit(_run_points, share, self.n_agents, self.steps): i
                for i, share in enumerate(shares)
            }
            landscape = self.landscape  # while the workers run
            waiting = set(futures)
            while waiting:  # each share's results as soon as it is done, the others still running
                finished, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for future in finished:
                    share = shares[futures[future]]
                    done[futures[future]] = [
                        _result(settings, family, params, mean_surprise, landscape, self.steps)
                        for settings, (params, mean_surprise) in zip(
                            share, future.result(), strict=True
                        )
                    ]
                if progress is not None:
                    progress(sum(len(r) for r in done.values()) / len(self.points))
        self.results.extend(r for i in sorted(done) for r in done[i])
        return self.results

    def _slice(self) -> None:
        if self._population is None:
            block = self._blocks[len(self._done_blocks())]
            first = self.points[block[0]]
            if len(block) == 1:
                self._population = Population(first, self.n_agents)
            else:
                name = self._varied
                values = [getattr(self.points[i], name) for i in block]
                self._population = Population(first, self.n_agents, vary=(name, values))
        pop = self._population
        n = min(self.slice_steps, self.steps - pop.step)
        pop.advance(n, record=False)
        if pop.step >= self.steps:
            self.results.extend(group_results(pop, self.landscape, self.steps))
            self._population = None


_landscapes: dict[tuple[str, bytes], Landscape | None] = {}


def _landscape_of(p: np.ndarray, belief: str) -> Landscape | None:
    """``compute_landscape`` for world ``p`` and ``belief``, the last few kept (its arrays
    are only read: basins of final beliefs)."""
    key = (belief, np.asarray(p, dtype=float).tobytes())
    if key in _landscapes:
        _landscapes[key] = _landscapes.pop(key)  # the most recently used last
    else:
        while len(_landscapes) >= LANDSCAPES_KEPT:
            del _landscapes[next(iter(_landscapes))]
        _landscapes[key] = compute_landscape(p, make_belief(belief, len(p)))
    return _landscapes[key]


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (no Qt loaded: the command line), else spawn.

    Fork starts a worker at once and needs no ``if __name__ == "__main__"`` guard in the
    calling script; a process with Qt's threads must not fork, so the window would spawn.
    """
    qt = any(name.startswith("PySide6") for name in sys.modules)
    if "fork" in multiprocessing.get_all_start_methods() and not qt:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# --- results as CSV -------------------------------------------------------------------------


def write_population_csv(path: str, result: PopulationResult, units: str) -> None:
    """One row per agent: its final belief, H(p,q), D(p‖q), basin and whether it reached."""
    s = result.settings
    from .beliefs import make_belief

    family = make_belief(s.belief, s.world.size)
    q = family.probs(result.params)
    header = ["agent", f"cross_entropy_{units}", f"kl_{units}", f"mean_surprise_{units}"]
    header += list(family.param_names)
    header += [f"q({label})" for label in s.world.labels]
    header += ["basin", "reached_global"]
    with open_atomic(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(result.n_agents):
            row: list[object] = [i]
            for column in (result.cross_entropy, result.kl, result.mean_surprise):
                row.append(repr(float(from_nats(column[i], units))))
            row += [repr(float(v)) for v in result.params[:, i]]
            row += [repr(float(v)) for v in q[:, i]]
            row += [int(result.basin[i]), int(bool(result.reached[i]))]
            writer.writerow(row)


def write_sweep_csv(
    path: str, parameter: str, results: Sequence[PopulationResult], units: str
) -> None:
    """One row per point: the value swept, the share reaching the global minimum and its
    95 % interval, and the mean final cross-entropy."""
    header = [
        parameter,
        "agents",
        "steps",
        "reached_global",
        "share",
        "share_low_95",
        "share_high_95",
        f"mean_cross_entropy_{units}",
    ]
    with open_atomic(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for r in results:
            low, high = r.interval
            writer.writerow(
                [
                    repr(float(getattr(r.settings, parameter))),
                    r.n_agents,
                    r.steps,
                    r.successes,
                    repr(r.share),
                    repr(low),
                    repr(high),
                    repr(float(from_nats(r.cross_entropy.mean(), units))),
                ]
            )
