"""The race: the lead simulation and its rivals on one outcome stream.

Apart from :mod:`engine.experiments` (populations and sweeps, which re-exports these names)
because the window needs the race at start-up and none of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from .limits import MAX_LEARNERS
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
        for sim in self.learners:
            sim.step(n)  # no snapshot: the frame makes one when it is drawn

    def reset(self) -> None:
        for sim in self.learners:
            sim.reset()
