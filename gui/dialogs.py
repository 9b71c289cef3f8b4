"""The main window's files: sessions saved and opened, plots and history exported.

Each ``ask_*`` function shows a file dialog and, given a path, calls the function that does
the work; those take the window and a path, report a failure in a message box (the window
and any earlier file are left as they were) and say whether they succeeded.  The window's
``save_session``, ``open_session``, ``export_plots`` and ``export_history`` call these.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from engine.files import all_or_nothing, staged_path
from engine.session import Session, SessionError, open_session, save_session

from . import i18n
from .bundle import default_path

if TYPE_CHECKING:
    from .main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# --- sessions -------------------------------------------------------------------------------
def ask_save_session(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window,
        tr("Save session"),
        window._session_path or default_path("session.json"),
        tr("Sessions (*.json)"),
    )
    if path:
        window.save_session(path)


def ask_open_session(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        tr("Open session"),
        window._session_path or default_path(""),
        tr("Sessions (*.json)"),
    )
    if path:
        window.open_session(path)


def write_session(window: MainWindow, path: str) -> bool:
    """Write the run (atomically); a failure is reported and the earlier file kept."""
    try:
        save_session(Session.of(window.sim, window.speed, window.race.rivals), path)
    except SessionError as exc:
        QMessageBox.warning(window, tr("Session not saved"), i18n.translate_error(exc))
        return False
    window._session_path = str(path)
    return True


def read_session(window: MainWindow, path: str) -> bool:
    """Replay a saved run to exactly its saved state; a bad file leaves this run as it is."""
    try:
        session, sim, rivals = open_session(path)  # errors name the file
    except SessionError as exc:
        QMessageBox.warning(window, tr("Session not opened"), i18n.translate_error(exc))
        return False
    window.set_playing(False)
    window.load_simulation(sim, session.speed, rivals)
    window._session_path = str(path)
    return True


# --- export ---------------------------------------------------------------------------------
def ask_export_plots(window: MainWindow, kind: str) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window,
        tr("Export plots"),
        default_path(f"cross-entropy-lab.{kind}"),
        f"{kind.upper()} (*.{kind})",
    )
    if path:
        window.export_plots(path, kind)


def ask_export_history(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, tr("Export history"), default_path("history.csv"), "CSV (*.csv)"
    )
    if path:
        window.export_history(path)


def export_plots(window: MainWindow, path: str, kind: str = "png") -> list[str]:
    """Each plot to its own file: NAME_belief.png, NAME_surprise.png, NAME_landscape.png."""
    stem = Path(path).with_suffix("")
    written = []
    try:
        # Each file is written under a temporary name; all appear together, or none.
        with all_or_nothing():
            for name, plot in window.plots.items():
                target = f"{stem}_{name}.{kind}"
                with staged_path(target) as tmp:
                    if kind == "png":
                        render_png(plot, tmp)
                    else:
                        render_svg(plot, tmp)
                    if not Path(tmp).stat().st_size:
                        raise OSError(f"{target} was not written")
                written.append(target)
    except (OSError, ValueError) as exc:
        QMessageBox.warning(window, tr("Plots not exported"), i18n.translate_error(exc))
        return []
    return written


def export_history(window: MainWindow, path: str) -> bool:
    """Every learner's history as one CSV table; a failure is reported and nothing written."""
    from engine.export import write_history_csv

    try:
        write_history_csv(path, window.race.learners, window.settings.units)
    except (OSError, ValueError) as exc:
        # engine.files.FileError names the path and the reason itself
        reason = (
            f"{path}: {i18n.engine_text(exc.strerror)}"
            if getattr(exc, "strerror", None)
            else i18n.translate_error(exc)
        )
        QMessageBox.warning(window, tr("History not exported"), reason)
        return False
    return True


def render_png(widget: QWidget, path: str) -> None:
    """A plot as PNG, exactly as it is on screen (its size in pixels)."""
    if not widget.grab().save(path, "PNG"):
        raise OSError(f"cannot write {path}")


def render_svg(widget: QWidget, path: str) -> None:
    """A plot as vector SVG, drawn by Qt's own SVG generator.

    (pyqtgraph 0.14's SVGExporter fails on the path data Qt 6.11 produces.)
    """
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(widget.size())
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    generator.setTitle("Cross-Entropy Lab")
    painter = QPainter(generator)
    try:
        widget.render(painter)
    finally:
        painter.end()
