"""The window, driven through its real widgets with qtbot (offscreen)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from engine.settings import LR_RANGE, TEMPERATURE_RANGE, Settings
from engine.worlds import PRESETS
from gui.app import parse
from gui.main_window import MainWindow

LN2 = math.log(2)


@pytest.fixture
def window(qtbot):
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    w = MainWindow(Settings(seed=4), speed=5.0)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    w.timer.stop()


def readout(w: MainWindow, key: str) -> float:
    text = w.readouts.values[key].text().split()[0].replace(",", "")
    return float(text)


def test_opens_on_the_weather_ready_to_play(window):
    assert window.settings.world.name == "weather"
    assert window.sim.step_count == 0 and not window.playing
    assert window.controls.play.text() == "Play"
    assert window.windowTitle().startswith("Cross-Entropy Lab")
    assert not window.windowIcon().isNull()


def test_step_advances_exactly_one(window, qtbot):
    with qtbot.waitSignal(window.frameDrawn):
        qtbot.mouseClick(window.controls.step, Qt.MouseButton.LeftButton)
    assert window.sim.step_count == 1
    assert window.readouts.values["step"].text() == "1"
    assert window.belief_view.marked == window.sim.snapshot().last_outcome
    assert "surprise" in window.belief_view.caption.text()


def test_play_advances_and_pause_stops(window, qtbot):
    window.set_speed(math.inf)
    qtbot.mouseClick(window.controls.play, Qt.MouseButton.LeftButton)
    assert window.playing and window.controls.play.text() == "Pause"
    qtbot.waitUntil(lambda: window.sim.step_count > 50, timeout=10_000)
    qtbot.mouseClick(window.controls.play, Qt.MouseButton.LeftButton)
    assert not window.playing
    frozen = window.sim.step_count
    assert not window.timer.isActive()  # the timer is stopped, not merely ignored ...
    QApplication.processEvents()  # ... so events already queued advance nothing
    assert window.sim.step_count == frozen


def test_reset_returns_to_step_zero_with_the_same_outcomes(window, qtbot):
    window.sim.advance(40)
    first = window.sim.history.column("outcome").copy()
    qtbot.mouseClick(window.controls.reset, Qt.MouseButton.LeftButton)
    assert window.sim.step_count == 0
    assert window.readouts.values["step"].text() == "0"
    window.sim.advance(40)
    assert np.array_equal(first, window.sim.history.column("outcome"))


def test_learning_rate_slider_changes_the_engine_mid_run(window, qtbot):
    window.sim.advance(10)
    slider = window.controls.lr.slider
    with qtbot.waitSignal(window.controls.lr.valueChanged):
        slider.setValue(slider.maximum())
    assert window.settings.learning_rate == pytest.approx(LR_RANGE[1])  # the whole range
    assert window.sim.step_count == 10  # no reset
    window.controls.lr.box.setValue(0.25)
    assert window.settings.learning_rate == pytest.approx(0.25)
    assert window.controls.lr.slider.value() == window.controls.lr.position_for(0.25)


def test_temperature_slider_and_cooling_change_the_engine(window, qtbot):
    window.controls.learner.setCurrentIndex(window.controls.learner.findData("anneal"))
    assert window.settings.learner == "anneal"
    window.sim.advance(5)
    slider = window.controls.temperature.slider
    with qtbot.waitSignal(window.controls.temperature.valueChanged):
        slider.setValue(0)
    assert window.settings.temperature == 0.0
    slider.setValue(slider.maximum())
    assert window.settings.temperature == pytest.approx(TEMPERATURE_RANGE[1])
    window.controls.cooling.setCurrentIndex(window.controls.cooling.findData("log"))
    assert window.settings.cooling == "log"
    window.controls.cooling_rate.setValue(2.5)
    assert window.settings.cooling_rate == 2.5
    assert window.sim.step_count == 5
    window.redraw()
    assert window.readouts.values["temperature"].isVisibleTo(window)
    assert float(window.readouts.values["temperature"].text()) == pytest.approx(
        TEMPERATURE_RANGE[1]
    )


def test_speed_and_seed_controls(window):
    window.controls.speed.setValue(0)
    assert window.speed == 1
    window.controls.speed.setValue(window.controls.speed.maximum())
    assert math.isinf(window.speed)
    window.controls.seed.setValue(99)
    assert window.settings.seed == 99 and window.sim.step_count == 0


def test_units_switch_changes_readouts_by_ln2_not_the_dynamics(window, qtbot):
    window.sim.advance(123)
    window.redraw()
    q_before = window.sim.snapshot().q.copy()
    bits = {k: readout(window, k) for k in ("entropy", "cross_entropy", "kl")}
    nats = window.controls.nats
    # a radio button answers clicks on its indicator and text, not its empty right-hand part
    qtbot.mouseClick(nats, Qt.MouseButton.LeftButton, pos=QPoint(8, nats.height() // 2))
    assert window.settings.units == "nats"
    nats = {k: readout(window, k) for k in ("entropy", "cross_entropy", "kl")}
    for k in bits:
        assert nats[k] == pytest.approx(bits[k] * LN2, abs=2e-3)
    assert "nats" in window.readouts.values["entropy"].text()
    assert np.array_equal(window.sim.snapshot().q, q_before)
    assert window.sim.step_count == 123
    # the dynamics are the same: a run in nats gives the same beliefs as one in bits
    window.sim.advance(50)
    other = MainWindow(Settings(seed=4))
    qtbot.addWidget(other)
    other.sim.advance(173)
    assert np.array_equal(other.sim.snapshot().q, window.sim.snapshot().q)
    other.close()


def test_readouts_match_an_independent_computation(window):
    window.sim.advance(321)
    window.redraw()
    snap = window.sim.snapshot()
    p = np.array([0.8, 0.2])
    q = np.asarray(snap.q)
    assert readout(window, "cross_entropy") == pytest.approx(-(p * np.log2(q)).sum(), abs=5e-4)
    assert readout(window, "kl") == pytest.approx((p * np.log2(p / q)).sum(), abs=5e-4)
    assert readout(window, "entropy") == pytest.approx(0.722, abs=5e-4)
    assert readout(window, "step") == 321


def test_invalid_custom_distribution_shows_why_and_keeps_the_world(window, qtbot):
    window.sim.advance(30)
    controls = window.controls
    controls.world.setCurrentIndex(controls.world.findData("custom"))
    assert window.settings.world.name == "weather" and window.sim.step_count == 30
    qtbot.keyClicks(controls.custom, "0.2, 0.2, 0.2, 0.2")
    assert "sum to 0.8, not 1" in controls.custom_status.text()
    qtbot.keyClick(controls.custom, Qt.Key.Key_Return)
    assert window.settings.world.name == "weather" and window.sim.step_count == 30
    controls.custom.clear()
    qtbot.keyClicks(controls.custom, "0.5, abc")
    assert "'abc', not a number" in controls.custom_status.text()
    controls.custom.clear()
    qtbot.keyClicks(controls.custom, "1/2, 1/4, 1/4")
    assert "3 outcomes" in controls.custom_status.text()
    qtbot.keyClick(controls.custom, Qt.Key.Key_Return)
    assert window.settings.world.p == pytest.approx((0.5, 0.25, 0.25))
    assert window.sim.step_count == 0


def test_world_belief_learner_changes_reset_and_keep_other_settings(window):
    window.controls.lr.setValue(0.5)
    window.sim.advance(20)
    window.controls.world.setCurrentIndex(window.controls.world.findData("loaded-die"))
    assert window.settings.world.name == "loaded-die" and window.sim.step_count == 0
    window.controls.belief.setCurrentIndex(window.controls.belief.findData("hunch"))
    assert window.settings.belief == "hunch"
    assert window.settings.learning_rate == 0.5
    land = window.landscape_view.landscape
    assert land is not None and len(land.minima) == 2
    assert window.landscape_view.image.image is not None


def test_annealing_shows_rejected_proposals(window):
    window.sim.update(world=PRESETS["loaded-die"], belief="hunch", learner="anneal")
    window.reset()
    window.sim.advance(300)
    window.redraw()
    xs, _ = window.landscape_view.rejected.getData()
    assert len(xs) > 0
    assert window.readouts.values["acceptance"].text().endswith("%")


def test_every_control_has_a_tooltip(window):
    c = window.controls
    for widget in (
        c.play,
        c.step,
        c.reset,
        c.world,
        c.custom,
        c.belief,
        c.learner,
        c.lr,
        c.temperature,
        c.cooling,
        c.cooling_rate,
        c.speed,
        c.seed,
        c.bits,
        c.nats,
    ):
        assert widget.toolTip().strip().endswith("."), widget


def test_window_options_parse_like_the_command_line():
    settings, speed, play = parse(
        [
            "--world",
            "loaded-die",
            "--belief",
            "hunch",
            "--learner",
            "anneal",
            "--temperature",
            "0.5",
            "--speed",
            "max",
            "--play",
        ]
    )
    assert settings.world.name == "loaded-die" and settings.learner == "anneal"
    assert settings.temperature == 0.5 and math.isinf(speed) and play


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--speed", "fast"], "speed must be outcomes per second or 'max'"),
        (["--speed", "0"], "speed is 0"),
        (["--temperature", "-1"], "temperature is -1"),
        (["--world", "mars"], "invalid choice"),
    ],
)
def test_bad_window_options_fail_before_any_window(cli, args, message):
    out = cli(*args)
    assert out.returncode == 2
    assert out.stderr.startswith("error:") and message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_good_window_options_would_open_the_window(cli):
    """The other side of the test above: with good options the window is what comes next."""
    with pytest.raises(AssertionError, match="the window was about to open"):
        cli("--world", "loaded-die", "--speed", "max")


@pytest.mark.parametrize(
    "frames", [300, pytest.param(10_000, marks=pytest.mark.slow, id="10000-slow")]
)
def test_soak_thousands_of_frames_of_the_real_loop(qtbot, frames):
    """Catches the PySide6 6.12 / Python 3.11 abort, which needs thousands of Qt calls.

    The real timer drives the real window: each frame advances the engine and updates every
    view (setData, setText: hundreds of Qt calls, so 300 frames make tens of thousands).
    Painting is switched off; the benchmark measures painted frames.  At 1,000 outcomes a
    second a frame is a few steps, and stays so on a busy machine: a step would have to take
    over 1 ms before the steps due grew faster than the frames that draw them (at 2,000 a
    second, a machine shared with five test runs got there: 500 steps a frame, 1 s each).
    """
    w = MainWindow(
        Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal"),
        speed=1000.0,
        remember=False,
    )
    qtbot.addWidget(w)
    w.resize(800, 500)
    w.show()
    w.setUpdatesEnabled(False)
    w.timer.setInterval(0)
    before = w.frames  # drawn while the window opened
    w.set_playing(True)
    qtbot.waitUntil(lambda: w.frames - before >= frames, timeout=1_800_000)
    w.set_playing(False)
    assert w.ticks >= w.frames - before  # the timer drove every frame
    assert w.sim.step_count >= frames  # and each frame showed new outcomes
    snap = w.sim.snapshot()
    assert np.isfinite(snap.cross_entropy) and snap.q.sum() == pytest.approx(1.0)


def test_time_axis_grows_in_nice_steps_not_every_frame(window):
    from gui.panels import nice_ceiling

    assert [nice_ceiling(n) for n in (1, 10, 11, 151, 999, 1000, 1001, 7_999, 8_001)] == [
        10,
        10,
        15,
        200,
        1000,
        1000,
        1500,
        8000,
        10_000,
    ]
    view = window.surprise_view.plot.getViewBox()
    window.sim.advance(1_100)
    window.redraw()
    first = view.viewRange()[0]
    assert first == pytest.approx([0, 1500])
    window.sim.advance(300)  # 1,400: still inside the same range, so the axis stays put
    window.redraw()
    assert view.viewRange()[0] == first
    window.sim.advance(200)  # 1,600: the range steps up once
    window.redraw()
    assert view.viewRange()[0] == pytest.approx([0, 2000])


def test_save_and_open_a_session_in_the_window(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window.change_setting("world", PRESETS["loaded-die"])
    window.change_setting("belief", "hunch")
    window.sim.advance(200)
    window.change_setting("learning_rate", 0.4)
    window.sim.advance(100)
    path = tmp_path / "lesson.json"
    assert window.save_session(str(path))
    outcomes = window.sim.history.column("outcome").copy()
    q = window.sim.snapshot().q.copy()
    window.reset()
    window.change_setting("world", PRESETS["weather"])
    assert window.open_session(str(path))
    assert window.sim.step_count == 300
    assert window.settings.learning_rate == 0.4
    assert np.array_equal(window.sim.history.column("outcome"), outcomes)
    assert window.sim.snapshot().q.tobytes() == q.tobytes()
    assert window.controls.world.currentData() == "loaded-die"
    assert readout(window, "step") == 300
    # A file that cannot be used is reported; the run on screen is kept.
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: seen.append(a[1:]))
    path.write_text('{"format": "cross-entropy-lab-session", "version": 1, "stt', encoding="utf-8")
    assert not window.open_session(str(path))
    assert seen and "is not valid JSON" in seen[0][1]
    assert window.sim.step_count == 300
    assert not window.save_session(str(tmp_path))  # a folder
    assert "is a folder" in seen[1][1]


def test_open_option_loads_a_session_and_refuses_a_bad_one(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    out = cli("--open", str(bad))
    assert out.returncode == 2
    assert out.stderr.startswith("error: ") and "a session must be a JSON object" in out.stderr


def test_export_plots_and_history(window, tmp_path):
    import csv

    from PySide6.QtGui import QImage

    window.sim.advance(120)
    window.redraw()
    written = window.export_plots(str(tmp_path / "shot.png"), "png")
    assert [Path(p).name for p in written] == [
        "shot_belief.png",
        "shot_surprise.png",
        "shot_landscape.png",
    ]
    for p, plot in zip(written, window.plots.values(), strict=True):
        image = QImage(p)
        ratio = plot.devicePixelRatioF()
        assert (image.width(), image.height()) == (
            round(plot.width() * ratio),
            round(plot.height() * ratio),
        )
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 9)
            for y in range(0, image.height(), 9)
        }
        assert len(colours) > 5  # something was drawn, not a blank image
    svgs = window.export_plots(str(tmp_path / "shot.svg"), "svg")
    assert all(Path(p).read_text(encoding="utf-8").lstrip().startswith("<?xml") for p in svgs)
    assert window.export_history(str(tmp_path / "h.csv"))
    with (tmp_path / "h.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 120
    h = window.sim.history
    assert [float(r["cross_entropy_bits"]) for r in rows] == list(h.column("cross_entropy") / LN2)
    assert [r["outcome"] for r in rows] == [
        window.settings.world.labels[i] for i in h.column("outcome").astype(int)
    ]
