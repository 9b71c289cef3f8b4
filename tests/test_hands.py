"""Hands on the model (gui/hands.py): drag q, drop the agent, shape the world, keys, undo.

The drags are real mouse events (press, moves, release) on each plot's viewport, at the
widget position of a point in the plot's data coordinates (mapped through its ViewBox).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QScrollBar,
)

from engine.landscape import compute_landscape
from engine.session import Session, SessionError, load_session, save_session
from engine.settings import Settings
from engine.simulation import BeliefError, Simulation
from engine.worlds import PRESETS, custom_world
from gui import i18n
from gui.hands import rescaled
from gui.main_window import MainWindow
from gui.panels import fmt

WEATHER = Settings(world=PRESETS["weather"], belief="free", learner="gd", seed=4)
LOADED = Settings(world=PRESETS["loaded-die"], belief="hunch", learner="gd", seed=4)


def make_window(qtbot, settings: Settings) -> MainWindow:
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    i18n.set_language("en")
    QSettings().clear()
    w = MainWindow(settings, speed=5.0, remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot, WEATHER)
    yield w
    w.timer.stop()
    i18n.set_language("en")


def at(view, x: float, y: float) -> QPoint:
    """The viewport position (pixels) of the data point (x, y) of a view's plot."""
    scene = view.plot.getViewBox().mapViewToScene(QPointF(x, y))
    return view.plot.mapFromScene(scene)


def drag(qtbot, view, start, end, moves: int = 6) -> None:
    """Press at ``start``, move in steps to ``end``, release there (data coordinates)."""
    viewport = view.plot.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(view, *start))
    for t in np.linspace(0, 1, moves + 1)[1:]:
        point = (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
        qtbot.mouseMove(viewport, pos=at(view, *point))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(view, *end))


def bits(x: float) -> float:
    return x / math.log(2)


def independent(p, q) -> dict[str, float]:
    """H(p), H(p,q), D(p‖q) in nats, in plain Python."""
    h = -sum(pi * math.log(pi) for pi in p if pi > 0)
    ce = -sum(pi * math.log(qi) for pi, qi in zip(p, q, strict=True) if pi > 0)
    kl = sum(pi * math.log(pi / qi) for pi, qi in zip(p, q, strict=True) if pi > 0)
    return {"entropy": h, "cross_entropy": ce, "kl": kl}


def check_readouts(window) -> None:
    """Every figure shown equals an independent computation from the engine's q (1e-9)."""
    q = [float(v) for v in window.sim.snapshot().q]
    p = list(window.settings.world.p)
    truth = independent(p, q)
    snap = window.runner.frame().lead.snapshot
    for name, value in truth.items():
        assert abs(getattr(snap, name) - value) < 1e-9, name
    assert np.allclose(snap.q, q, rtol=0, atol=1e-12)
    unit = i18n.unit_after_decimal("bits")
    for name, value in truth.items():
        assert window.readouts.values[name].text() == f"{fmt(bits(value))} {unit}", name
    assert window.surprise_view.gap_label.text().endswith(f"{fmt(bits(truth['kl']))} {unit}")
    if snap.last_outcome is not None:
        cost = -math.log(q[snap.last_outcome])
        assert abs(snap.last_surprise - cost) < 1e-9
        assert fmt(bits(cost), 2) in window.belief_view.caption.text()
    # the agent's dot on the weather's landscape curve: at q(rain), at height H(p,q)
    x, y = window.landscape_view.agent.getData()
    assert abs(x[0] - q[0]) < 1e-9 and abs(y[0] - bits(truth["cross_entropy"])) < 1e-9


# --- the engine: a hand change is a recorded change -----------------------------------------


def test_rescaled_keeps_a_distribution_and_the_proportions():
    q = rescaled([0.5, 0.3, 0.2], 0, 0.8)
    assert q.sum() == pytest.approx(1, abs=1e-15)
    assert q[0] == pytest.approx(0.8) and q[1] / q[2] == pytest.approx(1.5)
    assert rescaled([1.0, 0.0, 0.0], 0, 0.4).tolist() == pytest.approx([0.4, 0.3, 0.3])
    assert rescaled([0.5, 0.5], 1, 7.0)[1] == pytest.approx(1 - 1e-3)


def test_set_belief_checks_projects_and_records():
    sim = Simulation(WEATHER)
    sim.advance(5)
    projected = sim.set_belief([1.0, -1.0])
    assert projected.tolist() == [0.0, -2.0]  # a free belief's largest logit is 0
    assert sim.journal == [(5, {"params": [0.0, -2.0]})]
    assert sim.history.column("params")[-1].tolist() == [0.0, -2.0]
    q = sim.snapshot().q
    assert sim.history.column("cross_entropy")[-1] == pytest.approx(
        independent(WEATHER.world.p, q)["cross_entropy"], abs=1e-12
    )
    for bad in ([1.0], [0.0, math.nan], [0.0, math.inf], "ab"):
        with pytest.raises(BeliefError):
            sim.set_belief(bad)
    assert sim.journal == [(5, {"params": [0.0, -2.0]})]


def test_a_session_replays_hand_changes_exactly(tmp_path):
    sim = Simulation(LOADED)
    sim.advance(40)
    sim.set_belief([2.0, 0.7])
    sim.update(learning_rate=0.2)
    sim.advance(25)
    sim.set_belief([9.0, 0.0])  # projected: μ and a clipped to their ranges
    sim.advance(30)
    path = tmp_path / "hands.json"
    save_session(Session.of(sim), path)
    session = load_session(path)
    assert [c for _, c in session.changes if "params" in c][1]["params"] == [6.0, 0.05]
    again = session.replay()
    assert again.state() == sim.state()
    assert np.array_equal(again.history.column("q"), sim.history.column("q"))
    assert again.journal == sim.journal


def test_a_session_refuses_a_bad_hand_change():
    sim = Simulation(LOADED)
    sim.advance(3)
    sim.set_belief([2.0, 0.7])
    data = Session.of(sim).to_dict()
    data["changes"][0][1]["params"] = [2.0]
    with pytest.raises(SessionError, match="2 finite numbers"):
        Session.from_dict(data)


# --- drag q ------------------------------------------------------------------------------------


def test_dragging_rain_to_08_closes_the_gap(window, qtbot):
    for _ in range(3):
        window.step_once()
    q0 = float(window.sim.snapshot().q[0])
    drag(qtbot, window.belief_view, (0.2, q0), (0.2, 0.8))
    kl = window.sim.snapshot().kl
    assert bits(kl) < 0.001
    check_readouts(window)
    assert window.undo_stack.count() == 1  # one drag, one command
    # the time plot's H(p,q) curve ends at the new belief
    curve = window.runner.frame().lead.cross_entropy
    assert curve.y[-1] == pytest.approx(window.sim.snapshot().cross_entropy, abs=1e-12)


def test_every_figure_follows_during_the_drag(window, qtbot):
    viewport = window.belief_view.plot.viewport()
    view = window.belief_view
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(view, 0.2, 0.5))
    assert window.runner.held
    for y in (0.6, 0.3, 0.7):
        qtbot.mouseMove(viewport, pos=at(view, 0.2, y))
        assert window.sim.snapshot().q[0] == pytest.approx(y, abs=0.01)
        check_readouts(window)  # drawn at once, mouse still down
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(view, 0.2, 0.7))
    assert not window.runner.held


def test_no_learning_while_the_mouse_is_down(window, qtbot):
    window.set_speed(math.inf)
    window.set_playing(True)
    view = window.belief_view
    viewport = view.plot.viewport()
    window.tick()
    q = float(window.sim.snapshot().q[0])
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(view, 0.2, q))
    qtbot.mouseMove(viewport, pos=at(view, 0.2, 0.3))
    step, params = window.sim.step_count, window.sim.snapshot().params.copy()
    for _ in range(3):
        window.tick()
    assert window.sim.step_count == step
    assert np.array_equal(window.sim.snapshot().params, params)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(view, 0.2, 0.3))
    window.tick()
    assert window.sim.step_count > step  # learning goes on from the dragged belief
    window.set_playing(False)


def test_a_hunch_has_no_bars_to_drag(qtbot):
    w = make_window(qtbot, LOADED)
    before = w.sim.snapshot().params.copy()
    drag(qtbot, w.belief_view, (1.2, 0.1), (1.2, 0.6))
    assert np.array_equal(w.sim.snapshot().params, before)
    assert w.undo_stack.count() == 0


# --- drop the agent ----------------------------------------------------------------------------


def cell(landscape) -> np.ndarray:
    return np.array([g[1] - g[0] for g in landscape.grid])


def test_dropping_the_agent_on_the_hunch_map(qtbot):
    w = make_window(qtbot, LOADED)
    view = w.landscape_view
    landscape = view.landscape
    assert len(landscape.grid) == 2
    target = (2.3, 0.6)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=at(view, *target))
    params = w.sim.snapshot().params
    assert np.all(np.abs(params - np.array(target)) <= cell(landscape))
    x, y = view.agent.getData()
    assert (x[0], y[0]) == (params[0], params[1])  # the dot follows
    # a drag: the agent follows the pointer and learns from where it is let go
    drag(qtbot, view, (5.0, 0.3), (4.6, 0.8))
    params = w.sim.snapshot().params
    assert np.all(np.abs(params - np.array([4.6, 0.8])) <= cell(landscape))
    assert w.undo_stack.count() == 2
    w.step_once()
    assert w.sim.step_count == 1


def test_dropping_the_agent_on_the_weather_curve(window, qtbot):
    view = window.landscape_view
    landscape = view.landscape
    assert len(landscape.grid) == 1
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=at(view, 0.3, 1.0))
    q = window.sim.snapshot().q
    assert abs(q[0] - 0.3) <= cell(landscape)[0]
    check_readouts(window)


# --- shape the world ---------------------------------------------------------------------------


def test_dragging_p_shapes_the_world(qtbot):
    world = custom_world([0.5, 0.3, 0.2])
    w = make_window(qtbot, Settings(world=world, belief="free", learner="gd", seed=4))
    drag(qtbot, w.belief_view, (-0.2, 0.5), (-0.2, 0.7))
    p = np.array(w.settings.world.p)
    assert p.sum() == pytest.approx(1, abs=1e-12) and np.all(p >= 0)
    assert p[0] == pytest.approx(0.7, abs=0.01)
    assert p[1] / p[2] == pytest.approx(1.5, abs=0.05)  # the others kept their proportions
    assert w.controls.custom.text() == i18n.number_list(w.settings.world.p, "g")
    # the landscape and its minimum are those of the new p; H(p) too
    fresh = compute_landscape(p, w.sim.family)
    shown = w.landscape_view.landscape
    assert np.array_equal(shown.values, fresh.values, equal_nan=True)
    assert [m.coords for m in shown.minima] == [m.coords for m in fresh.minima]
    assert np.allclose(shown.minima[0].coords, p[:2], atol=np.max(cell(shown)))
    check_h = independent(p, p)["entropy"]
    assert w.sim.snapshot().entropy == pytest.approx(check_h, abs=1e-12)
    # undo brings the old world back, redo the new one
    w.undo()
    assert w.settings.world.p == (0.5, 0.3, 0.2)
    w.redo()
    assert np.array_equal(w.settings.world.p, p)


# --- keys ---------------------------------------------------------------------------------


def test_arrow_keys_move_a_bar_when_the_plot_has_the_focus(window, qtbot):
    plot = window.belief_view.plot
    rate = window.settings.learning_rate
    qtbot.mouseClick(
        plot.viewport(), Qt.MouseButton.LeftButton, pos=at(window.belief_view, 1.2, 0.3)
    )
    assert plot.hasFocus() and window.hands.selected == ("q", 1)
    assert window.undo_stack.count() == 0  # a click selects; it changes nothing
    qtbot.keyClick(plot, Qt.Key.Key_Up)
    assert window.sim.snapshot().q[1] == pytest.approx(0.51, abs=1e-9)
    assert window.settings.learning_rate == rate  # Up is the bar's, not the learning rate's
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert window.hands.selected == ("q", 0)
    qtbot.keyClick(plot, Qt.Key.Key_Right)  # the bar's too: no step is taken
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    qtbot.keyClick(plot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.sim.snapshot().q[0] == pytest.approx(0.39, abs=1e-9)
    assert window.sim.step_count == 0
    check_readouts(window)
    assert window.undo_stack.count() == 2  # one command per key press
    # undo and redo, with the window's keys
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.sim.snapshot().q[1] == pytest.approx(0.51, abs=1e-9)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.sim.snapshot().q.tolist() == pytest.approx([0.5, 0.5], abs=1e-12)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, shift_ctrl)
    assert window.sim.snapshot().q[1] == pytest.approx(0.51, abs=1e-9)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.sim.snapshot().q[0] == pytest.approx(0.39, abs=1e-9)
    check_readouts(window)
    # away from the plot, the arrows are the window's again
    window.controls.play.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Up)
    assert window.settings.learning_rate == 2 * rate


def test_arrow_keys_move_the_agent_by_one_grid_cell(qtbot):
    w = make_window(qtbot, LOADED)
    view = w.landscape_view
    landscape = view.landscape
    view.plot.setFocus()
    before = w.sim.snapshot().params.copy()
    qtbot.keyClick(view.plot, Qt.Key.Key_Left)
    qtbot.keyClick(view.plot, Qt.Key.Key_Up)
    after = w.sim.snapshot().params
    assert after == pytest.approx(before + np.array([-1, 1]) * cell(landscape), abs=1e-12)
    assert w.sim.step_count == 0 and w.undo_stack.count() == 2
    w.undo()
    w.undo()
    assert np.array_equal(w.sim.snapshot().params, before)


def test_undo_of_a_drag_and_save_then_open_replays_it(window, qtbot, tmp_path):
    window.step_once()
    before = window.sim.snapshot().params.copy()
    drag(qtbot, window.belief_view, (0.2, 0.5), (0.2, 0.75))
    dragged = window.sim.snapshot().params.copy()
    window.undo()
    assert np.array_equal(window.sim.snapshot().params, before)
    window.redo()
    assert np.array_equal(window.sim.snapshot().params, dragged)
    for _ in range(4):
        window.step_once()
    path = str(tmp_path / "hand.json")
    assert window.save_session(path)
    state = window.sim.state()
    assert window.open_session(path)
    assert window.sim.state() == state
    assert any("params" in change for _, change in window.sim.journal)


# --- accessible names --------------------------------------------------------------------------


INTERACTIVE = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_every_control_and_view_has_an_accessible_name(window, lang):
    window.language_actions[lang].trigger()
    window.add_rival()  # the race's controls too
    window.show_lesson(True)
    missing = []
    widgets = [w for kind in INTERACTIVE for w in window.findChildren(kind)]
    widgets += [v.plot for v in window_views(window)]
    for widget in widgets:
        if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
            continue  # a scroll area's bars, a spin box's own text field: Qt's parts
        if (
            widget.parent() is not None
            and widget.window() is window
            and not widget.accessibleName()
        ):
            missing.append(f"{type(widget).__name__} {widget.objectName()} {widget.toolTip()[:40]}")
    assert not missing, missing
    names = [v.plot.accessibleName() for v in window_views(window)]
    assert len(set(names)) == 3
    if lang == "uk":
        assert window.controls.play.accessibleName() != "Play"


def window_views(window):
    return (window.belief_view, window.surprise_view, window.landscape_view)
