"""Worlds: the true distribution p that outcomes are drawn from, with labels and a description.

The agent never sees p; it only sees the outcomes a world draws.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .validation import (
    MAX_OUTCOMES,
    MIN_OUTCOMES,
    N_,
    DistributionError,
    validate_distribution,
)

MAX_WORLD_CHANGES = 100  # changes of p in one run's schedule


@dataclass(frozen=True)
class WorldChange:
    """The world's p becomes ``p`` from outcome number ``step`` on (0-based: after ``step``
    outcomes were drawn).  With ``over`` > 0 it drifts there instead: linearly from the p
    before, reaching ``p`` at outcome ``step + over``."""

    step: int
    p: tuple[float, ...]
    over: int = 0

    @property
    def end(self) -> int:
        return self.step + self.over

    def text(self) -> str:
        """As the command line and the files write it: ``2000:0.3,0.7``, ``2000-4000:0.3,0.7``
        (every probability exactly, so reading it back gives the same numbers)."""
        steps = f"{self.step}-{self.end}" if self.over else f"{self.step}"
        return steps + ":" + ",".join(repr(float(x)) for x in self.p)


@dataclass(frozen=True)
class World:
    """A named true distribution over labelled outcomes, and how it changes during a run.

    ``p`` is the distribution at the start; ``changes`` (in order, not overlapping) change it
    at chosen steps or let it drift (see :class:`WorldChange`).  Step ``t`` means "after ``t``
    outcomes": outcome number ``t`` (0-based) is drawn from :meth:`p_at` ``(t)``, and a reading
    after ``t`` outcomes is measured against that same p, the world the next outcome comes from.
    """

    name: str
    p: tuple[float, ...]
    labels: tuple[str, ...]
    description: str
    changes: tuple[WorldChange, ...] = ()

    @property
    def size(self) -> int:
        return len(self.p)

    @property
    def probabilities(self) -> np.ndarray:
        """The distribution at the start (step 0)."""
        return np.asarray(self.p, dtype=float)

    @property
    def fixed(self) -> World:
        """This world without its changes."""
        return replace(self, changes=()) if self.changes else self

    def with_changes(self, changes: Sequence[WorldChange]) -> World:
        return replace(self, changes=tuple(changes))

    def same_until(self, other: World, step: int) -> bool:
        """Is this ``other`` up to ``step``: the same world, with the same changes before
        ``step`` (those from ``step`` on may differ: they have not happened yet)?"""
        return self.fixed == other.fixed and [c for c in self.changes if c.step < step] == [
            c for c in other.changes if c.step < step
        ]

    def p_at(self, step: int) -> np.ndarray:
        """The distribution after ``step`` outcomes, shape (K,)."""
        return self.probabilities_at(np.array([step]))[0]

    def probabilities_at(self, steps) -> np.ndarray:
        """The distribution after each of ``steps`` outcomes, shape (n, K)."""
        steps = np.asarray(steps, dtype=float).reshape(-1)
        out = np.broadcast_to(self.probabilities, (len(steps), self.size)).copy()
        before = self.probabilities
        for change in self.changes:
            new = np.asarray(change.p, dtype=float)
            if change.over:
                ramp = np.clip((steps - change.step) / change.over, 0.0, 1.0)[:, None]
                drifting = ((steps >= change.step) & (steps < change.end))[:, None]
                out = np.where(drifting, before + (new - before) * ramp, out)
            out = np.where((steps >= change.end)[:, None], new, out)
            before = new
        return out

    def changes_between(self, first: int, last: int) -> bool:
        """Does p differ anywhere among steps ``first`` .. ``last``?"""
        return any(c.step <= last and c.end > first for c in self.changes)

    def sample(
        self, rng: np.random.Generator, shape: int | tuple[int, ...], start: int = 0
    ) -> np.ndarray:
        """Draw outcome indices (0 .. size-1) of the given shape by inverting the CDF.

        The first axis is time: row ``i`` holds outcomes number ``start + i``, drawn from
        :meth:`p_at` of that step.  The random numbers are drawn in one call whatever the
        changes, so a world without changes gives the same outcomes as ever, and the outcomes
        before a change are the same with or without it.
        """
        u = rng.random(shape)
        if not self.changes or u.ndim == 0:
            return _invert(self.probabilities, u)
        n = u.shape[0]
        steps = np.arange(start, start + n)
        out = np.empty(u.shape, dtype=np.intp)
        # Runs of steps with one p (the stretches between changes) are done as a fixed
        # world; only the steps of a drift each have a p of their own.
        bounds = sorted({start, start + n, *(b for c in self.changes for b in (c.step, c.end))})
        bounds = [b for b in bounds if start <= b <= start + n]
        for a, b in itertools.pairwise(bounds):
            rows = slice(a - start, b - start)
            if any(c.step <= a < c.end for c in self.changes):  # drifting
                cdf = np.cumsum(self.probabilities_at(steps[rows]), axis=1)
                cdf[:, -1] = 1.0
                part = u[rows]
                edges = cdf[:, :-1].reshape(cdf.shape[0], *([1] * (part.ndim - 1)), -1)
                out[rows] = (edges <= part[..., None]).sum(axis=-1)
            else:
                out[rows] = _invert(self.p_at(a), u[rows])
        return out


def _invert(p: np.ndarray, u: np.ndarray) -> np.ndarray:
    cdf = np.cumsum(p)
    cdf[-1] = 1.0  # exact top, so a uniform draw always lands on an outcome
    return np.searchsorted(cdf, u, side="right").astype(np.intp)


def _die_labels(n: int) -> tuple[str, ...]:
    return tuple(str(i) for i in range(1, n + 1))


PRESETS: dict[str, World] = {
    "weather": World(
        "weather",
        (0.8, 0.2),
        (N_("rain"), N_("no rain")),
        N_("Tomorrow's weather: it rains on 80 % of days."),
    ),
    "fair-die": World(
        "fair-die",
        (1 / 6,) * 6,
        _die_labels(6),
        N_("A fair die: every face comes up one time in six."),
    ),
    "weird-die": World(
        "weird-die",
        (1 / 6, 1 / 6, 1 / 6, 1 / 2),
        _die_labels(4),
        N_("A weird die with faces 1, 2, 3, 4, 4, 4: a 4 comes up half the time."),
    ),
    "loaded-die": World(
        "loaded-die",
        (0.05, 0.45, 0.05, 0.05, 0.35, 0.05),
        _die_labels(6),
        N_("A die loaded toward two faces: 2 comes up 45 % of the time, 5 comes up 35 %."),
    ),
}

MAX_LABEL_LENGTH = 24  # a label is drawn under a bar; longer ones would overlap

WORLD_NAMES: tuple[str, ...] = (*PRESETS, "custom")


def custom_world(
    probabilities: Sequence[object] | str,
    labels: Sequence[str] | None = None,
    *,
    normalise: bool = False,
) -> World:
    """A world typed by the teacher: 2 to 12 outcomes, validated, optionally labelled."""
    p = validate_distribution(
        probabilities,
        normalise=normalise,
        min_outcomes=MIN_OUTCOMES,
        max_outcomes=MAX_OUTCOMES,
    )
    if labels is None:
        names = _die_labels(p.size)
    else:
        names = tuple(str(label).strip() for label in labels)
        if len(names) != p.size:
            raise DistributionError(
                "the labels do not match the outcomes: labels given: {n}; outcomes: {m}",
                n=len(names),
                m=p.size,
            )
        if any(not name for name in names):
            raise DistributionError("an outcome label is empty")
        for name in names:
            if len(name) > MAX_LABEL_LENGTH or not name.isprintable():
                raise DistributionError(
                    "the label {label!r} is too long or has control characters; "
                    "use up to {high} ordinary characters",
                    label=name[:20] + ("…" if len(name) > 20 else ""),
                    high=MAX_LABEL_LENGTH,
                )
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise DistributionError("the label {label!r} is used twice", label=name)
            seen.add(name)
    p_tuple = tuple(float(x) for x in p)
    return World("custom", p_tuple, names, custom_description(p_tuple))


CUSTOM_DESCRIPTION = N_("A world you typed in: p = ({shown}).")


def custom_description(
    p: Sequence[float], separator: str = ", ", translate: Callable[[str], str] = str
) -> str:
    """The one description of a typed-in world (the window passes its list separator and
    its translation; the engine's is English with commas)."""
    shown = separator.join(f"{x:.4g}" for x in p)
    return translate(CUSTOM_DESCRIPTION).format(shown=shown)


def describe(world: World, separator: str = ", ", translate: Callable[[str], str] = str) -> str:
    """A world's description: a preset's own sentence, a custom world's p as typed."""
    if world.name == "custom":
        return custom_description(world.p, separator, translate)
    return translate(world.description)


def get_world(name: str) -> World:
    """A preset world by name; raises ValueError listing the choices."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(
            f"unknown world {name!r}; choose one of {', '.join(PRESETS)} (or a custom distribution)"
        ) from None
