"""Information measures: surprise, entropy, cross-entropy, KL divergence, perplexity.

Everything is computed in nats and converted at the end, so that the choice of unit never
changes a computation.  Distributions lie along the last axis; leading axes broadcast, so one
call can score a whole grid of beliefs.  By convention 0·log 0 = 0.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

Units = Literal["bits", "nats"]
UNITS: tuple[str, ...] = ("bits", "nats")
LN2 = math.log(2.0)


def check_units(units: str) -> Units:
    """Return ``units`` if it is 'bits' or 'nats', else raise ValueError naming it."""
    if units not in UNITS:
        raise ValueError(f"units must be 'bits' or 'nats', not {units!r}")
    return units  # type: ignore[return-value]


def from_nats(value, units: str):
    """Convert a value (or array) in nats to ``units``."""
    return value / LN2 if check_units(units) == "bits" else value


def to_nats(value, units: str):
    """Convert a value (or array) in ``units`` to nats."""
    return value * LN2 if check_units(units) == "bits" else value


def unit_symbol(units: str, value: float | None = None) -> str:
    """'bit'/'bits' or 'nat'/'nats', singular when the value is exactly one."""
    check_units(units)
    singular = units[:-1]
    return singular if value is not None and abs(value) == 1.0 else units


def _pair(p, q) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape[-1] != q.shape[-1]:
        raise ValueError(f"p has {p.shape[-1]} outcomes but q has {q.shape[-1]}")
    return p, q


def surprise(q, x: int, units: str = "bits"):
    """Surprise -log q(x) of outcome index ``x`` under belief ``q`` (inf where q(x) = 0)."""
    q = np.asarray(q, dtype=float)
    qx = q[..., x]
    with np.errstate(divide="ignore"):
        return from_nats(-np.log(qx), units)


def entropy(p, units: str = "bits"):
    """H(p) = -Σ p log p, the expected surprise of someone who knows p."""
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return from_nats(terms.sum(axis=-1), units)


def cross_entropy(p, q, units: str = "bits"):
    """H(p, q) = -Σ p log q: the expected surprise when the world is p and the belief is q.

    Infinite where some outcome has p(x) > 0 but q(x) = 0 (see :func:`is_infinite_reason`).
    """
    p, q = _pair(p, q)
    support = p > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        logq = np.log(np.where(support, q, 1.0))
        terms = np.where(support, -p * logq, 0.0)
    return from_nats(terms.sum(axis=-1), units)


def _excess(d: np.ndarray) -> np.ndarray:
    """d - log(1 + d) for |d| < 0.5, to full relative precision even when d is tiny.

    Below |d| = 0.01 by its series d²/2 - d³/3 + d⁴/4 - ... (ten terms: the rest is below
    1e-17 of the sum); above, directly through log1p, where the cancellation costs at most
    a few units in the 14th digit.
    """
    series = np.zeros_like(d)
    for n in range(11, 1, -1):  # Horner: d² (1/2 - d (1/3 - d (1/4 - ...)))
        series = 1.0 / n - d * series
    series *= d * d
    return np.where(np.abs(d) < 0.01, series, d - np.log1p(d))


def kl_divergence(p, q, units: str = "bits"):
    """D(p‖q) = Σ p log(p/q), computed directly, never as H(p,q) - H(p).

    Each term is written as p·(r - 1 - log r) with r = q/p (plus q where p = 0), which sums to
    Σ p log(p/q) for two distributions but is non-negative term by term, so rounding can never
    make the divergence negative.  Where q is within half of p, d = r - 1 is computed as
    (q - p)/p (the subtraction is exact there) and d - log(1 + d) by :func:`_excess`, so even
    nearly equal distributions get a divergence correct to about 1e-14 relative, not only
    to 1e-16 absolute.  Infinite where p(x) > 0 and q(x) = 0.
    """
    p, q = _pair(p, q)
    support = p > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        safe_p = np.where(support, p, 1.0)
        d = (q - p) / safe_p
        size = np.abs(d)
        near = support & (size < 0.5)
        # elsewhere as q - p + p·(log p - log q), which cannot overflow; +inf where q = 0 < p.
        far = q - p + p * (np.log(safe_p) - np.log(q))
        terms = np.where(support, far, q)
        if near.any():  # (each term by its own formula: the same bits however many rows)
            d = np.where(near, d, 0.0)
            close = d - np.log1p(d)
            if (near & (size < 0.01)).any():
                close = _excess(d)
            terms = np.where(near, safe_p * close, terms)
        terms = np.maximum(terms, 0.0)
    return from_nats(terms.sum(axis=-1), units)


def point_measures(p: np.ndarray, q: np.ndarray) -> tuple[float, float, float]:
    """H(p,q), D(p‖q) and D(q‖p) in nats for one pair of distributions (1-D, a few outcomes).

    The same formulas as :func:`cross_entropy` and :func:`kl_divergence`, term by term, in
    plain floats: a frame asks this of every learner, and for six outcomes NumPy's call
    overhead is most of the cost.  (Agrees with the array functions to rounding, ~1e-16.)
    """
    ps, qs = p.tolist(), q.tolist()
    cross = 0.0
    for pi, qi in zip(ps, qs, strict=True):
        if pi > 0:
            cross += -pi * math.log(qi) if qi > 0 else math.inf
    return cross, _kl_terms(ps, qs), _kl_terms(qs, ps)


def _kl_terms(ps: list[float], qs: list[float]) -> float:
    total = 0.0
    for pi, qi in zip(ps, qs, strict=True):
        if pi > 0:
            d = (qi - pi) / pi
            if abs(d) < 0.5:
                if abs(d) < 0.01:
                    series = 0.0
                    for n in range(11, 1, -1):
                        series = 1.0 / n - d * series
                    term = pi * (series * (d * d))
                else:
                    term = pi * (d - math.log1p(d))
            elif qi > 0:
                term = qi - pi + pi * (math.log(pi) - math.log(qi))
            else:
                term = math.inf
        else:
            term = qi
        total += max(term, 0.0)
    return total


def perplexity(value_nats):
    """Perplexity e^H of a cross-entropy or entropy given in nats: the 'effective number of
    equally likely outcomes'.  The same number whatever unit H is displayed in."""
    with np.errstate(over="ignore"):
        return np.exp(value_nats)


def infinite_reason(p, q, labels=None) -> str | None:
    """Why H(p,q) and D(p‖q) are infinite, or None: names the outcomes the belief rules out."""
    p, q = _pair(p, q)
    bad = np.flatnonzero((p > 0) & (q <= 0))
    if bad.size == 0:
        return None
    names = [str(labels[i]) if labels is not None else str(i + 1) for i in bad]
    return (
        "infinite: the belief gives probability 0 to "
        + ", ".join(repr(n) for n in names)
        + ", which can happen"
    )


def all_measures(p, q, units: str = "bits") -> dict[str, float]:
    """H(p), H(q), H(p,q), D(p‖q) and D(q‖p) as plain floats in ``units``."""
    return {
        "entropy_p": float(entropy(p, units)),
        "entropy_q": float(entropy(q, units)),
        "cross_entropy": float(cross_entropy(p, q, units)),
        "kl_pq": float(kl_divergence(p, q, units)),
        "kl_qp": float(kl_divergence(q, p, units)),
    }
