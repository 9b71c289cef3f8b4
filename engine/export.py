"""Results as files and summaries: what the command line prints and writes, and the window too.

Every writer is atomic (``engine/files.py``): a crash mid-write leaves any earlier file.
Information values are in nats in the engine; the writers convert them to the units asked for.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence

import numpy as np

from .experiments import (
    PopulationResult,
    population_result,
    reached_global,
    write_population_csv,
    write_sweep_csv,
)
from .files import open_atomic
from .landscape import Landscape, compute_landscape
from .measures import cross_entropy, entropy, from_nats, kl_divergence
from .population import Population
from .settings import Settings
from .simulation import Simulation

__all__ = [
    "HISTORY_COLUMNS",
    "landscape_of",
    "number_or_inf",
    "run_summary",
    "sweep_rows",
    "write_history_csv",
    "write_population_csv",
    "write_run_population_csv",
    "write_sweep_csv",
]


def number_or_inf(value: float) -> str | float:
    """A number for JSON: infinity as the text "inf" (JSON has no infinity)."""
    return "inf" if math.isinf(value) else value


def landscape_of(settings: Settings, population: Population) -> Landscape | None:
    """The landscape of a population's world (its p now) and belief (None where none)."""
    return compute_landscape(settings.world.p_at(population.step), population.family)


def run_summary(settings: Settings, population: Population, steps: int) -> dict[str, object]:
    """Where a run's agents ended, as the command line prints it (values in its units),
    measured against the world's p at the end (it may change during the run)."""
    p = settings.world.p_at(population.step)
    q = population.probs()
    ce = cross_entropy(p, q.T, "nats")
    kl = kl_divergence(p, q.T, "nats")
    reached = float(reached_global(landscape_of(settings, population), population).mean())
    units = settings.units
    summary: dict[str, object] = {
        "steps": steps,
        "agents": population.n_agents,
        "units": units,
        "world": settings.world.name,
        "belief": settings.belief,
        "learner": settings.learner,
        "entropy": float(entropy(p, units)),
        "cross_entropy": number_or_inf(float(from_nats(ce.mean(), units))),
        "kl": number_or_inf(float(from_nats(kl.mean(), units))),
        "mean_surprise": (
            float(from_nats(population.surprise_sum.mean() / steps, units)) if steps else None
        ),
        "reached_global": reached,
    }
    if settings.learner == "anneal":
        summary["temperature"] = population.temperature() + 0.0
        summary["acceptance_rate"] = (
            float(np.nanmean(population.acceptance_rate())) if steps else None
        )
    return summary


def write_run_population_csv(
    path: str, settings: Settings, population: Population, steps: int
) -> None:
    """Where each agent of a run ended (one row each; see ``write_population_csv``)."""
    result = population_result(population, landscape_of(settings, population), steps)
    write_population_csv(path, result, settings.units)


def sweep_rows(
    parameter: str, results: Sequence[PopulationResult], units: str
) -> list[dict[str, float]]:
    """One row per point of a sweep: the value, the share reaching the global minimum and
    its 95 % interval, and the mean final cross-entropy (in ``units``)."""
    return [
        {
            parameter: float(getattr(r.settings, parameter)),
            "share": r.share,
            "share_low_95": r.interval[0],
            "share_high_95": r.interval[1],
            "mean_cross_entropy": float(from_nats(r.cross_entropy.mean(), units)),
        }
        for r in results
    ]


HISTORY_COLUMNS = ("surprise", "mean_surprise", "cross_entropy", "entropy", "kl")


def write_history_csv(path: str, simulation: Simulation | Sequence[Simulation], units: str) -> None:
    """The kept rows of a history as CSV, information values in ``units`` (written atomically).

    Given several simulations (a race: they share the world and the outcomes, and advance in
    lock step), each gets its own group of columns, prefixed A_, B_, ...; step and outcome
    are shared.  A run of 0 steps gives the header alone.
    """
    sims = [simulation] if isinstance(simulation, Simulation) else list(simulation)
    lead = sims[0]
    history = lead.history
    world = lead.settings.world
    for other in sims[1:]:
        if not np.array_equal(other.history.steps, history.steps) or not np.array_equal(
            other.history.column("outcome"), history.column("outcome")
        ):
            raise ValueError("the learners of a race must share their steps and outcomes")
    group = [f"{c}_{units}" for c in HISTORY_COLUMNS]
    group += list(lead.family.param_names)
    group += [f"q({label})" for label in world.labels]
    group += ["temperature", "acceptance_rate"]
    header = ["step", "outcome"]
    for i in range(len(sims)):
        prefix = f"{'ABCDEFGH'[i]}_" if len(sims) > 1 else ""
        header += [prefix + name for name in group]
    columns = []
    rows = len(history)
    for sim in sims:
        h = sim.history
        info = np.column_stack([from_nats(h.column(c), units) for c in HISTORY_COLUMNS])
        columns.append(
            (
                info.reshape(rows, len(HISTORY_COLUMNS)),
                h.column("params").reshape(rows, sim.family.n_params),
                h.column("q").reshape(rows, world.size),
                h.column("temperature"),
                h.column("acceptance"),
            )
        )
    outcomes = history.column("outcome")
    with open_atomic(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i, step in enumerate(history.steps):
            row: list[object] = [int(step), world.labels[int(outcomes[i])]]
            for info, params, q, temperature, acceptance in columns:
                row += [repr(float(v)) for v in info[i]]
                row += [repr(float(v)) for v in params[i]]
                row += [repr(float(v)) for v in q[i]]
                row += [repr(float(temperature[i]))]
                acc = float(acceptance[i])
                row += ["" if math.isnan(acc) else repr(acc)]
            writer.writerow(row)
