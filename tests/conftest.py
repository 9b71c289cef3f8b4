"""Tests run offscreen: no display is needed, on a laptop or in CI."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Preferences (QSettings) written by tests go to a private folder, never the user's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="cel-test-config-")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
