"""Reading a JSON file that a person may have edited, moved or cut short."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json(path: Path, max_bytes: int, kind: str) -> Any:
    """The parsed contents of ``path``; any problem raises ValueError with a short reason.

    ``kind`` names what the file should be ("scene file", "session file").  The reason
    does not include the path: callers add the name they show.
    """
    try:
        if path.is_dir():
            raise ValueError(f"is a folder, not a {kind}")
        size = path.stat().st_size
        if size > max_bytes:
            raise ValueError(f"is {size:,} bytes; a {kind} is at most {max_bytes:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValueError("no such file") from None
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno});"
            " is it truncated?"
        ) from None
