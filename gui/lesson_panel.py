"""The Lesson panel: one scene at a time, Back / Next, a question to predict, the answer on demand.

The answer is hidden again, and the button reads "Reveal the answer", whenever the scene
changes (Next, Back), the window enters or leaves full screen (F11) or the language
changes, so the class never sees an answer before it has predicted.

Each scene names what it puts on screen (``Scene.show``, names from
``engine.lesson.SHOW_NAMES``); the panel passes that on with ``showChosen(frozenset)``
just before ``sceneChosen``, and keeps it in :attr:`LessonPanel.shown`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from engine.lesson import SHOW_NAMES, Scene

from . import i18n
from .controls import Texts, accessible


def tr(text: str) -> str:
    return QCoreApplication.translate("Lesson", text)


class LessonPanel(QWidget):
    """Shows the scenes; ``sceneChosen(scene)`` asks the window to set the scene's run up."""

    sceneChosen = Signal(object)
    showChosen = Signal(object)  # frozenset of engine.lesson.SHOW_NAMES: what the scene shows
    closeRequested = Signal()

    def __init__(self, scenes: list[Scene], problems: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.scenes = scenes
        self.problems = problems
        self.index = 0
        self._watched: QWidget | None = None  # the window whose full-screen changes we watch
        self.setObjectName("lesson")
        self.texts = texts = Texts()  # set again by retranslate()

        self.position = QLabel()
        self.position.setObjectName("readoutName")
        self.close_button = QPushButton()
        texts(self.close_button.setText, lambda: tr("Close lesson"))
        texts(self.close_button.setToolTip, lambda: tr("Hide the lesson; the current run goes on."))
        texts(lambda name: accessible(self.close_button, name), self.close_button.text)
        top = QHBoxLayout()
        top.addWidget(self.position, 1)
        top.addWidget(self.close_button)

        self.title = QLabel()
        self.title.setObjectName("lessonTitle")
        self.title.setWordWrap(True)
        self.formula = QLabel()
        self.formula.setObjectName("lessonFormula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setObjectName("lessonText")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setObjectName("lessonQuestion")
        self.reveal = QPushButton()
        self.reveal.setCheckable(True)
        texts(
            self.reveal.setText,
            lambda: tr("Hide the answer") if self.reveal.isChecked() else tr("Reveal the answer"),
        )
        texts(
            self.reveal.setToolTip,
            lambda: tr("Show the answer once the class has made its prediction."),
        )
        texts(lambda name: accessible(self.reveal, name), lambda: tr("Reveal the answer"))
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setObjectName("lessonAnswer")
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setObjectName("fieldError")

        body = QWidget()
        text = QVBoxLayout(body)
        text.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.formula, self.caption, self.question, self.reveal, self.answer):
            text.addWidget(w)
        text.addWidget(self.problem_label)
        text.addStretch(1)
        scroll = QScrollArea()
        self.scroll = scroll
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.back = QPushButton()
        texts(self.back.setText, lambda: tr("◀ Back"))
        texts(self.back.setToolTip, lambda: tr("The previous scene."))
        texts(lambda name: accessible(self.back, name), lambda: tr("Previous scene"))
        self.next = QPushButton()
        texts(self.next.setText, lambda: tr("Next ▶"))
        texts(
            self.next.setToolTip,
            lambda: tr("The next scene: it sets up its own world, belief and learner."),
        )
        texts(lambda name: accessible(self.next, name), lambda: tr("Next scene"))
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addWidget(self.next)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(nav)

        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.reveal.toggled.connect(self._show_answer)
        self.close_button.clicked.connect(self.closeRequested)
        if problems:
            texts(
                self.problem_label.setText,
                lambda: (
                    tr("Some scene files could not be used:")
                    + "\n"
                    + "\n".join(i18n.translate_error(problem) for problem in problems)
                ),
            )
        self.problem_label.setVisible(bool(problems))
        self.show_scene()

    def retranslate(self) -> None:
        """Every text in the current language; the scene stays, its answer hidden again."""
        self.texts.retranslate()
        self.show_scene()

    @property
    def scene(self) -> Scene | None:
        return self.scenes[self.index] if self.scenes else None

    @property
    def shown(self) -> frozenset[str]:
        """What the current scene puts on screen (everything when there is no scene)."""
        scene = self.scene
        return scene.show if scene is not None else frozenset(SHOW_NAMES)

    @property
    def revealed(self) -> bool:
        return self.reveal.isChecked()

    def hide_answer(self) -> None:
        """Hide the answer and put the button back to "Reveal the answer"."""
        self.reveal.setChecked(False)  # no signal if it already was unchecked
        self._show_answer(False)

    def showEvent(self, event) -> None:
        window = self.window()
        if window is not self._watched and window is not self:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.WindowStateChange:
            self.hide_answer()  # F11 (presentation mode) on or off
        return False

    def go(self, index: int) -> None:
        """Move to scene ``index`` (clamped) and ask for its set-up."""
        if not self.scenes:
            return
        index = max(0, min(index, len(self.scenes) - 1))
        self.index = index
        self.show_scene()
        self.showChosen.emit(self.shown)
        self.sceneChosen.emit(self.scenes[index])

    def show_scene(self) -> None:
        scene = self.scene
        lang = i18n.language()
        self.back.setEnabled(scene is not None and self.index > 0)
        self.next.setEnabled(scene is not None and self.index < len(self.scenes) - 1)
        self.reveal.setEnabled(scene is not None)
        self.hide_answer()
        if scene is None:
            self.position.setText(tr("No scenes"))
            for label in (self.title, self.formula, self.caption, self.question, self.answer):
                label.setText("")
            self.answer.setVisible(False)
            return
        self.position.setText(
            tr("Scene {n} of {total}").format(n=self.index + 1, total=len(self.scenes))
        )
        self.title.setText(i18n.keep_together(scene.text("title", lang)))
        formula = scene.text("formula", lang)
        self.formula.setText(i18n.keep_together(formula))
        self.formula.setVisible(bool(formula))
        self.caption.setText(i18n.keep_together(scene.text("caption", lang)))
        self.question.setText(i18n.keep_together(tr("Predict: ") + scene.text("question", lang)))
        self.answer.setText(i18n.keep_together(scene.text("answer", lang)))
        self.answer.setVisible(False)

    def _show_answer(self, on: bool) -> None:
        self.answer.setVisible(on)
        if on:  # scrolled into view, so the class sees it without anyone scrolling
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.answer, 0, 0))
        self.reveal.setText(tr("Hide the answer") if on else tr("Reveal the answer"))
