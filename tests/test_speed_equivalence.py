"""The fast paths of issue 14 give the results of the code they replace.

* One agent steps in plain floats (``Population(..., scalar=True)``, the default for one
  agent); the array code (``scalar=False``) is the reference.  Stated tolerance: 1e-12 on
  every parameter, surprise and proposal, and identical accept/reject decisions.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.population import Population
from engine.settings import Settings
from engine.worlds import PRESETS, custom_world

SINGLE_TOLERANCE = 1e-12

SINGLE_CASES = [
    {"learner": "gd"},
    {"learner": "gd", "learning_rate": 0.7},
    {"learner": "gd", "gd_window": 5},
    {"learner": "anneal"},
    {"learner": "anneal", "temperature": 0.0},
    {"learner": "anneal", "temperature": 2.0, "cooling": "constant"},
    {"learner": "anneal", "cooling": "log", "cooling_rate": 3.0, "step_size": 3.0},
    {"learner": "anneal", "anneal_window": 7},
]


def _pair(settings: Settings) -> tuple[Population, Population]:
    return Population(settings, 1, scalar=True), Population(settings, 1, scalar=False)


def _assert_same_state(fast: Population, slow: Population) -> None:
    assert fast.step == slow.step
    np.testing.assert_allclose(fast.params, slow.params, rtol=0, atol=SINGLE_TOLERANCE)
    np.testing.assert_allclose(fast.surprise_sum, slow.surprise_sum, rtol=SINGLE_TOLERANCE)
    assert np.array_equal(fast._counts, slow._counts)
    assert fast.proposals_made == slow.proposals_made
    assert np.array_equal(fast.accepted_total, slow.accepted_total)
    np.testing.assert_array_equal(fast.acceptance_rate(), slow.acceptance_rate())
    if slow._memory is not None:
        assert np.array_equal(fast._ordered_memory(), slow._ordered_memory())


@pytest.mark.parametrize("belief", ["hunch", "free"])
@pytest.mark.parametrize(
    "changes", SINGLE_CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items())
)
def test_one_agent_in_plain_floats_matches_the_array_code(belief, changes):
    settings = Settings(world=PRESETS["loaded-die"], belief=belief, seed=41, **changes)
    fast, slow = _pair(settings)
    assert fast.scalar and not slow.scalar
    for n in (1, 37, 400, 1562):  # uneven blocks: the state carries over between calls
        a, b = fast.advance(n), slow.advance(n)
        assert np.array_equal(a.outcomes, b.outcomes)
        np.testing.assert_allclose(a.params, b.params, rtol=0, atol=SINGLE_TOLERANCE)
        np.testing.assert_allclose(a.surprises, b.surprises, rtol=0, atol=SINGLE_TOLERANCE)
        np.testing.assert_array_equal(a.temperature, b.temperature)
        if b.accepted is not None:
            assert np.array_equal(a.accepted, b.accepted)
            np.testing.assert_allclose(a.proposals, b.proposals, rtol=0, atol=SINGLE_TOLERANCE)
        _assert_same_state(fast, slow)
    # a setting changed mid-run (no reset) is taken up the same way
    later = settings.replace(learning_rate=0.05, temperature=0.5, gd_window=3, anneal_window=4)
    fast.configure(later)
    slow.configure(later)
    fast.advance(300)
    slow.advance(300)
    _assert_same_state(fast, slow)


@pytest.mark.parametrize("learner", ["gd", "anneal"])
def test_one_agent_in_plain_floats_on_a_twelve_outcome_world(learner):
    world = custom_world([1 / 12] * 6 + [1 / 24] * 4 + [1 / 6] * 2)
    settings = Settings(world=world, belief="hunch", learner=learner, seed=3)
    fast, slow = _pair(settings)
    fast.advance(2000)
    slow.advance(2000)
    _assert_same_state(fast, slow)
