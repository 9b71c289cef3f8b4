"""Helpers shared by the test files: the command line run in-process or as a real process."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Ran:
    """What a command printed and the status it exited with (as a process would see it)."""

    returncode: int
    stdout: str
    stderr: str


def run_main(capsys, *args: str) -> Ran:
    """``uv run main.py ARGS`` without a new process: ``main.main`` with stdout/stderr captured.

    Bad input exits through ``SystemExit(2)``; that is caught and returned as the status, so
    a test sees what a user would.  Only for arguments that do not open the window.
    """
    import main

    capsys.readouterr()  # start from nothing
    try:
        status = main.main(list(args))
    except SystemExit as exc:
        status = exc.code
    captured = capsys.readouterr()
    return Ran(0 if status is None else int(status), captured.out, captured.err)


def run_process(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``main.py ARGS`` in a separate Python process, exactly as a user runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
