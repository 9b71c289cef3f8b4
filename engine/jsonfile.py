"""Reading a JSON file that a person may have edited, moved or cut short."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from .limits import MAX_JSON_DEPTH

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_OPEN = np.frombuffer(b"[{", dtype=np.uint8)
_CLOSE = np.frombuffer(b"]}", dtype=np.uint8)


def _depth_beyond(text: str, limit: int) -> int | None:
    """The nesting depth of JSON text if it goes beyond ``limit`` (brackets outside strings).

    Counted before parsing, because Python's parser recurses and a few kilobytes of ``[[[[``
    would otherwise end in a RecursionError.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    bare = _STRING.sub("", text).encode("utf-8")
    codes = np.frombuffer(bare, dtype=np.uint8)
    step = np.isin(codes, _OPEN).astype(np.int64) - np.isin(codes, _CLOSE)
    deepest = int(np.cumsum(step).max(initial=0))
    return deepest if deepest > limit else None


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
    deepest = _depth_beyond(text, MAX_JSON_DEPTH)
    if deepest is not None:
        raise ValueError(
            f"is nested {deepest:,} levels deep; a {kind} is at most {MAX_JSON_DEPTH} deep"
        )
    try:
        return json.loads(text)
    except RecursionError:  # cannot happen below the depth limit; kept as a last guard
        raise ValueError(f"is nested too deeply for a {kind}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno});"
            " is it truncated?"
        ) from None
