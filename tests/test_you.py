"""You against the agent: a learner whose belief is set by hand and never learns on its own.

It pays the surprise of the very outcomes the other learners of the race see (the population's
outcome stream does not depend on the learner), and the race strip shows the class's average
surprise beside the agents'.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import registry
from engine.experiments import Race
from engine.settings import Settings
from engine.simulation import Simulation

GUESS = (math.log(0.6 / 0.4), 0.0)  # the class guesses rain 60 %


def test_you_is_a_registered_learner_that_never_moves_its_belief():
    assert "you" in registry.learner_names()
    assert registry.LEARNERS["you"].main is None  # nothing to tune: the belief is set by hand
    sim = Simulation(Settings(learner="you", start=GUESS, seed=4))
    sim.advance(500)
    assert sim.snapshot().q == pytest.approx([0.6, 0.4], abs=1e-12)
    assert np.all(sim.history.column("q") == sim.snapshot().q)


@pytest.mark.parametrize("you_lead", [True, False])
def test_your_surprises_are_minus_log_q_on_the_outcomes_gradient_descent_saw(you_lead):
    you = {"learner": "you"}
    gd = {"learner": "gd", "learning_rate": 0.05}
    lead, rival = (you, gd) if you_lead else (gd, you)
    race = Race(Simulation(Settings(start=GUESS, seed=9, **lead)))
    race.add(**rival)
    race.advance(700)
    race.advance(300)
    sims = {sim.settings.learner: sim for sim in race.learners}
    seen = sims["gd"].history.column("outcome").astype(int)
    assert np.array_equal(sims["you"].history.column("outcome").astype(int), seen)
    q_you = np.array([0.6, 0.4])
    assert np.allclose(sims["you"].history.column("surprise"), -np.log(q_you[seen]), atol=1e-12)
    snap = sims["you"].snapshot()
    assert snap.mean_surprise == pytest.approx(float(np.mean(-np.log(q_you[seen]))), abs=1e-12)
    # The same outcomes as any learner alone with that seed draws.
    alone = Simulation(Settings(learner="anneal", seed=9, start=GUESS))
    alone.advance(1000)
    assert np.array_equal(alone.history.column("outcome").astype(int), seen)


def test_you_on_the_command_line(cli):
    ran = cli("run", "--learner", "you", "--steps", "50", "--json")
    assert ran.returncode == 0, ran.stderr
    assert '"learner": "you"' in ran.stdout


def test_the_race_strip_names_the_class_and_compares_its_average_surprise(qtbot):
    from engine.frame import RaceFrame
    from engine.measures import from_nats
    from gui.panels import fmt
    from gui.race import RaceReadouts

    race = Race(Simulation(Settings(learner="you", start=GUESS, seed=2)))
    race.add(learner="gd", learning_rate=0.05)
    readouts = RaceReadouts()
    qtbot.addWidget(readouts)
    readouts.show()
    readouts.update_view(RaceFrame.of(race.learners).learners, "bits")
    assert readouts.verdict.isHidden()  # step 0: nothing paid yet
    race.advance(400)
    frame = RaceFrame.of(race.learners)
    readouts.update_view(frame.learners, "bits")
    assert readouts.heads[0].text() == "A: You (the class)"
    you, gd = frame.learners
    text = readouts.verdict.text()
    assert readouts.verdict.isVisible()
    for value in (you.snapshot.mean_surprise, gd.snapshot.mean_surprise, you.snapshot.entropy):
        assert fmt(float(from_nats(value, "bits"))) in text
    assert text.startswith("Average surprise: You (the class)")
    # without "You" no verdict
    plain = Race(Simulation(Settings(seed=2)))
    plain.add(learner="anneal")
    plain.advance(10)
    readouts.update_view(RaceFrame.of(plain.learners).learners, "bits")
    assert readouts.verdict.isHidden()
