"""Worlds: the true distribution p that outcomes are drawn from, with labels and a description.

The agent never sees p; it only sees the outcomes a world draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .validation import (
    MAX_OUTCOMES,
    MIN_OUTCOMES,
    N_,
    DistributionError,
    validate_distribution,
)


@dataclass(frozen=True)
class World:
    """A named true distribution over labelled outcomes."""

    name: str
    p: tuple[float, ...]
    labels: tuple[str, ...]
    description: str

    @property
    def size(self) -> int:
        return len(self.p)

    @property
    def probabilities(self) -> np.ndarray:
        return np.asarray(self.p, dtype=float)

    def sample(self, rng: np.random.Generator, shape: int | tuple[int, ...]) -> np.ndarray:
        """Draw outcome indices (0 .. size-1) of the given shape by inverting the CDF."""
        cdf = np.cumsum(self.probabilities)
        cdf[-1] = 1.0  # exact top, so a uniform draw always lands on an outcome
        u = rng.random(shape)
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
