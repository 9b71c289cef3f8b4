"""Reading a JSON file that a person may have edited, moved or cut short."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from .limits import MAX_JSON_DEPTH
from .validation import N_, MessageError

# What a file read here should be (``kind``), marked so the window can translate it.
SESSION_FILE = N_("session file")
SCENE_FILE = N_("scene file")

# The parser's reasons for refusing text (``json.JSONDecodeError.msg``), marked likewise.
PARSER_REASONS = (
    N_("Expecting value"),
    N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
    N_("Extra data"),
    N_("Illegal trailing comma before end of array"),
    N_("Illegal trailing comma before end of object"),
    N_("Unexpected UTF-8 BOM (decode using utf-8-sig)"),
)

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_OPEN = np.frombuffer(b"[{", dtype=np.uint8)
_CLOSE = np.frombuffer(b"]}", dtype=np.uint8)


class JsonFileError(MessageError):
    """A JSON file that cannot be read; the message says why (without the file's name).

    A template and its values, like the engine's other errors, so the window can translate it.
    """


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
    """The parsed contents of ``path``; any problem raises JsonFileError (a ValueError) with
    a short reason.

    ``kind`` names what the file should be (:data:`SCENE_FILE`, :data:`SESSION_FILE`).  The
    reason does not include the path: callers add the name they show.
    """
    try:
        if path.is_dir():
            raise JsonFileError("is a folder, not a {kind}", kind=kind)
        size = path.stat().st_size
        if size > max_bytes:
            raise JsonFileError(
                "is {size:,} bytes; a {kind} is at most {high:,}",
                size=size,
                kind=kind,
                high=max_bytes,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise JsonFileError("no such file") from None
    except OSError as exc:
        raise JsonFileError("cannot be read ({reason})", reason=exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonFileError("is not UTF-8 text (byte {position})", position=exc.start) from None
    deepest = _depth_beyond(text, MAX_JSON_DEPTH)
    if deepest is not None:
        raise JsonFileError(
            "is nested {depth:,} levels deep; a {kind} is at most {high} deep",
            depth=deepest,
            kind=kind,
            high=MAX_JSON_DEPTH,
        )
    try:
        return json.loads(text)
    except RecursionError:  # cannot happen below the depth limit; kept as a last guard
        raise JsonFileError("is nested too deeply for a {kind}", kind=kind) from None
    except json.JSONDecodeError as exc:
        raise JsonFileError(
            "is not valid JSON ({reason} at line {line}, column {column}); is it truncated?",
            reason=exc.msg,
            line=exc.lineno,
            column=exc.colno,
        ) from None
