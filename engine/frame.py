"""What the views show, frozen: one frame per tick, built by the engine.

A :class:`LearnerFrame` holds everything a view draws or prints for one learner: the
snapshot's figures (in nats), where the agent is on the landscape, its trail with the trail's
cross-entropy, the annealing proposals it turned down, and the history decimated for the
time plot.  A :class:`RaceFrame` holds the lead's frame and each rival's.  Views take frames
and convert units; they never read a live simulation or compute model maths themselves.

Decimation keeps spikes: each of about :data:`FRAME_COLUMNS` columns of the history is drawn
by its smallest and its largest value (in the order they happened), not by every n-th row,
so a single outlier in a long run still reaches the screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .measures import from_nats

if TYPE_CHECKING:  # pragma: no cover - for annotations only
    from .settings import Settings

FRAME_COLUMNS = 500  # columns of the time plot: at most 2 × 500 + 1 points per curve


@dataclass(frozen=True)
class Snapshot:
    """The state of a simulation after some step, frozen for viewers.  Values in nats."""

    step: int
    q: np.ndarray
    params: np.ndarray
    entropy: float
    cross_entropy: float
    kl: float
    reverse_kl: float
    mean_surprise: float  # running mean of the surprises so far (NaN at step 0)
    last_outcome: int | None
    last_surprise: float | None
    temperature: float
    acceptance_rate: float  # over the last 100 proposals (NaN for gd or before any)
    p: np.ndarray | None = None  # the world's p now (it may change during a run)
    # the mean of H(p_t) over the outcomes so far: the floor of mean_surprise's expectation
    # (H(p) itself while the world stands still; NaN at step 0)
    mean_entropy: float = math.nan

    @property
    def perplexity(self) -> float:
        return math.exp(self.cross_entropy) if self.cross_entropy < 700 else math.inf

    def in_units(self, units: str) -> dict[str, float | None]:
        """The information quantities converted to ``units`` (perplexity has no unit)."""

        def conv(v: float | None) -> float | None:
            return None if v is None else float(from_nats(v, units))

        return {
            "entropy": conv(self.entropy),
            "cross_entropy": conv(self.cross_entropy),
            "kl": conv(self.kl),
            "reverse_kl": conv(self.reverse_kl),
            "mean_surprise": conv(self.mean_surprise),
            "mean_entropy": conv(self.mean_entropy),
            "last_surprise": conv(self.last_surprise),
        }


@dataclass(frozen=True)
class Curve:
    """Points of a time curve: ``x`` (outcomes seen) and ``y`` (nats), read-only, same length."""

    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.x)


@dataclass(frozen=True)
class LearnerFrame:
    """One learner as the views show it after one tick.  Values in nats.

    ``position`` is the agent's landscape coordinates (one per landscape axis; more when the
    belief has no drawable landscape); ``trail`` the recent positions, shape (axes, m), oldest
    first, with ``trail_cross_entropy`` their H(p,q), shape (m,); ``rejected`` the recent
    proposals annealing turned down, shape (axes, r).  ``cross_entropy`` and ``mean_surprise``
    are the history decimated for the time plot (see :func:`peak_decimate`; a race's rivals
    carry no ``mean_surprise`` curve, None: the time plot draws the lead's alone); ``entropy`` is
    H(p) at the same steps, and at each step where p jumps both before and after (see
    :func:`entropy_curve`), when the world changes during the run.
    """

    settings: Settings
    snapshot: Snapshot
    position: np.ndarray
    trail: np.ndarray
    trail_cross_entropy: np.ndarray
    rejected: np.ndarray
    cross_entropy: Curve
    mean_surprise: Curve | None
    # H(p) over time when the world changes during the run (None: a fixed world, a level)
    entropy: Curve | None = None

    @property
    def changing_world(self) -> bool:
        return bool(self.settings.world.changes)

    @property
    def step(self) -> int:
        return self.snapshot.step

    @property
    def annealing(self) -> bool:
        return self.settings.learner == "anneal"


@dataclass(frozen=True)
class RaceFrame:
    """Every learner of a race after one tick: the lead first, then the rivals."""

    learners: tuple[LearnerFrame, ...]

    @classmethod
    def of(cls, simulations: Sequence) -> RaceFrame:
        """The frame of each simulation (a lead, then its rivals), built now."""
        lead, *rivals = simulations
        return cls((lead.frame(), *(sim.frame(mean=False) for sim in rivals)))

    @property
    def lead(self) -> LearnerFrame:
        return self.learners[0]

    @property
    def rivals(self) -> tuple[LearnerFrame, ...]:
        return self.learners[1:]

    @property
    def step(self) -> int:
        return self.lead.step


def readonly(a: np.ndarray) -> np.ndarray:
    """A read-only float copy of ``a`` (what a frame hands out)."""
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


def column_size(rows: int, columns: int = FRAME_COLUMNS) -> int:
    """Rows per column when ``rows`` rows are decimated into at most ``columns`` columns.

    A power of two, so that as a history grows the columns already made stay as they are
    until the size doubles (see :class:`PeakDecimator`); between ``columns / 2`` and
    ``columns`` columns result.
    """
    need = -(-rows // columns)
    return 1 << max(need - 1, 0).bit_length()


def peak_decimate(x: np.ndarray, y: np.ndarray, columns: int = FRAME_COLUMNS) -> Curve:
    """At most ``2 * columns + 1`` points of the curve (x, y) that keep every spike.

    A curve of up to that many points is passed through unchanged.  A longer one is cut into
    at most ``columns`` runs of consecutive rows (the last row aside); each run is drawn by
    its smallest and its largest value, at the steps where they happened, in that order, and
    the curve still ends on its last row.  So the drawn line reaches every extreme of the
    full curve, as a line drawn through every point would, whatever the length of the run.
    (pyqtgraph's own "peak" downsampling does the same per pixel column.)
    """
    return PeakDecimator(columns).curve(x, y)


class PeakDecimator:
    """:func:`peak_decimate` of a column that only grows, at the cost of its new rows.

    The extremes of columns already complete are kept; each call works out only the rows
    added since (and the last, incomplete column).  Give it the same column each time, or
    call :meth:`clear` when its rows were rewritten (a history thinned, or started again).
    """

    def __init__(self, columns: int = FRAME_COLUMNS):
        if columns < 1:
            raise ValueError("decimation needs at least one column")
        self.columns = columns
        self.clear()

    def clear(self) -> None:
        self._size = 0  # rows per column of the kept extremes (0: none kept)
        self._lows = np.empty(0, dtype=np.int64)  # row of each complete column's minimum
        self._highs = np.empty(0, dtype=np.int64)  # ... and of its maximum

    def curve(self, x: np.ndarray, y: np.ndarray) -> Curve:
        x = np.asarray(x)
        y = np.asarray(y, dtype=float)
        n = len(y)
        if n <= 2 * self.columns + 1:
            return Curve(readonly(x), readonly(y))
        body = n - 1  # the last row is always kept as it is
        size = column_size(body, self.columns)
        full = body // size
        if size != self._size or len(self._lows) > full:
            self._size = size
            self._lows = self._highs = np.empty(0, dtype=np.int64)
        done = len(self._lows)
        if full > done:
            blocks = y[done * size : full * size].reshape(full - done, size)
            first = np.arange(done, full) * size
            self._lows = np.concatenate([self._lows, first + np.argmin(blocks, axis=1)])
            self._highs = np.concatenate([self._highs, first + np.argmax(blocks, axis=1)])
        lows, highs = self._lows, self._highs
        count = len(lows) + (full * size < body)
        rows = np.empty(2 * count + 1, dtype=np.int64)
        # each column's two extremes in time order, then the last row
        np.minimum(lows, highs, out=rows[0 : 2 * len(lows) : 2])
        np.maximum(lows, highs, out=rows[1 : 2 * len(lows) : 2])
        if count > len(lows):  # a shorter last column, worked out afresh each time
            tail = y[full * size : body]
            low, high = full * size + int(tail.argmin()), full * size + int(tail.argmax())
            rows[-3], rows[-2] = min(low, high), max(low, high)
        rows[-1] = n - 1
        return Curve(_fresh(x[rows]), _fresh(y[rows]))


def _fresh(a: np.ndarray) -> np.ndarray:
    """A new array (nobody else holds it) as a read-only float array, without a copy."""
    a = a.astype(float, copy=False)
    a.setflags(write=False)
    return a


def entropy_curve(world, x: np.ndarray) -> Curve:
    """H(p) of a changing world at the steps ``x`` (in order) and at each jump within them.

    A jump of p at step ``c`` (a change without drift) adds the points (c, H before) and
    (c, H after), so the line steps there however far apart the steps ``x`` are; a drift is
    drawn through the steps ``x`` and the drift's own ends.
    """
    from .measures import entropy

    x = np.asarray(x, dtype=float)
    if len(x) == 0:
        return Curve(readonly(x), readonly(x))
    first, last = x[0], x[-1]
    points = {(float(v), 1) for v in x}
    for change in world.changes:
        for edge in {change.step, change.end}:
            if first < edge <= last:
                points.add((float(edge), 0))  # before the change ...
                points.add((float(edge), 1))  # ... and from it on
    points = sorted(points)
    steps = np.array([p for p, _ in points])
    at = np.array([p - 1 + after for p, after in points])  # "before": the step before
    values = entropy(world.probabilities_at(at), "nats")
    return Curve(readonly(steps), readonly(values))
