"""Sessions: save → open reproduces the run bit for bit; bad files are refused clearly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from engine.session import Session, SessionError, load_session, save_session
from engine.settings import Settings
from engine.simulation import Simulation
from engine.worlds import PRESETS, custom_world


def run_with_changes() -> Simulation:
    sim = Simulation(
        Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal", seed=11)
    )
    sim.advance(300)
    sim.update(temperature=0.5)
    sim.update(cooling="log")  # two changes at one step: one entry
    sim.advance(250)
    sim.update(units="nats", step_size=0.5)
    sim.advance(77)
    return sim


def same_history(a: Simulation, b: Simulation) -> None:
    assert a.step_count == b.step_count
    assert a.settings == b.settings
    for name in ("outcome", "surprise", "mean_surprise", "cross_entropy", "kl", "params", "q"):
        assert np.array_equal(a.history.column(name), b.history.column(name)), name
    assert np.array_equal(a.history.steps, b.history.steps)
    assert a.snapshot().q.tobytes() == b.snapshot().q.tobytes()


def test_save_then_open_replays_the_same_history_bit_for_bit(tmp_path):
    sim = run_with_changes()
    assert [step for step, _ in sim.journal] == [300, 550]
    path = tmp_path / "run.json"
    save_session(Session.of(sim, speed=float("inf")), path)
    session = load_session(path)
    assert session.speed == float("inf")
    same_history(sim, session.replay())


def test_custom_world_and_gd_round_trip(tmp_path):
    world = custom_world("0.7, 0.2, 0.1", ["sun", "rain", "snow"])
    sim = Simulation(Settings(world=world, learning_rate=0.3, seed=3, start=(0.0, -1.0, -2.0)))
    sim.advance(100)
    sim.update(learning_rate=0.05)
    sim.advance(40)
    save_session(Session.of(sim), tmp_path / "c.json")
    same_history(sim, load_session(tmp_path / "c.json").replay())


def test_reset_starts_the_journal_again():
    sim = run_with_changes()
    sim.reset()
    assert sim.journal == [] and sim.start_settings == sim.settings


def test_an_interrupted_save_leaves_the_earlier_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "run.json"
    save_session(Session.of(run_with_changes()), path)
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SessionError, match="No space left on device"):
        save_session(Session.of(Simulation()), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]  # no temporary file left


def test_an_interrupted_write_leaves_the_earlier_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "run.json"
    save_session(Session.of(run_with_changes()), path)
    before = path.read_bytes()
    real_fsync = os.fsync

    def crash(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(SessionError, match="Input/output error"):
        save_session(Session.of(Simulation()), path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_bytes() == before
    load_session(path)


def good() -> dict:
    return Session.of(run_with_changes()).to_dict()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d.update(version=3),
            "format version 3; this version of the app reads versions 1 and 2",
        ),
        (lambda d: d.pop("version"), '"version" is missing'),
        (lambda d: d.update(format="other"), "not a Cross-Entropy Lab session"),
        (lambda d: d.pop("steps"), '"steps" is missing'),
        (lambda d: d.update(extra=1), 'unknown field "extra"'),
        (lambda d: d.update(steps=-1), '"steps" must be a whole number'),
        (lambda d: d.update(steps="10"), '"steps" must be a whole number'),
        (lambda d: d["settings"].pop("seed"), 'setting "seed" is missing'),
        (lambda d: d["settings"].update(colour=1), 'unknown setting "colour"'),
        (lambda d: d["settings"].update(world="moon"), "unknown world 'moon'"),
        (lambda d: d["settings"].update(learning_rate=-3), "learning rate is -3"),
        (lambda d: d["settings"].update(seed=1.5), "seed must be a whole number"),
        (lambda d: d.update(changes={}), '"changes" must be a list'),
        (lambda d: d.update(changes=[[10]]), "change 1 must be [step, {setting: value}]"),
        (lambda d: d.update(changes=[[99999, {"temperature": 1}]]), "change 1 is at step 99999"),
        (lambda d: d.update(changes=[[5, {"seed": 1}]]), "'seed' cannot change during a run"),
        (lambda d: d.update(changes=[[5, {"temperature": -1}]]), "change 1: temperature is -1"),
        (lambda d: d.update(speed=0), '"speed" must be from 0.1'),
    ],
)
def test_bad_sessions_are_refused_with_the_reason(tmp_path, edit, message):
    data = good()
    edit(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_unusable_files_are_refused_with_the_reason(tmp_path, monkeypatch):
    text = json.dumps(good())
    truncated = tmp_path / "t.json"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(SessionError, match=r"is not valid JSON .* is it truncated"):
        load_session(truncated)
    with pytest.raises(SessionError, match="is a folder"):
        load_session(tmp_path)
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "missing.json")
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(SessionError, match="is not UTF-8 text"):
        load_session(binary)
    with pytest.raises(SessionError, match="is a folder; choose a file name"):
        save_session(Session.of(Simulation()), tmp_path)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(SessionError, match=r"cannot be read \(Permission denied\)"):
        load_session(truncated)
