"""The registry: every learner and belief family, and every setting a person may change.

One place says, for each learner (gradient descent, annealing, none) and each belief family,
its title and description, the settings it uses with their ranges, defaults, scales and
display formats, and whether it uses a temperature or a learning rate.  Everything else
derives from it: the checks in :class:`engine.settings.Settings`, the command line's options,
which setting a sweep needs which learner for, and the window's controls (which loop over it).

A new learner is one new engine module that calls :func:`register_learner` (and its tests);
the window and the command line pick it up from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .beliefs import FAMILIES, BeliefFamily
from .validation import N_

LINEAR, LOG = "linear", "log"


@dataclass(frozen=True)
class Range:
    """A closed range [low, high], or (low, high] when ``low_open``."""

    low: float
    high: float
    low_open: bool = False

    def __contains__(self, value: float) -> bool:
        if self.low_open and value == self.low:
            return False
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Param:
    """One setting a person may change: what it is called, its range and how it is shown.

    ``title`` names it in messages ("learning rate is 200; it must be ..."), ``label`` on a
    control.  A setting whose range depends on another (the cooling rate's on the cooling
    schedule) gives ``ranges`` keyed by that setting's value (``depends_on``); a value not
    among the keys means the setting is not used.  ``slider_low`` is the smallest value a
    logarithmic slider shows above 0 when 0 itself is allowed (its leftmost position).
    ``option`` is its command-line option (None: not on the command line).
    """

    name: str
    title: str
    label: str
    default: float | int | str | None
    range: Range | None = None
    scale: str = LINEAR
    fmt: str = "g"
    integer: bool = False
    choices: tuple[str, ...] = ()
    choice_titles: tuple[str, ...] = ()
    depends_on: str | None = None
    ranges: Mapping[str, Range] = field(default_factory=dict)
    slider_low: float | None = None
    decimals: int = 4
    step: float = 0.0
    tooltip: str = ""
    option: str | None = None
    help: str = ""
    control: bool = True  # shown in the window's control panel
    sweep: tuple[float, float, bool] | None = None  # a sweep's default (low, high, log)

    @property
    def kind(self) -> str:
        if self.choices:
            return "choice"
        return "integer" if self.integer else "number"

    def range_for(self, values: Mapping[str, object] | object | None = None) -> Range | None:
        """The range that applies given the other settings (a mapping or a Settings)."""
        if self.depends_on is None:
            return self.range
        if values is None:
            return None
        if isinstance(values, Mapping):
            key = values.get(self.depends_on)
        else:
            key = getattr(values, self.depends_on, None)
        return self.ranges.get(key)  # type: ignore[arg-type]

    @property
    def widest(self) -> Range | None:
        """The union of the ranges it may have (what a control must be able to show)."""
        if self.range is not None:
            return self.range
        if not self.ranges:
            return None
        return Range(
            min(r.low for r in self.ranges.values()), max(r.high for r in self.ranges.values())
        )

    def allows_zero(self) -> bool:
        r = self.widest
        return r is not None and 0.0 in r

    def sweep_range(self, values: Mapping[str, object] | object | None = None):
        """A sensible (low, high, logarithmic) for a sweep of this setting."""
        if self.name == "cooling_rate" and getattr(values, "cooling", None) == "log":
            return (0.1, 10.0, True)
        return self.sweep


@dataclass(frozen=True)
class Learner:
    """A way of learning: its title, what it does, and the settings it uses.

    ``main`` is the setting a race names it by (``--race gd:0.3`` sets the learning rate);
    ``window`` the settings field the command line's ``--window`` sets for it;
    ``short`` its name with the main setting, as a legend shows it (``{value}``).
    """

    name: str
    title: str
    description: str
    params: tuple[str, ...] = ()
    main: str | None = None
    window: str | None = None
    short: str = ""
    uses_temperature: bool = False
    uses_learning_rate: bool = False
    # why a sweep of one of its settings needs it ({parameter}, {learner}: the learner now)
    needed: str = ""


@dataclass(frozen=True)
class Belief:
    """A belief family as people choose it: its title and description (from the family)."""

    name: str
    family: type[BeliefFamily]

    @property
    def title(self) -> str:
        return self.family.title

    @property
    def description(self) -> str:
        return self.family.description

    def make(self, k: int) -> BeliefFamily:
        return self.family(k)


# --- the settings ------------------------------------------------------------------------

PARAMS: dict[str, Param] = {}


def register_param(param: Param) -> Param:
    PARAMS[param.name] = param
    return param


register_param(
    Param(
        "learning_rate",
        N_("learning rate"),
        N_("Learning rate"),
        0.1,
        Range(1e-4, 100.0),
        scale=LOG,
        fmt=".4g",
        tooltip=N_(
            "How big a step the agent takes after each surprise: "
            "too small is slow, too large overshoots."
        ),
        option="--lr",
        help="learning rate of gradient descent",
        sweep=(0.001, 1.0, True),
    )
)
register_param(
    Param(
        "gd_window",
        N_("window"),
        N_("Window"),
        1,
        Range(1, 100_000),
        integer=True,
        control=False,
    )
)
register_param(
    Param(
        "temperature",
        N_("temperature"),
        N_("Temperature"),
        0.2,
        Range(0.0, 100.0),
        scale=LOG,
        fmt=".4g",
        slider_low=1e-3,
        tooltip=N_(
            "How willing the annealer is to accept a worse belief: hot explores, cold exploits."
        ),
        option="--temperature",
        help="annealing temperature (energy in nats)",
        sweep=(0.0, 2.0, False),
    )
)
register_param(
    Param(
        "cooling",
        N_("cooling"),
        N_("Cooling"),
        "geometric",
        choices=("constant", "geometric", "log"),
        choice_titles=(N_("constant"), N_("geometric"), N_("logarithmic")),
        tooltip=N_(
            "How the temperature falls as outcomes arrive: "
            "not at all, by a fixed factor, or slowly."
        ),
        option="--cooling",
        help="cooling schedule",
    )
)
register_param(
    Param(
        "cooling_rate",
        N_("cooling rate"),
        N_("Cooling rate"),
        0.999,
        depends_on="cooling",
        ranges={"geometric": Range(0.5, 1.0, low_open=True), "log": Range(0.0, 100.0)},
        step=0.0005,
        tooltip=N_("Geometric: the temperature is multiplied by this after each outcome."),
        option="--cooling-rate",
        help="geometric: factor per step (e.g. 0.999); log: strength",
        sweep=(0.99, 0.9999, False),
    )
)
register_param(
    Param(
        "anneal_window",
        N_("annealing window"),
        N_("Window"),
        None,
        Range(1, 100_000),
        integer=True,
        control=False,
    )
)
register_param(
    Param(
        "step_size",
        N_("step size"),
        N_("Step size"),
        1.0,
        Range(1e-3, 100.0),
        scale=LOG,
        control=False,
    )
)

SEED_RANGE = Range(0, 2**63 - 1)
SPEED_RANGE = Range(0.1, 100_000.0)  # outcomes per second (or "max")
DEFAULT_COOLING_RATE = {"constant": 1.0, "geometric": 0.999, "log": 1.0}
DEFAULT_BELIEF_FOR_WORLD = {"loaded-die": "hunch"}  # the command line's default belief
# What a lesson scene may show (engine/lesson.py): the views and the readouts.  Here, not in
# the lesson's module, because the window's readouts are these too and the lesson is read
# only when first opened (start-up).
SHOW_VIEWS = ("bars", "surprise", "landscape")
SHOW_READOUTS = (
    "step",
    "outcome",
    "entropy",
    "cross_entropy",
    "kl",
    "perplexity",
    "temperature",
    "acceptance",
)
SHOW_NAMES = SHOW_VIEWS + SHOW_READOUTS

# --- the learners ------------------------------------------------------------------------

LEARNERS: dict[str, Learner] = {}


def register_learner(learner: Learner) -> Learner:
    """Add a learner (its settings must be registered first)."""
    unknown = [p for p in learner.params if p not in PARAMS]
    if unknown:
        raise ValueError(f"learner {learner.name!r}: unregistered setting {unknown[0]!r}")
    LEARNERS[learner.name] = learner
    return learner


def unregister_learner(name: str) -> None:
    """Take a learner out again (for tests that register a fake one)."""
    LEARNERS.pop(name, None)


register_learner(
    Learner(
        "gd",
        N_("Gradient descent"),
        "gd: gradient descent on surprise",
        params=("learning_rate", "gd_window"),
        main="learning_rate",
        window="gd_window",
        short=N_("gradient descent, rate {value}"),
        uses_learning_rate=True,
        needed=N_("a {parameter} sweep needs gradient descent (the learner now: {learner})"),
    )
)
register_learner(
    Learner(
        "anneal",
        N_("Simulated annealing"),
        "anneal: simulated annealing",
        params=("temperature", "cooling", "cooling_rate", "anneal_window", "step_size"),
        main="temperature",
        window="anneal_window",
        short=N_("annealing, T {value}"),
        uses_temperature=True,
        needed=N_("a {parameter} sweep needs simulated annealing (the learner now: {learner})"),
    )
)
register_learner(
    Learner(
        "none",
        N_("None (the belief stays fixed)"),
        "none: no learning",
        short=N_("no learning"),
    )
)
register_learner(
    Learner(
        "you",
        N_("You (set the belief by hand)"),
        "you: a belief set by hand (the class's guess); it never learns on its own",
        short=N_("You (the class)"),
    )
)

# Learners that never move the belief themselves: it stays where it starts, or where a
# person puts it by hand ("you").  They pay the surprise of the outcomes all the same.
FIXED_LEARNERS = ("none", "you")

# --- the belief families -------------------------------------------------------------------

BELIEFS: dict[str, Belief] = {name: Belief(name, family) for name, family in FAMILIES.items()}


# --- questions asked of the registry ---------------------------------------------------------


def learner_names() -> tuple[str, ...]:
    return tuple(LEARNERS)


def belief_names() -> tuple[str, ...]:
    return tuple(BELIEFS)


def learner_title(name: str) -> str:
    return LEARNERS[name].title


def belief_title(name: str) -> str:
    return BELIEFS[name].title


def owner(param: str) -> Learner | None:
    """The learner a setting belongs to (None: shared by every learner)."""
    for learner in LEARNERS.values():
        if param in learner.params:
            return learner
    return None


def uses(learner: str, param: str, values: Mapping[str, object] | object | None = None) -> bool:
    """Does ``learner`` use ``param``, given the other settings (e.g. a constant cooling has
    no cooling rate)?"""
    spec = LEARNERS.get(learner)
    if spec is None or param not in spec.params:
        return False
    p = PARAMS[param]
    return p.depends_on is None or values is None or p.range_for(values) is not None


def main_value(settings: object) -> float | None:
    """The value of the learner's main setting (None for a learner without one)."""
    main = LEARNERS[settings.learner].main
    return None if main is None else getattr(settings, main)


def sweep_parameters() -> dict[str, str]:
    """What a sweep can vary, and its title (each belongs to one learner)."""
    return {name: p.title for name, p in PARAMS.items() if p.sweep is not None}


def is_log_scale(param: str) -> bool:
    return PARAMS[param].scale == LOG


def format_value(param: str, value: float) -> str:
    return format(value, PARAMS[param].fmt)
