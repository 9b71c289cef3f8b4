"""The landscape: cross-entropy H(p, q_θ) over a belief family's parameters, on a grid.

A curve for a two-outcome world with the free belief (over q of the first outcome), a 2-D grid
for three outcomes (over q(1), q(2); the corner q(1) + q(2) > 1 is off the simplex and NaN), and
a 2-D grid over (μ, a) for the hunch belief.  Local minima are found on the grid and each cell
is given the basin it drains into, so "did the agent reach the global minimum?" means "is it in
the global minimum's basin?".

Where there is more than one minimum, the basins follow the true gradient flow of H(p, q_θ) in
the belief's parameters (what gradient descent with a small learning rate does), not the grid's
steepest-descent pointers, whose eight directions misplace the ridge by several cells: from every
cell the flow is followed for a short way (four cells or so) and the cell it reaches becomes its
pointer; pointers are then followed to the end.  Minima whose depths agree within
``GLOBAL_TOLERANCE`` (relative) are all global: equally deep wells are equally good answers,
whichever way rounding tips their last digit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .beliefs import BeliefFamily, LandscapeAxes
from .measures import cross_entropy

GLOBAL_TOLERANCE = 1e-9  # minima this close in depth (relative to max(1, depth)) are all global
FLOW_SUBSTEPS = 8  # Euler substeps of the flow from each cell, each at most half a cell long


@dataclass(frozen=True)
class Minimum:
    coords: tuple[float, ...]
    value: float  # nats
    is_global: bool


@dataclass(frozen=True)
class Landscape:
    """Cross-entropy (nats) on a grid.  ``values`` has shape (n,) or (ny, nx): row = axis 1."""

    axes: LandscapeAxes
    grid: tuple[np.ndarray, ...]
    values: np.ndarray
    minima: tuple[Minimum, ...]
    basins: np.ndarray  # same shape as values; index into ``minima``, -1 off the domain

    @property
    def global_minimum(self) -> Minimum:
        """The lowest minimum on the grid (others may be global too: see ``is_global``)."""
        return next(m for m in self.minima if m.is_global)

    def cell_of(self, coords: np.ndarray) -> tuple[np.ndarray, ...]:
        """Nearest grid cell for coordinates of shape (c, N)."""
        coords = np.atleast_2d(np.asarray(coords, dtype=float))
        cells = []
        for axis, line in enumerate(self.grid):
            step = line[1] - line[0]
            index = np.rint((coords[axis] - line[0]) / step)
            cells.append(np.clip(np.nan_to_num(index), 0, line.size - 1).astype(np.intp))
        return tuple(reversed(cells))  # values are indexed [row=axis 1, col=axis 0]

    def basin_of(self, coords: np.ndarray) -> np.ndarray:
        """The minimum (index into ``minima``) whose basin each coordinate lies in."""
        return self.basins[self.cell_of(coords)]

    def in_global_basin(self, coords: np.ndarray) -> np.ndarray:
        """In the basin of a global minimum (any of them, when several are equally deep)."""
        glob = [i for i, m in enumerate(self.minima) if m.is_global]
        return np.isin(self.basin_of(coords), glob)


def _grid(axes: LandscapeAxes, family: BeliefFamily, resolution: int) -> tuple[np.ndarray, ...]:
    if family.infinite_at_edges:
        # Cell centres: the edges q = 0 and q = 1 make the cross-entropy infinite.
        return tuple((np.arange(resolution) + 0.5) / resolution for _ in axes.names)
    return tuple(
        np.linspace(lo, hi, resolution) for lo, hi in zip(axes.lows, axes.highs, strict=True)
    )


def _neighbour_offsets(ndim: int) -> list[tuple[int, ...]]:
    if ndim == 1:
        return [(-1,), (1,)]
    return [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)]


def _basins(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Steepest-descent pointers: each cell drains to its lowest neighbour (or itself).

    Returns the flat index of the minimum each cell drains into (-1 off the domain) and the
    flat indices of the minima.
    """
    filled = np.where(np.isnan(values), np.inf, values)
    padded = np.pad(filled, 1, constant_values=np.inf)
    shape = values.shape
    flat_index = np.arange(values.size).reshape(shape)
    padded_index = np.pad(flat_index, 1, constant_values=-1)
    best_value = filled.copy()
    best_index = flat_index.copy()
    for offset in _neighbour_offsets(values.ndim):
        window = tuple(slice(1 + o, 1 + o + n) for o, n in zip(offset, shape, strict=True))
        neighbour = padded[window]
        neighbour_index = padded_index[window]
        # Lower, or equally low with a smaller index: a flat region drains to one cell.
        lower = (neighbour < best_value) | (
            (neighbour == best_value)
            & (neighbour_index >= 0)
            & (neighbour_index < best_index)
            & np.isfinite(neighbour)
        )
        best_value = np.where(lower, neighbour, best_value)
        best_index = np.where(lower, neighbour_index, best_index)
    pointer = best_index.ravel()
    while True:  # pointer jumping: O(log n) passes
        jumped = pointer[pointer]
        if np.array_equal(jumped, pointer):
            break
        pointer = jumped
    pointer = np.where(np.isinf(filled.ravel()), -1, pointer)
    minima = np.flatnonzero(pointer == np.arange(values.size))
    return pointer.reshape(shape), minima


def _flow_pointer(
    family: BeliefFamily,
    p: np.ndarray,
    grid: tuple[np.ndarray, ...],
    coords: np.ndarray,
    valid: np.ndarray,
    shape: tuple[int, ...],
) -> np.ndarray:
    """For every cell, the flat index of the cell the gradient flow from its centre reaches.

    The flow is projected gradient descent on H(p, q_θ) in the belief's parameters, in
    ``FLOW_SUBSTEPS`` Euler steps, each at most half a cell along every axis.
    """
    steps = np.array([line[1] - line[0] for line in grid])[:, None]
    params = family.params_from_coords(coords[:, valid])
    weights = p[:, None]
    for _ in range(FLOW_SUBSTEPS):
        grad = family.grad_cross_entropy(params, weights)
        # At most half a cell along each axis.  (Only families with several minima get here,
        # and there the landscape's coordinates are the parameters themselves.)
        with np.errstate(divide="ignore"):
            dt = np.min(0.5 * steps / np.abs(grad), axis=0)
        params = family.project(params - np.minimum(dt, 1e3) * grad)
    end = family.coords(params)
    cells = []
    for axis, line in enumerate(grid):
        index = np.rint((end[axis] - line[0]) / (line[1] - line[0]))
        cells.append(np.clip(np.nan_to_num(index), 0, line.size - 1).astype(np.intp))
    flat = np.ravel_multi_index(tuple(reversed(cells)), shape) if len(shape) > 1 else cells[0]
    pointer = np.arange(int(np.prod(shape)))
    pointer[valid] = flat
    return pointer


def _refined_values(
    family: BeliefFamily, p: np.ndarray, coords: np.ndarray, iterations: int = 150
) -> np.ndarray:
    """H(p, q) at the minima found near ``coords`` (c, m) by projected gradient descent."""
    params = family.params_from_coords(coords)
    weights = p[:, None]
    value = cross_entropy(p, family.probs(params).T, "nats")
    rate = np.full(params.shape[1], 0.1)
    for _ in range(iterations):
        trial = family.project(params - rate * family.grad_cross_entropy(params, weights))
        trial_value = cross_entropy(p, family.probs(trial).T, "nats")
        better = trial_value <= value
        params = np.where(better, trial, params)
        value = np.where(better, trial_value, value)
        rate = np.where(better, rate * 1.5, rate * 0.25)
    return value


def compute_landscape(
    p: np.ndarray, family: BeliefFamily, resolution: int = 200
) -> Landscape | None:
    """The cross-entropy landscape of ``family`` against world ``p``; None if not drawable."""
    axes = family.landscape_axes()
    if axes is None:
        return None
    if resolution < 3:
        raise ValueError(f"landscape resolution must be at least 3, not {resolution}")
    grid = _grid(axes, family, resolution)
    if len(grid) == 1:
        coords = grid[0][None, :]
        shape: tuple[int, ...] = (resolution,)
    else:
        xs, ys = np.meshgrid(grid[0], grid[1])
        coords = np.stack([xs.ravel(), ys.ravel()])
        shape = (resolution, resolution)
    params = family.params_from_coords(coords)
    valid = ~np.isnan(params).any(axis=0)
    values = np.full(coords.shape[1], np.nan)
    q = family.probs(params[:, valid])
    values[valid] = cross_entropy(p, q.T, "nats")
    values = values.reshape(shape)
    pointer, minima_flat = _basins(values)
    flat_pointer = pointer.ravel()
    if minima_flat.size > 1:
        # Follow the true flow instead: each cell points where the flow takes it; after
        # enough jumps every cell sits next to a minimum, whose steepest-descent basin
        # (reliable so close to it) names the basin.
        flow = _flow_pointer(family, p, grid, coords, valid, shape)
        for _ in range(2 * int(np.ceil(np.log2(values.size))) + 4):
            flow = flow[flow]
        flat_pointer = np.where(flat_pointer >= 0, flat_pointer[flow], -1)
        # A grid minimum that no cell drains into any more (a dent on the grid, not a well)
        # is dropped; each minimum is the lowest cell of its basin.
        kept = []
        for m in minima_flat:
            members = np.flatnonzero(flat_pointer == m)
            if members.size:
                lowest = members[np.argmin(values.ravel()[members])]
                kept.append((m, lowest))
        relabel = np.full(values.size, -1)
        for m, lowest in kept:
            relabel[m] = lowest
        flat_pointer = np.where(flat_pointer >= 0, relabel[np.maximum(flat_pointer, 0)], -1)
        minima_flat = np.array([lowest for _, lowest in kept], dtype=np.intp)
    order = np.argsort(values.ravel()[minima_flat], kind="stable")
    minima_flat = minima_flat[order]
    label = np.full(values.size, -1)
    label[minima_flat] = np.arange(minima_flat.size)
    basins = np.where(flat_pointer >= 0, label[np.maximum(flat_pointer, 0)], -1).reshape(shape)
    depths = values.ravel()[minima_flat]
    is_global = depths <= depths[0] + GLOBAL_TOLERANCE * max(1.0, abs(depths[0]))
    if minima_flat.size > 1:
        # Wells whose true bottoms (between grid points) are equally deep are global too.
        refined = _refined_values(family, p, coords[:, minima_flat])
        best = refined.min()
        is_global |= refined <= best + GLOBAL_TOLERANCE * max(1.0, abs(best))
    minima = tuple(
        Minimum(
            coords=tuple(float(c) for c in coords[:, i]),
            value=float(values.ravel()[i]),
            is_global=bool(is_global[rank]),
        )
        for rank, i in enumerate(minima_flat)
    )
    return Landscape(axes, grid, values, minima, basins)
