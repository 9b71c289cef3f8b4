"""Belief families: how an agent's parameters θ become a belief q over the outcomes.

Arrays are laid out agents-last: parameters have shape (d, N) and beliefs (K, N) for N agents,
so the sums over outcomes are sums of a few long rows (fast in NumPy) and one code path serves
one agent or ten thousand.  Every family gives the gradient of the surprise -log q(x) with
respect to θ in closed form; the tests check it against finite differences.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from operator import mul
from typing import NamedTuple

import numpy as np

from .validation import N_

MIN_LOGIT = -500.0  # exp(-500) ≈ 7e-218: tiny but never zero, so surprise stays finite


def _first_row(a: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    if out is None:
        return a[0].copy()
    out[...] = a[0]
    return out


def sum_rows(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """a.sum(axis=0), by adding the few rows one after another.

    For (K, N) arrays with small K this is several times faster than NumPy's reduction,
    which iterates along the short axis.  (Pairwise order differs only in rounding.)
    """
    if a.shape[0] == 1:
        return _first_row(a, out)
    out = np.add(a[0], a[1], out=out)
    for row in a[2:]:
        np.add(out, row, out=out)
    return out


def max_rows(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """a.max(axis=0), row by row (see :func:`sum_rows`)."""
    if a.shape[0] == 1:
        return _first_row(a, out)
    out = np.maximum(a[0], a[1], out=out)
    for row in a[2:]:
        np.maximum(out, row, out=out)
    return out


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax over axis 0 by log-sum-exp: never overflows, never takes log(0)."""
    shifted = z - max_rows(z)
    return shifted - np.log(sum_rows(np.exp(shifted)))


class ScalarKernels(NamedTuple):
    """One agent's belief arithmetic in plain floats, for the single-agent fast paths.

    The same operations as the array methods, in the same order (sums left to right, as
    :func:`sum_rows` adds rows), without a NumPy call per step: one agent steps ten or more
    times faster.  Python's math.exp/log may differ from NumPy's in the last bit (and the
    hunch's gd step takes its bump from the exps it already has), so the tests check that
    whole runs agree with the array code to 1e-12.
    """

    log_probs: Callable[[list[float]], list[float]]  # log q
    project: Callable[[list[float]], list[float]]  # project (a new list)
    # One online gradient step on outcome x at learning rate lr: -log q(x) and the new θ.
    gd_step: Callable[[list[float], int, float], tuple[float, list[float]]]
    grad_weights: Callable[[list[float], list[float]], list[float]]  # grad_cross_entropy
    # An annealing proposal θ + move, projected, and its log q.
    propose: Callable[[list[float], list[float]], tuple[list[float], list[float]]]
    # Optional whole-block loops, the per-step kernels above fused and unrolled (the hunch
    # has them; see _hunch_blocks): Population's single-agent loops use them when present.
    gd_block: Callable | None = None
    anneal_block: Callable | None = None


@dataclass(frozen=True)
class LandscapeAxes:
    """The coordinates a landscape is drawn in, and their ranges."""

    names: tuple[str, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]


class BeliefFamily:
    """Interface of a belief family for a world with ``k`` outcomes."""

    name: str = ""
    title: str = ""  # as a person chooses it (marked for translation)
    description: str = ""
    # The landscape's coordinates are probabilities whose edges (q = 0, q = 1) make the
    # cross-entropy infinite: its grid is drawn at cell centres, never on an edge.
    infinite_at_edges: bool = False

    def __init__(self, k: int):
        if k < 2:
            raise ValueError(f"a belief needs at least 2 outcomes, not {k}")
        self.k = k

    # --- parameters -------------------------------------------------------------------
    @property
    def n_params(self) -> int:
        raise NotImplementedError

    @property
    def param_names(self) -> tuple[str, ...]:
        raise NotImplementedError

    def start(self) -> np.ndarray:
        """Default starting parameters, shape (d,)."""
        raise NotImplementedError

    def project(self, params: np.ndarray) -> np.ndarray:
        """Bring parameters back into the family's domain (in place); returns them."""
        return params

    def proposal_scale(self) -> np.ndarray:
        """Standard deviation of an annealing proposal, per parameter, shape (d,)."""
        raise NotImplementedError

    # --- beliefs ----------------------------------------------------------------------
    def log_probs(self, params: np.ndarray) -> np.ndarray:
        """log q, shape (K, N) for params of shape (d, N)."""
        raise NotImplementedError

    def probs(self, params: np.ndarray) -> np.ndarray:
        return np.exp(self.log_probs(params))

    def log_probs_into(self, params: np.ndarray, out: np.ndarray, work: np.ndarray) -> np.ndarray:
        """``log_probs`` written into ``out`` (K, N), with ``work`` (K, N) as scratch: the
        same numbers, without the temporaries (the populations' inner loops)."""
        out[...] = self.log_probs(params)
        return out

    def grad_cross_entropy(self, params: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """∇θ of Σ_k w_k·(-log q_k) for outcome weights w of shape (K, N); returns (d, N)."""
        raise NotImplementedError

    def grad_surprise(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """∇θ of the surprise -log q(x_i) of each agent's outcome x (shape (N,))."""
        onehot = np.zeros((self.k, x.size))
        onehot[x, np.arange(x.size)] = 1.0
        return self.grad_cross_entropy(params, onehot)

    # --- one agent in plain floats ------------------------------------------------------
    def scalar_kernels(self) -> ScalarKernels:
        """The array methods above for one agent held as a list of floats (see ScalarKernels)."""
        raise NotImplementedError

    # --- landscape --------------------------------------------------------------------
    def landscape_axes(self) -> LandscapeAxes | None:
        """Axes of the landscape, or None where the family has no drawable landscape."""
        return None

    def coords(self, params: np.ndarray) -> np.ndarray:
        """Landscape coordinates of parameters (d, N) -> (c, N)."""
        raise NotImplementedError

    def params_from_coords(self, coords: np.ndarray) -> np.ndarray:
        """Parameters for landscape coordinates (c, G) -> (d, G); NaN coordinates stay NaN."""
        raise NotImplementedError


class FreeBelief(BeliefFamily):
    """Any distribution at all: q = softmax(z) of K free logits.  Its landscape is convex."""

    name = "free"
    title = N_("Free: any distribution")
    infinite_at_edges = True
    description = "any distribution: q = softmax(z) of one logit per outcome"

    @property
    def n_params(self) -> int:
        return self.k

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(f"z{i + 1}" for i in range(self.k))

    def start(self) -> np.ndarray:
        return np.zeros(self.k)  # the uniform belief: "I have no idea"

    def project(self, params: np.ndarray) -> np.ndarray:
        # Logits are shift-invariant; keep the largest at 0 so they stay bounded.
        params -= params.max(axis=0)
        np.maximum(params, MIN_LOGIT, out=params)
        return params

    def proposal_scale(self) -> np.ndarray:
        return np.full(self.k, 0.5)

    def log_probs(self, params: np.ndarray) -> np.ndarray:
        return log_softmax(params)

    def log_probs_into(self, params: np.ndarray, out: np.ndarray, work: np.ndarray) -> np.ndarray:
        row = work[0]
        np.subtract(params, max_rows(params, out=row), out=out)
        np.exp(out, out=work)
        lse = np.log(sum_rows(work))
        return np.subtract(out, lse, out=out)

    def grad_cross_entropy(self, params: np.ndarray, weights: np.ndarray) -> np.ndarray:
        q = self.probs(params)
        return q * sum_rows(weights) - weights

    def grad_surprise(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        grad = self.probs(params)
        grad[x, np.arange(x.size)] -= 1.0
        return grad

    def landscape_axes(self) -> LandscapeAxes | None:
        if self.k == 2:
            return LandscapeAxes(("q(1)",), (0.0,), (1.0,))
        if self.k == 3:
            return LandscapeAxes(("q(1)", "q(2)"), (0.0, 0.0), (1.0, 1.0))
        return None

    def coords(self, params: np.ndarray) -> np.ndarray:
        return self.probs(params)[: self.k - 1]

    def params_from_coords(self, coords: np.ndarray) -> np.ndarray:
        coords = np.atleast_2d(np.asarray(coords, dtype=float))
        last = 1.0 - coords.sum(axis=0, keepdims=True)
        q = np.concatenate([coords, last], axis=0)
        outside = np.any(q < 0, axis=0)  # off the simplex (the corner of a 2-D grid)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.log(np.where(q > 0, q, 0.0))
        z = np.maximum(z, MIN_LOGIT)
        z[:, outside] = np.nan
        return z

    def scalar_kernels(self) -> ScalarKernels:
        exp, log = math.exp, math.log

        def log_probs(z: list[float]) -> list[float]:
            top = max(z)
            shifted = [v - top for v in z]
            lse = log(sum([exp(v) for v in shifted]))
            return [v - lse for v in shifted]

        def project(z: list[float]) -> list[float]:
            top = max(z)
            return [v - top if v - top > MIN_LOGIT else MIN_LOGIT for v in z]

        def gd_step(z: list[float], x: int, lr: float) -> tuple[float, list[float]]:
            log_q = log_probs(z)
            grad = [exp(v) for v in log_q]
            grad[x] -= 1.0
            return -log_q[x], project([v - lr * g for v, g in zip(z, grad)])  # noqa: B905

        def grad_weights(z: list[float], weights: list[float]) -> list[float]:
            total = sum(weights)
            q = [exp(v) for v in log_probs(z)]
            return [qk * total - wk for qk, wk in zip(q, weights)]  # noqa: B905 - both K long

        def propose(z: list[float], move: list[float]) -> tuple[list[float], list[float]]:
            proposal = project([v + m for v, m in zip(z, move)])  # noqa: B905 - both K long
            return proposal, log_probs(proposal)

        return ScalarKernels(log_probs, project, gd_step, grad_weights, propose)

    def online_gd_scalar(self, params: np.ndarray, outcomes: np.ndarray, lr: float) -> np.ndarray:
        """One agent, online gradient descent over a block of outcomes, in plain floats.

        The same update as ``params -= lr * grad_surprise`` followed by ``project``, written for
        a single agent without NumPy's per-call overhead (about ten times faster for K <= 12).
        Returns the parameters after each step, shape (n, K).
        """
        z = [float(v) for v in params]
        k = self.k
        rng_k = range(k)
        out = np.empty((len(outcomes), k))
        exp = math.exp
        for t, x in enumerate(outcomes.tolist()):
            top = max(z)
            e = [exp(v - top) for v in z]
            s = sum(e)
            scale = lr / s
            z = [z[i] - scale * e[i] for i in rng_k]
            z[x] += lr
            top = max(z)
            z = [v - top if v - top > MIN_LOGIT else MIN_LOGIT for v in z]
            out[t] = z
        return out


class HunchBelief(BeliefFamily):
    """'One face is favoured': q = (1-a)/K + a·bump(μ), a Gaussian bump of fixed width.

    The agent learns which face it favours (μ, anywhere between the first and last outcome)
    and how strongly (a, from 0.05 to 0.95).  On the loaded die the landscape has two wells: a
    deep one at μ = 2 and a shallower one at μ = 5, with a ridge near μ = 3.5 between them.
    """

    name = "hunch"
    title = N_("Hunch: one favoured face")
    description = "one face is favoured: q = (1-a)/K + a·bump centred at μ (width 0.6)"
    width = 0.6
    min_strength = 0.05  # a hunch is never zero: at a = 0 every μ gives the same belief
    max_strength = 0.95

    @property
    def n_params(self) -> int:
        return 2

    @property
    def param_names(self) -> tuple[str, ...]:
        return ("mu", "a")

    def start(self) -> np.ndarray:
        # Nearer the right-hand end of the die, with a moderate hunch.  On the loaded die this
        # is inside the basin of the shallower well at μ = 5.
        return np.array([0.7 * (self.k - 1) + 1.0, 0.5])

    def project(self, params: np.ndarray) -> np.ndarray:
        np.clip(params[0], 1.0, float(self.k), out=params[0])
        np.clip(params[1], self.min_strength, self.max_strength, out=params[1])
        return params

    def proposal_scale(self) -> np.ndarray:
        # Small enough that crossing the ridge takes several uphill moves, i.e. temperature.
        return np.array([0.36, 0.05])

    def _faces(self) -> np.ndarray:
        return np.arange(1, self.k + 1, dtype=float)[:, None]

    def _bump(self, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The bump b (K, N), normalised by log-sum-exp, and its mean face m (N,)."""
        faces = self._faces()
        log_b = log_softmax(-((faces - mu) ** 2) / (2.0 * self.width**2))
        bump = np.exp(log_b)
        return bump, sum_rows(bump * faces)

    def probs(self, params: np.ndarray) -> np.ndarray:
        mu, a = params[0], params[1]
        # The bump's unnormalised weights, shifted so the largest is 1 (no overflow possible),
        # then q = (1-a)/K + a·e/Σe in place: one exp, no log.
        e = self._faces() - mu
        np.multiply(e, e, out=e)
        np.multiply(e, -0.5 / self.width**2, out=e)
        np.subtract(e, max_rows(e), out=e)
        np.exp(e, out=e)
        np.multiply(e, a / sum_rows(e), out=e)
        np.add(e, (1.0 - a) / self.k, out=e)
        return e

    def log_probs(self, params: np.ndarray) -> np.ndarray:
        # q >= (1-a)/K >= 0.05/K > 0, so the plain log is safe here.
        return np.log(self.probs(params))

    def log_probs_into(self, params: np.ndarray, out: np.ndarray, work: np.ndarray) -> np.ndarray:
        # probs() step by step into out; work's rows hold the per-agent numbers
        mu, a = params[0], params[1]
        row, base = work[0], work[1]
        np.subtract(self._faces(), mu, out=out)
        np.multiply(out, out, out=out)
        np.multiply(out, -0.5 / self.width**2, out=out)
        np.subtract(out, max_rows(out, out=row), out=out)
        np.exp(out, out=out)
        np.divide(a, sum_rows(out, out=row), out=row)
        np.multiply(out, row, out=out)
        np.subtract(1.0, a, out=base)
        np.divide(base, self.k, out=base)
        np.add(out, base, out=out)
        return np.log(out, out=out)

    def chain_fits(self) -> bool:
        """Whether :meth:`probs_chain_into`'s numbers stay in double range for this K."""
        return -0.5 / self.width**2 * -(self.k**2) < 600.0

    def probs_chain_into(self, params: np.ndarray, out: np.ndarray, row: np.ndarray) -> np.ndarray:
        """``probs`` written into ``out`` (K, N) with one exponential per agent, not K.

        The bump's weight of face f is exp(c·(f-μ)²) = exp(c·μ²)·exp(c·f²)·P^f with
        P = exp(-2c·μ); the first factor is common to every face and cancels in the
        normalisation, so the weights exp(c·f²)·P^f = exp(c·f·(f-2μ)) are built face by face,
        each from the one before times the constant exp(c·(2f+1)) and P.  The same q as
        ``probs`` to a few parts in 1e14 (rounding accumulates along the K faces).  For
        K <= 12 (see ``chain_fits``) every weight lies between e^-170 and e^200.
        """
        mu, a = params[0], params[1]
        c = -0.5 / self.width**2
        np.multiply(mu, -2.0 * c, out=row)
        np.exp(row, out=row)  # P
        np.multiply(row, math.exp(c), out=out[0])
        for i in range(1, self.k):
            np.multiply(out[i - 1], math.exp(c * (2 * i + 1)), out=out[i])
            np.multiply(out[i], row, out=out[i])
        np.divide(a, sum_rows(out, out=row), out=row)
        np.multiply(out, row, out=out)
        np.subtract(1.0, a, out=row)
        np.divide(row, self.k, out=row)
        return np.add(out, row, out=out)

    def grad_cross_entropy(self, params: np.ndarray, weights: np.ndarray) -> np.ndarray:
        mu, a = params[0], params[1]
        bump, mean = self._bump(mu)
        q = (1.0 - a) / self.k + a * bump
        ratio = weights / q  # w_k / q_k
        dq_dmu = a * bump * (self._faces() - mean) / self.width**2
        dq_da = bump - 1.0 / self.k
        return -np.stack([sum_rows(ratio * dq_dmu), sum_rows(ratio * dq_da)])

    def scalar_kernels(self) -> ScalarKernels:
        k = self.k
        faces = [float(f) for f in range(1, k + 1)]
        c = -0.5 / self.width**2  # probs()
        two_w2 = 2.0 * self.width**2  # _bump()
        w2 = self.width**2  # grad_cross_entropy()
        inv_k = 1.0 / k
        top_face = float(k)
        low, high = self.min_strength, self.max_strength
        exp, log = math.exp, math.log

        def nearest(mu: float) -> float:
            # The face nearest μ gives the largest exponent: max_rows' value, found directly
            # (rounding is monotone, so no other face's rounded exponent is larger).
            r = round(mu)
            return 1.0 if r < 1 else (top_face if r > k else float(r))

        def log_probs(theta: list[float]) -> list[float]:
            mu, a = theta
            top = nearest(mu) - mu
            top = top * top * c
            e = [exp((f - mu) * (f - mu) * c - top) for f in faces]
            scale = a / sum(e)
            base = (1.0 - a) / k
            return [log(v * scale + base) for v in e]

        def project(theta: list[float]) -> list[float]:
            mu, a = theta
            mu = 1.0 if mu < 1.0 else (top_face if mu > top_face else mu)
            a = low if a < low else (high if a > high else a)
            return [mu, a]

        def propose(theta: list[float], move: list[float]) -> tuple[list[float], list[float]]:
            mu = theta[0] + move[0]
            a = theta[1] + move[1]
            mu = 1.0 if mu < 1.0 else (top_face if mu > top_face else mu)
            a = low if a < low else (high if a > high else a)
            r = round(mu)  # nearest(μ), inline: it is in range after the clip
            top = (r - mu) * (r - mu) * c
            e = [exp((f - mu) * (f - mu) * c - top) for f in faces]
            scale = a / sum(e)
            base = (1.0 - a) / k
            return [mu, a], [log(v * scale + base) for v in e]

        def bump(mu: float) -> tuple[list[float], float]:
            # log-sum-exp, as _bump: the bump and its mean face
            r = nearest(mu) - mu
            top = -(r * r) / two_w2
            shifted = [-((f - mu) * (f - mu)) / two_w2 - top for f in faces]
            lse = log(sum(map(exp, shifted)))
            b = [exp(v - lse) for v in shifted]
            return b, sum(map(mul, b, faces))

        def gd_step(theta: list[float], x: int, lr: float) -> tuple[float, list[float]]:
            mu, a = theta
            d = [f - mu for f in faces]
            d2 = list(map(mul, d, d))
            r = nearest(mu) - mu
            r2 = r * r
            # -log q(x) as log_probs computes it
            top = r2 * c
            total = sum(map(exp, [v * c - top for v in d2]))
            base = (1.0 - a) / k
            surprise = -log(exp(d2[x] * c - top) * (a / total) + base)
            # the bump by log-sum-exp and its mean face, as _bump
            top = -r2 / two_w2
            shifted = [-v / two_w2 - top for v in d2]
            lse = log(sum(map(exp, shifted)))
            b = [exp(v - lse) for v in shifted]
            mean = sum(map(mul, b, faces))
            # grad_surprise: the one-hot weights make every other term of the sums zero
            bx = b[x]
            ratio = 1.0 / (base + a * bx)
            mu -= lr * -(ratio * (a * bx * (faces[x] - mean) / w2))
            a -= lr * -(ratio * (bx - inv_k))
            mu = 1.0 if mu < 1.0 else (top_face if mu > top_face else mu)
            a = low if a < low else (high if a > high else a)
            return surprise, [mu, a]

        def grad_weights(theta: list[float], weights: list[float]) -> list[float]:
            mu, a = theta
            b, mean = bump(mu)
            base = (1.0 - a) / k
            g_mu = g_a = 0.0
            for w, bk, f in zip(weights, b, faces):  # noqa: B905 - all K long
                ratio = w / (base + a * bk)
                g_mu += ratio * (a * bk * (f - mean) / w2)
                g_a += ratio * (bk - inv_k)
            return [-g_mu, -g_a]

        gd_block, anneal_plain, anneal_windowed = _hunch_blocks(k, c, w2, low, high)

        def anneal_block(theta, log_q, xs, moves_mu, moves_a, draws, temps, counts, memory, *rest):
            block = anneal_plain if memory is None else anneal_windowed
            return block(theta, log_q, xs, moves_mu, moves_a, draws, temps, counts, memory, *rest)

        return ScalarKernels(
            log_probs, project, gd_step, grad_weights, propose, gd_block, anneal_block
        )

    def landscape_axes(self) -> LandscapeAxes | None:
        return LandscapeAxes(
            (N_("μ (favoured face)"), N_("a (strength)")),
            (1.0, self.min_strength),
            (float(self.k), self.max_strength),
        )

    def coords(self, params: np.ndarray) -> np.ndarray:
        return np.asarray(params, dtype=float).copy()

    def params_from_coords(self, coords: np.ndarray) -> np.ndarray:
        return np.asarray(coords, dtype=float).copy()


# --- one hunch agent, a whole block of steps in one generated function -----------------------
#
# Python's per-call and per-list costs, not its arithmetic, dominate one agent's step: a list
# comprehension over six faces costs more than its six exponentials.  So for one hunch agent
# the block loop is written out for the world's K (the faces unrolled into local variables)
# and compiled once per K.  The arithmetic is the kernels' above, operation for operation.


def _unrolled(template: str, k: int, sep: str) -> str:
    """``template`` with {i} (0-based) and {f} (the face, a float literal) for each face."""
    return sep.join(template.format(i=i, f=repr(float(i + 1))) for i in range(k))


def _hunch_anneal_source(k: int, windowed: bool) -> str:
    each = lambda template, sep="; ": _unrolled(template, k, sep)  # noqa: E731
    if windowed:
        remember = """\
        if length == size:
            counts[ring[pos]] -= 1.0
        else:
            length += 1
        ring[pos] = x
        counts[x] += 1.0
        pos += 1
        if pos == size:
            pos = 0
        seen = length"""
    else:
        remember = """\
        counts[x] += 1.0
        seen += 1"""
    return f"""
def anneal_block(theta, log_q, xs, moves_mu, moves_a, draws, temps, counts, memory, seen,
                 total):
    mu, a = theta
    {each("L{i}", ", ")} = log_q
    held = tuple(log_q)
    ring, length, pos = memory if memory is not None else (None, 0, 0)
    size = len(ring) if ring is not None else 0
    surprises, trail, proposals, accepted = [], [], [], []
    keep, keep_trail, keep_proposal, keep_flag = (
        surprises.append, trail.append, proposals.append, accepted.append)
    for x, dm, da, u, temperature in zip(xs, moves_mu, moves_a, draws, temps):
        surprise = -held[x]
        total += surprise
{remember}
        pm = mu + dm
        pa = a + da
        pm = 1.0 if pm < 1.0 else (TOP_FACE if pm > TOP_FACE else pm)
        pa = LOW if pa < LOW else (HIGH if pa > HIGH else pa)
        r = round(pm)
        top = (r - pm) * (r - pm) * C
        {each("e{i} = exp(({f} - pm) * ({f} - pm) * C - top)")}
        scale = pa / ({each("e{i}", " + ")})
        base = (1.0 - pa) / K
        {each("l{i} = log(e{i} * scale + base)")}
        rise = ({each("counts[{i}] * (L{i} - l{i})", " + ")}) / seen
        # (T = 0: only ever downhill; a fall needs no draw, so exp never overflows)
        accept = rise <= 0 or (temperature > 0 and u < exp(-rise / temperature))
        if accept:
            mu = pm
            a = pa
            {each("L{i} = l{i}")}
            held = ({each("l{i}", ", ")},)
        keep(surprise)
        keep_trail(mu)
        keep_trail(a)
        keep_proposal(pm)
        keep_proposal(pa)
        keep_flag(accept)
    memory = None if ring is None else (ring, length, pos)
    return [mu, a], list(held), total, memory, surprises, trail, proposals, accepted
"""


def _hunch_gd_source(k: int) -> str:
    each = lambda template, sep="; ": _unrolled(template, k, sep)  # noqa: E731
    return f"""
def gd_block(theta, xs, lr, total):
    mu, a = theta
    surprises, trail = [], []
    keep, keep_trail = surprises.append, trail.append
    for x in xs:
        r = round(mu)  # the nearest face (μ is in range): the largest exponent, as log_probs
        r2 = (r - mu) * (r - mu)
        {each("d{i} = ({f} - mu) * ({f} - mu)")}
        # -log q(x) as log_probs computes it
        top = r2 * C
        {each("e{i} = exp(d{i} * C - top)")}
        base = (1.0 - a) / K
        ex = ({each("e{i}", ", ")},)[x]
        surprise = -log(ex * (a / ({each("e{i}", " + ")})) + base)
        total += surprise
        # the bump by log-sum-exp and its mean face, as _bump
        top = -r2 / TWO_W2
        {each("s{i} = -d{i} / TWO_W2 - top")}
        lse = log({each("exp(s{i})", " + ")})
        {each("b{i} = exp(s{i} - lse)")}
        mean = {each("b{i} * {f}", " + ")}
        bx = ({each("b{i}", ", ")},)[x]
        # grad_surprise: the one-hot weights make every other term of the sums zero
        ratio = 1.0 / (base + a * bx)
        mu -= lr * -(ratio * (a * bx * ((x + 1.0) - mean) / W2))
        a -= lr * -(ratio * (bx - INV_K))
        mu = 1.0 if mu < 1.0 else (TOP_FACE if mu > TOP_FACE else mu)
        a = LOW if a < LOW else (HIGH if a > HIGH else a)
        keep(surprise)
        keep_trail(mu)
        keep_trail(a)
    return [mu, a], total, surprises, trail
"""


@functools.lru_cache(maxsize=32)
def _hunch_blocks(k: int, c: float, w2: float, low: float, high: float) -> tuple[Callable, ...]:
    """The hunch's block loops for K faces, compiled once: (gd, anneal, windowed anneal)."""
    names = {
        "exp": math.exp,
        "log": math.log,
        "K": k,
        "C": c,
        "W2": w2,
        "TWO_W2": 2.0 * w2,
        "INV_K": 1.0 / k,
        "TOP_FACE": float(k),
        "LOW": low,
        "HIGH": high,
    }
    blocks = []
    for source, name in (
        (_hunch_gd_source(k), "gd_block"),
        (_hunch_anneal_source(k, windowed=False), "anneal_block"),
        (_hunch_anneal_source(k, windowed=True), "anneal_block"),
    ):
        scope = dict(names)
        exec(compile(source, f"<hunch block, K={k}>", "exec"), scope)
        blocks.append(scope[name])
    return tuple(blocks)


FAMILIES: dict[str, type[BeliefFamily]] = {"free": FreeBelief, "hunch": HunchBelief}
BELIEF_NAMES: tuple[str, ...] = tuple(FAMILIES)


def make_belief(name: str, k: int) -> BeliefFamily:
    """The belief family ``name`` for a world with ``k`` outcomes."""
    try:
        return FAMILIES[name](k)
    except KeyError:
        raise ValueError(f"unknown belief {name!r}; choose one of {', '.join(FAMILIES)}") from None
