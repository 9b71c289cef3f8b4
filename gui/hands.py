"""Hands on the model: drag the belief's bars, drop the agent on the landscape, shape the world.

``Hands`` watches the belief view and the landscape view (event filters on their plots) and
turns mouse drags and arrow keys into hand changes:

- a bar of q (free belief): dragged up or down, the other bars rescale so q stays a
  distribution; the lead's belief follows at once (``Runner.set_belief``) and every view with it;
- a bar of p (your own world): dragged the same way, shown as it moves, and applied as a world
  change when the drag ends (the run starts again in the new world, as when p is typed);
- the landscape: a click or drag puts the agent there (the nearest belief the family can hold).

While the mouse is down the runner holds the race (no learning); it goes on at release.  One
drag, or one key press, is one command on the window's ``QUndoStack`` (Ctrl+Z, Ctrl+Shift+Z).

Keys: a focused plot (click it, or Tab to it) claims the arrow keys from the window's own
(learning rate, step) through a shortcut override, as a text field claims typing keys.  In the
belief view Left/Right choose a bar and Up/Down move it by 0.01 (Shift: 0.1); on the landscape
the arrows move the agent by one grid cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from engine.simulation import BeliefError
from engine.validation import MessageError
from engine.worlds import custom_world

from . import i18n, style
from .fastdraw import Markers

EPSILON = 1e-3  # a dragged probability stays in [ε, 1 − ε]
KEY_STEP = 0.01  # Up/Down move a bar this much (Shift: ten times as much)
P_DECIMALS = 3  # a dragged p is rounded to this many decimals (the typed field shows it)
BAR_OFFSET = 0.2  # the belief view draws p at x − 0.2 and q at x + 0.2 (gui/panels.py)
ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


def tr(text: str) -> str:
    return QCoreApplication.translate("Hands", text)


def rescaled(q, i: int, value: float, eps: float = EPSILON) -> np.ndarray:
    """``q`` with entry ``i`` set to ``value`` (clipped to [ε, 1 − ε]), the others rescaled.

    The others keep their proportions: each is multiplied by (1 − v) / (1 − q_i).  If they
    are all (nearly) zero they share 1 − v equally.  The result sums to 1.
    """
    q = np.asarray(q, dtype=float)
    k = q.size
    v = float(np.clip(value, eps, 1.0 - eps))
    others = np.delete(q, i)
    rest = float(others.sum())
    if rest <= 1e-12:
        others = np.full(k - 1, (1.0 - v) / (k - 1))
    else:
        others = others * ((1.0 - v) / rest)
    out = np.insert(others, i, v)
    return out / out.sum()


def rounded_distribution(p, i: int, decimals: int = P_DECIMALS) -> np.ndarray:
    """``p`` rounded to ``decimals`` with entry ``i`` kept; the rounding error goes to the
    largest other entry, so the result still sums to 1 (as the typed field shows it)."""
    p = np.round(np.asarray(p, dtype=float), decimals)
    others = [j for j in range(p.size) if j != i]
    j = max(others, key=lambda j: p[j])
    p[j] = round(1.0 - (p.sum() - p[j]), decimals)
    if p[j] < 0:  # pragma: no cover - only next to a corner; then not rounded
        p = np.clip(np.asarray(p, dtype=float), 0.0, None)
        return p / p.sum()
    return p


@dataclass
class Grab:
    """What the mouse holds: a bar of q or p (``index``), or the agent on the landscape."""

    kind: str  # "q", "p" or "agent"
    index: int = 0
    start: float = 0.0  # the pointer's height when pressed (bars)
    values: np.ndarray | None = None  # q or p when pressed (bars)
    params: np.ndarray | None = None  # the belief's parameters when pressed
    moved: bool = False


class BeliefCommand(QUndoCommand):
    """A hand change of the belief: undo sets the parameters from before, redo those after."""

    def __init__(self, hands: Hands, before, after, text: str):
        super().__init__(text)
        self.hands = hands
        self.before = np.array(before, dtype=float)
        self.after = np.array(after, dtype=float)

    def redo(self) -> None:
        self.hands.put_belief(self.after)

    def undo(self) -> None:
        self.hands.put_belief(self.before)


class WorldCommand(QUndoCommand):
    """A world shaped by hand (a world change: the run starts again in it)."""

    def __init__(self, hands: Hands, before, after, text: str):
        super().__init__(text)
        self.hands = hands
        self.before, self.after = before, after

    def redo(self) -> None:
        self.hands.put_world(self.after)

    def undo(self) -> None:
        self.hands.put_world(self.before)


class Hands(QObject):
    """The mouse and keys on the belief view and the landscape (see the module's notes)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.grab: Grab | None = None
        self.selected: tuple[str, int] = ("q", 0)  # the bar the keys move
        self.applying = False  # a command is changing the world: keep the undo stack
        self._dragged_p = np.empty(0)
        self.belief_view = None
        self.landscape_view = None
        window.runner.frameReady.connect(self._show_handles)

    # --- the views ------------------------------------------------------------------------------
    def attach(self, belief_view, landscape_view) -> None:
        """Watch these views (made again when the language changes)."""
        self.grab = None
        self.belief_view, self.landscape_view = belief_view, landscape_view
        for view in (belief_view, landscape_view):
            view.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            view.plot.installEventFilter(self)
            view.plot.viewport().installEventFilter(self)
            view.plot.viewport().setMouseTracking(True)
        # Handles on the bars that can be dragged; the selected one (for the keys) larger.
        # (symbols moved each frame: Qt paints each, no scatter table is rebuilt)
        self.q_handles = Markers(symbol="s", brush="#7A5500")
        self.p_handles = Markers(symbol="s", brush="w")
        self.focus_mark = Markers(symbol="o")
        for item in (self.q_handles, self.p_handles, self.focus_mark):
            item.setZValue(40)
            belief_view.plot.addItem(item)
        self.agent_mark = Markers(symbol="o")
        self.agent_mark.setZValue(40)
        landscape_view.plot.addItem(self.agent_mark)
        self._handles_key: tuple | None = None  # what the handles show (set again on change)
        self._focus_shown = self._agent_shown = True  # (so the first frame clears them)
        self.retranslate()

    def retranslate(self) -> None:
        """The plots' tooltips in the current language."""
        self.belief_view.plot.setToolTip(
            tr(
                "Drag a bar of q up or down to set the belief by hand (free belief); "
                "in your own world, drag p's outline too. Click a bar, then use the arrow keys."
            )
        )
        self.landscape_view.plot.setToolTip(
            tr("Click or drag to put the agent there; with the plot selected, arrow keys move it.")
        )

    # --- what can be held -----------------------------------------------------------------------
    @property
    def runner(self):
        return self.window.runner

    def q_draggable(self) -> bool:
        return self.window.settings.belief == "free"

    def p_draggable(self) -> bool:
        return self.window.settings.world.name == "custom"

    def bars(self) -> list[tuple[str, int]]:
        """The bars the keys choose from, left to right."""
        k = self.window.settings.world.size
        out = []
        for i in range(k):
            if self.p_draggable():
                out.append(("p", i))
            if self.q_draggable():
                out.append(("q", i))
        return out

    def _frame(self):
        return self.runner.frame().lead

    # --- handles --------------------------------------------------------------------------------
    def _show_handles(self, frame=None) -> None:
        if self.belief_view is None:
            return
        lead = (frame or self.runner.frame()).lead
        q = np.asarray(lead.snapshot.q)
        p = self._shown_p()
        size = self.window.theme.lw(12)
        q_on, p_on = self.q_draggable(), self.p_draggable()
        # A scatter item rebuilds its points on every setData: only when something changed.
        key = (q.tobytes() if q_on else None, p.tobytes() if p_on else None, size)
        if key != self._handles_key:
            self._handles_key = key
            x = np.arange(q.size, dtype=float)
            if q_on:
                pen = pg.mkPen("k", width=self.window.theme.lw(1.5))
                self.q_handles.setData(x + BAR_OFFSET, q, size=size, pen=pen)
            else:
                self.q_handles.setData([], [])
            if p_on:
                pen = pg.mkPen(style.TRUTH, width=self.window.theme.lw(2))
                self.p_handles.setData(x - BAR_OFFSET, p, size=size, pen=pen)
            else:
                self.p_handles.setData([], [])
            # an empty scatter still costs a paint and its bounds every frame
            self.q_handles.setVisible(q_on)
            self.p_handles.setVisible(p_on)
        self._show_focus(lead)

    def _shown_p(self) -> np.ndarray:
        if self.grab is not None and self.grab.kind == "p" and self.grab.moved:
            return self._dragged_p
        return np.asarray(self.window.settings.world.probabilities)

    def _show_focus(self, lead=None) -> None:
        """A ring round the selected bar's handle, or the agent, while its plot has the keys."""
        pen = pg.mkPen("#D62728", width=self.window.theme.lw(3))
        if self.belief_view.plot.hasFocus() and self.selected in self.bars():
            kind, i = self.selected
            q = np.asarray((lead or self._frame()).snapshot.q)
            y = q[i] if kind == "q" else self._shown_p()[i]
            x = i + (BAR_OFFSET if kind == "q" else -BAR_OFFSET)
            self.focus_mark.setData([x], [y], size=self.window.theme.lw(26), pen=pen)
            self.focus_mark.setVisible(True)
            self._focus_shown = True
        elif self._focus_shown:
            self.focus_mark.setData([], [])
            self.focus_mark.setVisible(False)
            self._focus_shown = False
        view = self.landscape_view
        if view.plot.hasFocus() and view.landscape is not None:
            lead = lead or self._frame()
            (x, y), _ = view._positions(lead)
            self.agent_mark.setData([x], [y], size=self.window.theme.lw(40), pen=pen)
            self.agent_mark.setVisible(True)
            self._agent_shown = True
        elif self._agent_shown:
            self.agent_mark.setData([], [])
            self.agent_mark.setVisible(False)
            self._agent_shown = False

    # --- events ---------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        view = self._view_of(obj)
        if view is None:
            return False
        kind = event.type()
        if obj is view.plot:
            if kind == QEvent.Type.ShortcutOverride and self._claims(event):
                event.accept()  # the arrow keys are this plot's while it has the focus
                return True
            if kind == QEvent.Type.KeyPress and self._claims(event):
                self._key(view, event)
                return True
            if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                if kind == QEvent.Type.FocusIn and self.selected not in self.bars():
                    bars = self.bars()
                    if bars:
                        self.selected = bars[0]
                self._show_focus()
            return False
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            return self._press(view, event)
        if kind == QEvent.Type.MouseMove:
            return self._move(view, event)
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            return self._release(view, event)
        return False

    def _view_of(self, obj):
        for view in (self.belief_view, self.landscape_view):
            if view is not None and obj in (view.plot, view.plot.viewport()):
                return view
        return None

    @staticmethod
    def _claims(event) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return event.key() in ARROWS and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        )

    @staticmethod
    def data_point(view, pos) -> QPointF | None:
        """The data coordinates under a viewport position, or None outside the plot's box."""
        scene = view.plot.mapToScene(pos.toPoint() if hasattr(pos, "toPoint") else pos)
        box = view.plot.getViewBox()
        if not box.sceneBoundingRect().contains(scene):
            return None
        return box.mapSceneToView(scene)

    def _press(self, view, event) -> bool:
        point = self.data_point(view, event.position())
        if point is None:
            return False
        view.plot.setFocus(Qt.FocusReason.MouseFocusReason)
        lead = self._frame()
        if view is self.belief_view:
            k = self.window.settings.world.size
            i = int(np.clip(np.floor(point.x() + 0.5), 0, k - 1))
            kind = "p" if point.x() < i and self.p_draggable() else "q"
            if kind == "q" and not self.q_draggable():
                kind = "p" if self.p_draggable() else ""
            if not kind:
                return False
            values = (
                np.asarray(lead.snapshot.q)
                if kind == "q"
                else np.asarray(self.window.settings.world.probabilities)
            )
            self.selected = (kind, i)
            self.grab = Grab(kind, i, point.y(), values.copy(), np.array(lead.snapshot.params))
            self._dragged_p = values.copy()
        else:
            if view.landscape is None:
                return False
            self.grab = Grab("agent", params=np.array(lead.snapshot.params))
            self._drop(point)
        self.runner.hold(True)
        self._show_focus()
        return True

    def _move(self, view, event) -> bool:
        grab = self.grab
        if grab is None:
            self._hover(view, event)
            return False
        point = self.data_point_clamped(view, event.position())
        if grab.kind == "agent":
            self._drop(point)
            return True
        value = grab.values[grab.index] + (point.y() - grab.start)
        grab.moved = True
        if grab.kind == "q":
            self._set_q(rescaled(grab.values, grab.index, value))
        else:
            p = rounded_distribution(rescaled(grab.values, grab.index, value, eps=0.0), grab.index)
            self._dragged_p = p
            x = np.arange(p.size, dtype=float) - BAR_OFFSET
            self.belief_view.truth.setOpts(x=x, height=p, width=0.38)
            self._show_handles()
        return True

    def _release(self, view, event) -> bool:
        grab = self.grab
        if grab is None:
            return False
        if grab.moved or grab.kind == "agent":
            self._move(view, event)
        self.grab = None
        self.runner.hold(False)
        if grab.kind == "p":
            if grab.moved:
                self.shape_world(self._dragged_p)
            return True
        after = np.array(self._frame().snapshot.params)
        if not np.array_equal(after, grab.params):
            text = tr("Move the agent") if grab.kind == "agent" else tr("Drag the belief")
            self.window.undo_stack.push(BeliefCommand(self, grab.params, after, text))
        return True

    def data_point_clamped(self, view, pos) -> QPointF:
        scene = view.plot.mapToScene(pos.toPoint())
        return view.plot.getViewBox().mapSceneToView(scene)

    def _hover(self, view, event) -> None:
        """The pointer shows what a drag would do there."""
        point = self.data_point(view, event.position())
        shape = Qt.CursorShape.ArrowCursor
        if point is not None:
            if view is self.landscape_view and view.landscape is not None:
                shape = Qt.CursorShape.PointingHandCursor
            elif view is self.belief_view and (self.q_draggable() or self.p_draggable()):
                shape = Qt.CursorShape.SizeVerCursor
        view.plot.viewport().setCursor(shape)

    # --- changes --------------------------------------------------------------------------------
    def _set_q(self, q: np.ndarray) -> None:
        """The lead's belief set to the distribution q (free belief)."""
        self.put_belief(self.runner.params_at(q[:-1]))

    def put_belief(self, params) -> None:
        try:
            self.runner.set_belief(params)
        except BeliefError as exc:  # pragma: no cover - the views only offer valid beliefs
            self._warn(tr("Belief not changed"), exc)

    def _drop(self, point: QPointF) -> None:
        """The agent put at ``point`` on the landscape, or as near as its belief can be."""
        view = self.landscape_view
        landscape = view.landscape
        axes = landscape.axes
        low, high = np.asarray(axes.lows, dtype=float), np.asarray(axes.highs, dtype=float)
        margin = (high - low) * EPSILON
        target = np.array([point.x(), point.y()])[: len(low)]
        target = np.clip(target, low + margin, high - margin)
        params = self.runner.params_at(target)
        if not np.all(np.isfinite(params)):
            # Off the beliefs the family can hold (off the simplex): as far as it can go
            # along the way from where the agent is.
            here = np.asarray(self._frame().position, dtype=float)[: len(low)]
            lo, hi = 0.0, 1.0
            for _ in range(40):
                mid = (lo + hi) / 2
                if np.all(np.isfinite(self.runner.params_at(here + mid * (target - here)))):
                    lo = mid
                else:
                    hi = mid
            params = self.runner.params_at(here + lo * (target - here))
        self.put_belief(params)

    def shape_world(self, p) -> None:
        """Your own world's p set by hand: a world change (one command)."""
        world = self.window.settings.world
        try:
            new = custom_world([float(v) for v in p], world.labels)
        except MessageError as exc:
            self._warn(tr("World not changed"), exc)
            self.window.redraw()
            return
        if new.p == world.p:
            self.window._rebuild_views()
            return
        self.window.undo_stack.push(WorldCommand(self, world, new, tr("Shape the world")))

    def _warn(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self.window, title, i18n.translate_error(exc))

    def put_world(self, world) -> None:
        self.applying = True
        try:
            self.window.change_world(world)
        finally:
            self.applying = False

    # --- keys ---------------------------------------------------------------------------------
    def _key(self, view, event) -> None:
        key = event.key()
        big = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if view is self.belief_view:
            bars = self.bars()
            if not bars:
                return
            if self.selected not in bars:
                self.selected = bars[0]
            at = bars.index(self.selected)
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                at += 1 if key == Qt.Key.Key_Right else -1
                self.selected = bars[min(max(at, 0), len(bars) - 1)]
                self._show_focus()
                return
            delta = (10 if big else 1) * KEY_STEP * (1 if key == Qt.Key.Key_Up else -1)
            self.nudge_bar(*self.selected, delta)
            return
        landscape = view.landscape
        if landscape is None:
            return
        lead = self._frame()
        here = np.asarray(lead.position, dtype=float)[: len(landscape.grid)].copy()
        cells = [float(g[1] - g[0]) for g in landscape.grid]
        steps = 10 if big else 1
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            here[0] += steps * cells[0] * (1 if key == Qt.Key.Key_Right else -1)
        elif len(cells) > 1:
            here[1] += steps * cells[1] * (1 if key == Qt.Key.Key_Up else -1)
        else:
            return
        before = np.array(lead.snapshot.params)
        self._drop(QPointF(*here) if len(here) > 1 else QPointF(here[0], 0.0))
        after = np.array(self._frame().snapshot.params)
        if not np.array_equal(before, after):
            self.window.undo_stack.push(BeliefCommand(self, before, after, tr("Move the agent")))

    def nudge_bar(self, kind: str, i: int, delta: float) -> None:
        """One key press on bar ``i`` of q or p: up or down by ``delta`` (one command)."""
        if kind == "q":
            lead = self._frame()
            before = np.array(lead.snapshot.params)
            q = np.asarray(lead.snapshot.q)
            self._set_q(rescaled(q, i, q[i] + delta))
            after = np.array(self._frame().snapshot.params)
            if not np.array_equal(before, after):
                self.window.undo_stack.push(
                    BeliefCommand(self, before, after, tr("Drag the belief"))
                )
        else:
            p = np.asarray(self.window.settings.world.probabilities)
            self.shape_world(rounded_distribution(rescaled(p, i, p[i] + delta, eps=0.0), i))
