"""The run loop: the race of learners, the timer that drives it, and one frame per tick.

``Runner`` owns the lead ``Simulation`` and its rivals (an ``engine.experiments.Race``) and
the ``QTimer``.  Each tick it works out how many outcomes are due at the chosen speed,
advances every learner by that many, and emits ``frameReady`` with the engine's frozen
``RaceFrame``: the window connects its views to that signal, and they draw only frames.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from engine.frame import RaceFrame
from engine.landscape import Landscape, compute_landscape
from engine.race import Race
from engine.simulation import Simulation

FRAME_MS = 16  # about 60 frames a second
MAX_SPEED_BUDGET_S = 0.0015  # at maximum speed, engine time per frame; drawing takes ~6-8 ms more
LANDSCAPE_EVERY = 200  # while the world drifts, its landscape is worked out again this often
MAX_BATCH = 20_000  # at maximum speed, never more outcomes than this in one frame
FIRST_BATCH = 200  # ... and this many in the first frame, until the budget adapts it
COST_SAMPLES = 16  # frames whose engine time the fit of fixed and per-outcome cost uses
PROBE_EVERY = 8  # stuck at about one outcome a frame, every this many frames take two


class Runner(QObject):
    """Steps the race at the chosen speed (outcomes a second; ``inf``: as fast as it can).

    Everything that changes the learners goes through here, and each change that should be
    seen is followed by :meth:`publish`, which emits the new frame.
    """

    frameReady = Signal(object)  # an engine.frame.RaceFrame
    # The lead's world changed its p during the run (emitted before that frame): the views
    # that show p itself (its bars, the landscape) show the new one.
    worldChanged = Signal()

    def __init__(self, sim: Simulation, speed: float = 5.0, parent: QObject | None = None):
        super().__init__(parent)
        self.race = Race(sim)  # the lead is sim; rivals learn from its outcomes
        self.speed = speed
        self.ticks = 0
        self._batch = float(FIRST_BATCH)  # outcomes a frame at maximum speed (a mean)
        self._carry = 0.0
        self._costs: deque[tuple[float, float]] = deque(maxlen=COST_SAMPLES)
        self._pace = 0.0
        self._due = 0.0
        self._held = False
        self._landscape_key: tuple | None = None
        self._landscape: Landscape | None = None
        self._published_p: tuple[float, ...] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)
        self._clock = QElapsedTimer()

    # --- what runs -------------------------------------------------------------------------
    @property
    def sim(self) -> Simulation:
        """The lead learner (the one the control panel sets)."""
        return self.race.lead

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def load(
        self, sim: Simulation, rivals: Sequence[Simulation] = (), speed: float | None = None
    ) -> None:
        """Run ``sim`` (and ``rivals``, at its step) from where they are.

        Raises ExperimentError if a rival does not fit the lead; then nothing changes.
        """
        self.race = Race(sim, rivals)
        self._pace = 0.0
        self._costs.clear()  # (other learners, other costs)
        if speed is not None:
            self.speed = speed
        self._due = 0.0

    def landscape(self) -> Landscape | None:
        """The lead's landscape: computed once per world and belief (not on units or Reset),
        and again when the world changes its p during the run (see :meth:`shown_p`)."""
        s = self.sim.settings
        p = self.shown_p()
        key = (s.world.fixed, s.belief, p)
        if key != self._landscape_key:
            self._landscape_key = key
            probabilities = s.world.probabilities if p is None else np.array(p)
            self._landscape = compute_landscape(probabilities, self.sim.family)
        return self._landscape

    def shown_p(self) -> tuple[float, ...] | None:
        """The p the views of p show now, for a world that changes (None: a fixed world).

        At a jump it is the new p at once; while p drifts it is p at the last multiple of
        LANDSCAPE_EVERY steps into the drift (so the landscape is not worked out every
        frame), and the new p at the drift's end.
        """
        world = self.sim.settings.world
        if not world.changes:
            return None
        step = self.sim.step_count
        for change in world.changes:
            if change.step <= step < change.end:
                step = change.step + (step - change.step) // LANDSCAPE_EVERY * LANDSCAPE_EVERY
                break
        return tuple(float(x) for x in world.p_at(step))

    # --- frames ---------------------------------------------------------------------------
    def frame(self) -> RaceFrame:
        """Every learner as it is now, frozen (the engine makes it at most once per step)."""
        return RaceFrame.of(self.race.learners)

    def publish(self) -> RaceFrame:
        """Emit the current frame to the views, and return it."""
        p = self.shown_p()
        if p != self._published_p:
            self._published_p = p
            self.worldChanged.emit()
        frame = self.frame()
        self.frameReady.emit(frame)
        return frame

    # --- the clock ----------------------------------------------------------------------------
    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self._due = 0.0

    def set_playing(self, on: bool) -> None:
        if on and not self.playing:
            self._due = 0.0
            self._clock.start()
            self.timer.start()
        elif not on and self.playing:
            self.timer.stop()
            self._pace = 0.0

    @property
    def max_batch(self) -> int:
        """About how many outcomes a frame takes at maximum speed (fitted to the budget)."""
        return max(1, round(self._batch))

    def pace(self) -> float:
        """Outcomes a second the run goes at, as of the last tick that stepped it (about,
        at maximum speed); 0 after a single step, a reset, a pause or while held."""
        return self._pace

    def steps_for_frame(self) -> int:
        """How many outcomes are due this frame at the chosen speed."""
        elapsed = self._clock.restart() / 1000.0 if self._clock.isValid() else FRAME_MS / 1000
        if math.isinf(self.speed):
            # A fractional batch is kept as a mean over frames: with a fixed cost per frame
            # (a race of several learners) the fit can still grow from one outcome a frame.
            self._carry += self._batch
            n = max(1, int(self._carry))
            self._carry = max(0.0, self._carry - n)
            if self._batch < 2 and self.ticks % PROBE_EVERY == 0:
                n = 2  # (now and then two: the cost of an outcome beyond the first, see tick)
            return n
        self._due += self.speed * min(elapsed, 0.25)
        n = int(self._due)
        self._due -= n
        return n

    def tick(self) -> None:
        """One timer tick: the outcomes due, then a frame (none if nothing is due)."""
        self.ticks += 1
        if self._held:  # a hand holds the agent: nobody learns until it lets go
            self._clock.restart()
            return
        n = self.steps_for_frame()
        if n == 0:
            return  # nothing new to show (e.g. one outcome a second): no redraw
        self._pace = n * 1000.0 / FRAME_MS if math.isinf(self.speed) else self.speed
        start = time.perf_counter()
        self.race.advance(n)
        if math.isinf(self.speed):  # adapt the batch to the frame budget
            spent = max(time.perf_counter() - start, 1e-6)
            self._batch = self._fit_batch(n, spent)
        self.publish()

    def _fit_batch(self, n: int, spent: float) -> float:
        """The next mean batch at maximum speed, after ``n`` outcomes took ``spent`` seconds.

        Mostly in proportion: the batch that would have spent the budget.  But a frame's
        engine time is a fixed cost plus a cost per outcome, and when the fixed cost alone
        is near the budget (a race of four learners: about 2 ms for one outcome, 2.3 ms for
        twenty) that would keep it at one outcome a frame.  So the two costs are fitted to
        the last frames, and the outcomes beyond the first then get what the budget leaves,
        or a tenth of the fixed cost if that is more.
        """
        self._costs.append((float(n), spent))
        fitted = n * MAX_SPEED_BUDGET_S / spent
        if spent > 0.5 * MAX_SPEED_BUDGET_S and len(self._costs) >= 8:
            split = _line_fit(self._costs)  # (per outcome, fixed)
            if split is not None and split[0] > 0 and split[1] > 0.5 * MAX_SPEED_BUDGET_S:
                per, fixed = split
                room = max(MAX_SPEED_BUDGET_S - fixed, 0.1 * fixed)
                fitted = max(fitted, min(room / per, 2.0 * n))  # (at most double a frame)
        # half-way to the fit each frame: one slow frame (the machine busy) does not halve
        # the next one's outcomes, and the batch settles where the budget is spent
        return min(float(MAX_BATCH), max(1.0, 0.5 * (self._batch + fitted)))

    def step_once(self) -> None:
        """One outcome for every learner, shown."""
        self._pace = 0.0
        self.race.advance(1)
        self.publish()

    def reset(self) -> None:
        """Every learner back to step 0 (same seed, same outcomes); not yet shown."""
        self._pace = 0.0
        self.race.reset()

    # --- hands on the model (gui/hands.py) ----------------------------------------------------
    @property
    def held(self) -> bool:
        """Whether a hand holds the agent (the mouse is down on a view): no learning meanwhile."""
        return self._held

    def hold(self, on: bool) -> None:
        """While held, the timer runs but the race does not step (its rivals wait in lock step:
        they learn from the same outcomes); on release it goes on from where it was."""
        self._held = on
        self._due = 0.0
        self._pace = 0.0

    def set_belief(self, params) -> RaceFrame:
        """The lead's belief set by hand (recorded, see Simulation.set_belief), then shown.

        Raises engine.simulation.BeliefError if the family cannot take ``params``.
        """
        self.sim.set_belief(params)
        return self.publish()

    def params_at(self, coords) -> np.ndarray:
        """The lead's parameters for landscape (or free-belief) coordinates, shape (c,)."""
        coords = np.asarray(coords, dtype=float).reshape(-1, 1)
        return self.sim.family.params_from_coords(coords)[:, 0]

    # --- the race -------------------------------------------------------------------------------
    def add_rival(self, **changes) -> Simulation:
        """A new learner on the lead's outcomes; ExperimentError or SettingsError if it cannot."""
        return self.race.add(**changes)

    def remove_rival(self, index: int) -> bool:
        """Take rival ``index`` (0 is the first rival) out of the race, if there is one."""
        if 0 <= index < len(self.race.rivals):
            self.race.remove(index)
            return True
        return False

    def change_rival(self, index: int, name: str, value: object) -> bool:
        """Change one rival's own setting; True if it started again (and caught up)."""
        return self.race.update_rival(index, **{name: value})

    def clear_rivals(self) -> None:
        self.race.clear()


def _line_fit(points) -> tuple[float, float] | None:
    """Least squares t = a·n + b through the (n, t) points, as (a, b); None if every n is the
    same.  (Plain floats: it runs every frame at full speed, on a few points.)"""
    count = len(points)
    mean_n = sum(n for n, _ in points) / count
    mean_t = sum(t for _, t in points) / count
    spread = sum((n - mean_n) ** 2 for n, _ in points)
    if spread == 0:
        return None
    slope = sum((n - mean_n) * (t - mean_t) for n, t in points) / spread
    return slope, mean_t - slope * mean_n
