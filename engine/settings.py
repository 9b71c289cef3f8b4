"""One frozen, validated settings object for a simulation (change a field with ``replace``)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np

from . import registry
from .limits import MAX_SESSION_STEPS
from .measures import UNITS
from .registry import DEFAULT_COOLING_RATE as DEFAULT_COOLING_RATE
from .registry import PARAMS
from .validation import N_, DistributionError, MessageError, validate_distribution
from .worlds import MAX_WORLD_CHANGES, PRESETS, World, WorldChange

# The registry (engine/registry.py) declares every learner and every range; these names are
# kept for the modules that read them.
LEARNERS: tuple[str, ...] = registry.learner_names()
COOLINGS: tuple[str, ...] = PARAMS["cooling"].choices


class _LearnerTitles(Mapping):
    """The registered learners' titles (read from the registry each time)."""

    def __getitem__(self, name: str) -> str:
        return registry.LEARNERS[name].title

    def __iter__(self):
        return iter(registry.LEARNERS)

    def __len__(self) -> int:
        return len(registry.LEARNERS)


LEARNER_TITLES: Mapping[str, str] = _LearnerTitles()


def _pair(name: str, dependent: str | None = None) -> tuple[float, float]:
    param = PARAMS[name]
    r = param.range if dependent is None else param.ranges[dependent]
    assert r is not None
    return (r.low, r.high)


# Ranges a person may set (the registry's); the window's controls span the same ranges.
LR_RANGE = _pair("learning_rate")
TEMPERATURE_RANGE = _pair("temperature")
GEOMETRIC_RATE_RANGE = _pair("cooling_rate", "geometric")
LOG_RATE_RANGE = _pair("cooling_rate", "log")
WINDOW_RANGE = (int(PARAMS["gd_window"].range.low), int(PARAMS["gd_window"].range.high))
STEP_SIZE_RANGE = _pair("step_size")
SEED_RANGE = (int(registry.SEED_RANGE.low), int(registry.SEED_RANGE.high))

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
    learning_rate: float = PARAMS["learning_rate"].default
    # gd_window 1: online, one step per outcome; N: average over the last N outcomes
    gd_window: int = PARAMS["gd_window"].default
    temperature: float = PARAMS["temperature"].default
    cooling: str = PARAMS["cooling"].default
    cooling_rate: float = PARAMS["cooling_rate"].default
    anneal_window: int | None = PARAMS["anneal_window"].default  # None: every outcome seen
    step_size: float = PARAMS["step_size"].default  # multiplies the family's proposal scale
    seed: int = 0
    units: str = "bits"
    start: tuple[float, ...] | None = None  # None: the family's default start

    def __post_init__(self) -> None:
        if not isinstance(self.world, World):
            raise SettingsError("world must be a World, not {value!r}", value=self.world)
        if self.belief not in registry.BELIEFS:
            raise SettingsError(
                "unknown belief {value!r}; choose {choices}",
                value=self.belief,
                choices=", ".join(registry.BELIEFS),
            )
        if self.learner not in registry.LEARNERS:
            raise SettingsError(
                "unknown learner {value!r}; choose {choices}",
                value=self.learner,
                choices=", ".join(registry.LEARNERS),
            )
        if self.cooling not in COOLINGS:
            raise SettingsError(
                "unknown cooling {value!r}; choose {choices}",
                value=self.cooling,
                choices=", ".join(COOLINGS),
            )
        if self.units not in UNITS:
            raise SettingsError("unknown units {value!r}; choose bits or nats", value=self.units)
        params = [p for p in PARAMS.values() if p.name in _FIELDS]
        for param in params:  # -0.0 is 0: never shown as "-0"
            value = getattr(self, param.name)
            if param.kind == "number" and isinstance(value, float) and value == 0.0:
                object.__setattr__(self, param.name, 0.0)
        # numbers first, then whole numbers (so a message names the same setting as before)
        for param in sorted(params, key=lambda p: p.integer):
            value = getattr(self, param.name)
            r = param.range_for(self)
            if r is None or param.choices or (value is None and param.default is None):
                continue
            if param.integer:
                _integer(param.title, value, int(r.low), int(r.high))
            else:
                _number(param.title, value, r.low, r.high, low_open=r.low_open)
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
        if "shift" in changes:  # the world's changes during the run (see world_changes)
            world = changes.get("world", self.world)
            if isinstance(world, World):
                changes["world"] = world.with_changes(world_changes(world, changes.pop("shift")))
        unknown = set(changes) - names
        if unknown:
            raise SettingsError("unknown setting {name!r}", name=sorted(unknown)[0])
        new_cooling = changes.get("cooling", self.cooling)
        if new_cooling != self.cooling and "cooling_rate" not in changes:
            # each schedule reads the rate differently: start the new one from its default
            changes["cooling_rate"] = DEFAULT_COOLING_RATE.get(new_cooling, self.cooling_rate)
        return replace(self, **changes)

    @property
    def shift(self) -> tuple[WorldChange, ...]:
        """How the world changes during the run (its schedule of changes of p)."""
        return self.world.changes

    def temperature_at(self, t):
        """Temperature after ``t`` steps (a number or an array) of cooling from the set one."""
        t = np.asarray(t, dtype=float)
        if self.cooling == "geometric":
            return self.temperature * np.power(self.cooling_rate, t)
        if self.cooling == "log":
            return self.temperature / (1.0 + self.cooling_rate * np.log1p(t))
        return np.full(t.shape, self.temperature)


_FIELDS = frozenset(f.name for f in fields(Settings))
SETTING_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Settings) if f.name != "world")
WORLD_KEYS = ("world", "p", "labels", "shift")


# --- a world that changes during the run ----------------------------------------------------

_CHANGE = re.compile(r"^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?:(.*)$", re.DOTALL)


def world_changes(
    world: World, value: Any, spell: Callable[[str], str] | None = None
) -> tuple[WorldChange, ...]:
    """The changes ``value`` gives, checked against ``world``: a list of texts such as
    ``"2000:0.3,0.7"`` (from step 2000 on, p is 0.3, 0.7) or ``"2000-4000:0.3,0.7"`` (p drifts
    there over steps 2000 to 4000), in order and not overlapping; or WorldChanges.  One text
    alone is a list of one.  Problems raise :class:`SettingsError` naming the change."""
    name = (spell or json_spelling)("shift")
    if isinstance(value, str | WorldChange):
        value = [value]
    if not isinstance(value, list | tuple):
        raise SettingsError(
            '{name} must be a list of changes such as "2000:0.3,0.7", not {value}',
            name=name,
            value=_short(value),
        )
    if len(value) > MAX_WORLD_CHANGES:
        raise SettingsError(
            "{name}: {count} changes of the world; at most {high}",
            name=name,
            count=len(value),
            high=MAX_WORLD_CHANGES,
        )
    changes: list[WorldChange] = []
    for entry in value:
        change = entry if isinstance(entry, WorldChange) else _change(world, entry, name)
        if isinstance(entry, WorldChange):
            _check_change(world, change, name, change.text())
        if changes and change.step < changes[-1].end:
            raise SettingsError(
                "{name} {change}: it starts at step {step}, before the change before it "
                "ends (step {end}); give the changes in order",
                name=name,
                change=change.text(),
                step=change.step,
                end=changes[-1].end,
            )
        changes.append(change)
    return tuple(changes)


def _change(world: World, text: Any, name: str) -> WorldChange:
    if not isinstance(text, str):
        raise SettingsError(
            '{name} must be a list of changes such as "2000:0.3,0.7", not {value}',
            name=name,
            value=_short(text),
        )
    shown = _short(text.strip(), 40, quote=False)
    match = _CHANGE.match(text)
    if match is None:
        raise SettingsError(
            "{name} {change}: write STEP:P1,P2,... (e.g. 2000:0.3,0.7) "
            "or FROM-TO:P1,P2,... for a drift",
            name=name,
            change=shown,
        )
    first = int(match.group(1))
    last = first if match.group(2) is None else int(match.group(2))
    try:
        p = validate_distribution(match.group(3))
    except DistributionError as exc:
        raise SettingsError(
            "{name} {change}: not a distribution: {problem}", name=name, change=shown, problem=exc
        ) from None
    change = WorldChange(first, tuple(float(x) for x in p), last - first)
    _check_change(world, change, name, shown)
    return change


def _check_change(world: World, change: WorldChange, name: str, shown: str) -> None:
    for step in (change.step, change.end):
        if not 0 <= step <= MAX_SESSION_STEPS:
            raise SettingsError(
                "{name} {change}: step {step} is out of range; "
                "a change comes between step 0 and {high:,}",
                name=name,
                change=shown,
                step=step,
                high=MAX_SESSION_STEPS,
            )
    if change.over < 0:
        raise SettingsError(
            "{name} {change}: a drift must end after it starts", name=name, change=shown
        )
    if len(change.p) != world.size:
        raise SettingsError(
            "{name} {change}: {count} probabilities, but this world has {n} outcomes",
            name=name,
            change=shown,
            count=len(change.p),
            n=world.size,
        )


# --- settings from what a person wrote: the command line, a session file, a lesson scene -----


def json_spelling(key: str) -> str:
    """How a key is named in a message about a JSON file: ``"p"``, ``"world": "custom"``."""
    if key == "world=custom":
        return '"world": "custom"'
    return f'"{key}"'


def option_spelling(key: str) -> str:
    """How a key is named in a message about the command line: ``--p``, ``--world custom``."""
    if key == "world=custom":
        return "--world custom"
    return "--" + key.replace("_", "-")


def world_from_mapping(
    data: Mapping[str, Any], spell: Callable[[str], str] = json_spelling
) -> World:
    """The world ``data`` names: ``world`` (a preset, or custom with ``p`` and ``labels``).

    ``p`` is text ("0.5, 0.3, 0.2") or a list of numbers, ``labels`` a list of text.
    ``spell`` names a key in a message as the person wrote it (``--p`` on the command line,
    ``"p"`` in a file).  Problems raise :class:`SettingsError` (a problem with the
    probabilities or labels themselves: :class:`DistributionError`).
    """
    from .worlds import WORLD_NAMES, custom_world

    name = data.get("world", "weather")
    p, labels = data.get("p"), data.get("labels")
    if name == "custom":
        if p is None:
            raise SettingsError(
                "a custom world needs {p}, the probabilities, e.g. 0.5, 0.3, 0.2", p=spell("p")
            )
        if not isinstance(p, str | list | tuple):
            raise SettingsError(
                "{name} must be a list of numbers, not {value}", name=spell("p"), value=_short(p)
            )
        if labels is not None and (
            not isinstance(labels, list | tuple) or not all(isinstance(x, str) for x in labels)
        ):
            raise SettingsError(
                "{name} must be a list of text, not {value}",
                name=spell("labels"),
                value=_short(labels),
            )
        try:
            return custom_world(p, labels)
        except DistributionError as exc:
            raise DistributionError("custom world: {problem}", problem=exc) from None
    if not isinstance(name, str) or name not in PRESETS:
        raise SettingsError(
            "unknown world {value}; choose {choices}",
            value=_short(name),
            choices=", ".join(WORLD_NAMES),
        )
    if p is not None or labels is not None:
        raise SettingsError(
            "{p} and {labels} go with {custom}; the {world} world has its own probabilities "
            "and labels",
            p=spell("p"),
            labels=spell("labels"),
            custom=spell("world=custom"),
            world=name,
        )
    return PRESETS[name]


def settings_from_mapping(
    data: Mapping[str, Any],
    *,
    base: Settings | None = None,
    spell: Callable[[str], str] = json_spelling,
    default_belief: bool = False,
) -> Settings:
    """Settings from a mapping of names to values: the one reader of typed-in settings.

    The command line, sessions and lesson scenes each turn what they read into such a
    mapping: ``world``, ``p`` and ``labels`` (see :func:`world_from_mapping`), any field of
    :class:`Settings` by name, and ``window``, the learner's own window (the registry says
    which field).  Fields not given keep ``base``'s values (the defaults when None); a new
    ``cooling`` without a ``cooling_rate`` starts from that schedule's default rate.  With
    ``default_belief``, a world without a ``belief`` gets the one suited to it (the hunch on
    the loaded die).  A value of the wrong kind or out of range raises :class:`SettingsError`
    naming it; unknown keys are the caller's to refuse (each names them in its own words).
    """
    changes = {k: v for k, v in data.items() if k not in WORLD_KEYS and k != "window"}
    unknown = sorted(set(changes) - set(SETTING_FIELDS))
    if unknown:
        raise SettingsError("unknown setting {name!r}", name=unknown[0])
    world = world_from_mapping(data, spell)
    if data.get("shift") is not None:
        world = world.with_changes(world_changes(world, data["shift"], spell))
    if default_belief and changes.get("belief") is None:
        changes["belief"] = registry.DEFAULT_BELIEF_FOR_WORLD.get(world.name, "free")
    if data.get("window") is not None:
        learner = changes.get("learner", (base or Settings()).learner)
        spec = registry.LEARNERS.get(learner) if isinstance(learner, str) else None
        if spec is not None and spec.window is not None:
            changes[spec.window] = data["window"]
    if "start" in changes and changes["start"] is not None:
        start = changes["start"]
        if not isinstance(start, list | tuple) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in start
        ):
            raise SettingsError(
                "{name} must be a list of numbers, not {value}",
                name=spell("start"),
                value=_short(start),
            )
        changes["start"] = tuple(start)
    try:
        settings = (base or Settings()).replace(world=world, **changes)
    except TypeError as exc:  # e.g. a number compared with text
        raise SettingsError("{problem}", problem=exc) from None
    if settings.start is not None:
        # its length is checked against the belief now, not when the run starts
        n = registry.BELIEFS[settings.belief].make(world.size).n_params
        if len(settings.start) != n:
            raise SettingsError(
                "{name} has {count} values; the {belief} belief on this world has {n}",
                name=spell("start"),
                count=len(settings.start),
                belief=settings.belief,
                n=n,
            )
    return settings


def _short(value: Any, limit: int = 60, quote: bool = True) -> str:
    """``repr`` of a value read from a file, cut short (a file may hold huge values)."""
    try:
        if not quote and isinstance(value, str):
            text = value
        else:
            text = json.dumps(value) if isinstance(value, list | dict) else repr(value)
    except (TypeError, ValueError, RecursionError):
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 1] + "…"
