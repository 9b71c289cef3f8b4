"""Validation of distributions typed by people: every refusal names the problem and the value."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from numbers import Rational

import numpy as np

from .limits import MAX_OUTCOMES as MAX_OUTCOMES  # engine/worlds.py reads them from here
from .limits import MIN_OUTCOMES as MIN_OUTCOMES

SUM_TOLERANCE = 1e-9


def N_(text: str) -> str:
    """Marks a fixed string for translation (the window translates it; see gui/i18n.py)."""
    return text


PROBABILITIES = N_("probabilities")


class MessageError(ValueError):
    """An error whose message is a template and its values, so the window can translate it.

    ``str(error)`` is the English message; ``error.template`` and ``error.params`` let a
    translation put the same values into its own sentence.
    """

    def __init__(self, template: str, **params: object):
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class DistributionError(MessageError):
    """A list of numbers that is not a probability distribution; the message says why."""


def _fmt(x: float) -> str:
    return f"{x:.12g}"


def _to_float(entry: object, position: int) -> float:
    if isinstance(entry, bool):
        raise DistributionError(
            "entry {position} is {entry!r}, not a number", position=position, entry=entry
        )
    if isinstance(entry, int | float | np.integer | np.floating | Rational):  # (a Fraction too)
        return float(entry)
    if isinstance(entry, str):
        text = entry.strip()
        if not text:
            raise DistributionError("entry {position} is empty", position=position)
        if "_" in text:  # Python reads 0.2_5 as 0.25; a person typing it meant something else
            raise DistributionError(
                "entry {position} is {entry!r}, not a number", position=position, entry=text
            )
        try:
            if text.endswith("%"):
                return float(text[:-1]) / 100.0
            if "/" in text:
                from fractions import Fraction  # (when a fraction is typed, not at start-up)

                return float(Fraction(text.replace(" ", "")))
            return float(text)
        except (ValueError, ZeroDivisionError):
            raise DistributionError(
                "entry {position} is {entry!r}, not a number", position=position, entry=text
            ) from None
    raise DistributionError(
        "entry {position} is {entry!r}, not a number", position=position, entry=entry
    )


def parse_distribution(text: str) -> list[float]:
    """Split typed text such as ``"0.8, 0.2"``, ``"1/6 1/6 ..."`` or ``"80% 20%"`` into numbers.

    Commas, semicolons and white space separate entries; each entry is a decimal number, a
    fraction a/b or a percentage.  Only parsing happens here; see :func:`validate_distribution`.
    """
    if not isinstance(text, str):
        raise DistributionError("expected text, got {kind}", kind=type(text).__name__)
    parts = [part for part in text.replace(";", ",").replace(",", " ").split() if part]
    if not parts:
        raise DistributionError("no probabilities given")
    return [_to_float(part, i + 1) for i, part in enumerate(parts)]


def validate_distribution(
    values: Iterable[object] | str,
    *,
    normalise: bool = False,
    min_outcomes: int = 1,
    max_outcomes: int | None = None,
    name: str = PROBABILITIES,
) -> np.ndarray:
    """Return ``values`` as a float array that is a probability distribution, or raise.

    Refused, each with a message naming the problem and the value: text that is not a number,
    no entries, too few or too many, NaN, infinity, a negative entry, and a total that is not 1
    within 1e-9 (``"probabilities sum to 0.8, not 1"``).  With ``normalise=True`` a list of
    non-negative weights with a positive total is divided by its total instead; this is an
    explicit choice, never done silently.  An accepted distribution is divided by its sum, which
    only removes rounding (at most 1e-9).
    """
    if isinstance(values, str):
        floats = parse_distribution(values)
    else:
        try:
            entries = list(values)  # type: ignore[arg-type]
        except TypeError:
            raise DistributionError(
                "{name} must be a list of numbers, not {values!r}", name=name, values=values
            ) from None
        floats = [_to_float(entry, i + 1) for i, entry in enumerate(entries)]
    if not floats:
        raise DistributionError("no {name} given", name=name)
    if len(floats) < min_outcomes:
        template = (
            N_("{n} outcome given; at least {low} are needed")
            if len(floats) == 1
            else N_("{n} outcomes given; at least {low} are needed")
        )
        raise DistributionError(template, n=len(floats), low=min_outcomes)
    if max_outcomes is not None and len(floats) > max_outcomes:
        raise DistributionError(
            "{n} outcomes given; at most {high} allowed", n=len(floats), high=max_outcomes
        )
    for i, value in enumerate(floats, start=1):
        if math.isnan(value):
            raise DistributionError("entry {position} is NaN, not a probability", position=i)
        if math.isinf(value):
            raise DistributionError("entry {position} is infinite, not a probability", position=i)
        if value < 0:
            raise DistributionError(
                "entry {position} is {value}, a negative probability", position=i, value=_fmt(value)
            )
        if not normalise and value > 1.0 + SUM_TOLERANCE:
            raise DistributionError(
                "entry {position} is {value}, more than 1: not a probability",
                position=i,
                value=_fmt(value),
            )
    array = np.asarray(floats, dtype=float)
    try:
        total = math.fsum(floats)
    except OverflowError:  # weights near 1e308 whose sum is beyond a float
        total = math.inf
    if normalise:
        if not total > 0 or not math.isfinite(total):
            raise DistributionError(
                "{name} sum to {total}; cannot normalise", name=name, total=_fmt(total)
            )
        return array / total
    if not math.isfinite(total) or abs(total - 1.0) > SUM_TOLERANCE:
        raise DistributionError("{name} sum to {total}, not 1", name=name, total=_fmt(total))
    return array / total


def validate_pair(
    p: Sequence[object] | str, q: Sequence[object] | str
) -> tuple[np.ndarray, np.ndarray]:
    """Validate a world p and a belief q of the same length."""
    p_arr = validate_distribution(p, name="probabilities in p")
    q_arr = validate_distribution(q, name="probabilities in q")
    if p_arr.size != q_arr.size:
        raise DistributionError("p has {n} outcomes but q has {m}", n=p_arr.size, m=q_arr.size)
    return p_arr, q_arr
