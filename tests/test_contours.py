"""Contour lines: the vectorised marching squares draws exactly pyqtgraph's segments."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.contours import contour_lines, contour_segments


def _reference(values: np.ndarray, level: float) -> np.ndarray:
    """pyqtgraph's own marching squares (a Python loop over cells), as (m, 2, 2)."""
    import pyqtgraph as pg

    pairs = pg.isocurve(values, level, connected=False, extendToEdge=True)
    return np.asarray(pairs, dtype=float).reshape(-1, 2, 2)


def _canonical(segments: np.ndarray) -> np.ndarray:
    """Segments as a sorted array, each with its ends in a fixed order."""
    rows = [tuple(sorted(map(tuple, np.round(s, 9)))) for s in segments]
    return np.array(sorted(rows))


@pytest.mark.parametrize("level", [-0.5, 0.0, 0.3, 0.99])
def test_the_segments_of_a_bowl_and_a_saddle_are_pyqtgraphs(level):
    x, y = np.meshgrid(np.linspace(-1, 1, 23), np.linspace(-1, 1, 17), indexing="ij")
    for values in (x**2 + y**2 - 0.5, x * y, np.sin(3 * x) * np.cos(2 * y)):
        ours, theirs = contour_segments(values, level), _reference(values, level)
        assert ours.shape == theirs.shape
        if len(ours):
            np.testing.assert_allclose(_canonical(ours), _canonical(theirs), atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(0, 2**32 - 1),
    st.floats(-1.0, 1.0),
)
def test_random_grids_give_pyqtgraphs_segments(nx, ny, seed, level):
    values = np.random.default_rng(seed).normal(size=(nx, ny))
    ours, theirs = contour_segments(values, level), _reference(values, level)
    assert ours.shape == theirs.shape
    if len(ours):
        np.testing.assert_allclose(_canonical(ours), _canonical(theirs), atol=1e-9)


def test_levels_are_joined_and_a_flat_grid_has_no_contour():
    values = np.add.outer(np.arange(5.0), np.arange(4.0))
    both = contour_lines(values, [2.5, 4.5])
    assert len(both) == len(contour_segments(values, 2.5)) + len(contour_segments(values, 4.5))
    assert contour_segments(np.ones((6, 6)), 1.0).shape == (0, 2, 2)
    with pytest.raises(ValueError, match="2-D"):
        contour_segments(np.ones(4), 0.5)
