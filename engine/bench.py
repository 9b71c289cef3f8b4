"""``main.py bench``: the engine's speed on this machine, against straightforward NumPy code.

Each figure is the median of several repeats, and each has a ``_baseline`` twin: the same work
written the obvious way in NumPy (one agent: a NumPy call per operation per step; populations:
agents-first arrays with fresh temporaries each step; landscape: one NumPy call per grid row and
Python loops to find minima and basins; one hunch agent: the engine's own array code for it),
timed in the same run so that the ratio is fair on a shared, noisy machine.  With
CROSS_ENTROPY_LAB_TORCH_PYTHON set to a Python that has torch, a PyTorch peer of the population
gd figure runs in the same benchmark too.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

import numpy as np

from . import population
from .beliefs import make_belief
from .landscape import compute_landscape
from .population import Population
from .settings import Settings
from .simulation import Simulation
from .worlds import PRESETS

SINGLE_STEPS = 20_000
POP_AGENTS = 10_000
POP_STEPS = 100


def _median_time(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- straightforward baselines ----------------------------------------------------------


def baseline_single_gd(p: np.ndarray, steps: int, lr: float, seed: int) -> np.ndarray:
    """One agent, online GD on softmax logits, recording H(p,q) and D(p‖q) each step."""
    rng = np.random.default_rng(seed)
    k = p.size
    z = np.zeros(k)
    record = np.empty((steps, 3))
    for t in range(steps):
        x = rng.choice(k, p=p)
        log_q = z - (z.max() + np.log(np.sum(np.exp(z - z.max()))))
        q = np.exp(log_q)
        record[t] = (-log_q[x], -np.sum(p * log_q), np.sum(p * np.log(p / q)))
        grad = q.copy()
        grad[x] -= 1.0
        z = z - lr * grad
    return record


def baseline_population_gd(p: np.ndarray, agents: int, steps: int, lr: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    k = p.size
    z = np.zeros((agents, k))
    cdf = np.cumsum(p)
    rows = np.arange(agents)
    total = np.zeros(agents)
    for _ in range(steps):
        x = np.minimum((rng.random(agents)[:, None] > cdf).sum(axis=1), k - 1)
        top = z.max(axis=1, keepdims=True)
        log_q = z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))
        total += -log_q[rows, x]
        grad = np.exp(log_q)
        grad[rows, x] -= 1.0
        z = z - lr * grad


def baseline_population_anneal(
    p: np.ndarray, agents: int, steps: int, temperature: float, seed: int
) -> None:
    """Hunch belief, Metropolis on average surprise, agents-first arrays."""
    rng = np.random.default_rng(seed)
    k = p.size
    faces = np.arange(1, k + 1)
    cdf = np.cumsum(p)
    rows = np.arange(agents)
    theta = np.tile([0.7 * (k - 1) + 1.0, 0.5], (agents, 1))
    counts = np.zeros((agents, k))

    def log_q(th: np.ndarray) -> np.ndarray:
        lb = -((faces[None, :] - th[:, :1]) ** 2) / (2 * 0.6**2)
        lb = lb - lb.max(axis=1, keepdims=True)
        b = np.exp(lb) / np.exp(lb).sum(axis=1, keepdims=True)
        return np.log((1 - th[:, 1:]) / k + th[:, 1:] * b)

    for _ in range(steps):
        x = np.minimum((rng.random(agents)[:, None] > cdf).sum(axis=1), k - 1)
        counts[rows, x] += 1
        freq = counts / counts.sum(axis=1, keepdims=True)
        energy = -(freq * log_q(theta)).sum(axis=1)
        proposal = theta + rng.normal(size=theta.shape) * [0.36, 0.05]
        proposal[:, 0] = np.clip(proposal[:, 0], 1, k)
        proposal[:, 1] = np.clip(proposal[:, 1], 0.05, 0.95)
        rise = -(freq * log_q(proposal)).sum(axis=1) - energy
        accept = (rise <= 0) | (rng.random(agents) < np.exp(-np.maximum(rise, 0) / temperature))
        theta = np.where(accept[:, None], proposal, theta)


def baseline_landscape(p: np.ndarray, resolution: int) -> list[tuple[int, int]]:
    k = p.size
    faces = np.arange(1, k + 1)
    mus = np.linspace(1, k, resolution)
    strengths = np.linspace(0.05, 0.95, resolution)
    values = np.empty((resolution, resolution))
    for j, mu in enumerate(mus):  # one column of the grid per NumPy call
        b = np.exp(-((faces - mu) ** 2) / (2 * 0.6**2))
        b /= b.sum()
        q = (1 - strengths[:, None]) / k + strengths[:, None] * b[None, :]
        values[:, j] = -(p * np.log(q)).sum(axis=1)

    # Minima and basins by walking downhill from every cell, in Python.
    def lowest_neighbour(i: int, j: int) -> tuple[int, int]:
        best = (i, j)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                a, b2 = i + di, j + dj
                if 0 <= a < resolution and 0 <= b2 < resolution and values[a, b2] < values[best]:
                    best = (a, b2)
        return best

    minima = set()
    for i in range(resolution):
        for j in range(resolution):
            cell = (i, j)
            while (nxt := lowest_neighbour(*cell)) != cell:
                cell = nxt
            minima.add(cell)
    return sorted(minima)


# --- the benchmark ----------------------------------------------------------------------


def engine_figures(quick: bool = False) -> dict[str, float]:
    repeats = 3 if quick else 7
    six = PRESETS["loaded-die"]
    p = six.probabilities
    figures: dict[str, float] = {}

    single_steps = SINGLE_STEPS // (10 if quick else 1)
    settings = Settings(world=six, belief="free", learner="gd", learning_rate=0.1)
    engine_t = _median_time(lambda: Simulation(settings).advance(single_steps), repeats)
    base_t = _median_time(lambda: baseline_single_gd(p, single_steps, 0.1, 0), repeats)
    figures["single_agent_steps_per_s"] = single_steps / engine_t
    figures["single_agent_steps_per_s_baseline"] = single_steps / base_t

    pop_steps = POP_STEPS // (5 if quick else 1)
    work = POP_AGENTS * pop_steps
    gd = Settings(world=six, belief="free", learner="gd", learning_rate=0.1)
    population.start_workers(wait=True)  # (kept warm from here on, as a run keeps it)
    engine_t = _median_time(lambda: Population(gd, POP_AGENTS).advance(pop_steps, False), repeats)
    base_t = _median_time(lambda: baseline_population_gd(p, POP_AGENTS, pop_steps, 0.1, 0), repeats)
    figures["population_gd_agent_steps_per_s"] = work / engine_t
    figures["population_gd_agent_steps_per_s_baseline"] = work / base_t
    # the same on one thread, whatever the machine's load (the figure above uses the idle cores)
    threads, population.THREADS = population.THREADS, 1
    try:
        one_t = _median_time(lambda: Population(gd, POP_AGENTS).advance(pop_steps, False), repeats)
    finally:
        population.THREADS = threads
    figures["population_gd_one_thread_agent_steps_per_s"] = work / one_t
    figures["population_gd_one_thread_agent_steps_per_s_baseline"] = work / base_t

    anneal = Settings(world=six, belief="hunch", learner="anneal", temperature=0.2)
    engine_t = _median_time(
        lambda: Population(anneal, POP_AGENTS).advance(pop_steps, False), repeats
    )
    base_t = _median_time(
        lambda: baseline_population_anneal(p, POP_AGENTS, pop_steps, 0.2, 0), repeats
    )
    figures["population_anneal_agent_steps_per_s"] = work / engine_t
    figures["population_anneal_agent_steps_per_s_baseline"] = work / base_t

    # One agent on the hunch belief: the plain-float step against the engine's array code
    # for the same agent (what a single hunch agent ran before issue 14), same settings.
    for learner in ("anneal", "gd"):
        hunch = Settings(world=six, belief="hunch", learner=learner)

        def array_code(steps: int, settings: Settings = hunch) -> None:
            sim = Simulation(settings)
            sim.population.scalar = False
            sim.advance(steps)

        base_steps = max(100, single_steps // 10)
        engine_t = _median_time(lambda s=hunch: Simulation(s).advance(single_steps), repeats)
        base_t = _median_time(lambda n=base_steps: array_code(n), repeats)
        figures[f"single_agent_hunch_{learner}_steps_per_s"] = single_steps / engine_t
        figures[f"single_agent_hunch_{learner}_steps_per_s_baseline"] = base_steps / base_t

    family = make_belief("hunch", six.size)
    engine_t = _median_time(lambda: compute_landscape(p, family, 200), repeats)
    base_t = _median_time(lambda: baseline_landscape(p, 200), max(1, repeats // 2))
    figures["landscape_200x200_ms"] = engine_t * 1000
    figures["landscape_200x200_ms_baseline"] = base_t * 1000
    return figures


SWEEP = (20, 500, 5000)  # points × agents × steps: the temperature sweep the README quotes


def sweep_figures(quick: bool = False) -> dict[str, float]:
    """Wall time of a temperature sweep on the loaded die with the hunch belief.

    As the ``sweep`` command runs it: all points as one population per worker process, one
    worker per core (median of 3 runs), and for comparison in this process alone (one run).
    ``_first_s`` is the first of the 3 on its own: the world's landscape (for the agents'
    basins) is worked out then and kept for the next sweeps of the same world.
    """
    from . import experiments
    from .experiments import PopulationJob, sweep_settings, sweep_values

    points, agents, steps = SWEEP if not quick else (20, 100, 500)
    base = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=2026)
    settings = sweep_settings(base, "temperature", sweep_values(0, 2, points))

    def sweep(processes: int | None) -> float:
        start = time.perf_counter()
        PopulationJob(settings, agents, steps).run(processes=processes)
        return time.perf_counter() - start

    experiments._landscapes.clear()  # the first sweep as in a fresh app: nothing kept
    times = [sweep(None if not quick else 2) for _ in range(1 if quick else 3)]
    pooled = statistics.median(times)
    alone = sweep(1)
    key = f"sweep_{points}x{agents}x{steps}"
    return {
        f"{key}_s": pooled,
        f"{key}_first_s": times[0],
        "sweep_agent_steps_per_s": points * agents * steps / pooled,
        f"{key}_s_one_process": alone,
    }


# A PyTorch peer of the population gd figure (the same update, agents last, in place, float32),
# run by the Python named in CROSS_ENTROPY_LAB_TORCH_PYTHON if set: torch is no dependency
# of this project, so the comparison runs only where someone installed it on the side.
# The peer waits in a process of its own and the repeats alternate (ours, torch on one
# thread, torch on its default threads, ours, ...), so that both meet the same machine: on
# a shared one, timing them a minute apart measures the load as much as the code.  The peer
# re-centres with ``amax`` (``max(0).values`` also finds the indices: it took nearly a third
# of the peer's time, an unfair handicap).  Left as a straightforward peer would have them:
# it re-centres every step where ours does so once per block (about 5 % of its time), and
# draws with ``searchsorted`` as World.sample does where ours counts the CDF's edges passed
# (done that way the peer would take about a fifth less time).  Ours uses a worker process
# for half of the agents (population.WORKERS): started before the repeats and kept warm
# between them, as the peer's process is; both sides' figures include their per-call costs
# (ours: building the population, passing the slice's state to the worker and back).
TORCH_ENV = "CROSS_ENTROPY_LAB_TORCH_PYTHON"
_TORCH_PEER = """
import sys, time
import torch
agents, steps, lr = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
p = torch.tensor({p!r}, dtype=torch.float64)
def run():
    g = torch.Generator().manual_seed(0)
    k = p.numel()
    cdf = torch.cumsum(p, 0).float(); cdf[-1] = 1.0
    z = torch.zeros(k, agents); flat = z.view(-1); e = torch.empty_like(z)
    cols = torch.arange(agents); bump = torch.full((agents,), lr)
    total = torch.zeros(agents, dtype=torch.float64)
    with torch.no_grad():
        for _ in range(steps):
            u = torch.rand(agents, generator=g)
            x = torch.searchsorted(cdf, u, right=True).clamp_(max=k - 1)
            idx = x * agents + cols
            torch.exp(z, out=e)
            s = e.sum(0)
            total += (s.log() - flat[idx]).double()
            e.mul_(lr / s)
            z.sub_(e)
            flat.index_add_(0, idx, bump)
            z.sub_(z.amax(0))
    return total
default = torch.get_num_threads()
print(default, flush=True)
for line in sys.stdin:
    torch.set_num_threads(int(line) or default)
    start = time.perf_counter(); run(); print(time.perf_counter() - start, flush=True)
"""


def torch_figures(quick: bool = False) -> dict[str, float]:
    """Population gd, ours against the PyTorch peer, repeats alternating (see above):
    agent-steps/s of each (medians) and ours over the better of torch's two."""
    import os
    import subprocess

    python = os.environ.get(TORCH_ENV)
    if not python:
        return {}
    steps = POP_STEPS // (5 if quick else 1)
    six = PRESETS["loaded-die"]
    gd = Settings(world=six, belief="free", learner="gd", learning_rate=0.1)
    code = _TORCH_PEER.format(p=list(six.p))
    peer = subprocess.Popen(
        [python, "-c", code, str(POP_AGENTS), str(steps), "0.1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        population.start_workers(wait=True)  # (while the peer starts)
        default_threads = int(peer.stdout.readline())

        def torch_run(threads: int) -> float:
            peer.stdin.write(f"{threads}\n")
            peer.stdin.flush()
            return float(peer.stdout.readline())

        def ours() -> float:
            start = time.perf_counter()
            Population(gd, POP_AGENTS).advance(steps, False)
            return time.perf_counter() - start

        # Each timed run right after an untimed one of the same kind: a run straight after
        # the other side's (or after a pause) meets cold caches and a slower clock, and which
        # side gets that would depend on the order.
        times: dict[str, list[float]] = {"ours": [], "one": [], "default": []}
        for _ in range(5 if quick else 9):
            ours()
            times["ours"].append(ours())
            torch_run(1)
            times["one"].append(torch_run(1))
            torch_run(0)
            times["default"].append(torch_run(0))
    finally:
        peer.stdin.close()
        peer.wait(timeout=60)
    work = POP_AGENTS * steps
    rate = {k: work / statistics.median(v) for k, v in times.items()}
    return {
        "population_gd_agent_steps_per_s_alongside_torch": rate["ours"],
        "population_gd_agent_steps_per_s_torch_one_thread": rate["one"],
        "torch_one_thread": 1.0,
        "population_gd_agent_steps_per_s_torch_default_threads": rate["default"],
        "torch_default_threads": float(default_threads),
        "population_gd_torch_ratio": rate["ours"] / max(rate["one"], rate["default"]),
    }


def _ratio(figures: dict[str, float], key: str) -> float:
    base = figures[f"{key}_baseline"]
    if key.endswith("_ms"):
        return base / figures[key]
    return figures[key] / base


def run_bench(
    json_output: bool = False,
    quick: bool = False,
    extra: Callable[[bool], dict[str, object]] | None = None,
) -> int:
    figures = engine_figures(quick)
    keys = [k for k in figures if not k.endswith("_baseline")]
    ratios = {f"{k}_ratio": _ratio(figures, k) for k in keys}
    result: dict[str, object] = {**figures, **ratios}
    result.update(torch_figures(quick))
    result.update(sweep_figures(quick))
    if extra is not None:
        result.update(extra(quick))
    if json_output:
        print(json.dumps(result))
        return 0
    print("Cross-Entropy Lab benchmark (medians; baseline = straightforward NumPy)")
    for k in keys:
        print(
            f"  {k:40s} {figures[k]:>14,.1f}   baseline {figures[k + '_baseline']:>14,.1f}"
            f"   ×{ratios[k + '_ratio']:.1f}"
        )
    for k, v in result.items():
        if isinstance(v, list):  # the window's frames, one entry per world and mode
            for entry in v:
                print(
                    f"  {k}: {entry['name']:50s} median {entry['median_ms']:6.1f} ms"
                    f"   p95 {entry['p95_ms']:6.1f} ms"
                )
        elif k not in figures and k not in ratios:
            print(f"  {k:40s} {v:>14,.2f}")
    return 0
