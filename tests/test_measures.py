from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.measures import (
    LN2,
    all_measures,
    cross_entropy,
    entropy,
    infinite_reason,
    kl_divergence,
    perplexity,
    point_measures,
    surprise,
)


def test_rain_eighty_percent_against_a_fifty_percent_belief():
    # The story: rain 80 %, belief 50 %: exactly one bit a day instead of 0.7219.
    assert cross_entropy([0.8, 0.2], [0.5, 0.5]) == pytest.approx(1.0, abs=1e-12)
    assert entropy([0.8, 0.2]) == pytest.approx(0.7219280948873623, abs=1e-12)
    assert kl_divergence([0.8, 0.2], [0.5, 0.5]) == pytest.approx(0.2780719051126377, abs=1e-12)
    assert round(float(entropy([0.8, 0.2])), 4) == 0.7219
    assert round(float(kl_divergence([0.8, 0.2], [0.5, 0.5])), 4) == 0.2781


def test_fair_die_and_five_outcome_uniform():
    assert entropy(np.full(6, 1 / 6)) == pytest.approx(math.log2(6), abs=1e-12)
    assert round(float(entropy(np.full(6, 1 / 6))), 3) == 2.585
    assert round(float(entropy(np.full(5, 0.2))), 4) == 2.3219


def test_weird_die_entropy():
    # Faces 1, 2, 3, 4, 4, 4: 3·(1/6)·log2 6 + (1/2)·log2 2
    expected = 3 * (1 / 6) * math.log2(6) + 0.5
    assert entropy([1 / 6, 1 / 6, 1 / 6, 1 / 2]) == pytest.approx(expected, abs=1e-12)


def test_surprise_of_a_rare_outcome_is_larger():
    q = [0.8, 0.2]
    assert surprise(q, 0) == pytest.approx(-math.log2(0.8))
    assert surprise(q, 1) > surprise(q, 0)
    assert surprise([0.5, 0.5], 0) == pytest.approx(1.0)


def test_nats_are_bits_times_ln2():
    p, q = [0.7, 0.2, 0.1], [0.3, 0.3, 0.4]
    assert cross_entropy(p, q, "nats") == pytest.approx(cross_entropy(p, q) * LN2, rel=1e-14)
    assert kl_divergence(p, q, "nats") == pytest.approx(kl_divergence(p, q) * LN2, rel=1e-14)


def test_zero_log_zero_is_zero():
    assert entropy([1.0, 0.0]) == 0.0
    assert cross_entropy([1.0, 0.0], [0.5, 0.5]) == pytest.approx(1.0)
    assert kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0


def test_belief_ruling_out_a_possible_outcome_is_infinitely_surprised():
    assert math.isinf(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    assert math.isinf(kl_divergence([0.5, 0.5], [1.0, 0.0]))
    reason = infinite_reason([0.5, 0.5], [1.0, 0.0], labels=("rain", "no rain"))
    assert reason is not None and "no rain" in reason
    assert infinite_reason([0.5, 0.5], [0.5, 0.5]) is None
    # The other way round is finite: D(q‖p) with q = (1, 0), p = (0.5, 0.5) is 1 bit.
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(1.0)


def test_kl_is_asymmetric():
    p, q = [0.8, 0.2], [0.5, 0.5]
    assert kl_divergence(p, q) != pytest.approx(kl_divergence(q, p))
    values = all_measures(p, q)
    assert values["kl_qp"] == pytest.approx(0.5 * math.log2(0.5 / 0.8) + 0.5 * math.log2(0.5 / 0.2))


def test_cross_entropy_is_not_a_divergence():
    # Seed 004: two identical distributions, yet H(p, p) = H(p) ≠ 0; D(p‖p) = 0.
    p = np.full(5, 0.2)
    assert cross_entropy(p, p) == pytest.approx(math.log2(5))
    assert kl_divergence(p, p) == 0.0


def test_perplexity_is_the_effective_number_of_outcomes():
    assert perplexity(math.log(6)) == pytest.approx(6.0)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="p has 2 outcomes but q has 3"):
        cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5])


def distributions(size: int):
    return (
        st.lists(
            st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=size, max_size=size
        )
        .filter(lambda xs: sum(xs) > 1e-3)
        .map(lambda xs: np.asarray(xs) / np.sum(xs))
    )


pairs = st.integers(min_value=2, max_value=12).flatmap(
    lambda k: st.tuples(distributions(k), distributions(k))
)


@settings(max_examples=300, deadline=None)
@given(pairs)
def test_identity_cross_entropy_is_entropy_plus_kl(pair):
    p, q = pair
    h, ce, kl = entropy(p, "nats"), cross_entropy(p, q, "nats"), kl_divergence(p, q, "nats")
    if math.isinf(ce):
        assert math.isinf(kl)
        assert np.any((p > 0) & (q == 0))
    else:
        assert ce == pytest.approx(h + kl, rel=1e-9, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(pairs)
def test_kl_is_never_negative_and_zero_only_for_equal(pair):
    p, q = pair
    kl = kl_divergence(p, q, "nats")
    assert kl >= 0.0
    assert kl_divergence(p, p, "nats") == 0.0
    assert cross_entropy(p, q, "nats") >= entropy(p, "nats") - 1e-12


def test_kl_direct_beats_difference_when_beliefs_are_close():
    # H(p,q) - H(p) loses everything to cancellation here; the direct sum does not.
    p = np.array([0.5, 0.5])
    q = np.array([0.5 + 1e-9, 0.5 - 1e-9])
    exact = 2e-18 / math.log(2)  # Σ p log(p/q) ≈ Σ (q-p)²/(2p) in nats → bits
    assert kl_divergence(p, q) == pytest.approx(exact, rel=1e-3)


@settings(max_examples=400, deadline=None)
@given(pairs)
def test_point_measures_agree_with_the_array_functions(pair):
    """The plain-float measures a frame uses give the array functions' numbers (to rounding),
    infinities and zeros included."""
    p, q = pair
    near = np.abs(q - p).max() < 0.3  # also pairs close enough for the series branch
    for a, b in ((p, q), (p, (p + q * 1e-3) / (1 + 1e-3))) if near else ((p, q),):
        got = point_measures(a, b)
        want = (
            float(cross_entropy(a, b, "nats")),
            float(kl_divergence(a, b, "nats")),
            float(kl_divergence(b, a, "nats")),
        )
        for g, w in zip(got, want, strict=True):
            if math.isinf(w):
                assert math.isinf(g) and g > 0
            else:
                assert g == pytest.approx(w, rel=1e-12, abs=1e-15)
