"""The race: rival learners beside the lead, on the same outcomes.

``RacePanel`` holds the rivals' own settings (learner, learning rate, temperature); the world,
belief, seed and units are the lead's, set in the control panel above.  ``RaceReadouts``
shows every learner's numbers side by side.  Each learner keeps one colour, line style and
landscape symbol everywhere (``style.RACE_*``), so no view depends on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine import registry
from engine.frame import LearnerFrame
from engine.limits import MAX_LEARNERS
from engine.measures import from_nats
from engine.settings import Settings

from . import i18n, style
from .controls import (
    ATTRIBUTES,
    ChoiceBox,
    Texts,
    accessible,
    connect_param,
    form_row,
    param_texts,
    param_widget,
    set_items,
    show_param,
)
from .panels import Steady, ValueLabel


def tr(text: str) -> str:
    return QCoreApplication.translate("Race", text)


def line_words(index: int) -> str:
    """How learner ``index`` is drawn, in words (for people who cannot tell the colours)."""
    words = {
        "solid": tr("solid line, round dot"),
        "dash": tr("dashed line, square"),
        "dashdot": tr("dash-dot line, diamond"),
        "dot": tr("dotted line, triangle"),
    }
    return words[style.RACE_LINES[index]]


def short_name(settings: Settings) -> str:
    """The learner and its main setting, as the legend and readouts show it."""
    learner = registry.LEARNERS[settings.learner]
    value = registry.main_value(settings)
    text = i18n.engine_text(learner.short)
    if value is None:
        return text
    return text.format(value=i18n.number(f"{value:g}"))


def rival_params() -> list[str]:
    """A rival's own settings: each learner's main one (the registry's)."""
    names: list[str] = []
    for learner in registry.LEARNERS.values():
        if learner.main is not None and learner.main not in names:
            names.append(learner.main)
    return names


def swatch(index: int) -> QLabel:
    """The learner's letter on its colour."""
    label = QLabel(style.RACE_LETTERS[index])
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(
        f"background: {style.RACE_TEXT[index]}; color: white; font-weight: bold;"
        "border-radius: 4px; padding: 2px 8px;"
    )
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


class RivalBox(QGroupBox):
    """One rival's own settings."""

    changed = Signal(str, object)
    removeRequested = Signal()

    def __init__(self, index: int, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        letter = style.RACE_LETTERS[index]
        self.texts = texts = Texts()  # set again by retranslate()
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(swatch(index))
        self.caption = QLabel()
        texts(self.caption.setText, lambda: line_words(index))
        head.addWidget(self.caption, 1)
        self.remove = QPushButton()
        texts(self.remove.setText, lambda: tr("Remove"))
        texts(self.remove.setToolTip, lambda: tr("Take this learner out of the race."))
        texts(
            lambda name: accessible(self.remove, name),
            lambda: tr("Remove learner {letter}").format(letter=letter),
        )
        head.addWidget(self.remove)
        layout.addLayout(head)
        form = QFormLayout()
        self.learner = ChoiceBox()
        for name in registry.LEARNERS:
            self.learner.addItem(name, name)
        texts(
            lambda titles: set_items(self.learner, titles),
            lambda: [i18n.engine_text(x.title) for x in registry.LEARNERS.values()],
        )
        texts(
            self.learner.setToolTip,
            lambda: tr("This learner's own method; it sees the lead's outcomes."),
        )
        form_row(texts, form, lambda: tr("Learner"), self.learner)
        texts(
            lambda name: accessible(self.learner, name),
            lambda: tr("Learner {letter}").format(letter=letter),
        )
        self.params: dict[str, QWidget] = {}
        for name in rival_params():
            param = registry.PARAMS[name]
            widget = param_widget(param, getattr(settings, name))
            param_texts(texts, param, widget)
            label = lambda p=param: i18n.engine_text(p.label)  # noqa: E731
            form_row(texts, form, label, widget)
            texts(lambda text, w=widget: accessible(w, f"{letter}: {text}"), label)
            self.params[name] = widget
            setattr(self, ATTRIBUTES.get(name, name), widget)
        layout.addLayout(form)
        self.show_settings(settings)
        self.learner.currentIndexChanged.connect(
            lambda: self.changed.emit("learner", self.learner.currentData())
        )
        for name, widget in self.params.items():
            connect_param(widget, lambda value, name=name: self.changed.emit(name, value))
        self.remove.clicked.connect(self.removeRequested)

    def show_settings(self, s: Settings) -> None:
        with QSignalBlocker(self.learner):
            self.learner.setCurrentIndex(self.learner.findData(s.learner))
        for name, widget in self.params.items():
            with QSignalBlocker(widget):
                show_param(widget, registry.PARAMS[name], s)
            widget.setEnabled(registry.LEARNERS[s.learner].main == name)


class RacePanel(QGroupBox):
    """Add, change and remove rivals; they learn from exactly the lead's outcomes."""

    addRequested = Signal()
    removeRequested = Signal(int)  # 0 = the first rival (B)
    rivalChanged = Signal(int, str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = texts = Texts()  # set again by retranslate()
        texts(self.setTitle, lambda: tr("Race: learners on the same outcomes"))
        layout = QVBoxLayout(self)
        lead = QHBoxLayout()
        lead.addWidget(swatch(0))
        self.lead_caption = QLabel()
        self.lead_caption.setWordWrap(True)
        lead.addWidget(self.lead_caption, 1)
        layout.addLayout(lead)
        self.rival_layout = QVBoxLayout()
        layout.addLayout(self.rival_layout)
        self.add = QPushButton()
        texts(self.add.setText, lambda: tr("Add a learner"))
        texts(
            self.add.setToolTip,
            lambda: tr(
                "Race another learner against this one: same world, same belief, same seed, "
                "so the very same outcomes."
            ),
        )
        texts(lambda name: accessible(self.add, name), self.add.text)
        self.add.clicked.connect(self.addRequested)
        layout.addWidget(self.add)
        self.boxes: list[RivalBox] = []

    def retranslate(self) -> None:
        """Every text again in the current language (the window then shows the race)."""
        self.texts.retranslate()
        for box in self.boxes:
            box.texts.retranslate()

    def show_race(self, lead: Settings, rivals: list[Settings]) -> None:
        """Show the current learners (rebuilding the rival boxes only if their number changed)."""
        self.lead_caption.setText(
            tr("A: the learner set above ({line})").format(line=line_words(0))
        )
        if len(rivals) != len(self.boxes):
            for box in self.boxes:
                box.deleteLater()
            self.boxes = []
            for i, settings in enumerate(rivals):
                box = RivalBox(i + 1, settings)
                box.changed.connect(lambda name, value, i=i: self.rivalChanged.emit(i, name, value))
                box.removeRequested.connect(lambda i=i: self.removeRequested.emit(i))
                self.rival_layout.addWidget(box)
                self.boxes.append(box)
        for box, settings in zip(self.boxes, rivals, strict=True):
            box.show_settings(settings)
        self.add.setEnabled(len(rivals) + 1 < MAX_LEARNERS)


def _cell_samples() -> list[str]:
    """The widest texts a cell of the race strip shows, in both units and the language now."""
    from .panels import fmt

    texts = [f"{fmt(99.999)} {i18n.unit_after_decimal(units)}" for units in ("bits", "nats")]
    return [*texts, i18n.number("0.00999"), i18n.number("999.")]


class RaceReadouts(QWidget):
    """Every learner's numbers side by side: one column per learner."""

    ROWS = ("cross_entropy", "kl", "mean_surprise", "temperature")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 2, 8, 2)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(2)
        self.names: dict[str, QLabel] = {}
        for row, key in enumerate(self.ROWS, start=1):
            label = QLabel()
            label.setObjectName("readoutName")
            self.grid.addWidget(label, row, 0)
            self.names[key] = label
        self.retranslate()
        self.heads: list[QLabel] = []
        self.cells: list[dict[str, QLabel]] = []
        for column in range(MAX_LEARNERS):
            head = QLabel()
            head.setObjectName("raceHead")
            head.setWordWrap(True)  # a long learner name wraps instead of being cut off
            head.setStyleSheet(f"color: {style.RACE_TEXT[column]};")
            self.grid.addWidget(head, 0, column + 1)
            self.heads.append(head)
            cells = {}
            for row, key in enumerate(self.ROWS, start=1):
                cell = ValueLabel("–")  # (selectable by mouse)
                cell.setObjectName("raceValue")
                # Its text changes every frame: in a box of its own with room for the widest
                # value, so that the strip is not laid out again each time (see Steady).
                self.grid.addWidget(Steady(cell, samples=_cell_samples), row, column + 1)
                cells[key] = cell
            self.cells.append(cells)
        self.grid.setColumnStretch(MAX_LEARNERS + 1, 1)
        # With "You" in the race: the class's average surprise against the agents', in words.
        self._fitted: tuple | None = None
        self._runners: tuple = ()  # the learners' settings the heads were last set for
        self._language = ""
        self.verdict = QLabel()
        self.verdict.setObjectName("raceVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        self.grid.addWidget(self.verdict, len(self.ROWS) + 1, 0, 1, MAX_LEARNERS + 2)

    def retranslate(self) -> None:
        """The row names in the current language (the numbers come with the next frame)."""
        names = {
            "cross_entropy": tr("H(p,q)"),
            "kl": tr("D(p‖q) gap"),
            "mean_surprise": tr("average surprise"),
            "temperature": tr("temperature"),
        }
        for key, label in self.names.items():
            label.setText(names[key])

    def update_view(self, learners: tuple[LearnerFrame, ...], units: str) -> None:
        from .panels import fmt, set_text, temperature_text

        word = i18n.unit_after_decimal(units)
        # who runs (the heads, which columns show) changes rarely: not redone every frame
        runners = tuple(frame.settings for frame in learners)
        same = len(runners) == len(self._runners) and all(
            a is b for a, b in zip(runners, self._runners, strict=True)
        )
        if not same or self._language != i18n.language():
            self._runners, self._language = runners, i18n.language()
            for column in range(MAX_LEARNERS):
                shown = column < len(learners)
                self.heads[column].setVisible(shown)
                for cell in self.cells[column].values():
                    cell.parentWidget().setVisible(shown)
                if shown:
                    name = short_name(learners[column].settings)
                    set_text(self.heads[column], f"{style.RACE_LETTERS[column]}: {name}")
        for column, frame in enumerate(learners[:MAX_LEARNERS]):
            snap = frame.snapshot
            cells = self.cells[column]
            for key in ("cross_entropy", "kl", "mean_surprise"):
                value = float(from_nats(getattr(snap, key), units))
                set_text(cells[key], f"{fmt(value)} {word}")
            set_text(
                cells["temperature"], temperature_text(snap.temperature) if frame.annealing else "–"
            )
        self.verdict.setVisible(self.show_verdict(learners, units))
        self._fit_height()

    def _fit_height(self) -> None:
        """Ask the views area for another height when the wrapped texts need one (a long
        learner name on two lines, the verdict appearing): otherwise they are squeezed."""
        key = (
            tuple(head.text() for head in self.heads if not head.isHidden()),
            self.verdict.isHidden(),
            len(self.verdict.text()) // 8,
            self.width(),
        )
        if key == self._fitted:
            return
        self._fitted = key
        needed = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        if needed < 0:
            needed = self.sizeHint().height()
        parent = self.parentWidget()
        if needed != self.height() and hasattr(parent, "relayout"):
            parent.relayout()

    def show_verdict(self, learners: tuple[LearnerFrame, ...], units: str) -> bool:
        """The class ("You") against the best agent, by average surprise; False if no "You"."""
        from .panels import fmt

        you = [f for f in learners if f.settings.learner == "you"]
        agents = [f for f in learners if f.settings.learner != "you"]
        if not you or not agents or learners[0].step == 0:
            return False
        word = i18n.unit_after_decimal(units)

        def shown(frame: LearnerFrame) -> str:
            return f"{fmt(float(from_nats(frame.snapshot.mean_surprise, units)))} {word}"

        best = min(agents, key=lambda f: f.snapshot.mean_surprise)
        lead = learners[0]
        if lead.settings.world.changes:
            # the floor of an average over a changing world: H(p_t) averaged over its outcomes
            floor = f"{fmt(float(from_nats(lead.snapshot.mean_entropy, units)))} {word}"
            template = tr(
                "Average surprise: You (the class) {you}; {agent}: {best}. "
                "Only knowing p pays the floor, H(p) averaged over these outcomes: {floor}."
            )
        else:
            floor = f"{fmt(float(from_nats(lead.snapshot.entropy, units)))} {word}"
            template = tr(
                "Average surprise: You (the class) {you}; {agent}: {best}. "
                "Only knowing p pays the floor H(p) = {floor}."
            )
        self.verdict.setText(
            template.format(
                you=shown(you[0]), agent=short_name(best.settings), best=shown(best), floor=floor
            )
        )
        return True
