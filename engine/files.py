"""Every file the app writes goes through here: written whole or not at all.

A file is written under a temporary name in its own folder, flushed to disk, and only then
renamed over the target (a rename within one folder is atomic), so a crash, a full disk, a
file-size limit or Ctrl+C in the middle never leaves a truncated file and never destroys the
earlier one.

A command that writes several files wraps its work in :func:`all_or_nothing`: every file is
staged under its temporary name and the renames happen only when the whole command has
succeeded; if anything fails, every staged file is removed and no target is touched.
:func:`check_writable` lets a command refuse a bad output path before computing anything.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .validation import N_, MessageError


class FileError(MessageError):
    """A file that cannot be written; the message names it and the reason."""


# The system's reasons (``OSError.strerror``) met most often, marked so the window can
# translate them; any other reason is shown as the system gives it.
OS_REASONS = (
    N_("Permission denied"),
    N_("Operation not permitted"),
    N_("No such file or directory"),
    N_("Not a directory"),
    N_("Is a directory"),
    N_("File exists"),
    N_("No space left on device"),
    N_("Disk quota exceeded"),
    N_("File too large"),
    N_("File name too long"),
    N_("Read-only file system"),
    N_("Input/output error"),
    N_("Too many levels of symbolic links"),
)


_staged: contextvars.ContextVar[list[tuple[str, Path]] | None] = contextvars.ContextVar(
    "staged_files", default=None
)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_writable(path: str | Path) -> Path:
    """Refuse, before any work is done, a path that could not be written."""
    path = Path(path)
    if path.is_dir():
        raise FileError("cannot write {path}: it is a folder; choose a file name", path=path)
    if not str(path) or path.name in ("", ".", ".."):
        raise FileError("cannot write {path!r}: it is not a file name", path=str(path))
    folder = _folder(path)
    if not folder.is_dir():
        raise FileError(
            "cannot write {path}: the folder {folder} does not exist", path=path, folder=folder
        )
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError("cannot write {path}: {reason}", path=path, reason=_reason(exc)) from None
    os.close(fd)
    os.unlink(probe)
    return path


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temporary(path: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=_folder(path))
    except OSError as exc:
        raise FileError("cannot write {path}: {reason}", path=path, reason=_reason(exc)) from None


def _commit(tmp: str, path: Path) -> None:
    os.chmod(tmp, _mode_for(path))
    staged = _staged.get()
    if staged is not None:
        staged.append((tmp, path))
        return
    os.replace(tmp, path)


@contextlib.contextmanager
def staged_path(path: str | Path) -> Iterator[str]:
    """A temporary path to write ``path``'s contents to (for writers that take a name).

    When the block ends normally the temporary file becomes ``path``; otherwise it is removed.
    """
    path = Path(path)
    if path.is_dir():
        raise FileError("cannot write {path}: it is a folder; choose a file name", path=path)
    fd, tmp = _temporary(path)
    os.close(fd)
    committed = False
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        _commit(tmp, path)
        committed = True
    except OSError as exc:
        raise FileError("cannot write {path}: {reason}", path=path, reason=_reason(exc)) from None
    finally:
        if not committed and os.path.exists(tmp):
            os.unlink(tmp)


@contextlib.contextmanager
def open_atomic(path: str | Path, binary: bool = False) -> Iterator[IO]:
    """Like ``open(path, "w", newline="", encoding="utf-8")``, but atomic (see the module)."""
    path = Path(path)
    if path.is_dir():
        raise FileError("cannot write {path}: it is a folder; choose a file name", path=path)
    fd, tmp = _temporary(path)
    committed = False
    try:
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", newline="", encoding="utf-8")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _commit(tmp, path)
        committed = True
    except OSError as exc:
        raise FileError("cannot write {path}: {reason}", path=path, reason=_reason(exc)) from None
    finally:
        if not committed and os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with open_atomic(path) as handle:
        handle.write(text)


@contextlib.contextmanager
def all_or_nothing() -> Iterator[None]:
    """Inside this block files are staged; they all appear when it ends without an error.

    Any exception (Ctrl+C too) removes every staged file and leaves every target as it was.
    """
    if _staged.get() is not None:  # already inside one: the outer block decides
        yield
        return
    staged: list[tuple[str, Path]] = []
    token = _staged.set(staged)
    done = 0
    try:
        yield
        _staged.reset(token)
        token = None
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise FileError(
                    "cannot write {path}: {reason}", path=path, reason=_reason(exc)
                ) from None
            done += 1
    finally:
        if token is not None:
            _staged.reset(token)
        for tmp, _ in staged[done:]:
            if os.path.exists(tmp):
                os.unlink(tmp)
