"""A seeded monkey: thousands of random actions on the real window, checked after each one.

Clicks, slider moves, typing (good and bad values), key presses, world / belief / learner
changes, lesson navigation, races, save and open.  After every action the window must be
alive, every number shown finite and every belief a distribution.  A failure prints the seed
and the last actions: ``MONKEY_SEED=<seed> uv run pytest tests/test_monkey.py`` repeats it.
``MONKEY_ACTIONS`` sets the number of actions (default 5,000).
"""

from __future__ import annotations

import math
import os
import random
from collections import Counter
from typing import ClassVar

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from engine.settings import Settings
from gui.main_window import MainWindow

SEED = int(os.environ.get("MONKEY_SEED", "20261122"))
ACTIONS = int(os.environ.get("MONKEY_ACTIONS", "5000"))
KEYS = [
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_S, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_BracketRight, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_3, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_4, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier),
]
# Ctrl+= / Ctrl+- / Ctrl+0 restyle the whole window (about 0.5 s each): their own action with
# a small weight, so a run still scales the text dozens of times without spending most of its
# time there (as one key among the others they were about a third of the 5,000-action run).
SCALE_KEYS = [
    (Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier),
]
TEXTS = [
    "0.5 0.5", "0.2, 0.2, 0.2, 0.2", "1/6 " * 6, "nan, 1", "-1, 2", "abc", "", "1",
    "0.7 0.2 0.1", "50% 30% 20%", "1e308 1e308", "0.5, 0.500000000001", "1/0 1", "0 0 1",
]  # fmt: skip
NUMBERS = ["0", "1e-9", "0.5", "3", "10", "1e6", "-4", "nan", "abc", ""]


class Monkey:
    def __init__(self, window: MainWindow, qtbot, rng: random.Random, folder):
        self.w, self.qtbot, self.rng, self.folder = window, qtbot, rng, folder
        self.log: list[str] = []
        self.saved: list[str] = []
        # What the actions did, not only that they ran: asserted at the end of a run.
        self.counts: Counter[str] = Counter()
        self.worlds: set[str] = set()
        self.most_steps = 0
        self.most_rivals = 0
        self.opened = 0
        self.scales: set[float] = set()

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    # --- actions: each returns a short description for the log -------------------------------
    def click(self):
        c = self.w.controls
        button = self.pick([c.play, c.step, c.step, c.reset])
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return f"click {button.text()}"

    def slider(self):
        c = self.w.controls
        target = self.pick([c.lr.slider, c.temperature.slider, c.speed])
        value = self.rng.randint(target.minimum(), target.maximum())
        target.setValue(value)
        return f"slider {value}"

    def type_number(self):
        c = self.w.controls
        box = self.pick([c.lr.box, c.temperature.box, c.cooling_rate, c.seed])
        text = self.pick(NUMBERS)
        box.lineEdit().selectAll()
        self.qtbot.keyClicks(box.lineEdit(), text)
        self.qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
        return f"type {text!r} in a number box"

    def combo(self):
        c = self.w.controls
        box = self.pick([c.world, c.belief, c.learner, c.cooling])
        index = self.rng.randrange(box.count())
        box.setCurrentIndex(index)
        return f"choose {box.itemText(index)!r}"

    def custom(self):
        c = self.w.controls
        text = self.pick(TEXTS)
        self.w.choose_custom_world()
        c.custom.clear()
        self.qtbot.keyClicks(c.custom, text)
        self.qtbot.keyClick(c.custom, Qt.Key.Key_Return)
        return f"custom {text!r}"

    def units(self):
        button = self.pick([self.w.controls.bits, self.w.controls.nats])
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return f"units {button.text()}"

    def key(self):
        key, modifier = self.pick(KEYS)
        target = self.pick([self.w, self.w.landscape_view.plot, self.w.controls.lr.slider])
        self.qtbot.keyClick(target, key, modifier)
        return f"key {key.name}+{modifier.name}"

    def scale(self):
        key, modifier = self.pick(SCALE_KEYS)
        before = self.w.user_scale
        self.qtbot.keyClick(self.w, key, modifier)
        self.scales.add(self.w.user_scale)
        return f"scale {before:g} -> {self.w.user_scale:g}"

    def lesson(self):
        panel = self.w.lesson
        if not panel.isVisible():
            self.w.show_lesson(True)
            return "open the lesson"
        button = self.pick([panel.next, panel.back, panel.reveal, panel.next, panel.close_button])
        if button.isEnabled():
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return f"lesson {button.text()}"

    def race(self):
        panel = self.w.race_panel
        if panel.boxes and self.rng.random() < 0.5:
            box = self.pick(panel.boxes)
            choice = self.rng.random()
            if choice < 0.3:
                self.qtbot.mouseClick(box.remove, Qt.MouseButton.LeftButton)
                return "remove a rival"
            if choice < 0.6:
                box.learner.setCurrentIndex(self.rng.randrange(box.learner.count()))
                return "change a rival's learner"
            box.temperature.slider.setValue(self.rng.randint(0, 1000))
            return "change a rival's temperature"
        if panel.add.isEnabled():
            self.qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
        return "add a rival"

    def run_frames(self):
        self.w.set_playing(True)
        for _ in range(self.rng.randint(1, 5)):
            self.w.tick()
        return "run a few frames"

    def save(self):
        path = str(self.folder / f"s{len(self.saved) % 3}.json")
        self.w.save_session(path)
        self.saved.append(path)
        return f"save {path}"

    def open(self):
        if not self.saved or self.rng.random() < 0.2:
            bad = self.folder / "bad.json"
            bad.write_text(self.pick(["{", "[]", '{"format": 1}', "\x00"]), encoding="utf-8")
            self.w.open_session(str(bad))
            return "open a bad file"
        path = self.pick(self.saved)
        if self.w.open_session(path):
            self.opened += 1
        return f"open {path}"

    def experiments(self):
        self.w.show_experiments()
        e = self.w.experiments
        e.agents.setValue(self.rng.randint(1, 40))
        e.steps.setValue(self.rng.randint(1, 60))
        if self.rng.random() < 0.5:
            e.start_population()
        else:
            e.points.setValue(2)
            e.start_sweep()
        if self.rng.random() < 0.3:
            e.cancel_job()
        else:
            while e.job is not None:
                e._work()
        e.hide()
        return "experiment"

    WEIGHTS: ClassVar[dict[str, int]] = {
        "click": 14, "slider": 12, "type_number": 8, "combo": 8, "custom": 5, "units": 3,
        "key": 22, "scale": 2, "lesson": 8, "race": 6, "run_frames": 10, "save": 2, "open": 2,
        "experiments": 1,
    }  # fmt: skip

    # --- the invariants -------------------------------------------------------------------
    def check(self) -> None:
        w = self.w
        assert w.isVisible()
        for sim in w.race.learners:
            snap = sim.snapshot()
            q = np.asarray(snap.q)
            assert np.isfinite(q).all() and (q >= 0).all() and abs(q.sum() - 1) < 1e-9
            assert math.isfinite(snap.cross_entropy) and math.isfinite(snap.kl)
            assert snap.kl >= -1e-12
            assert sim.step_count == w.sim.step_count
        self.worlds.add(w.settings.world.name)
        self.most_steps = max(self.most_steps, w.sim.step_count)
        self.most_rivals = max(self.most_rivals, len(w.race.rivals))
        texts = [label.text() for label in w.readouts.values.values()]
        texts += [cell.text() for cells in w.race_readouts.cells for cell in cells.values()]
        for text in texts:
            assert "nan" not in text.lower() and "inf" not in text.lower(), text

    def run(self, n: int) -> None:
        names = list(self.WEIGHTS)
        weights = [self.WEIGHTS[k] for k in names]
        for i in range(n):
            name = self.rng.choices(names, weights)[0]
            try:
                self.log.append(f"{i}: {getattr(self, name)()}")
                self.counts[name] += 1
                QApplication.processEvents()
                self.check()
            except Exception as exc:
                recent = "\n".join(self.log[-12:])
                raise AssertionError(
                    f"monkey failed at action {i} with MONKEY_SEED={SEED}: {exc!r}\n"
                    f"last actions:\n{recent}"
                ) from exc
            if i % 500 == 499:
                self.w.grab()  # paint everything once in a while, as a screen would

    def assert_it_explored(self, min_steps: int = 100, min_scales: int = 2) -> None:
        """The run reached the states the checks are for: a monkey that only pressed keys
        on a paused window at step 0 would pass every check and prove nothing."""
        done = {name for name, count in self.counts.items() if count}
        assert done == set(self.WEIGHTS), f"never tried: {set(self.WEIGHTS) - done}"
        assert self.most_steps >= min_steps, self.most_steps  # it ran, not only sat at step 0
        assert len(self.worlds) >= 3, self.worlds
        assert self.most_rivals >= 1  # the race was checked with rivals in it
        assert self.opened >= 1  # a saved session was opened again
        assert len(self.scales) >= min_scales, self.scales  # the text size really changed


@pytest.mark.slow
def test_monkey_survives_thousands_of_random_actions(qtbot, tmp_path, monkeypatch):
    warnings: list[str] = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: warnings.append(str(a[2])))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    window = MainWindow(Settings(seed=SEED % 1000), speed=200.0, remember=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.setUpdatesEnabled(False)  # painting is sampled by grab(); the logic runs in full
    monkey = Monkey(window, qtbot, random.Random(SEED), tmp_path)
    try:
        monkey.run(ACTIONS)
    finally:
        window.timer.stop()
        if window.experiments is not None:
            window.experiments.cancel_job(quiet=True)
    print(f"monkey: {ACTIONS} actions survived (MONKEY_SEED={SEED}); {len(warnings)} warnings")
    print(dict(monkey.counts), monkey.most_steps, sorted(monkey.worlds), monkey.opened)
    if ACTIONS >= 1000:  # a short run asked for by MONKEY_ACTIONS need not cover everything
        monkey.assert_it_explored()
        # The bad values typed were refused with messages, not ignored.
        assert len(warnings) >= 10, warnings


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_short_monkeys_with_other_seeds(qtbot, tmp_path, monkeypatch, seed):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    window = MainWindow(Settings(seed=seed), speed=50.0, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.setUpdatesEnabled(False)
    monkey = Monkey(window, qtbot, random.Random(seed), tmp_path)
    monkey.run(300)
    window.timer.stop()
    print(dict(monkey.counts), monkey.most_steps, sorted(monkey.worlds), monkey.opened)
    # (a short run may press only Ctrl+0 among the size keys: it was tried, as `done` checks)
    monkey.assert_it_explored(min_steps=10, min_scales=1)
