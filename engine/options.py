"""Command-line options shared by the command line (``engine/cli.py``) and the window's
``main.py`` options: a parser that reports one line, and the options that set up a run,
built from the registry (``engine/registry.py``).

Bad input raises :class:`UsageError`; :func:`fail` prints it as ``error: ...`` and exits 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from . import registry
from .measures import UNITS
from .settings import Settings, SettingsError, option_spelling, settings_from_mapping
from .validation import DistributionError
from .worlds import WORLD_NAMES

# The command line's commands (engine/cli.py), here so main.py can tell a command from the
# window's options without importing the command line's code (start-up).
COMMANDS = ("measures", "run", "sweep", "bench")


class UsageError(Exception):
    """Bad input on the command line: printed as ``error: <message>``, exit status 2."""


class OptionParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (a :class:`UsageError`), no usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def int_arg(name: str, low: int, high: int) -> Callable[[str], int]:
    """An option's type: a whole number from ``low`` to ``high``, the error naming it."""

    def parse(text: str) -> int:
        try:
            if "_" in text:  # Python would read 1_0 as 10
                raise ValueError(text)
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number, not {text!r}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{name} is {value:,}; it must be from {low:,} to {high:,}"
            )
        return value

    return parse


def float_arg(name: str) -> Callable[[str], float]:
    """An option's type: a finite number (its range is checked with the settings)."""

    def parse(text: str) -> float:
        try:
            if "_" in text:  # Python would read 0.2_5 as 0.25
                raise ValueError(text)
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, not {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{name} must be a finite number, not {text!r}")
        return value + 0.0  # -0.0 becomes 0.0

    return parse


def _dest(param: registry.Param) -> str:
    return param.name


def setup_value_options() -> frozenset[str]:
    """The set-up options that take a value that may begin with "-"."""
    numbers = {p.option for p in registry.PARAMS.values() if p.option is not None and not p.choices}
    return frozenset({"--p", "--labels", "--window", "--seed", "--shift", *numbers})  # type: ignore[misc]


def add_setup_options(parser: argparse.ArgumentParser) -> None:
    """The options that set up a run; shared by ``run``, ``sweep`` and the window."""
    parser.add_argument(
        "--world",
        choices=WORLD_NAMES,
        default="weather",
        help="the true distribution outcomes are drawn from",
    )
    parser.add_argument(
        "--p",
        dest="custom_p",
        metavar="P1,P2,...",
        help="with --world custom: the probabilities, e.g. 0.5,0.3,0.2 or 1/6,...",
    )
    parser.add_argument("--labels", metavar="A,B,...", help="with --world custom: outcome names")
    parser.add_argument(
        "--shift",
        action="append",
        metavar="STEP:P1,P2,...",
        help="the world changes: from STEP on, p is P1,P2,... (FROM-TO:P1,P2,...: p drifts "
        "there over those steps); repeat for more changes, in order",
    )
    defaults = ", ".join(f"{b} on {w}" for w, b in registry.DEFAULT_BELIEF_FOR_WORLD.items())
    parser.add_argument(
        "--belief",
        choices=registry.belief_names(),
        default=None,
        help=f"belief family (default: free; {defaults})",
    )
    parser.add_argument(
        "--learner",
        choices=registry.learner_names(),
        default="gd",
        help="; ".join(learner.description for learner in registry.LEARNERS.values()),
    )
    for param in registry.PARAMS.values():
        if param.option is None:
            continue
        if param.choices:
            parser.add_argument(
                param.option,
                dest=_dest(param),
                choices=param.choices,
                default=None,
                help=param.help,
            )
        else:
            parser.add_argument(
                param.option,
                dest=_dest(param),
                type=float_arg(param.title),
                default=None,
                help=param.help,
            )
    window = registry.PARAMS["gd_window"].range
    assert window is not None
    parser.add_argument(
        "--window",
        type=int_arg("window", int(window.low), int(window.high)),
        default=None,
        help="average the gradient (gd) or energy (anneal) over the last N outcomes",
    )
    seed = registry.SEED_RANGE
    parser.add_argument(
        "--seed",
        type=int_arg("seed", int(seed.low), int(seed.high)),
        default=0,
        help="random seed: the same seed gives the same outcomes",
    )
    parser.add_argument("--units", choices=UNITS, default="bits", help="bits (default) or nats")


def setup_mapping(args: argparse.Namespace) -> dict[str, object]:
    """The set-up options as the mapping :func:`engine.settings.settings_from_mapping` reads."""
    data: dict[str, object] = {
        "world": args.world,
        "p": args.custom_p,
        "labels": None if args.labels is None else args.labels.split(","),
        "shift": getattr(args, "shift", None),
        "belief": args.belief,
        "learner": args.learner,
        "window": args.window,
        "seed": args.seed,
        "units": args.units,
    }
    for param in registry.PARAMS.values():
        if param.option is not None:
            data[param.name] = getattr(args, _dest(param), None)
    return {k: v for k, v in data.items() if v is not None}


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Validated settings from parsed options; raises UsageError naming the problem."""
    try:
        return settings_from_mapping(
            setup_mapping(args), spell=option_spelling, default_belief=True
        )
    except (SettingsError, DistributionError) as exc:
        raise UsageError(str(exc)) from None


def join_values(argv: Sequence[str], options: frozenset[str]) -> list[str]:
    """``--p -0.5,1.5`` as ``--p=-0.5,1.5``: argparse would take the value for an option.

    Only for ``options`` (those that take a value), and only when the next word is not itself
    an option, so that the value is checked (and a negative probability named) instead.
    """
    out: list[str] = []
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if (
            word in options
            and i + 1 < len(words)
            and words[i + 1].startswith("-")
            and not words[i + 1].startswith("--")
        ):
            out.append(f"{word}={words[i + 1]}")
            i += 2
            continue
        out.append(word)
        i += 1
    return out
