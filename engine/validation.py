"""Validation of distributions typed by people: every refusal names the problem and the value."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np

SUM_TOLERANCE = 1e-9
MIN_OUTCOMES = 2
MAX_OUTCOMES = 12


class DistributionError(ValueError):
    """A list of numbers that is not a probability distribution; the message says why."""


def _fmt(x: float) -> str:
    return f"{x:.12g}"


def _to_float(entry: object, position: int) -> float:
    if isinstance(entry, bool):
        raise DistributionError(f"entry {position} is {entry!r}, not a number")
    if isinstance(entry, int | float | np.integer | np.floating | Fraction):
        return float(entry)
    if isinstance(entry, str):
        text = entry.strip()
        if not text:
            raise DistributionError(f"entry {position} is empty")
        try:
            if text.endswith("%"):
                return float(text[:-1]) / 100.0
            if "/" in text:
                return float(Fraction(text.replace(" ", "")))
            return float(text)
        except (ValueError, ZeroDivisionError):
            raise DistributionError(f"entry {position} is {text!r}, not a number") from None
    raise DistributionError(f"entry {position} is {entry!r}, not a number")


def parse_distribution(text: str) -> list[float]:
    """Split typed text such as ``"0.8, 0.2"``, ``"1/6 1/6 ..."`` or ``"80% 20%"`` into numbers.

    Commas, semicolons and white space separate entries; each entry is a decimal number, a
    fraction a/b or a percentage.  Only parsing happens here; see :func:`validate_distribution`.
    """
    if not isinstance(text, str):
        raise DistributionError(f"expected text, got {type(text).__name__}")
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
    name: str = "probabilities",
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
            raise DistributionError(f"{name} must be a list of numbers, not {values!r}") from None
        floats = [_to_float(entry, i + 1) for i, entry in enumerate(entries)]
    if not floats:
        raise DistributionError(f"no {name} given")
    if len(floats) < min_outcomes:
        raise DistributionError(
            f"{len(floats)} outcome{'s' if len(floats) != 1 else ''} given; "
            f"at least {min_outcomes} are needed"
        )
    if max_outcomes is not None and len(floats) > max_outcomes:
        raise DistributionError(f"{len(floats)} outcomes given; at most {max_outcomes} allowed")
    for i, value in enumerate(floats, start=1):
        if math.isnan(value):
            raise DistributionError(f"entry {i} is NaN, not a probability")
        if math.isinf(value):
            raise DistributionError(f"entry {i} is infinite, not a probability")
        if value < 0:
            raise DistributionError(f"entry {i} is {_fmt(value)}, a negative probability")
    array = np.asarray(floats, dtype=float)
    total = math.fsum(floats)
    if normalise:
        if not total > 0 or not math.isfinite(total):
            raise DistributionError(f"{name} sum to {_fmt(total)}; cannot normalise")
        return array / total
    if not math.isfinite(total):
        raise DistributionError(f"{name} sum to {_fmt(total)}, not 1")
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise DistributionError(f"{name} sum to {_fmt(total)}, not 1")
    return array / total


def validate_pair(
    p: Sequence[object] | str, q: Sequence[object] | str
) -> tuple[np.ndarray, np.ndarray]:
    """Validate a world p and a belief q of the same length."""
    p_arr = validate_distribution(p, name="probabilities in p")
    q_arr = validate_distribution(q, name="probabilities in q")
    if p_arr.size != q_arr.size:
        raise DistributionError(f"p has {p_arr.size} outcomes but q has {q_arr.size}")
    return p_arr, q_arr
