"""Linux: a launcher in the applications menu (``main.py --install-desktop-entry``).

Writes ``cross-entropy-lab.desktop`` into ``$XDG_DATA_HOME/applications`` (by default
``~/.local/share/applications``) and the icon beside the user's icons; with
``--with-lesson-presets`` also one launcher for the guided lesson and one per preset world.
Every file and folder it made is listed in ``$XDG_DATA_HOME/cross-entropy-lab/installed.json``,
and ``--uninstall-desktop-entry`` removes exactly those (a launcher edited since is kept).
No Qt needed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from . import bundle

MARK = "X-Cross-Entropy-Lab-Installed=true"
RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopEntryError(OSError):
    """The launcher could not be written or removed; the message says which file and why."""


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def manifest_path(home: Path) -> Path:
    return home / bundle.APP_ID / "installed.json"


def exec_arg(arg: str) -> str:
    """One argument of the Exec key, quoted and escaped as the Desktop Entry spec asks."""
    arg = arg.replace("%", "%%")
    if any(c in RESERVED for c in arg):
        arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg.replace("\\", "\\\\")  # the string type's own escaping comes on top


def presets() -> list[tuple[str, str, list[str]]]:
    """(file suffix, name, extra arguments): the guided lesson and each preset world."""
    from engine.worlds import PRESETS

    entries = [("lesson", "Cross-Entropy Lab: guided lesson", ["--lesson", "--present"])]
    for key, world in PRESETS.items():
        title = world.description.split(":")[0].rstrip(".")
        entries.append((key, f"Cross-Entropy Lab: {title}", ["--world", key]))
    return entries


def entry_text(name: str, comment: str, command: Sequence[str], icon: Path) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={name}",
            f"Comment={comment}",
            "Exec=" + " ".join(exec_arg(a) for a in command),
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Education;Math;",
            "Keywords=entropy;cross-entropy;KL divergence;probability;lesson;",
            "StartupNotify=true",
            MARK,
            "",
        ]
    )


def install(
    with_presets: bool = False,
    command: Sequence[str] | None = None,
    home: Path | None = None,
) -> list[Path]:
    """Write the launcher(s) and icon; returns the files written.  Replaces an earlier install."""
    home = home or data_home()
    command = list(command or bundle.launch_command())
    uninstall(home)
    made: list[Path] = []
    folders: list[Path] = []
    applications = home / "applications"
    icons = home / "icons" / "hicolor" / "256x256" / "apps"
    try:
        for folder in (applications, icons, manifest_path(home).parent):
            missing = [p for p in (folder, *folder.parents) if not p.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            folders += reversed(missing)  # outermost first
        icon = icons / f"{bundle.APP_ID}.png"
        shutil.copyfile(bundle.ICON, icon)
        made.append(icon)
        comment = "Surprise, entropy, cross-entropy and learning, for the classroom"
        entries = [("", bundle.APP_NAME, [])]
        if with_presets:
            entries += presets()
        for suffix, name, extra in entries:
            path = applications / (bundle.APP_ID + (f"-{suffix}" if suffix else "") + ".desktop")
            path.write_text(entry_text(name, comment, command + extra, icon), encoding="utf-8")
            made.append(path)
        record = {"files": [str(p) for p in made], "folders": [str(p) for p in folders]}
        manifest_path(home).write_text(json.dumps(record, indent=1), encoding="utf-8")
    except OSError as exc:
        _remove(made, folders)
        raise DesktopEntryError(f"cannot install the launcher: {exc}") from None
    return made


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what :func:`install` recorded; returns the files removed."""
    home = home or data_home()
    manifest = manifest_path(home)
    if not manifest.is_file():
        return []
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
        files = [Path(p) for p in record["files"]]
        folders = [Path(p) for p in record["folders"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DesktopEntryError(f"{manifest} cannot be read: {exc}") from None
    ours = [p for p in files if p.suffix != ".desktop" or _still_ours(p)]
    manifest.unlink()
    return _remove(ours, folders)


def _still_ours(path: Path) -> bool:
    try:
        return MARK in path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False


def _remove(files: list[Path], folders: list[Path]) -> list[Path]:
    removed = []
    for path in files:
        if path.is_file():
            path.unlink()
            removed.append(path)
    for folder in reversed(folders):  # innermost first, and only if nothing else is in it
        try:
            folder.rmdir()
        except OSError:
            pass
    return removed


def main(args: Sequence[str]) -> int:
    """``--install-desktop-entry [--with-lesson-presets]`` or ``--uninstall-desktop-entry``."""
    args = list(args)
    if not sys.platform.startswith("linux"):
        print(
            "error: desktop entries are for Linux; elsewhere use the app's folder", file=sys.stderr
        )
        return 2
    if args == ["--uninstall-desktop-entry"]:
        try:
            removed = uninstall()
        except DesktopEntryError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"removed {len(removed)} files" if removed else "nothing was installed")
        return 0
    if (
        args
        and args[0] == "--install-desktop-entry"
        and args[1:] in ([], ["--with-lesson-presets"])
    ):
        try:
            made = install(with_presets=len(args) == 2)
        except DesktopEntryError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for path in made:
            print(f"wrote {path}")
        return 0
    print(
        "error: use --install-desktop-entry [--with-lesson-presets] or --uninstall-desktop-entry",
        file=sys.stderr,
    )
    return 2
