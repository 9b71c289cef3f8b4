"""One agent in one world: the object the window drives, and the headless ``run`` command.

``Simulation`` owns the mutable state (a population of one, its history, its recent trail);
``snapshot()`` returns a frozen :class:`Snapshot` that a viewer reads each frame.  All values
are in nats; :meth:`Snapshot.in_units` converts for display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .history import DEFAULT_CAPACITY, History
from .measures import cross_entropy, entropy, from_nats, kl_divergence
from .population import ACCEPTANCE_WINDOW, Population
from .settings import RESET_FIELDS, Settings

TRAIL_LENGTH = 60  # recent positions kept for drawing the agent's trail


@dataclass(frozen=True)
class Snapshot:
    """The state of a simulation after some step, frozen for viewers.  Values in nats."""

    step: int
    q: np.ndarray
    params: np.ndarray
    entropy: float
    cross_entropy: float
    kl: float
    reverse_kl: float
    mean_surprise: float  # running mean of the surprises so far (NaN at step 0)
    last_outcome: int | None
    last_surprise: float | None
    temperature: float
    acceptance_rate: float  # over the last 100 proposals (NaN for gd or before any)

    @property
    def perplexity(self) -> float:
        return math.exp(self.cross_entropy) if self.cross_entropy < 700 else math.inf

    def in_units(self, units: str) -> dict[str, float | None]:
        """The information quantities converted to ``units`` (perplexity has no unit)."""

        def conv(v: float | None) -> float | None:
            return None if v is None else float(from_nats(v, units))

        return {
            "entropy": conv(self.entropy),
            "cross_entropy": conv(self.cross_entropy),
            "kl": conv(self.kl),
            "reverse_kl": conv(self.reverse_kl),
            "mean_surprise": conv(self.mean_surprise),
            "last_surprise": conv(self.last_surprise),
        }


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


class Simulation:
    """A single agent learning from a world, with its history."""

    def __init__(self, settings: Settings | None = None, history_capacity: int = DEFAULT_CAPACITY):
        self._settings = settings or Settings()
        self._history_capacity = history_capacity
        self._build()

    def _build(self) -> None:
        # The run as it began, and every in-place change since (step, {field: value}):
        # enough to replay it exactly (see engine/session.py).
        self.start_settings = self._settings
        self.journal: list[tuple[int, dict[str, Any]]] = []
        self.population = Population(self._settings, 1)
        family = self.population.family
        k = self._settings.world.size
        self.history = History(
            {
                "outcome": 1,
                "surprise": 1,
                "mean_surprise": 1,
                "cross_entropy": 1,
                "entropy": 1,
                "kl": 1,
                "params": family.n_params,
                "q": k,
                "temperature": 1,
                "acceptance": 1,
            },
            self._history_capacity,
        )
        self._p = self._settings.world.probabilities
        self._entropy = float(entropy(self._p, "nats"))
        self._last_outcome: int | None = None
        self._last_surprise: float | None = None
        self._trail = np.empty((0, family.n_params))
        self._rejected = np.empty((0, family.n_params))
        self._recent_accepts = np.empty(0)

    # --- settings -------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def family(self):
        return self.population.family

    @property
    def step_count(self) -> int:
        return self.population.step

    def update(self, **changes: Any) -> bool:
        """Change settings.  Returns True if the change started the run again.

        Learning rate, temperature, cooling, windows, step size and units apply to the running
        simulation at once; world, belief, learner, seed and start reset it (keeping the rest).
        """
        old = self._settings
        if "start" not in changes and old.start is not None:
            # A start is in the belief's own coordinates: it means nothing for another world
            # or belief, so a change of either goes back to the family's default start.
            if (
                changes.get("world", old.world).size != old.world.size
                or changes.get("belief", old.belief) != old.belief
            ):
                changes["start"] = None
        new = old.replace(**changes)
        return self.apply(new)

    def apply(self, new: Settings) -> bool:
        old = self._settings
        if new == old:
            return False
        self._settings = new
        if any(getattr(old, f) != getattr(new, f) for f in RESET_FIELDS):
            self._build()
            return True
        self.population.configure(new)
        changed = {
            f.name: getattr(new, f.name)
            for f in fields(new)
            if getattr(new, f.name) != getattr(old, f.name)
        }
        if self.journal and self.journal[-1][0] == self.step_count:
            self.journal[-1][1].update(changed)  # several changes at one step: one entry
        else:
            self.journal.append((self.step_count, changed))
        return False

    def reset(self) -> None:
        """Back to step 0 with the same settings: the same seed gives the same outcomes."""
        self._build()

    # --- stepping ---------------------------------------------------------------------
    def advance(self, n: int = 1) -> Snapshot:
        """Learn from ``n`` more outcomes; returns the new snapshot."""
        if n <= 0:
            return self.snapshot()
        start = self.population.step
        surprise_before = float(self.population.surprise_sum[0])
        trace = self.population.advance(n, record=True)
        assert trace is not None
        family = self.population.family
        params = trace.params[:, :, 0]
        q = family.probs(params.T).T
        steps = np.arange(start + 1, start + n + 1)
        surprises = trace.surprises[:, 0]
        means = (surprise_before + np.cumsum(surprises)) / steps
        if trace.accepted is not None:
            acceptance = self._acceptance_trace(trace.accepted[:, 0])
        else:
            acceptance = np.full(n, np.nan)
        self.history.append(
            steps,
            {
                "outcome": trace.outcomes[:, 0],
                "surprise": surprises,
                "mean_surprise": means,
                "cross_entropy": cross_entropy(self._p, q, "nats"),
                "entropy": np.full(n, self._entropy),
                "kl": kl_divergence(self._p, q, "nats"),
                "params": params,
                "q": q,
                "temperature": trace.temperature,
                "acceptance": acceptance,
            },
        )
        self._last_outcome = int(trace.outcomes[-1, 0])
        self._last_surprise = float(surprises[-1])
        self._trail = np.concatenate([self._trail, params])[-TRAIL_LENGTH:]
        if trace.proposals is not None:
            rejected = trace.proposals[~trace.accepted[:, 0], :, 0]
            self._rejected = np.concatenate([self._rejected, rejected])[-TRAIL_LENGTH:]
        return self.snapshot()

    def _acceptance_trace(self, accepted: np.ndarray) -> np.ndarray:
        """Acceptance rate over the last 100 proposals, after each step of this block."""
        flags = np.concatenate([self._recent_accepts, accepted.astype(float)])
        csum = np.concatenate([[0.0], np.cumsum(flags)])
        ends = np.arange(len(self._recent_accepts) + 1, len(flags) + 1)
        starts = np.maximum(ends - ACCEPTANCE_WINDOW, 0)
        self._recent_accepts = flags[-ACCEPTANCE_WINDOW:]
        return (csum[ends] - csum[starts]) / (ends - starts)

    # --- reading ----------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        pop = self.population
        q = pop.probs()[:, 0]
        step = pop.step
        return Snapshot(
            step=step,
            q=_readonly(q),
            params=_readonly(pop.params[:, 0]),
            entropy=self._entropy,
            cross_entropy=float(cross_entropy(self._p, q, "nats")),
            kl=float(kl_divergence(self._p, q, "nats")),
            reverse_kl=float(kl_divergence(q, self._p, "nats")),
            mean_surprise=float(pop.surprise_sum[0] / step) if step else math.nan,
            last_outcome=self._last_outcome,
            last_surprise=self._last_surprise,
            temperature=pop.temperature(),
            acceptance_rate=float(pop.acceptance_rate()[0]),
        )

    def trail(self) -> np.ndarray:
        """The agent's recent parameters, oldest first, shape (m, d)."""
        return self._trail

    def rejected(self) -> np.ndarray:
        """Recent annealing proposals that were turned down, shape (m, d)."""
        return self._rejected
