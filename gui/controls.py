"""The control panel: world, belief, learner, learning rate, temperature, speed, units."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from engine import registry
from engine.localnum import to_engine_text
from engine.settings import Settings
from engine.validation import DistributionError
from engine.worlds import PRESETS, World, custom_world

from . import i18n


def tr(text: str) -> str:
    return QCoreApplication.translate("Controls", text)


MAX_SPEED = math.inf
SPEED_STOPS: tuple[float, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, MAX_SPEED)


class ChoiceBox(QComboBox):
    """A drop-down that does not widen its panel to its longest choice.

    Closed, it needs room for about 14 characters and shows as much of the current choice as
    the panel gives it; open, its list is as wide as the longest choice, so every choice is read
    in full.  (A Ukrainian choice such as «Без навчання (переконання не змінюється)» widened the
    whole control panel and pushed a view off a 1280-pixel screen.)
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def _widest(self) -> int:
        """The longest choice's width, with room for the arrow and the frame."""
        texts = (self.itemText(i) for i in range(self.count()))
        return max((self.fontMetrics().horizontalAdvance(t) for t in texts), default=0) + 48

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), self._widest()))  # the whole choice, when there is room
        return hint

    def paintEvent(self, event) -> None:
        # A choice longer than the box ends in "…" rather than being cut mid-letter.
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width()
        )
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:
        self.view().setMinimumWidth(self._widest())
        super().showPopup()


class LogSlider(QWidget):
    """A slider on a logarithmic scale with the exact value shown and editable beside it.

    ``valueChanged`` carries the value.  A value of 0 is allowed when ``allow_zero`` (the
    slider's leftmost position); the spin box accepts any value in range.
    """

    valueChanged = Signal(float)
    STEPS = 1000

    def __init__(
        self,
        low: float,
        high: float,
        value: float,
        allow_zero: bool = False,
        decimals: int = 4,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.low, self.high, self.allow_zero = low, high, allow_zero
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.box = QDoubleSpinBox()
        self.box.setDecimals(decimals)
        self.box.setRange(0.0 if allow_zero else low, high)
        self.box.setKeyboardTracking(False)
        self.box.setMinimumWidth(120)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        self._value = value
        self._sync(value)
        self.slider.valueChanged.connect(self._from_slider)
        self.box.valueChanged.connect(self._from_box)

    def value(self) -> float:
        return self._value

    def position_for(self, value: float) -> int:
        if value <= 0 or value < self.low:
            return 0
        frac = math.log(value / self.low) / math.log(self.high / self.low)
        return round(min(max(frac, 0.0), 1.0) * self.STEPS)

    def value_at(self, position: int) -> float:
        if position == 0 and self.allow_zero:
            return 0.0
        return self.low * (self.high / self.low) ** (position / self.STEPS)

    def setValue(self, value: float) -> None:
        value = min(max(value, 0.0 if self.allow_zero else self.low), self.high)
        if value == self._value:
            return
        self._value = value
        self._sync(value)
        self.valueChanged.emit(value)

    def _sync(self, value: float) -> None:
        with QSignalBlocker(self.slider), QSignalBlocker(self.box):
            self.slider.setValue(self.position_for(value))
            self.box.setValue(value)

    def _from_slider(self, position: int) -> None:
        value = float(f"{self.value_at(position):.4g}")
        self._value = value
        with QSignalBlocker(self.box):
            self.box.setValue(value)
        self.valueChanged.emit(value)

    def _from_box(self, value: float) -> None:
        self._value = value
        with QSignalBlocker(self.slider):
            self.slider.setValue(self.position_for(value))
        self.valueChanged.emit(value)

    @classmethod
    def for_param(cls, param: registry.Param, value: float) -> LogSlider:
        """A slider over the whole range the setting allows (from the registry)."""
        r = param.widest
        assert r is not None
        allow_zero = 0.0 in r
        low = param.slider_low if param.slider_low is not None else r.low
        return cls(low, r.high, value, allow_zero=allow_zero, decimals=param.decimals)


class SeedBox(QAbstractSpinBox):
    """A whole number box for the seed over its whole range (0 to 2⁶³ − 1), shown exactly.

    A QSpinBox holds 32-bit numbers and would show a larger seed clamped; this box holds a
    Python int.  Text that is not a whole number in range cannot be typed in.
    ``valueChanged`` carries the value (when editing finishes, like keyboard tracking off).
    """

    valueChanged = Signal(object)

    def __init__(self, low: int, high: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._low, self._high = low, high
        self._value = low
        self.lineEdit().setText(str(low))
        self.editingFinished.connect(self._commit)

    def minimum(self) -> int:
        return self._low

    def maximum(self) -> int:
        return self._high

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:
        value = int(value)
        if not self._low <= value <= self._high:
            raise ValueError(f"seed {value} is outside {self._low} to {self._high}")
        self.lineEdit().setText(str(value))
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def _commit(self) -> None:
        text = self.lineEdit().text().strip()
        if text.isdigit() and self._low <= int(text) <= self._high:
            self.setValue(int(text))
        else:
            self.lineEdit().setText(str(self._value))

    def validate(self, text: str, pos: int):
        stripped = text.strip()
        if not stripped:
            return (QValidator.State.Intermediate, text, pos)
        if not stripped.isdigit() or int(stripped) > self._high:
            return (QValidator.State.Invalid, text, pos)
        if int(stripped) < self._low:
            return (QValidator.State.Intermediate, text, pos)
        return (QValidator.State.Acceptable, text, pos)

    def stepBy(self, steps: int) -> None:
        self.setValue(min(max(self._value + steps, self._low), self._high))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self._value > self._low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self._value < self._high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags


FAST = 200  # the named stop "fast"


def speed_text(speed: float) -> str:
    """The speed as the teacher would say it; the named stops have their own words."""
    if math.isinf(speed):
        return tr("maximum")
    if speed == 1:
        return tr("1 per second: narrate each one")
    if speed == 10:
        return tr("10 per second")
    if speed == FAST:
        return tr("fast (200 per second)")
    return tr("{n} per second").format(n=f"{speed:g}")


def accessible(widget: QWidget, name: str, description: str | None = None) -> None:
    """A screen reader's name for a control (and its parts: a slider's box), and its
    description (by default its tooltip).  ``name`` is already translated."""
    parts = [widget, *widget.findChildren(QAbstractSlider), *widget.findChildren(QAbstractSpinBox)]
    for part in parts:
        part.setAccessibleName(name)
        text = description if description is not None else widget.toolTip()
        if text:
            part.setAccessibleDescription(text)


class Texts:
    """The texts a widget shows, each set now and set again after a language switch.

    ``texts(setter, make)`` calls ``setter(make())`` now and on every :meth:`retranslate`, so
    a text is written once, where the widget is made, and nothing is rebuilt to translate it.
    Register an accessible name after the tooltip it describes (they are set in order).
    """

    def __init__(self) -> None:
        self._items: list[tuple[Callable, Callable]] = []

    def __call__(self, setter: Callable, make: Callable) -> None:
        setter(make())
        self._items.append((setter, make))

    def retranslate(self) -> None:
        for setter, make in self._items:
            setter(make())


def world_titles() -> dict[str, str]:
    """The preset worlds as the world menu names them."""
    return {
        "weather": tr("Weather (rain 80 %)"),
        "fair-die": tr("Fair die"),
        "weird-die": tr("Weird die (1, 2, 3, 4, 4, 4)"),
        "loaded-die": tr("Loaded die (2 and 5)"),
    }


def set_items(box: QComboBox, titles: list[str]) -> None:
    """A combo box's item texts, in order (its data and current item stay)."""
    for i, title in enumerate(titles):
        box.setItemText(i, title)


def form_row(texts: Texts, form: QFormLayout, make: Callable[[], str], field) -> None:
    """A form row whose label is ``make()``, in the current language after every switch."""
    form.addRow(make(), field)
    texts(form.labelForField(field).setText, make)


# --- a control for each registered setting ------------------------------------------------

ATTRIBUTES = {"learning_rate": "lr"}  # the panel's attribute for a setting (else its name)


def learning_params() -> list[str]:
    """The settings the control panel shows: every learner's, in the registry's order."""
    names: list[str] = []
    for learner in registry.LEARNERS.values():
        for name in learner.params:
            if registry.PARAMS[name].control and name not in names:
                names.append(name)
    return names


def param_widget(param: registry.Param, value) -> QWidget:
    """The control for one setting, spanning exactly the range the settings allow."""
    if param.choices:
        box = ChoiceBox()
        for choice, title in zip(param.choices, param.choice_titles, strict=True):
            box.addItem(i18n.engine_text(title), choice)
        return box
    if param.scale == registry.LOG:
        return LogSlider.for_param(param, value)
    r = param.widest
    assert r is not None
    if param.integer:
        spin = QSpinBox()
        spin.setRange(int(r.low), int(r.high))
    else:
        spin = QDoubleSpinBox()
        spin.setDecimals(param.decimals)
        spin.setRange(r.low, r.high)
        if param.step:
            spin.setSingleStep(param.step)
    spin.setKeyboardTracking(False)
    return spin


def param_texts(texts: Texts, param: registry.Param, widget: QWidget) -> None:
    """A setting's control's own texts (a choice's titles), again after a language switch."""
    if isinstance(widget, QComboBox) and param.choices:
        texts(
            lambda titles: set_items(widget, titles),
            lambda: [i18n.engine_text(title) for title in param.choice_titles],
        )


def connect_param(widget: QWidget, emit) -> None:
    """Call ``emit(value)`` when the person changes the control."""
    if isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda: emit(widget.currentData()))
    else:
        widget.valueChanged.connect(emit)  # type: ignore[attr-defined]


def show_param(widget: QWidget, param: registry.Param, settings: Settings) -> None:
    """Show a setting's value (its range as it applies to these settings)."""
    value = getattr(settings, param.name)
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(widget.findData(value))
        return
    if isinstance(widget, QDoubleSpinBox | QSpinBox):
        r = param.range_for(settings) or param.widest
        if r is not None:
            widget.setRange(r.low, r.high)
    widget.setValue(value)  # type: ignore[attr-defined]


class ControlPanel(QWidget):
    """Emits ``settingChanged(name, value)`` for engine settings and plain signals for the rest."""

    settingChanged = Signal(str, object)
    worldChanged = Signal(object)
    speedChanged = Signal(float)
    playToggled = Signal(bool)
    stepRequested = Signal()
    resetRequested = Signal()

    def __init__(self, settings: Settings, speed: float, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)

        # Every text is set through self.texts, which sets it again after a language switch.
        self.texts = texts = Texts()

        # --- run buttons ---
        buttons = QHBoxLayout()
        self.play = QPushButton()
        self.play.setObjectName("play")
        self.play.setCheckable(True)
        texts(self.play.setText, lambda: tr("Pause") if self.play.isChecked() else tr("Play"))
        texts(
            self.play.setToolTip,
            lambda: tr("Start or pause drawing outcomes; the agent learns from each."),
        )
        self.step = QPushButton()
        texts(self.step.setText, lambda: tr("Step"))
        texts(
            self.step.setToolTip,
            lambda: tr("Draw exactly one outcome and let the agent learn from it."),
        )
        self.reset = QPushButton()
        texts(self.reset.setText, lambda: tr("Reset"))
        texts(
            self.reset.setToolTip,
            lambda: tr("Back to the first outcome: the same seed repeats the same outcomes."),
        )
        for b, name in ((self.play, lambda: tr("Play")), (self.step, self.step.text)):
            texts(lambda text, b=b: accessible(b, text), name)
        texts(lambda text: accessible(self.reset, text), self.reset.text)
        for b in (self.play, self.step, self.reset):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.play.toggled.connect(self._on_play)
        self.step.clicked.connect(self.stepRequested)
        self.reset.clicked.connect(self.resetRequested)

        # --- the experiment ---
        setup = QGroupBox()
        texts(setup.setTitle, lambda: tr("Experiment"))
        form = QFormLayout(setup)
        self.world = ChoiceBox()
        for name in PRESETS:
            self.world.addItem(name, name)
        self.world.addItem("custom", "custom")
        texts(
            lambda titles: set_items(self.world, titles),
            lambda: [world_titles()[name] for name in PRESETS] + [tr("Custom…")],
        )
        texts(
            self.world.setToolTip,
            lambda: tr("The true distribution p the outcomes come from; the agent never sees it."),
        )
        form_row(texts, form, lambda: tr("World"), self.world)
        texts(lambda name: accessible(self.world, name), lambda: tr("World"))
        self.custom = QLineEdit()
        texts(
            self.custom.setPlaceholderText,
            lambda: tr("e.g. 0.5, 0.3, 0.2  or  1/6 ×6  or  50% 50%"),
        )
        texts(
            self.custom.setToolTip,
            lambda: tr(
                "Type a distribution (2 to 12 numbers that sum to 1); press Enter to use it."
            ),
        )
        self.custom_status = QLabel("")
        self.custom_status.setWordWrap(True)
        self._status: tuple[Callable[[], str], bool] | None = None  # (its text, ok), if any
        form_row(texts, form, lambda: tr("p ="), self.custom)
        texts(
            lambda name: accessible(self.custom, name),
            lambda: tr("Your own world's distribution p"),
        )
        form.addRow("", self.custom_status)
        self.belief = ChoiceBox()
        for name in registry.BELIEFS:
            self.belief.addItem(name, name)
        texts(  # the families' own titles
            lambda titles: set_items(self.belief, titles),
            lambda: [i18n.engine_text(b.title) for b in registry.BELIEFS.values()],
        )
        texts(
            self.belief.setToolTip,
            lambda: tr(
                "What beliefs the agent can hold: any distribution, or a hunch that one face is favoured."
            ),
        )
        form_row(texts, form, lambda: tr("Belief"), self.belief)
        texts(lambda name: accessible(self.belief, name), lambda: tr("Belief"))
        self.learner = ChoiceBox()
        for name in registry.LEARNERS:
            self.learner.addItem(name, name)
        texts(  # translated like every engine string
            lambda titles: set_items(self.learner, titles),
            lambda: [i18n.engine_text(x.title) for x in registry.LEARNERS.values()],
        )
        texts(
            self.learner.setToolTip,
            lambda: tr(
                "How the agent learns: follow the slope of its surprise, explore at random and cool down, or not at all."
            ),
        )
        form_row(texts, form, lambda: tr("Learner"), self.learner)
        texts(lambda name: accessible(self.learner, name), lambda: tr("Learner"))
        layout.addWidget(setup)

        # --- learning: one control per registered setting of a learner, in the registry's order
        learning = QGroupBox()
        texts(learning.setTitle, lambda: tr("Learning"))
        lform = QFormLayout(learning)
        self.params: dict[str, QWidget] = {}
        for name in learning_params():
            param = registry.PARAMS[name]
            widget = param_widget(param, getattr(settings, name))
            param_texts(texts, param, widget)
            texts(widget.setToolTip, lambda p=param: i18n.engine_text(p.tooltip))
            label = lambda p=param: i18n.engine_text(p.label)  # noqa: E731
            form_row(texts, lform, label, widget)
            texts(lambda text, w=widget: accessible(w, text), label)
            self.params[name] = widget
            setattr(self, ATTRIBUTES.get(name, name), widget)
        layout.addWidget(learning)

        # --- display ---
        display = QGroupBox()
        texts(display.setTitle, lambda: tr("Display"))
        dform = QFormLayout(display)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEED_STOPS) - 1)
        self.speed.setPageStep(1)
        texts(
            self.speed.setToolTip,
            lambda: tr(
                "Outcomes per second: one a second to narrate each roll, up to as fast as the machine goes."
            ),
        )
        self.speed_label = QLabel()
        srow = QVBoxLayout()
        self.speed.setTickPosition(QSlider.TickPosition.TicksBelow)
        srow.addWidget(self.speed)
        srow.addWidget(self.speed_label)
        form_row(texts, dform, lambda: tr("Speed"), srow)
        texts(lambda name: accessible(self.speed, name), lambda: tr("Speed"))
        self.seed = SeedBox(int(registry.SEED_RANGE.low), int(registry.SEED_RANGE.high))
        texts(
            self.seed.setToolTip,
            lambda: tr("The random seed: the same seed draws the same outcomes again."),
        )
        form_row(texts, dform, lambda: tr("Seed"), self.seed)
        texts(lambda name: accessible(self.seed, name), lambda: tr("Seed"))
        units = QHBoxLayout()
        self.bits = QRadioButton()
        self.nats = QRadioButton()
        texts(self.bits.setText, lambda: tr("bits"))
        texts(self.nats.setText, lambda: tr("nats"))
        texts(
            self.bits.setToolTip,
            lambda: tr(
                "Measure surprise with log base 2 (bits); the learning itself does not change."
            ),
        )
        texts(
            self.nats.setToolTip,
            lambda: tr(
                "Measure surprise with the natural log (nats); the learning itself does not change."
            ),
        )
        self.units_group = QButtonGroup(self)
        self.units_group.addButton(self.bits)
        self.units_group.addButton(self.nats)
        texts(lambda name: accessible(self.bits, name), lambda: tr("Units: bits"))
        texts(lambda name: accessible(self.nats, name), lambda: tr("Units: nats"))
        units.addWidget(self.bits)
        units.addWidget(self.nats)
        form_row(texts, dform, lambda: tr("Units"), units)
        layout.addWidget(display)
        layout.addStretch(1)

        self.show_settings(settings, speed)
        self.world.currentIndexChanged.connect(self._on_world)
        self.custom.textChanged.connect(self._on_custom_text)
        self.custom.returnPressed.connect(self._apply_custom)
        self.belief.currentIndexChanged.connect(
            lambda: self.settingChanged.emit("belief", self.belief.currentData())
        )
        self.learner.currentIndexChanged.connect(self._on_learner)
        for name, widget in self.params.items():
            connect_param(widget, lambda value, name=name: self.settingChanged.emit(name, value))
        self.speed.valueChanged.connect(self._on_speed)
        self.seed.valueChanged.connect(lambda v: self.settingChanged.emit("seed", int(v)))
        self.bits.toggled.connect(lambda on: on and self.settingChanged.emit("units", "bits"))
        self.nats.toggled.connect(lambda on: on and self.settingChanged.emit("units", "nats"))
        self._pending_world: World | None = None

    def retranslate(self) -> None:
        """Every text again in the current language (the window then shows the settings)."""
        self.texts.retranslate()
        if self._status is not None:
            make, ok = self._status
            self._set_status(make, ok)

    # --- model → widgets (signals blocked, so nothing echoes back) ---
    def show_settings(self, s: Settings, speed: float) -> None:
        widgets = (
            self.world,
            self.belief,
            self.learner,
            self.speed,
            self.seed,
            self.bits,
            self.nats,
            self.custom,
            *self.params.values(),
        )
        blockers = [QSignalBlocker(w) for w in widgets]
        self.world.setCurrentIndex(self.world.findData(s.world.name))
        if s.world.name == "custom":
            self.custom.setText(i18n.number_list(s.world.p, "g"))  # «0,5; 0,3; 0,2» in uk
        self.custom.setEnabled(s.world.name == "custom")
        self.belief.setCurrentIndex(self.belief.findData(s.belief))
        self.learner.setCurrentIndex(self.learner.findData(s.learner))
        self.speed.setValue(_nearest_stop(speed))
        self.speed_label.setText(speed_text(SPEED_STOPS[_nearest_stop(speed)]))
        self.seed.setValue(s.seed)  # the whole range: shown exactly, never clamped
        self.bits.setChecked(s.units == "bits")
        self.nats.setChecked(s.units == "nats")
        for name, widget in self.params.items():
            show_param(widget, registry.PARAMS[name], s)
            widget.setEnabled(registry.uses(s.learner, name, s))
        del blockers

    # --- widgets → model ---
    def _on_play(self, on: bool) -> None:
        self.play.setText(tr("Pause") if on else tr("Play"))
        self.playToggled.emit(on)

    def _on_world(self) -> None:
        name = self.world.currentData()
        self.custom.setEnabled(name == "custom")
        if name == "custom":
            self.custom.setFocus()
            self._on_custom_text(self.custom.text())
            return
        self.custom_status.setText("")
        self.worldChanged.emit(PRESETS[name])

    def _on_learner(self) -> None:
        self.settingChanged.emit("learner", self.learner.currentData())

    def _on_speed(self, index: int) -> None:
        speed = SPEED_STOPS[index]
        self.speed_label.setText(speed_text(speed))
        self.speedChanged.emit(speed)

    def _on_custom_text(self, text: str) -> None:
        """Validate as the teacher types; the running world is kept until a valid Enter."""
        if not text.strip():
            self._pending_world = None
            self._set_status(lambda: tr("Type 2 to 12 probabilities that sum to 1."), ok=True)
            return
        try:
            world = custom_world(to_engine_text(text, decimal_comma=i18n.decimal_comma()))
        except DistributionError as exc:
            self._pending_world = None
            if i18n.decimal_comma() and isinstance(exc.params.get("entry"), str):
                exc.params["entry"] = exc.params["entry"].replace(".", ",")  # as typed
            self._set_status(lambda error=exc: i18n.translate_error(error), ok=False)
            return
        self._pending_world = world
        self._set_status(
            lambda: tr("✓ {n} outcomes — press Enter to use").format(n=world.size), ok=True
        )

    def _apply_custom(self) -> None:
        if self._pending_world is not None:
            self.worldChanged.emit(self._pending_world)
            self._set_status(lambda: tr("✓ in use"), ok=True)

    def _set_status(self, make: Callable[[], str], ok: bool) -> None:
        """The line under the custom world: ``make()`` is its text (again after a switch)."""
        self._status = (make, ok)
        self.custom_status.setObjectName("fieldOk" if ok else "fieldError")
        self.custom_status.setStyleSheet("")  # re-polish with the new object name
        self.custom_status.setText(make())


def _nearest_stop(speed: float) -> int:
    if math.isinf(speed):
        return len(SPEED_STOPS) - 1
    return min(
        range(len(SPEED_STOPS)),
        key=lambda i: (
            abs(math.log(SPEED_STOPS[i]) - math.log(max(speed, 1e-9)))
            if not math.isinf(SPEED_STOPS[i])
            else math.inf
        ),
    )
