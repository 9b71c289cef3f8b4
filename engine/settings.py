"""One frozen, validated settings object for a simulation (change a field with ``replace``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np

from .beliefs import BELIEF_NAMES
from .measures import UNITS
from .validation import N_, MessageError
from .worlds import PRESETS, World

LEARNERS: tuple[str, ...] = ("gd", "anneal", "none")
LEARNER_TITLES = {
    "gd": N_("Gradient descent"),
    "anneal": N_("Simulated annealing"),
    "none": N_("None (the belief stays fixed)"),
}
COOLINGS: tuple[str, ...] = ("constant", "geometric", "log")

# Ranges a person may set; the window's sliders span the same ranges.
LR_RANGE = (1e-4, 100.0)
TEMPERATURE_RANGE = (0.0, 100.0)
GEOMETRIC_RATE_RANGE = (0.5, 1.0)
LOG_RATE_RANGE = (0.0, 100.0)
WINDOW_RANGE = (1, 100_000)
STEP_SIZE_RANGE = (1e-3, 100.0)
SEED_RANGE = (0, 2**63 - 1)

DEFAULT_COOLING_RATE = {"constant": 1.0, "geometric": 0.999, "log": 1.0}

# Changing one of these starts the run again; every other field changes the run in place.
RESET_FIELDS = frozenset({"world", "belief", "learner", "seed", "start"})


class SettingsError(MessageError):
    """A setting out of range or of the wrong kind; the message names it and its value."""


def _number(name: str, value: Any, low: float, high: float, *, low_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError("{name} must be a number, not {value!r}", name=name, value=value)
    value = float(value)
    if math.isnan(value):
        raise SettingsError(
            "{name} is NaN; it must be a number from {low:g} to {high:g}",
            name=name,
            low=low,
            high=high,
        )
    if value < low or value > high or (low_open and value == low):
        template = (
            N_("{name} is {value:g}; it must be above {low:g} to {high:g}")
            if low_open
            else N_("{name} is {value:g}; it must be from {low:g} to {high:g}")
        )
        raise SettingsError(template, name=name, value=value, low=low, high=high)
    return value


def _integer(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError("{name} must be a whole number, not {value!r}", name=name, value=value)
    if value < low or value > high:
        raise SettingsError(
            "{name} is {value}; it must be from {low} to {high}",
            name=name,
            value=value,
            low=low,
            high=high,
        )
    return int(value)


@dataclass(frozen=True)
class Settings:
    """Everything that defines a run.  Validated on construction; immutable."""

    world: World = field(default_factory=lambda: PRESETS["weather"])
    belief: str = "free"
    learner: str = "gd"
    learning_rate: float = 0.1
    gd_window: int = 1  # 1: online, one step per outcome; N: average over the last N outcomes
    temperature: float = 0.2
    cooling: str = "geometric"
    cooling_rate: float = 0.999
    anneal_window: int | None = None  # None: energy over every outcome seen
    step_size: float = 1.0  # multiplies the family's proposal scale
    seed: int = 0
    units: str = "bits"
    start: tuple[float, ...] | None = None  # None: the family's default start

    def __post_init__(self) -> None:
        if not isinstance(self.world, World):
            raise SettingsError("world must be a World, not {value!r}", value=self.world)
        if self.belief not in BELIEF_NAMES:
            raise SettingsError(
                "unknown belief {value!r}; choose {choices}",
                value=self.belief,
                choices=", ".join(BELIEF_NAMES),
            )
        if self.learner not in LEARNERS:
            raise SettingsError(
                "unknown learner {value!r}; choose {choices}",
                value=self.learner,
                choices=", ".join(LEARNERS),
            )
        if self.cooling not in COOLINGS:
            raise SettingsError(
                "unknown cooling {value!r}; choose {choices}",
                value=self.cooling,
                choices=", ".join(COOLINGS),
            )
        if self.units not in UNITS:
            raise SettingsError("unknown units {value!r}; choose bits or nats", value=self.units)
        for name in ("learning_rate", "temperature", "cooling_rate", "step_size"):
            if isinstance(getattr(self, name), float) and getattr(self, name) == 0.0:
                object.__setattr__(self, name, 0.0)  # -0.0 is 0: never shown as "-0"
        _number(N_("learning rate"), self.learning_rate, *LR_RANGE)
        _number(N_("temperature"), self.temperature, *TEMPERATURE_RANGE)
        if self.cooling == "geometric":
            _number(N_("cooling rate"), self.cooling_rate, *GEOMETRIC_RATE_RANGE, low_open=True)
        elif self.cooling == "log":
            _number(N_("cooling rate"), self.cooling_rate, *LOG_RATE_RANGE)
        _number(N_("step size"), self.step_size, *STEP_SIZE_RANGE)
        _integer(N_("window"), self.gd_window, *WINDOW_RANGE)
        if self.anneal_window is not None:
            _integer(N_("annealing window"), self.anneal_window, *WINDOW_RANGE)
        _integer(N_("seed"), self.seed, *SEED_RANGE)
        if self.start is not None:
            if isinstance(self.start, str | bytes) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                for v in self.start
            ):
                raise SettingsError("start must be finite numbers, not {value!r}", value=self.start)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (validated like any other)."""
        names = {f.name for f in fields(self)}
        unknown = set(changes) - names
        if unknown:
            raise SettingsError("unknown setting {name!r}", name=sorted(unknown)[0])
        new_cooling = changes.get("cooling", self.cooling)
        if new_cooling != self.cooling and "cooling_rate" not in changes:
            # each schedule reads the rate differently: start the new one from its default
            changes["cooling_rate"] = DEFAULT_COOLING_RATE.get(new_cooling, self.cooling_rate)
        return replace(self, **changes)

    def temperature_at(self, t):
        """Temperature after ``t`` steps (a number or an array) of cooling from the set one."""
        t = np.asarray(t, dtype=float)
        if self.cooling == "geometric":
            return self.temperature * np.power(self.cooling_rate, t)
        if self.cooling == "log":
            return self.temperature / (1.0 + self.cooling_rate * np.log1p(t))
        return np.full(t.shape, self.temperature)
