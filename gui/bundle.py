"""Where things live: in a checkout, or inside the double-click app PyInstaller builds.

Read-only things (lesson scenes, translations, the icon) come from ``assets/`` beside the
code in a checkout, and from the bundle's own folder in the app (``sys._MEIPASS``; the
spec in ``packaging/`` puts them there).  Sessions and exports default to the user's
documents folder; preferences stay with QSettings.

No Qt is imported here at module level, so the desktop-entry installer can use it.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Cross-Entropy Lab"
APP_ID = "cross-entropy-lab"  # file names: the executable, the launcher, the icon
VERSION = "0.1.0"  # kept equal to pyproject.toml's version (tested)


def frozen() -> bool:
    """True inside the app PyInstaller built, False when run from a checkout."""
    return bool(getattr(sys, "frozen", False))


def root() -> Path:
    """The folder that holds ``assets/``: the bundle's data folder, or the checkout."""
    if frozen():
        # PyInstaller ≥ 6 unpacks data into _MEIPASS (``_internal`` beside the executable).
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
    return Path(__file__).resolve().parent.parent


ASSETS = root() / "assets"
LESSON_FOLDER = ASSETS / "lesson"
I18N_FOLDER = ASSETS / "i18n"
ICON = ASSETS / "icon.png"


def launch_command() -> list[str]:
    """The command that opens the window: the app's executable, or Python with main.py."""
    if frozen():
        return [str(Path(sys.executable).resolve())]
    return [str(Path(sys.executable).absolute()), str(root() / "main.py")]


def documents_folder() -> Path:
    """Where sessions and exports go by default: the user's documents folder (or home).

    Needs a QCoreApplication only for the platform's idea of "documents"; without Qt it
    falls back to ``~/Documents`` and then the home folder.
    """
    candidates: list[Path] = []
    try:
        from PySide6.QtCore import QStandardPaths

        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if location:
            candidates.append(Path(location))
    except ImportError:  # pragma: no cover - Qt is there wherever the window is
        pass
    candidates += [Path.home() / "Documents", Path.home()]
    for folder in candidates:
        if folder.is_dir():
            return folder
    return Path.cwd()


def default_path(file_name: str) -> str:
    """A file dialog's starting file: ``file_name`` in the documents folder."""
    return str(documents_folder() / file_name)
