"""The learning engine of Cross-Entropy Lab: NumPy only, no Qt, usable without a display."""

from __future__ import annotations

from .beliefs import BELIEF_NAMES, FreeBelief, HunchBelief, make_belief
from .measures import (
    UNITS,
    all_measures,
    cross_entropy,
    entropy,
    from_nats,
    kl_divergence,
    perplexity,
    surprise,
    to_nats,
)
from .population import Population
from .settings import COOLINGS, LEARNERS, Settings, SettingsError
from .simulation import Simulation, Snapshot
from .validation import DistributionError, parse_distribution, validate_distribution
from .worlds import PRESETS, WORLD_NAMES, World, custom_world, get_world

__all__ = [
    "BELIEF_NAMES",
    "COOLINGS",
    "LEARNERS",
    "PRESETS",
    "UNITS",
    "WORLD_NAMES",
    "DistributionError",
    "FreeBelief",
    "HunchBelief",
    "Population",
    "Settings",
    "SettingsError",
    "Simulation",
    "Snapshot",
    "World",
    "all_measures",
    "cross_entropy",
    "custom_world",
    "entropy",
    "from_nats",
    "get_world",
    "kl_divergence",
    "make_belief",
    "parse_distribution",
    "perplexity",
    "surprise",
    "to_nats",
    "validate_distribution",
]
