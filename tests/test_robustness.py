"""Robustness: bad input on every surface, extreme settings, an unexpected exception.

Every bad input gets a message naming the problem, on every surface that takes it: the
engine, the command line, the window's custom field, session files and lesson files; and
whatever was running or saved is kept.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.lesson import LessonError, load_scene
from engine.measures import cross_entropy, kl_divergence
from engine.population import Population
from engine.session import Session, SessionError, load_session
from engine.settings import (
    COOLINGS,
    GEOMETRIC_RATE_RANGE,
    LOG_RATE_RANGE,
    LR_RANGE,
    TEMPERATURE_RANGE,
    Settings,
)
from engine.simulation import Simulation
from engine.validation import DistributionError
from engine.worlds import PRESETS, custom_world

ROOT = Path(__file__).resolve().parent.parent

# (typed text, what the message must say).  The list is the issue's, plus a few more.
BAD_DISTRIBUTIONS = [
    ("-0.5, 1.5", "negative probability"),
    ("nan, 0.5", "NaN"),
    ("inf, 0", "infinite"),
    ("-inf, 1", "infinite"),
    ("rain, sun", "'rain', not a number"),
    ("", "no probabilities given"),
    ("   ", "no probabilities given"),
    ("1", "1 outcome given; at least 2"),
    (", ".join(["1/13"] * 13), "13 outcomes given; at most 12"),
    ("0.2, 0.2, 0.2, 0.2", "sum to 0.8, not 1"),  # the source material's own example
    ("0.5, 0.5000001", "sum to 1.0000001, not 1"),
    ("1e308, 1e308", "more than 1"),
    ("1e-300, 1e-300", "sum to 2e-300, not 1"),
    ("1e400, 0", "infinite"),
    ("1/0, 1", "not a number"),
    ("0.5, 0.5, x", "'x', not a number"),
]
GOOD_DISTRIBUTIONS = [
    ("0.5, 0.500000000001", (0.5, 0.5)),  # off by 1e-12: rounding, accepted and renormalised
    ("0.3, 0.7000000000001", (0.3, 0.7)),
    ("1e-320, 1", (0.0, 1.0)),
    ("50% 50%", (0.5, 0.5)),
    ("1/6 " * 6, (1 / 6,) * 6),
]


@pytest.mark.parametrize("text, message", BAD_DISTRIBUTIONS)
def test_bad_distributions_are_refused_by_the_engine(text, message):
    with pytest.raises(DistributionError, match=None) as info:
        custom_world(text)
    assert message in str(info.value)


@pytest.mark.parametrize("text, expected", GOOD_DISTRIBUTIONS)
def test_distributions_off_only_by_rounding_are_accepted(text, expected):
    world = custom_world(text)
    assert world.p == pytest.approx(expected, abs=1e-11)
    assert math.fsum(world.p) == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize(
    "labels, message",
    [
        (["a", "a"], "the label 'a' is used twice"),
        (["a"], "labels given: 1; outcomes: 2"),
        (["", "b"], "an outcome label is empty"),
        (["x" * 200, "b"], "too long"),
        (["a\tb", "c"], "control characters"),
    ],
)
def test_bad_labels_are_refused(labels, message):
    with pytest.raises(DistributionError) as info:
        custom_world("0.5, 0.5", labels)
    assert message in str(info.value)


@pytest.mark.parametrize("text, message", BAD_DISTRIBUTIONS)
def test_bad_distributions_on_the_command_line(cli, text, message):
    out = cli("run", "--world", "custom", "--p", text, "--steps", "5")
    err = out.stderr
    assert out.returncode == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert message in err or (not text.strip() and "needs --p" in err)


@pytest.mark.parametrize(
    "option",
    ["--lr", "--temperature", "--cooling-rate", "--steps", "--agents", "--seed", "--window"],
)
@pytest.mark.parametrize("value", ["-1", "nan", "inf", "-inf", "abc", "", "1e400", "1e-400x"])
def test_every_numeric_option_refuses_bad_values(cli, option, value):
    args = ["run", "--learner", "anneal", "--cooling", "geometric", "--steps", "3", option, value]
    out = cli(*args)
    err = out.stderr
    assert out.returncode == 2, (option, value)
    assert err.startswith("error: ") and err.count("\n") == 1
    # The message names the setting in words and quotes the value given.
    name = option.lstrip("-").replace("-", " ").replace("lr", "learning rate")
    assert f"{name} must be" in err or f"{name} is {value};" in err, err
    assert repr(value) in err or f" is {value};" in err, err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--world", "moon"], "invalid choice: 'moon'"),
        (["--units", "furlongs"], "invalid choice: 'furlongs'"),
        (["--learner", "walk"], "invalid choice: 'walk'"),
        (["--p", "0.5,0.5"], "--p and --labels go with --world custom"),
        (["--world", "custom", "--p", "0.5,0.5", "--labels", "a,a"], "used twice"),
        (["--lr", "1000"], "learning rate is 1000"),
        (["--temperature", "101"], "temperature is 101"),
        (["--cooling", "geometric", "--cooling-rate", "1.5"], "cooling rate is 1.5"),
        (["--steps", "99999999999"], "steps"),
        (["--open", "/nonexistent/x.json"], "no such file"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_other_bad_command_lines(cli, args, message):
    out = cli("run", *args)
    assert out.returncode == 2 and out.stderr.startswith("error: ") and message in out.stderr


# --- files: sessions and lessons get the same treatment ------------------------------------------


def a_session() -> dict:
    sim = Simulation(Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal"))
    sim.advance(20)
    return Session.of(sim).to_dict()


def a_scene() -> dict:
    return {
        "format": 1,
        "title": "t",
        "caption": "c",
        "question": "q",
        "answer": "a",
        "setup": {"world": "custom", "p": [0.5, 0.5], "labels": ["a", "b"]},
    }


def session_p(data, p, labels):
    data["settings"].update(world="custom", p=p, labels=labels)
    data["settings"]["belief"] = "free"
    data["settings"]["start"] = None


def labels_for(p) -> list[str]:
    return [f"o{i}" for i in range(len(p))]


# (name, p, labels or None for o0, o1, ..., message): in a session and in a lesson scene
DISTRIBUTION_FILE_CASES = [
    ("negative", [-0.5, 1.5], None, "negative"),
    ("NaN", [float("nan"), 0.5], None, "NaN"),
    ("inf", [float("inf"), 0.0], None, "infinite"),
    ("text", ["a", "b"], None, "not a number"),
    ("empty", [], None, "no probabilities"),
    ("one outcome", [1.0], None, "at least 2"),
    ("13 outcomes", [1 / 13] * 13, None, "at most 12"),
    ("sum 0.8", [0.2] * 4, None, "sum to 0.8"),
    ("duplicate labels", [0.5, 0.5], ["x", "x"], "used twice"),
    ("huge", [1e308, 1e308], None, "more than 1"),
    ("tiny", [1e-300, 1e-300], None, "not 1"),
]
# (name, edit of a session, edit of a scene, message)
STRUCTURE_FILE_CASES = [
    ("wrong version", lambda d: d.update(version=99), lambda d: d.update(format=99), "version"),
    ("missing field", lambda d: d.pop("settings"), lambda d: d.pop("setup"), "is missing"),
    (
        "extra field",
        lambda d: d.update(colour="red"),
        lambda d: d.update(colour="red"),
        'unknown field "colour"',
    ),
    (
        "absurd setting",
        lambda d: d["settings"].update(learning_rate=1e300),
        lambda d: d["setup"].update(learning_rate=1e300),
        "learning rate is 1e+300",
    ),
    (
        "wrong type",
        lambda d: d["settings"].update(seed="seven"),
        lambda d: d["setup"].update(seed="seven"),
        "seed must be a whole number",
    ),
]


def refused(tmp_path, session: dict, scene: dict, message: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(session), encoding="utf-8")
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)
    path = tmp_path / "01_scene.json"
    path.write_text(json.dumps(scene), encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_scene(path)
    assert path.name in str(info.value) and message in str(info.value), str(info.value)


@pytest.mark.parametrize("name, p, labels, message", DISTRIBUTION_FILE_CASES)
def test_bad_distributions_in_session_and_lesson_files(tmp_path, name, p, labels, message):
    session = a_session()
    session_p(session, p, labels or labels_for(p))
    scene = a_scene()
    scene["setup"].update(p=p, labels=labels or labels_for(p))
    refused(tmp_path, session, scene, message)


@pytest.mark.parametrize("name, session_edit, scene_edit, message", STRUCTURE_FILE_CASES)
def test_bad_session_and_lesson_files_name_the_problem(
    tmp_path, name, session_edit, scene_edit, message
):
    session, scene = a_session(), a_scene()
    session_edit(session)
    scene_edit(scene)
    refused(tmp_path, session, scene, message)


@pytest.mark.parametrize("kind", ["session", "lesson"])
def test_unreadable_files_name_the_problem(tmp_path, kind):
    load, error = (load_session, SessionError) if kind == "session" else (load_scene, LessonError)
    good = json.dumps(a_session() if kind == "session" else a_scene())
    truncated = tmp_path / "t.json"
    truncated.write_text(good[: len(good) // 3], encoding="utf-8")
    cases = [
        (truncated, "is it truncated"),
        (tmp_path, "is a folder"),
        (tmp_path / "missing.json", "no such file"),
    ]
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00junk")
    cases.append((binary, "not UTF-8"))
    big = tmp_path / "big.json"
    big.write_text(" " * 6_000_000, encoding="utf-8")
    cases.append((big, "is 6,000,000 bytes"))
    for path, message in cases:
        with pytest.raises(error) as info:
            load(path)
        assert message in str(info.value), (path, str(info.value))


READ_LOCKED = """
import os, sys
from engine.lesson import LessonError, load_scene
from engine.session import SessionError, load_session
if sys.argv[1] == "session":
    load, error = load_session, SessionError
else:
    load, error = load_scene, LessonError
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)  # nobody: the permission bits apply again
try:
    load(sys.argv[2])
except error as exc:
    print(exc)
    sys.exit(0)
sys.exit("the locked file was read")
"""


@pytest.mark.parametrize("kind", ["session", "lesson"])
def test_a_file_without_read_permission_is_refused(kind):
    """A real file with mode 000.  Root reads anything, so as root (CI runs as root) a child
    process drops to the user nobody first; it imports everything while it still may."""
    good = json.dumps(a_session() if kind == "session" else a_scene())
    folder = Path(tempfile.mkdtemp(prefix="cel-locked-"))
    try:
        folder.chmod(0o755)  # nobody may look inside, but not read the file
        locked = folder / "01_locked.json"
        locked.write_text(good, encoding="utf-8")
        locked.chmod(0)
        out = subprocess.run(
            [sys.executable, "-c", READ_LOCKED, kind, str(locked)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        shutil.rmtree(folder)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "cannot be read (Permission denied)" in out.stdout, out.stdout


@pytest.mark.parametrize("kind", ["session", "lesson"])
def test_a_read_error_mid_file_names_its_reason(monkeypatch, tmp_path, kind):
    load, error = (load_session, SessionError) if kind == "session" else (load_scene, LessonError)
    path = tmp_path / "01_scene.json"
    path.write_text(json.dumps(a_session() if kind == "session" else a_scene()), encoding="utf-8")

    def refuse(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(error, match=r"cannot be read \(Input/output error\)"):
        load(path)


# --- the window: the custom field, and an unexpected exception ----------------------------------


@pytest.fixture
def window(qtbot):
    from gui.main_window import MainWindow

    w = MainWindow(Settings(seed=3), speed=5.0, remember=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    w.timer.stop()


@pytest.fixture(scope="module")
def one_window(qapp):
    """One window for the tests that must leave it as they found it (they check that)."""
    from gui.main_window import MainWindow

    w = MainWindow(Settings(seed=3), speed=5.0, remember=False)
    w.resize(1280, 800)
    w.show()
    yield w
    w.close()
    w.deleteLater()


@pytest.mark.parametrize("text, message", BAD_DISTRIBUTIONS)
def test_bad_custom_field_shows_why_and_keeps_the_run(one_window, qtbot, text, message):
    window = one_window
    window.reset()
    assert window.settings == Settings(seed=3)  # no earlier case changed it
    window.controls.custom_status.clear()  # an earlier case's message cannot pass this one
    window.sim.advance(30)
    world, q = window.settings.world, window.sim.snapshot().q.copy()
    window.choose_custom_world()
    window.controls.custom.clear()
    qtbot.keyClicks(window.controls.custom, text)
    qtbot.keyClick(window.controls.custom, Qt.Key.Key_Return)
    shown = window.controls.custom_status.text()
    assert message in shown or (not text.strip() and shown), (text, shown)
    assert window.settings.world == world and window.sim.step_count == 30
    assert np.array_equal(window.sim.snapshot().q, q)


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_exception_shows_a_dialog_and_the_app_keeps_running(window, qtbot, capsys):
    from gui.errors import ErrorReporter

    reporter = ErrorReporter(window)
    reporter.install()
    try:
        original = window.race.advance

        def broken(n):
            raise RuntimeError("the engine tripped")

        window.race.advance = broken
        qtbot.mouseClick(window.controls.step, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
        assert "RuntimeError: the engine tripped" in reporter.box.text()
        assert "Traceback" in reporter.box.detailedText()
        assert "the engine tripped" in capsys.readouterr().err
        window.set_playing(True)
        qtbot.waitUntil(lambda: reporter.reported >= 2)  # the loop fails again: paused
        assert not window.playing and "errors so far" in reporter.box.informativeText()
        window.race.advance = original
        with qtbot.waitSignal(window.frameDrawn):
            qtbot.mouseClick(window.controls.step, Qt.MouseButton.LeftButton)
        assert window.sim.step_count == 1
    finally:
        reporter.uninstall()


# --- extreme settings --------------------------------------------------------------------------

# Where the extremes are reached: a learning rate or a temperature of 0 acts from the first
# step; the fastest cooling a file may ask for (geometric at a rate just above 0.5) takes the
# temperature from 100 through every scale to exactly 0 within about 1,100 steps.  So every
# combination runs 1,200 steps while editing, and 20,000 (the default geometric cooling from
# 100 to 2e-7, a long random walk at temperature 100) in the full run.
EXTREME_STEPS = 1_200
EXTREME_STEPS_LONG = 20_000
WORLDS = {
    **PRESETS,
    "with-zero": custom_world("0.5, 0.4999999, 0.0000001, 0"),  # a zero and a near-zero
}
FASTEST_GEOMETRIC = float(np.nextafter(GEOMETRIC_RATE_RANGE[0], 1.0))


def extreme_cases() -> list[tuple[str, str, dict]]:
    learners = [
        {"learner": "gd", "learning_rate": LR_RANGE[0]},
        {"learner": "gd", "learning_rate": 10.0},  # the slider's maximum
        {"learner": "gd", "learning_rate": LR_RANGE[1]},  # the largest a file may ask for
        {"learner": "anneal", "temperature": 0.0},
    ]
    for cooling in COOLINGS:
        learners.append(
            {"learner": "anneal", "temperature": TEMPERATURE_RANGE[1], "cooling": cooling}
        )
    learners += [
        {"learner": "anneal", "temperature": TEMPERATURE_RANGE[1], "cooling": "geometric",
         "cooling_rate": FASTEST_GEOMETRIC},
        {"learner": "anneal", "temperature": TEMPERATURE_RANGE[1], "cooling": "log",
         "cooling_rate": LOG_RATE_RANGE[1]},
    ]  # fmt: skip
    return [(w, b, c) for w in WORLDS for b in ("free", "hunch") for c in learners]


def check_extreme(case: tuple[str, str, dict], steps: int) -> str | None:
    """Run one case; None if every step stayed finite and every q a distribution."""
    world_name, belief, changes = case
    world = WORLDS[world_name]
    settings = Settings(world=world, belief=belief, seed=1).replace(**changes)
    pop = Population(settings, 1)
    p = world.probabilities
    chunk = min(steps, 10_000)
    for _ in range(steps // chunk):
        trace = pop.advance(chunk, record=True)
        q = pop.family.probs(trace.params[:, :, 0].T)  # (K, n)
        checks = {
            "surprise": trace.surprises,
            "params": trace.params,
            "q": q,
            "H(p,q)": cross_entropy(p, q.T, "nats"),
            "D(p‖q)": kl_divergence(p, q.T, "nats"),
            "temperature": trace.temperature,
        }
        for name, values in checks.items():
            if not np.isfinite(values).all():
                return f"{case}: {name} not finite at step {pop.step}"
        if (q < 0).any() or not np.allclose(q.sum(axis=0), 1.0, atol=1e-12):
            return f"{case}: q is not a distribution at step {pop.step}"
    if changes.get("cooling_rate") == FASTEST_GEOMETRIC and trace.temperature[-1] != 0.0:
        return f"{case}: the fastest cooling did not reach temperature 0"  # the extreme itself
    return None


@pytest.mark.parametrize(
    "steps", [EXTREME_STEPS, pytest.param(EXTREME_STEPS_LONG, marks=pytest.mark.slow)]
)
def test_extreme_settings_stay_finite_in_every_world_and_belief(steps):
    cases = extreme_cases()
    assert len(cases) == len(WORLDS) * 2 * 9
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = pool.map(check_extreme, cases, [steps] * len(cases), chunksize=5)
        problems = [p for p in results if p is not None]
    assert problems == []


def test_extreme_settings_on_screen_show_only_finite_numbers(window):
    from gui.panels import BeliefPanel  # noqa: F401 - the views under test

    for changes in (
        {"world": PRESETS["loaded-die"], "belief": "hunch", "learner": "gd", "learning_rate": 10.0},
        {"world": WORLDS["with-zero"], "belief": "free", "learner": "anneal", "temperature": 100.0},
        {"world": custom_world("0.999999, 0.000001"), "learner": "gd", "learning_rate": 10.0},
    ):
        for name, value in changes.items():
            window.change_setting(name, value)
        window.race.advance(1500)  # the extremes act from the first steps
        window.redraw()
        for label in window.readouts.values.values():
            text = label.text()
            assert "nan" not in text.lower() and "∞" not in text and "inf" not in text, text
        q = window.sim.snapshot().q
        assert np.isfinite(q).all() and abs(q.sum() - 1) < 1e-12
        _, ys = window.surprise_view.cross.getData()
        assert np.isfinite(ys).all()


# --- a small screen ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_race(qapp):
    """One window with a race 12,345 steps in (five-digit numbers), shared by the sizes."""
    from gui.main_window import MainWindow

    w = MainWindow(Settings(world=PRESETS["loaded-die"], belief="hunch"), remember=False)
    w.show()
    w.add_rival(learner="anneal")
    w.race.advance(12_345)
    yield w
    w.timer.stop()
    w.close()
    w.deleteLater()


# 1280 × 800 first, then back out of compact at 1920 × 1080: both ways through the switch.
@pytest.mark.parametrize("size, compact", [((1280, 800), True), ((1920, 1080), False)])
def test_a_small_screen_goes_compact_and_cuts_no_number_off(long_race, qtbot, size, compact):
    from PySide6.QtWidgets import QApplication

    w = long_race
    w.resize(*size)
    w.redraw()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: w.theme.compact == compact)
    QApplication.processEvents()
    labels = list(w.readouts.values.values())
    labels += [cell for cells in w.race_readouts.cells[:2] for cell in cells.values()]
    for label in labels:
        if label.isVisible() and label.text():
            needed = label.fontMetrics().horizontalAdvance(label.text())
            assert needed <= label.width(), (size, label.text(), needed, label.width())
    for panel in (w.belief_view, w.surprise_view, w.landscape_view):
        title = panel.plot.getPlotItem().titleLabel.item
        assert title.boundingRect().width() <= panel.plot.width(), (size, panel._title)
