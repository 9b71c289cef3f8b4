"""One hunch agent's fused block loops (engine/beliefs.py, _hunch_blocks) against the per-step
kernels they unroll: the same operations in the same order, so the same numbers, bit for bit.

(The per-step kernels are in turn held to the array code in test_speed_equivalence.py.)
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.beliefs import HunchBelief
from engine.population import Population
from engine.settings import Settings
from engine.worlds import PRESETS, custom_world

CASES = [
    {"learner": "gd"},
    {"learner": "gd", "learning_rate": 0.7},
    {"learner": "gd", "learning_rate": 3.0, "start": (1.0, 0.95)},
    {"learner": "anneal"},
    {"learner": "anneal", "temperature": 0.0},
    {"learner": "anneal", "temperature": 2.0, "cooling": "constant", "step_size": 4.0},
    {"learner": "anneal", "cooling": "log", "cooling_rate": 3.0},
    {"learner": "anneal", "anneal_window": 7},
    {"learner": "anneal", "anneal_window": 1},
]

WORLDS = {
    "loaded-die": PRESETS["loaded-die"],
    "coin": custom_world([0.3, 0.7]),
    "twelve": custom_world([1 / 12] * 6 + [1 / 24] * 4 + [1 / 6] * 2),
}


def _per_step(monkeypatch) -> None:
    """Make HunchBelief offer no block loops: the population falls back on its step loop."""
    kernels = HunchBelief.scalar_kernels

    def without_blocks(self):
        return kernels(self)._replace(gd_block=None, anneal_block=None)

    monkeypatch.setattr(HunchBelief, "scalar_kernels", without_blocks)


@pytest.mark.parametrize("world", WORLDS, ids=str)
@pytest.mark.parametrize("changes", CASES, ids=str)
def test_the_fused_block_is_the_per_step_loop_bit_for_bit(monkeypatch, world, changes):
    settings = Settings(world=WORLDS[world], belief="hunch", seed=17, **changes)
    fused = Population(settings, 1)
    assert fused.family.scalar_kernels().anneal_block is not None
    traces = [fused.advance(n) for n in (1, 250, 3000)]
    with monkeypatch.context() as patch:
        _per_step(patch)
        plain = Population(settings, 1)
        assert plain.family.scalar_kernels().anneal_block is None
        for n, a in zip((1, 250, 3000), traces, strict=True):
            b = plain.advance(n)
            for name in ("outcomes", "surprises", "params", "temperature"):
                assert np.array_equal(getattr(a, name), getattr(b, name)), name
            if b.accepted is not None:
                assert np.array_equal(a.accepted, b.accepted)
                assert np.array_equal(a.proposals, b.proposals)
    for name in ("params", "surprise_sum", "_counts", "accepted_total", "_accepted_ring"):
        assert np.array_equal(getattr(fused, name), getattr(plain, name)), name
    assert fused.proposals_made == plain.proposals_made
    if plain._memory is not None:
        assert np.array_equal(fused._ordered_memory(), plain._ordered_memory())
