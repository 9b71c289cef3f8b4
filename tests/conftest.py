"""Tests run offscreen: no display is needed, on a laptop or in CI."""

from __future__ import annotations

import gc
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """After pytest-qt has closed a test's windows, really delete them.

    ``deleteLater`` waits for an event loop that a test may never run, and a closed window's
    Python cycles (signals to bound methods) wait for the garbage collector.  Windows left
    alive slow every later one down (each keeps its timers, signals and style sheet).
    """
    result = yield
    if "qtbot" in item.fixturenames or "qapp" in item.fixturenames:
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            gc.collect()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result
