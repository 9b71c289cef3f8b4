"""Tests run offscreen: no display is needed, on a laptop or in CI."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Preferences (QSettings) written by tests go to a private folder, never the user's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="cel-test-config-")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli("run", "--steps", "5")``: the command line run in this process (``main.main``).

    Returns what it printed and its exit status, as a separate process would show them.
    Window options must fail before any window: if one were about to open, the test fails
    (rather than waiting for the window to be closed).
    """
    import gui.app
    from tests.helpers import run_main

    def no_window():
        raise AssertionError("the window was about to open")

    monkeypatch.setattr(gui.app, "configure_app", no_window)
    return lambda *args: run_main(capsys, *args)
