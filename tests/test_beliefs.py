from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.beliefs import FreeBelief, HunchBelief, log_softmax, make_belief, max_rows, sum_rows


def numeric_grad(family, params, weights, eps=1e-6):
    def loss(th):
        return float(-(weights[:, 0] * family.log_probs(th[:, None])[:, 0]).sum())

    grad = np.zeros_like(params)
    for i in range(params.size):
        up, down = params.copy(), params.copy()
        up[i] += eps
        down[i] -= eps
        grad[i] = (loss(up) - loss(down)) / (2 * eps)
    return grad


@settings(max_examples=60, deadline=None)
@given(
    k=st.integers(2, 12),
    seed=st.integers(0, 10_000),
    online=st.booleans(),
)
def test_free_gradient_matches_finite_differences(k, seed, online):
    rng = np.random.default_rng(seed)
    family = FreeBelief(k)
    params = rng.normal(size=k)
    if online:
        x = int(rng.integers(k))
        weights = np.zeros((k, 1))
        weights[x, 0] = 1.0
        analytic = family.grad_surprise(params[:, None], np.array([x]))[:, 0]
    else:
        weights = rng.dirichlet(np.ones(k))[:, None]
        analytic = family.grad_cross_entropy(params[:, None], weights)[:, 0]
    assert analytic == pytest.approx(numeric_grad(family, params, weights), abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    k=st.integers(3, 12),
    seed=st.integers(0, 10_000),
    online=st.booleans(),
)
def test_hunch_gradient_matches_finite_differences(k, seed, online):
    rng = np.random.default_rng(seed)
    family = HunchBelief(k)
    params = np.array([rng.uniform(1.2, k - 0.2), rng.uniform(0.1, 0.9)])
    if online:
        x = int(rng.integers(k))
        weights = np.zeros((k, 1))
        weights[x, 0] = 1.0
        analytic = family.grad_surprise(params[:, None], np.array([x]))[:, 0]
    else:
        weights = rng.dirichlet(np.ones(k))[:, None]
        analytic = family.grad_cross_entropy(params[:, None], weights)[:, 0]
    assert analytic == pytest.approx(numeric_grad(family, params, weights), abs=1e-5)


def test_beliefs_are_distributions_even_for_extreme_parameters():
    free = FreeBelief(4)
    q = free.probs(np.array([[1e4, -1e4, 0.0, 700.0]]).T)
    assert np.isfinite(q).all() and q.sum() == pytest.approx(1.0)
    assert np.isfinite(log_softmax(np.array([[800.0], [-800.0]]))).all()
    hunch = HunchBelief(6)
    params = hunch.project(np.array([[100.0, -5.0], [7.0, -3.0]]))
    assert params[0].tolist() == [6.0, 1.0] and params[1].tolist() == [0.95, 0.05]
    q = hunch.probs(params)
    assert np.allclose(q.sum(axis=0), 1.0) and (q > 0).all()


def test_hunch_belief_favours_the_face_at_mu():
    hunch = HunchBelief(6)
    q = hunch.probs(np.array([[2.0], [0.6]]))[:, 0]
    assert int(np.argmax(q)) == 1
    assert q.sum() == pytest.approx(1.0, abs=1e-12)
    assert q.min() >= 0.4 / 6 - 1e-12


def test_scalar_fast_path_is_the_same_update_as_the_vectorised_one():
    family = FreeBelief(6)
    rng = np.random.default_rng(3)
    outcomes = rng.integers(0, 6, 500)
    fast = family.online_gd_scalar(np.zeros(6), outcomes, 0.3)
    z = np.zeros((6, 1))
    for x in outcomes:
        z -= 0.3 * family.grad_surprise(z, np.array([x]))
        family.project(z)
    assert fast[-1] == pytest.approx(z[:, 0], abs=1e-10)


def test_row_reductions_equal_numpy():
    a = np.random.default_rng(0).normal(size=(7, 50))
    assert sum_rows(a) == pytest.approx(a.sum(axis=0))
    assert (max_rows(a) == a.max(axis=0)).all()
    assert (sum_rows(a[:1]) == a[0]).all()


def test_unknown_belief_is_named():
    with pytest.raises(ValueError, match="unknown belief 'round'"):
        make_belief("round", 3)
