"""Sessions: a run saved as JSON, and opened again to exactly the same state.

A session holds the settings the run started with, every in-place change since (learning
rate, temperature, ... with the step it was made at), and the number of steps taken; in a race,
the same for each rival learner (which shares the lead's world, belief, seed and start).  The
outcomes are not stored: the seed and the settings determine them, so replaying gives the
same outcomes and the same numbers, bit for bit.

Saving is atomic: the file is written under a temporary name in the same folder, flushed to
disk and then renamed over the old one, so a crash mid-save never destroys the earlier file.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .experiments import MAX_LEARNERS, SHARED_FIELDS
from .jsonfile import read_json
from .settings import Settings, SettingsError
from .simulation import Simulation
from .validation import DistributionError
from .worlds import PRESETS, custom_world

FORMAT = "cross-entropy-lab-session"
VERSION = 1
MAX_STEPS = 100_000_000
MAX_FILE_BYTES = 5_000_000
SETTING_FIELDS = tuple(f.name for f in fields(Settings) if f.name != "world")
TOP_KEYS = ("format", "version", "settings", "changes", "steps")
OPTIONAL_KEYS = ("speed", "rivals")
MAX_RIVALS = MAX_LEARNERS - 1
# A rival's must equal the lead's at the start (units may change during a run, so not those).
SHARED = tuple(name for name in SHARED_FIELDS if name != "units")


class SessionError(ValueError):
    """A session file that cannot be used; the message says why."""


@dataclass
class Session:
    settings: Settings  # as the run started
    changes: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    steps: int = 0
    speed: float | None = None  # the window's speed (outcomes per second; inf = max)
    # A race's other learners: (settings as started, changes), each run for ``steps`` too.
    rivals: list[tuple[Settings, list[tuple[int, dict[str, Any]]]]] = field(default_factory=list)

    @classmethod
    def of(
        cls, sim: Simulation, speed: float | None = None, rivals: Sequence[Simulation] = ()
    ) -> Session:
        return cls(
            sim.start_settings,
            [(s, dict(c)) for s, c in sim.journal],
            sim.step_count,
            speed,
            [(r.start_settings, [(s, dict(c)) for s, c in r.journal]) for r in rivals],
        )

    def replay_race(self, history_capacity: int | None = None) -> tuple[Simulation, list]:
        """The lead and every rival, each brought to the saved state."""
        lead = self.replay(history_capacity)
        rivals = [
            Session(settings, changes, self.steps).replay(history_capacity)
            for settings, changes in self.rivals
        ]
        return lead, rivals

    def replay(self, history_capacity: int | None = None) -> Simulation:
        """A Simulation brought to the saved state by running it again."""
        sim = (
            Simulation(self.settings)
            if history_capacity is None
            else Simulation(self.settings, history_capacity)
        )
        for step, change in self.changes:
            sim.advance(step - sim.step_count)
            sim.update(**change)
        sim.advance(self.steps - sim.step_count)
        sim.journal = [(s, dict(c)) for s, c in self.changes]
        return sim

    # --- JSON ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "settings": settings_to_dict(self.settings),
            "changes": [[step, _values_to_json(change)] for step, change in self.changes],
            "steps": self.steps,
        }
        if self.speed is not None:
            data["speed"] = "max" if math.isinf(self.speed) else self.speed
        if self.rivals:
            data["rivals"] = [
                {
                    "settings": settings_to_dict(settings),
                    "changes": [[step, _values_to_json(c)] for step, c in changes],
                }
                for settings, changes in self.rivals
            ]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Session:
        if not isinstance(data, dict):
            raise SessionError(f"a session must be a JSON object, not {type(data).__name__}")
        if data.get("format") != FORMAT:
            raise SessionError(
                f'not a Cross-Entropy Lab session ("format" is {data.get("format")!r})'
            )
        if "version" not in data:
            raise SessionError('"version" is missing')
        if data["version"] != VERSION:
            raise SessionError(
                f"format version {data['version']!r}; "
                f"this version of the app reads version {VERSION}"
            )
        missing = [k for k in TOP_KEYS if k not in data]
        if missing:
            raise SessionError(f'"{missing[0]}" is missing')
        extra = sorted(set(data) - set(TOP_KEYS) - set(OPTIONAL_KEYS))
        if extra:
            raise SessionError(f'unknown field "{extra[0]}"')
        settings = settings_from_dict(data["settings"])
        steps = data["steps"]
        if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= MAX_STEPS:
            raise SessionError(
                f'"steps" must be a whole number from 0 to {MAX_STEPS:,}, not {steps!r}'
            )
        changes = _changes_from_json(data["changes"], settings, steps)
        speed = data.get("speed")
        if speed is not None:
            if speed == "max":
                speed = math.inf
            elif (
                isinstance(speed, bool)
                or not isinstance(speed, int | float)
                or not (0.1 <= speed <= 100_000)
            ):
                raise SessionError(f'"speed" must be from 0.1 to 100000 or "max", not {speed!r}')
            speed = float(speed)
        rivals = _rivals_from_json(data.get("rivals", []), settings, steps)
        return cls(settings, changes, steps, speed, rivals)


def _values_to_json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in values.items()}


def settings_to_dict(s: Settings) -> dict[str, Any]:
    world = s.world
    out: dict[str, Any] = {"world": world.name}
    if world.name == "custom":
        out["p"] = list(world.p)
        out["labels"] = list(world.labels)
    for name in SETTING_FIELDS:
        out[name] = _values_to_json({name: getattr(s, name)})[name]
    return out


def settings_from_dict(data: Any) -> Settings:
    if not isinstance(data, dict):
        raise SessionError(f'"settings" must be a JSON object, not {data!r}')
    allowed = {"world", "p", "labels", *SETTING_FIELDS}
    extra = sorted(set(data) - allowed)
    if extra:
        raise SessionError(f'unknown setting "{extra[0]}"')
    missing = [k for k in ("world", *SETTING_FIELDS) if k not in data]
    if missing:
        raise SessionError(f'setting "{missing[0]}" is missing')
    name = data["world"]
    try:
        if name == "custom":
            world = custom_world(data.get("p"), data.get("labels"))
        elif name in PRESETS:
            world = PRESETS[name]
        else:
            raise SessionError(f"unknown world {name!r}")
        values = {k: data[k] for k in SETTING_FIELDS}
        if isinstance(values["start"], list):
            values["start"] = tuple(values["start"])
        return Settings(world=world, **values)
    except (DistributionError, SettingsError, TypeError) as exc:
        raise SessionError(f"settings: {exc}") from None


def _changes_from_json(raw: Any, settings: Settings, steps: int) -> list[tuple[int, dict]]:
    if not isinstance(raw, list):
        raise SessionError(f'"changes" must be a list, not {raw!r}')
    changes = []
    last = 0
    current = settings
    for i, entry in enumerate(raw, start=1):
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not isinstance(entry[0], int)
            or isinstance(entry[0], bool)
            or not isinstance(entry[1], dict)
        ):
            raise SessionError(f"change {i} must be [step, {{setting: value}}], not {entry!r}")
        step, values = entry
        if not last <= step <= steps:
            raise SessionError(
                f"change {i} is at step {step}, outside 0 to {steps} or out of order"
            )
        last = step
        for key in values:
            if key not in SETTING_FIELDS or key in ("belief", "learner", "seed", "start"):
                raise SessionError(f"change {i}: {key!r} cannot change during a run")
        try:
            current = current.replace(**values)
        except (SettingsError, TypeError) as exc:
            raise SessionError(f"change {i}: {exc}") from None
        changes.append((step, dict(values)))
    return changes


def _rivals_from_json(raw: Any, lead: Settings, steps: int) -> list:
    if not isinstance(raw, list):
        raise SessionError(f'"rivals" must be a list, not {raw!r}')
    if len(raw) > MAX_RIVALS:
        raise SessionError(f"a race has at most {MAX_RIVALS} rivals, not {len(raw)}")
    rivals = []
    for i, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or set(entry) != {"settings", "changes"}:
            raise SessionError(f'rival {i} must be {{"settings": ..., "changes": [...]}}')
        try:
            settings = settings_from_dict(entry["settings"])
            changes = _changes_from_json(entry["changes"], settings, steps)
        except SessionError as exc:
            raise SessionError(f"rival {i}: {exc}") from None
        for name in SHARED:
            if getattr(settings, name) != getattr(lead, name):
                raise SessionError(f"rival {i}: its {name} differs from the lead's")
        rivals.append((settings, changes))
    return rivals


def save_session(session: Session, path: str | Path) -> None:
    """Write atomically: a crash mid-save leaves any earlier file as it was."""
    path = Path(path)
    if path.is_dir():
        raise SessionError(f"{path} is a folder; choose a file name")
    text = json.dumps(session.to_dict(), indent=2, allow_nan=False) + "\n"
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SessionError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise SessionError(f"cannot save {path}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load_session(path: str | Path) -> Session:
    """Read a session file; every problem raises SessionError naming the file."""
    path = Path(path)
    try:
        return Session.from_dict(read_json(path, MAX_FILE_BYTES, "session file"))
    except ValueError as exc:  # SessionError is a ValueError too
        raise SessionError(f"{path}: {exc}") from None
