from __future__ import annotations

import numpy as np
import pytest

from engine.validation import DistributionError, parse_distribution, validate_distribution
from engine.worlds import custom_world


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([0.2, 0.2, 0.2, 0.2], "sum to 0.8, not 1"),  # seed 004's own example
        ([], "no probabilities given"),
        ([0.5, -0.1, 0.6], "entry 2 is -0.1, a negative probability"),
        ([0.5, float("nan")], "entry 2 is NaN"),
        ([float("inf"), 0.5], "entry 1 is infinite"),
        (["0.5", "abc"], "entry 2 is 'abc', not a number"),
        ([0.5, None], "entry 2 is None, not a number"),
        ([True, 0.5], "entry 1 is True, not a number"),
        ([0.6, 0.6], "sum to 1.2, not 1"),
    ],
)
def test_bad_distributions_are_refused_with_the_reason(values, message):
    with pytest.raises(DistributionError, match=message.replace("(", r"\(")):
        validate_distribution(values)


def test_tiny_rounding_is_accepted_and_removed():
    p = validate_distribution([0.5, 0.5 + 1e-12])
    assert abs(p.sum() - 1.0) < 1e-15


def test_normalising_is_explicit():
    with pytest.raises(DistributionError):
        validate_distribution([1, 1, 2])
    assert np.allclose(validate_distribution([1, 1, 2], normalise=True), [0.25, 0.25, 0.5])
    with pytest.raises(DistributionError, match="cannot normalise"):
        validate_distribution([0, 0], normalise=True)


def test_typed_text_accepts_fractions_percentages_and_separators():
    assert parse_distribution("0.8, 0.2") == [0.8, 0.2]
    assert parse_distribution("80% 20%") == [0.8, 0.2]
    assert validate_distribution("1/6 1/6 1/6 1/6 1/6 1/6") == pytest.approx([1 / 6] * 6)
    assert parse_distribution("0.5;0.5") == [0.5, 0.5]
    with pytest.raises(DistributionError, match="no probabilities"):
        parse_distribution("  ,, ")
    with pytest.raises(DistributionError, match="'1/0', not a number"):
        parse_distribution("1/0, 1")


def test_custom_world_bounds_and_labels():
    with pytest.raises(DistributionError, match="at least 2"):
        custom_world([1.0])
    with pytest.raises(DistributionError, match="at most 12"):
        custom_world([1 / 13] * 13)
    with pytest.raises(DistributionError, match="'a' is used twice"):
        custom_world([0.5, 0.5], ["a", "a"])
    with pytest.raises(DistributionError, match="labels given: 3; outcomes: 2"):
        custom_world([0.5, 0.5], ["a", "b", "c"])
    world = custom_world("0.25 0.75", ["heads", "tails"])
    assert world.labels == ("heads", "tails") and world.p == (0.25, 0.75)
