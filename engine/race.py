"""The race: the lead simulation and its rivals on one outcome stream.

Apart from :mod:`engine.experiments` (populations and sweeps, which re-exports these names)
because the window needs the race at start-up and none of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .limits import MAX_LEARNERS
from .measures import cross_entropy, kl_divergence
from .settings import Settings
from .simulation import Simulation
from .validation import MessageError

SHARED_FIELDS = ("world", "belief", "seed", "start", "units")  # the same for every learner


class ExperimentError(MessageError):
    """A race or population that cannot be set up; the message says why."""


def _refuse_shared(changes: dict) -> None:
    shared = set(changes) & set(SHARED_FIELDS)
    if shared:
        raise ExperimentError(
            "every learner in a race shares the {name}; set it for the lead",
            name=sorted(shared)[0],
        )


class Race:
    """The lead simulation and its rivals, advanced in lock step on one outcome stream."""

    def __init__(self, lead: Simulation, rivals: Sequence[Simulation] = ()):
        self.lead = lead
        self.rivals: list[Simulation] = []
        for rival in rivals:
            self._check(rival.settings)
            if rival.step_count != lead.step_count:
                raise ExperimentError(
                    "a rival is at step {rival}, the lead at step {lead}",
                    rival=rival.step_count,
                    lead=lead.step_count,
                )
            self.rivals.append(rival)

    @property
    def learners(self) -> list[Simulation]:
        return [self.lead, *self.rivals]

    def _check(self, settings: Settings) -> None:
        for name in SHARED_FIELDS:
            if getattr(settings, name) != getattr(self.lead.settings, name):
                raise ExperimentError(
                    "every learner in a race shares the {name}; a rival's differs", name=name
                )

    def add(self, **changes) -> Simulation:
        """A new rival: the lead's settings with ``changes`` (its learner, learning rate...).

        It starts from step 0 and catches up at once on the same outcomes the lead has seen.
        """
        if len(self.rivals) + 1 >= MAX_LEARNERS:
            raise ExperimentError("a race has at most {n} learners", n=MAX_LEARNERS)
        _refuse_shared(changes)
        rival = Simulation(self.lead.settings.replace(**changes), self.lead.history.capacity)
        rival.advance(self.lead.step_count)
        self.rivals.append(rival)
        return rival

    def remove(self, index: int) -> None:
        """Drop rival ``index`` (0 is the first rival; the lead cannot be removed)."""
        del self.rivals[index]

    def clear(self) -> None:
        self.rivals.clear()

    def sync(self) -> None:
        """After the lead's world, belief, seed, start or units changed: rivals follow.

        A change of world, belief, seed or start starts every rival again, as it did the lead.
        """
        lead = self.lead.settings
        for rival in self.rivals:
            changes = {
                name: getattr(lead, name)
                for name in SHARED_FIELDS
                if getattr(rival.settings, name) != getattr(lead, name)
            }
            if changes:
                rival.update(**changes)
            if rival.step_count != self.lead.step_count:
                rival.reset()
                rival.advance(self.lead.step_count)

    def update_rival(self, index: int, **changes) -> bool:
        """Change one rival's own settings (in place, or from step 0 for a new learner).

        A rival that starts again catches up with the lead on the same outcomes.
        """
        _refuse_shared(changes)
        rival = self.rivals[index]
        started_again = rival.update(**changes)
        if started_again:
            rival.advance(self.lead.step_count)
        return started_again

    def advance(self, n: int) -> None:
        """``n`` more outcomes for every learner (no snapshot: a frame makes one when drawn).

        A few outcomes at a time (a frame at full speed), the learners' beliefs q, H(p,q)
        and KL are worked out together, in one call each rather than one per learner: the
        same numbers row by row (tested), at a fraction of the calls.
        """
        learners = self.learners
        lead = self.lead.settings
        if (
            len(learners) == 1
            or n < 1
            or any(n > sim.block for sim in learners)
            or any(
                (s.belief, s.world.size) != (lead.belief, lead.world.size)
                for s in (sim.settings for sim in learners)
            )
        ):  # (a race's learners share these; were it otherwise, each on its own)
            for sim in learners:
                sim.step(n)
            return
        blocks = [sim._block_begin(n) for sim in learners]
        family = self.lead.population.family  # (a race's learners share the belief)
        params = np.concatenate([b[2].params[:, :, 0] for b in blocks])
        q = family.probs(params.T).T
        p = np.concatenate([np.broadcast_to(b[3], (n, q.shape[1])) for b in blocks])
        ce, kl = cross_entropy(p, q, "nats"), kl_divergence(p, q, "nats")
        for i, (sim, block) in enumerate(zip(learners, blocks, strict=True)):
            rows = slice(i * n, (i + 1) * n)
            sim._block_end((*block, q[rows]), ce[rows], kl[rows])

    def reset(self) -> None:
        for sim in self.learners:
            sim.reset()
