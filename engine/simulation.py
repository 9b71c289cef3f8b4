"""One agent in one world: the object the window drives, and the headless ``run`` command.

``Simulation`` owns the mutable state (a population of one, its history, its recent trail);
``snapshot()`` returns a frozen :class:`Snapshot` of its figures and ``frame()`` a frozen
:class:`~engine.frame.LearnerFrame`, everything a view shows, which the window draws each
tick.  All values are in nats; :meth:`Snapshot.in_units` converts for display.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import Any

import numpy as np

from .frame import LearnerFrame, PeakDecimator, Snapshot, entropy_curve, readonly
from .history import DEFAULT_CAPACITY, History
from .measures import _kl_terms, cross_entropy, entropy, kl_divergence, point_measures
from .population import ACCEPTANCE_WINDOW, CHUNK_NUMBERS, Population
from .settings import RESET_FIELDS, Settings
from .validation import MessageError

TRAIL_LENGTH = 60  # recent positions kept for drawing the agent's trail
# A hand change (the belief set by hand) in the journal: (step, {HAND: [params...]}).
HAND = "params"


class BeliefError(MessageError):
    """A belief set by hand that the family cannot take; the message says why."""


def block_steps(n_agents: int, n_params: int) -> int:
    """Steps per block when stepping ``n_agents`` agents: about a million numbers at a time.

    The same size as the population's own chunks, so stepping block by block gives the same
    numbers, bit for bit, as one call for the whole run; and a recorded block never holds more
    than about a million values per column, whatever the length of the run.
    """
    return max(1, CHUNK_NUMBERS // (n_agents * (n_params + 2)))


class Simulation:
    """A single agent learning from a world, with its history.

    With ``agents`` > 1 the population has that many agents and the history, snapshot and
    trail follow the first; the others step exactly as in a population without a history.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        history_capacity: int = DEFAULT_CAPACITY,
        agents: int = 1,
    ):
        self._settings = settings or Settings()
        self._history_capacity = history_capacity
        self._agents = agents
        self._build()

    def _build(self) -> None:
        # The run as it began, and every in-place change since (step, {field: value}):
        # enough to replay it exactly (see engine/session.py).
        self.start_settings = self._settings
        self.journal: list[tuple[int, dict[str, Any]]] = []
        self.population = Population(self._settings, self._agents)
        self._measured: tuple | None = None  # (p, params, q, H(p,q), KL) after the last block
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
        self._floor_sum = 0.0  # Σ H(p_t) over the outcomes drawn: the floor of their mean
        self._trail = np.empty((0, family.n_params))
        self._rejected = np.empty((0, family.n_params))
        self._recent_accepts = np.empty(0)
        self._decimators = {name: PeakDecimator() for name in ("cross_entropy", "mean_surprise")}
        self._decimated_stride = self.history.stride
        self._drawn_trail()

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
        self._frame = self._measured = None
        # A world that differs only in its changes from now on changes in place: the run
        # goes on and the outcomes to come follow it (the change of the world "now").
        shifted = new.world != old.world and self._shift_in_place(old.world, new.world)
        if any(
            getattr(old, f) != getattr(new, f)
            for f in RESET_FIELDS
            if not (shifted and f == "world")
        ):
            self._build()
            return True
        self.population.configure(new)
        changed = {
            f.name: getattr(new, f.name)
            for f in fields(new)
            if getattr(new, f.name) != getattr(old, f.name) and f.name != "world"
        }
        if shifted:
            changed["shift"] = new.world.changes
            self._drawn_trail()  # the trail's H(p,q) against the p of now
        if self.journal and self.journal[-1][0] == self.step_count:
            self.journal[-1][1].update(changed)  # several changes at one step: one entry
        else:
            self.journal.append((self.step_count, changed))
        return False

    def set_belief(self, params: Any) -> np.ndarray:
        """A hand change: the agent's belief set to ``params`` (the family's parameters).

        The values are checked (finite, one per parameter) and projected by the family (a free
        belief's logits are shifted so the largest is 0, a hunch is clipped to its range); the
        projected parameters are returned.  The change is recorded in the journal with its
        step, like a setting, so a session saves and replays it exactly.  The step's row of
        the history (if kept) shows the new belief, the last outcome's surprise is what it
        costs the new belief, and the trail starts again from it.
        With several agents, the first (the one shown) is moved.
        """
        family = self.family
        try:
            values = np.array(params, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise BeliefError(
                "a belief set by hand must be numbers, not {value}", value=_short(params)
            ) from None
        if values.size != family.n_params:
            raise BeliefError(
                "a belief set by hand needs {n} numbers for this belief, not {count}",
                n=family.n_params,
                count=values.size,
            )
        if not np.all(np.isfinite(values)):
            raise BeliefError(
                "a belief set by hand must be finite numbers, not {value}", value=_short(params)
            )
        projected = family.project(values[:, None].copy())[:, 0]
        pop = self.population
        pop.params[:, 0] = projected
        step = self.step_count
        change = {HAND: [float(v) for v in projected]}
        if self.journal and self.journal[-1][0] == step:
            self.journal[-1][1].update(change)  # several changes at one step: one entry
        else:
            self.journal.append((step, change))
        self._rewrite_last_row()
        if self._last_outcome is not None:  # what the last outcome costs the belief as it is now
            log_q = family.log_probs(projected[:, None])[:, 0]
            self._last_surprise = float(-log_q[self._last_outcome])
        self._trail = projected[None, :].copy()
        self._rejected = np.empty((0, family.n_params))
        self._drawn_trail()
        return projected.copy()

    def _rewrite_last_row(self) -> None:
        """The history's row of this step (if kept) shows the belief as it is now."""
        h = self.history
        if not len(h) or h.steps[-1] != self.step_count:
            return
        params = self.population.params[:, :1]
        q = self.family.probs(params)
        h.set_last(
            {
                "params": params[:, 0],
                "q": q[:, 0],
                "cross_entropy": cross_entropy(self.p_now(), q.T, "nats"),
                "kl": kl_divergence(self.p_now(), q.T, "nats"),
            }
        )

    def _shift_in_place(self, old, new) -> bool:
        """Is ``new`` the world ``old`` but for its changes from this step on?"""
        return new.same_until(old, self.step_count)

    def p_now(self) -> np.ndarray:
        """The world's p after the steps taken (what the next outcome is drawn from)."""
        world = self._settings.world
        return world.p_at(self.step_count) if world.changes else self._p

    def reset(self) -> None:
        """Back to step 0 with the same settings: the same seed gives the same outcomes."""
        self._build()

    # --- stepping ---------------------------------------------------------------------
    def advance(self, n: int = 1, stop=None) -> Snapshot:
        """Learn from ``n`` more outcomes; returns the new snapshot.

        Long runs go in blocks (see :func:`block_steps`), so memory stays bounded whatever
        ``n`` is.  ``stop``, if given, is called after each block with the steps done so far;
        it may raise (e.g. KeyboardInterrupt) to stop between blocks.
        """
        self.step(n, stop)
        return self.snapshot()

    @property
    def block(self) -> int:
        """Steps per block (see :func:`block_steps`)."""
        return block_steps(self.population.n_agents, self.population.family.n_params)

    def step(self, n: int = 1, stop=None) -> None:
        """:meth:`advance` without making a snapshot (a viewer asks for the frame instead)."""
        block = self.block
        done = 0
        while done < n:
            size = min(block, n - done)
            self._advance_block(size)
            done += size
            if stop is not None:
                stop(done)

    def _advance_block(self, n: int) -> None:
        block = self._block_begin(n)
        p = block[3]
        q = self.population.family.probs(block[2].params[:, :, 0].T).T
        block = (*block, q)
        self._block_end(block, cross_entropy(p, q, "nats"), kl_divergence(p, q, "nats"))

    def _block_begin(self, n: int) -> tuple:
        """A block's steps: (start, surprise before, trace, p), the p of each row (or one
        for all), for :meth:`_block_end` once q, H(p,q) and KL are worked out (by
        :meth:`_advance_block`, or for several learners at once by a race)."""
        start = self.population.step
        surprise_before = float(self.population.surprise_sum[0])
        trace = self.population.advance(n, record=True)
        assert trace is not None
        world = self._settings.world
        # Each row is measured against the p of its step (the world may change: see World).
        changing = world.changes and world.changes_between(start + 1, start + n)
        if changing:
            p = world.probabilities_at(np.arange(start + 1, start + n + 1))
        else:
            p = self.p_now_at(start + n)
        return start, surprise_before, trace, p

    def _block_end(self, block: tuple, ce: np.ndarray, kl: np.ndarray) -> None:
        start, surprise_before, trace, p, q = block
        n = len(q)
        family = self.population.family
        params = trace.params[:, :, 0]
        steps = np.arange(start + 1, start + n + 1)
        world = self._settings.world
        changing = p.ndim == 2
        # The state after the block, measured: the snapshot takes it from here rather than
        # work it out again, as long as the belief and the world are still those.
        self._measured = (p, params[-1].copy(), q[-1].copy(), float(ce[-1]), float(kl[-1]))
        floor = entropy(p, "nats") if changing else np.full(n, self._entropy_at(p))
        self._floor_sum += float(floor.sum())
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
                "cross_entropy": ce,
                "entropy": floor,
                "kl": kl,
                "params": params,
                "q": q,
                "temperature": trace.temperature,
                "acceptance": acceptance,
            },
        )
        self._last_outcome = int(trace.outcomes[-1, 0])
        self._last_surprise = float(surprises[-1])
        # The trail's landscape coordinates and H(p,q) are worked out once, as it grows
        # (only the new positions), not again for every frame that draws it.
        recent = params[-TRAIL_LENGTH:]
        self._trail = np.concatenate([self._trail, recent])[-TRAIL_LENGTH:]
        self._trail_coords = np.concatenate([self._trail_coords, family.coords(recent.T)], axis=1)[
            :, -TRAIL_LENGTH:
        ]
        if world.changes:  # drawn on the landscape of the p of now
            self._trail_ce = cross_entropy(self.p_now(), family.probs(self._trail.T).T, "nats")
        else:
            self._trail_ce = np.concatenate([self._trail_ce, ce[-TRAIL_LENGTH:]])[-TRAIL_LENGTH:]
        if trace.proposals is not None:
            rejected = trace.proposals[~trace.accepted[:, 0], :, 0][-TRAIL_LENGTH:]
            self._rejected = np.concatenate([self._rejected, rejected])[-TRAIL_LENGTH:]
            self._rejected_coords = np.concatenate(
                [self._rejected_coords, family.coords(rejected.T)], axis=1
            )[:, -TRAIL_LENGTH:]
        self._frame = None

    def p_now_at(self, step: int) -> np.ndarray:
        world = self._settings.world
        return world.p_at(step) if world.changes else self._p

    def _floor_through(self, step: int) -> float:
        """Σ H(p_t) for the outcomes 1 .. ``step`` (a world that changes, in slices)."""
        world = self._settings.world
        if not world.changes:
            return self._entropy * step
        total = 0.0
        for first in range(1, step + 1, 100_000):
            steps = np.arange(first, min(first + 100_000, step + 1))
            total += float(entropy(world.probabilities_at(steps), "nats").sum())
        return total

    def _entropy_at(self, p: np.ndarray) -> float:
        return self._entropy if p is self._p else float(entropy(p, "nats"))

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
        step = pop.step
        p = self.p_now()
        measured = self._measured
        if (
            measured is not None
            and measured[0] is p
            and measured[1].tolist() == pop.params[:, 0].tolist()
        ):  # (the q and measures of the block's last row: the same numbers)
            q, cross, kl = measured[2], measured[3], measured[4]
            reverse_kl = _kl_terms(q.tolist(), p.tolist())
        else:
            q = pop.probs()[:, 0]
            cross, kl, reverse_kl = point_measures(p, q)
        return Snapshot(
            step=step,
            q=readonly(q),
            params=readonly(pop.params[:, 0]),
            entropy=self._entropy_at(p),
            cross_entropy=cross,
            kl=kl,
            reverse_kl=reverse_kl,
            mean_surprise=float(pop.surprise_sum[0] / step) if step else math.nan,
            mean_entropy=self._floor_sum / step if step else math.nan,
            last_outcome=self._last_outcome,
            last_surprise=self._last_surprise,
            temperature=pop.temperature(),
            acceptance_rate=float(pop.acceptance_rate()[0]),
            p=readonly(p),
        )

    def trail(self) -> np.ndarray:
        """The agent's recent parameters, oldest first, shape (m, d)."""
        return self._trail

    def rejected(self) -> np.ndarray:
        """Recent annealing proposals that were turned down, shape (m, d)."""
        return self._rejected

    def frame(self, mean: bool = True) -> LearnerFrame:
        """Everything a view shows of this learner now, frozen (see engine/frame.py).

        Made at most once per step and setting: drawing the same state again costs nothing.
        The time curves are peak-decimated (at most 2 × FRAME_COLUMNS + 1 points, however
        long the run), at the cost of the rows added since the last frame.  ``mean``: with
        the running mean surprise's curve (a race's rivals go without: nothing draws it).
        """
        key = (self.population.step, mean)
        if self._frame is not None and self._frame_key == key:
            return self._frame
        snap = self.snapshot()
        h = self.history
        if h.stride != self._decimated_stride:  # the history thinned: its rows moved
            self._decimated_stride = h.stride
            for decimator in self._decimators.values():
                decimator.clear()
        steps = h.steps
        frame = LearnerFrame(
            settings=self._settings,
            snapshot=snap,
            position=readonly(self.family.coords(np.asarray(snap.params)[:, None])[:, 0]),
            trail=readonly(self._trail_coords),
            trail_cross_entropy=readonly(self._trail_ce),
            rejected=readonly(self._rejected_coords),
            cross_entropy=self._decimators["cross_entropy"].curve(steps, h.column("cross_entropy")),
            mean_surprise=(
                self._decimators["mean_surprise"].curve(steps, h.column("mean_surprise"))
                if mean
                else None
            ),
        )
        if self._settings.world.changes:
            frame = replace(
                frame, entropy=entropy_curve(self._settings.world, frame.cross_entropy.x)
            )
        self._frame, self._frame_key = frame, key
        return frame

    def _drawn_trail(self) -> None:
        """The trail's and the rejected proposals' coordinates and H(p,q), from scratch."""
        family = self.population.family
        c = len(family.coords(family.start()[:, None]))
        self._trail_coords = family.coords(self._trail.T) if len(self._trail) else np.empty((c, 0))
        self._trail_ce = (
            cross_entropy(self.p_now(), family.probs(self._trail.T).T, "nats")
            if len(self._trail)
            else np.empty(0)
        )
        self._rejected_coords = (
            family.coords(self._rejected.T) if len(self._rejected) else np.empty((c, 0))
        )
        self._frame = None

    # --- resumable state ----------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Everything needed to go on from here exactly, as JSON-ready values.

        The belief, the sums and counts, the remembered outcomes, the annealing bookkeeping
        and the positions of the three random generators: restoring this continues the run
        bit for bit, as if it had never stopped (the history is not part of it).
        """
        pop = self.population
        memory = pop._ordered_memory()
        return {
            "step": pop.step,
            "params": pop.params[:, 0].tolist(),
            "surprise_sum": float(pop.surprise_sum[0]),
            "counts": pop._counts[:, 0].tolist(),
            "memory": [] if memory is None else memory[:, 0].tolist(),
            "cooling_start": pop._cooling_start,
            "proposals_made": pop.proposals_made,
            "accepted_total": int(pop.accepted_total[0]),
            "accepted_recent": [
                bool(pop._accepted_ring[(pop.proposals_made - n + i) % ACCEPTANCE_WINDOW, 0])
                for n in [min(pop.proposals_made, ACCEPTANCE_WINDOW)]
                for i in range(n)
            ],
            "random": [
                _generator_state(g) for g in (pop._outcome_rng, pop._proposal_rng, pop._accept_rng)
            ],
            "last_outcome": self._last_outcome,
            "last_surprise": self._last_surprise,
            "trail": self._trail.tolist(),
            "rejected": self._rejected.tolist(),
            "recent_accepts": self._recent_accepts.tolist(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Take a state made by :meth:`state` (for these settings); ValueError if it does not fit.

        The history is kept as it is (empty, or rebuilt by running again).
        """
        pop = self.population
        family = pop.family
        d, k = family.n_params, family.k
        if pop.n_agents != 1:
            raise ValueError("only a single agent's state can be restored")
        step = _whole(state, "step", 0, None)
        params = _numbers(state, "params", d)
        if not np.array_equal(family.project(params[:, None].copy())[:, 0], params):
            raise ValueError("state: params are outside the belief's range")
        surprise_sum = _numbers(state, "surprise_sum", None)
        if surprise_sum < 0:
            raise ValueError("state: surprise_sum is negative")
        counts = _numbers(state, "counts", k)
        if np.any(counts < 0) or np.any(counts != np.round(counts)):
            raise ValueError("state: counts must be whole numbers >= 0")
        memory = state.get("memory")
        window = pop._memory.shape[0] if pop._memory is not None else 0
        if (
            not isinstance(memory, list)
            or len(memory) > window
            or not all(_is_int(x) and 0 <= x < k for x in memory)
        ):
            raise ValueError(f"state: memory must be up to {window} outcome indices")
        cooling_start = _whole(state, "cooling_start", 0, step)
        made = _whole(state, "proposals_made", 0, step)
        accepted_total = _whole(state, "accepted_total", 0, made)
        recent = state.get("accepted_recent")
        if (
            not isinstance(recent, list)
            or len(recent) != min(made, ACCEPTANCE_WINDOW)
            or not all(isinstance(x, bool) for x in recent)
        ):
            raise ValueError("state: accepted_recent must list the last proposals' outcomes")
        generators = state.get("random")
        if not isinstance(generators, list) or len(generators) != 3:
            raise ValueError("state: random must hold three generator states")
        last_outcome = state.get("last_outcome")
        if last_outcome is not None and not (_is_int(last_outcome) and 0 <= last_outcome < k):
            raise ValueError("state: last_outcome must be an outcome index or null")
        last_surprise = state.get("last_surprise")
        if last_surprise is not None:
            last_surprise = float(_numbers(state, "last_surprise", None))
        trail = _rows(state, "trail", d)
        rejected = _rows(state, "rejected", d)
        accepts = state.get("recent_accepts")
        if not isinstance(accepts, list) or len(accepts) > ACCEPTANCE_WINDOW:
            raise ValueError("state: recent_accepts must be a list of up to 100 numbers")
        recent_accepts = np.array([float(x) for x in accepts if x in (0, 1)])
        if recent_accepts.size != len(accepts):
            raise ValueError("state: recent_accepts must be 0s and 1s")
        rngs = (pop._outcome_rng, pop._proposal_rng, pop._accept_rng)
        for rng, saved in zip(rngs, generators, strict=True):
            _set_generator_state(rng, saved)
        pop.step = step
        pop.params = params[:, None].copy()
        pop.surprise_sum = np.array([surprise_sum])
        pop._counts = counts[:, None].copy()
        if pop._memory is not None:
            pop._memory[:] = 0
            pop._memory_len = len(memory)
            pop._memory[: len(memory), 0] = memory
            pop._memory_pos = len(memory) % window
        pop._cooling_start = cooling_start
        pop.proposals_made = made
        pop.accepted_total = np.array([accepted_total], dtype=np.int64)
        pop._accepted_ring[:] = False
        for i, flag in enumerate(recent):
            pop._accepted_ring[(made - len(recent) + i) % ACCEPTANCE_WINDOW, 0] = flag
        self._last_outcome = last_outcome
        self._last_surprise = last_surprise
        self._floor_sum = self._floor_through(step)
        self._trail = trail
        self._rejected = rejected
        self._recent_accepts = recent_accepts
        self._drawn_trail()


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _whole(state: dict[str, Any], name: str, low: int, high: int | None) -> int:
    value = state.get(name)
    if not _is_int(value) or value < low or (high is not None and value > high):
        top = "" if high is None else f" to {high}"
        raise ValueError(f"state: {name} must be a whole number from {low}{top}, not {value!r}")
    return value


def _numbers(state: dict[str, Any], name: str, size: int | None):
    value = state.get(name)
    values = [value] if size is None else value
    if (
        not isinstance(values, list)
        or (size is not None and len(values) != size)
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        or not all(math.isfinite(v) for v in values)
    ):
        count = "a finite number" if size is None else f"{size} finite numbers"
        raise ValueError(f"state: {name} must be {count}")
    array = np.array(values, dtype=float)
    return float(array[0]) if size is None else array


def _rows(state: dict[str, Any], name: str, width: int) -> np.ndarray:
    rows = state.get(name)
    if not isinstance(rows, list) or len(rows) > TRAIL_LENGTH:
        raise ValueError(f"state: {name} must be a list of up to {TRAIL_LENGTH} positions")
    out = np.empty((len(rows), width))
    for i, row in enumerate(rows):
        out[i] = _numbers({name: row}, name, width)
    return out


def _generator_state(rng: np.random.Generator) -> dict[str, Any]:
    state = rng.bit_generator.state
    return {
        "state": int(state["state"]["state"]),
        "inc": int(state["state"]["inc"]),
        "has_uint32": int(state["has_uint32"]),
        "uinteger": int(state["uinteger"]),
    }


def _set_generator_state(rng: np.random.Generator, saved: Any) -> None:
    if not isinstance(saved, dict) or set(saved) != {"state", "inc", "has_uint32", "uinteger"}:
        raise ValueError(
            "state: a random generator's state must have state, inc, has_uint32 and uinteger"
        )
    values = [saved[k] for k in ("state", "inc", "has_uint32", "uinteger")]
    if not all(_is_int(v) and 0 <= v < 2**128 for v in values) or values[1] % 2 == 0:
        raise ValueError("state: a random generator's state is out of range")
    if values[2] not in (0, 1) or values[3] >= 2**32:
        raise ValueError("state: a random generator's state is out of range")
    rng.bit_generator.state = {
        "bit_generator": "PCG64",
        "state": {"state": values[0], "inc": values[1]},
        "has_uint32": values[2],
        "uinteger": values[3],
    }
