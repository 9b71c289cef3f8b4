"""A run's step-by-step history in bounded memory.

Rows are kept in preallocated arrays of ``capacity`` rows (65,536 by default).  While the run is
shorter than that, every step is kept.  When the arrays fill up, every other row is dropped and
from then on only every second step is recorded; then every fourth, and so on.  So a history of
any length holds at most ``capacity`` rows, evenly spaced over the whole run, always including
the most recent kept step, and memory never grows after the first fill.
"""

from __future__ import annotations

import numpy as np

from .limits import HISTORY_ROWS

DEFAULT_CAPACITY = HISTORY_ROWS


class History:
    """Columns of per-step values; each column has a fixed width (1, K or d)."""

    def __init__(self, widths: dict[str, int], capacity: int = DEFAULT_CAPACITY):
        if capacity < 2:
            raise ValueError("history capacity must be at least 2")
        self.capacity = capacity
        self.widths = dict(widths)
        self.stride = 1
        self.length = 0
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._columns = {name: np.zeros((capacity, w)) for name, w in widths.items()}

    def clear(self) -> None:
        self.stride = 1
        self.length = 0

    def __len__(self) -> int:
        return self.length

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self.length]

    def column(self, name: str) -> np.ndarray:
        """The kept rows of one column: shape (rows,) for width 1, else (rows, width)."""
        data = self._columns[name][: self.length]
        return data[:, 0] if self.widths[name] == 1 else data

    def append(self, steps: np.ndarray, values: dict[str, np.ndarray]) -> None:
        """Add the rows of a block of consecutive steps (only those on the current stride)."""
        steps = np.asarray(steps, dtype=np.int64)
        if self.stride == 1 and self.length + len(steps) <= self.capacity:
            keep = None  # (every row kept and room for them: no selection to work out)
            rows = len(steps)
        else:
            keep = steps % self.stride == 0
            while self.length + int(keep.sum()) > self.capacity:
                self._thin()
                keep = steps % self.stride == 0
            rows = int(keep.sum())
        if rows == 0:
            return
        end = self.length + rows
        every = rows == len(steps)  # (every row kept: plain copies, no selection)
        self._steps[self.length : end] = steps if every else steps[keep]
        for name, data in values.items():
            column = self._columns[name]
            if every:
                if column.shape[1] == 1 and type(data) is np.ndarray and data.ndim == 1:
                    column[self.length : end, 0] = data
                else:
                    column[self.length : end] = np.reshape(data, (rows, column.shape[1]))
            else:
                data = np.asarray(data, dtype=float)
                column[self.length : end] = data[keep].reshape(rows, -1)
        self.length = end

    def set_last(self, values: dict[str, np.ndarray]) -> None:
        """Overwrite some columns of the last kept row (the state at that step changed)."""
        if self.length == 0:
            raise ValueError("the history has no row yet")
        for name, data in values.items():
            self._columns[name][self.length - 1] = np.asarray(data, dtype=float).reshape(-1)

    def _thin(self) -> None:
        """Keep every other step (those on twice the stride), in place."""
        self.stride *= 2
        keep = self._steps[: self.length] % self.stride == 0
        rows = int(keep.sum())
        self._steps[:rows] = self._steps[: self.length][keep]
        for data in self._columns.values():
            data[:rows] = data[: self.length][keep]
        self.length = rows
