"""Unexpected exceptions in the window: a dialog with the details, and the app keeps running.

``install(window)`` replaces ``sys.excepthook``.  An exception escaping a slot or a timer
tick is printed to stderr as usual, the run is paused (so a fault in the loop does not repeat
sixty times a second) and a dialog says what happened, with the traceback under "Show
Details…" for a bug report.  Files are never touched on this path, and whatever was saved
stays saved.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


class ErrorReporter:
    """The excepthook: one dialog at a time; later errors while it is open are counted."""

    def __init__(self, window: QWidget | None = None):
        self.window = window
        self.box: QMessageBox | None = None
        self.reported = 0
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        print(details, file=sys.stderr, end="")
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.reported += 1
        pause = getattr(self.window, "set_playing", None)
        if pause is not None:
            try:
                pause(False)
            except Exception:  # reporting must never raise in turn
                pass
        if self.box is not None and self.box.isVisible():
            self.box.setInformativeText(
                tr("{n} errors so far; the details show the first.").format(n=self.reported)
            )
            return
        self.box = QMessageBox(self.window)
        self.box.setIcon(QMessageBox.Icon.Critical)
        self.box.setWindowTitle(tr("Something went wrong"))
        self.box.setText(
            tr(
                "An unexpected error: {kind}: {message}\n\n"
                "The run is paused; the app keeps running and nothing saved was changed. "
                "Press Play to go on, or Reset."
            ).format(kind=kind.__name__, message=error)
        )
        self.box.setDetailedText(details)
        self.box.setModal(False)
        self.box.show()
