"""Contour lines of a landscape: marching squares on a grid, all cells at once.

The segments are the ones pyqtgraph's ``isocurve(data, level, extendToEdge=True)`` draws
(same cases, same pairing of a saddle's edges, same interpolation, in the same index
coordinates: sample (i, j) at (i + 0.5, j + 0.5), lines reaching the grid's edges), computed
with array operations instead of a Python loop over every cell: about a millisecond for a
200 × 200 landscape instead of a tenth of a second per level.
"""

from __future__ import annotations

import numpy as np

# The corners at either end of each cell edge, as (di, dj) offsets.
_EDGES = (
    ((0, 1), (0, 0)),
    ((0, 0), (1, 0)),
    ((1, 0), (1, 1)),
    ((1, 1), (0, 1)),
)
# For each pair of edges a segment joins, the cell cases (bit 1: corner (0,0) below the
# level, 2: (1,0), 4: (0,1), 8: (1,1)) that draw it; saddles (6, 9) draw two.
_PAIRS = {
    (0, 1): (1, 6, 9, 14),
    (1, 2): (2, 13),
    (0, 2): (3, 12),
    (0, 3): (4, 11),
    (1, 3): (5, 10),
    (2, 3): (6, 7, 8, 9),
}


def _padded(values: np.ndarray) -> np.ndarray:
    """The grid with its edge rows and columns repeated once outward."""
    return np.pad(values, 1, mode="edge")


def contour_segments(values: np.ndarray, level: float) -> np.ndarray:
    """The level's contour as segments, shape (m, 2, 2): m × (start, end) × (x, y).

    ``values`` is (nx, ny) and must be finite; coordinates are in grid cells as above.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or min(values.shape) < 1:
        raise ValueError(f"a contour needs a 2-D grid, not shape {values.shape}")
    d = _padded(values)
    below = d < level
    case = (
        below[:-1, :-1] * 1 + below[1:, :-1] * 2 + below[:-1, 1:] * 4 + below[1:, 1:] * 8
    ).astype(np.uint8)
    hi_x, hi_y = d.shape[0] - 2, d.shape[1] - 2
    pieces = []
    for (a, b), cases in _PAIRS.items():
        i, j = np.nonzero(np.isin(case, cases))
        if i.size == 0:
            continue
        ends = []
        for edge in (a, b):
            (p1x, p1y), (p2x, p2y) = _EDGES[edge]
            v1 = d[i + p1x, j + p1y]
            v2 = d[i + p2x, j + p2y]
            f = (level - v1) / (v2 - v1)
            x = p1x * (1.0 - f) + p2x * f + i + 0.5 - 1.0
            y = p1y * (1.0 - f) + p2y * f + j + 0.5 - 1.0
            ends.append(np.stack([np.clip(x, 0, hi_x), np.clip(y, 0, hi_y)], axis=-1))
        pieces.append(np.stack(ends, axis=1))
    if not pieces:
        return np.empty((0, 2, 2))
    return np.concatenate(pieces)


def contour_lines(values: np.ndarray, levels) -> np.ndarray:
    """Every level's segments together, shape (m, 2, 2) (they are drawn with one pen)."""
    parts = [contour_segments(values, float(level)) for level in levels]
    return np.concatenate(parts) if parts else np.empty((0, 2, 2))
