"""Sessions: a run saved as JSON, and opened again to exactly the same state.

A session holds the settings the run started with, every in-place change since (learning
rate, temperature, ... with the step it was made at), the number of steps taken and (format
version 2) the run's state at the end: the belief, the sums and counts, the remembered outcomes
and the positions of the random generators.  In a race, the same for each rival learner (which
shares the lead's world, belief, seed and start).

Opening restores the stored state, so the run goes on exactly, bit for bit, as if it had never
stopped, however long it was.  When it is short enough (see ``engine/limits.py``) the run is
also done again from its settings and changes, as a check that the file is consistent (the
numbers must agree to 1e-9; the replay also gives back the history for the plots).  Stepping
in other block sizes changes only the last bits of the running sums (10 + 20 steps agree with
30 steps to about 1e-15, not always exactly), which is why the state is stored rather than
recomputed.  A version 1 file has no state: it can only be opened by running it again, so it is
refused beyond the replay limits.

Saving is atomic (see ``engine/files.py``): a crash mid-save never destroys the earlier file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .beliefs import make_belief
from .files import FileError, write_text
from .jsonfile import SESSION_FILE, read_json
from .limits import (
    MAX_LEARNERS,
    MAX_REPLAY_CHANGES,
    MAX_REPLAY_STEPS,
    MAX_SESSION_BYTES,
    MAX_SESSION_CHANGES,
    MAX_SESSION_STEPS,
)
from .race import SHARED_FIELDS
from .registry import SPEED_RANGE
from .settings import SETTING_FIELDS, Settings, SettingsError, settings_from_mapping
from .simulation import HAND, Simulation
from .validation import DistributionError, MessageError

FORMAT = "cross-entropy-lab-session"
VERSION = 2
READS = (1, 2)
MAX_STEPS = MAX_SESSION_STEPS
MAX_FILE_BYTES = MAX_SESSION_BYTES
TOP_KEYS = ("format", "version", "settings", "changes", "steps")
OPTIONAL_KEYS = ("speed", "rivals", "state")
MAX_RIVALS = MAX_LEARNERS - 1
# A rival's must equal the lead's at the start (units may change during a run, so not those).
SHARED = tuple(name for name in SHARED_FIELDS if name != "units")
TOLERANCE = 1e-9  # a replay must agree with the stored state this closely


class SessionError(MessageError):
    """A session file that cannot be used; the message says why.

    Like the engine's other errors it is a template and its values, so the window can show
    it translated; a ``problem`` value is the error it wraps (the file's name goes in front
    of it, or "rival 2: ").
    """


Changes = list[tuple[int, dict[str, Any]]]


@dataclass
class Session:
    settings: Settings  # as the run started
    changes: Changes = field(default_factory=list)
    steps: int = 0
    speed: float | None = None  # the window's speed (outcomes per second; inf = max)
    # A race's other learners: (settings as started, changes), each run for ``steps`` too.
    rivals: list[tuple[Settings, Changes]] = field(default_factory=list)
    # The state at ``steps`` of the lead and of each rival (None: not stored, version 1).
    states: list[dict[str, Any]] | None = None

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
            [sim.state(), *(r.state() for r in rivals)],
        )

    @property
    def replayable(self) -> bool:
        """Short enough to be run again from the start (as a check, or for version 1)."""
        changes = max(len(c) for c in [self.changes, *(c for _, c in self.rivals)])
        return self.steps <= MAX_REPLAY_STEPS and changes <= MAX_REPLAY_CHANGES

    def replay_race(self, history_capacity: int | None = None) -> tuple[Simulation, list]:
        """The lead and every rival, each brought to the saved state."""
        learners = [(self.settings, self.changes), *self.rivals]
        sims = [
            self._restore(i, settings, changes, history_capacity)
            for i, (settings, changes) in enumerate(learners)
        ]
        return sims[0], sims[1:]

    def replay(self, history_capacity: int | None = None) -> Simulation:
        """The lead Simulation brought to the saved state (see the module's notes)."""
        return self._restore(0, self.settings, self.changes, history_capacity)

    def _restore(
        self, index: int, settings: Settings, changes: Changes, capacity: int | None
    ) -> Simulation:
        state = None if self.states is None else self.states[index]
        if state is None and not self.replayable:
            raise SessionError(
                "this session (format version 1) has {steps:,} steps and no stored "
                "state, so it can only be opened by running it again, which is allowed up to "
                "{max_steps:,} steps and {max_changes:,} changes; "
                "save it again with a newer version of the app",
                steps=self.steps,
                max_steps=MAX_REPLAY_STEPS,
                max_changes=MAX_REPLAY_CHANGES,
            )
        if self.replayable:
            sim = rerun(settings, changes, self.steps, capacity)
            if state is not None:
                problem = _difference(sim.state(), state)
                if problem:
                    raise _of_learner(
                        index,
                        SessionError(
                            "the stored state does not match a replay of the run's settings "
                            "and changes ({problem}): the file was edited or is damaged",
                            problem=problem,
                        ),
                    )
        else:
            current = settings
            for _, change in changes:
                current = current.replace(**{k: v for k, v in change.items() if k != HAND})
            sim = Simulation(current) if capacity is None else Simulation(current, capacity)
            sim.start_settings = settings
            sim.journal = [(s, dict(c)) for s, c in changes]
        if state is not None:
            if state.get("step") != self.steps:
                raise _of_learner(
                    index,
                    SessionError(
                        'the state is at step {step}, not at "steps" ({steps})',
                        step=_short(state.get("step")),
                        steps=self.steps,
                    ),
                )
            try:
                sim.restore(state)
            except ValueError as exc:
                raise _of_learner(index, exc) from None
        return sim

    # --- JSON ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION if self.states is not None else 1,
            "settings": settings_to_dict(self.settings),
            "changes": [[step, _values_to_json(change)] for step, change in self.changes],
            "steps": self.steps,
        }
        if self.states is not None:
            data["state"] = self.states[0]
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
            if self.states is not None:
                for entry, state in zip(data["rivals"], self.states[1:], strict=True):
                    entry["state"] = state
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Session:
        if not isinstance(data, dict):
            raise SessionError(
                "a session must be a JSON object, not {kind}", kind=type(data).__name__
            )
        if data.get("format") != FORMAT:
            raise SessionError(
                'not a Cross-Entropy Lab session ("format" is {value})',
                value=_short(data.get("format")),
            )
        if "version" not in data:
            raise SessionError('"{name}" is missing', name="version")
        version = data["version"]
        if isinstance(version, bool) or version not in READS:
            raise SessionError(
                "format version {value}; this version of the app reads versions {low} and {high}",
                value=_short(version),
                low=READS[0],
                high=READS[1],
            )
        required = TOP_KEYS + (("state",) if version >= 2 else ())
        missing = [k for k in required if k not in data]
        if missing:
            raise SessionError('"{name}" is missing', name=missing[0])
        optional = [k for k in OPTIONAL_KEYS if version >= 2 or k != "state"]
        extra = sorted(set(data) - set(TOP_KEYS) - set(optional))
        if extra:
            raise SessionError('unknown field "{name}"', name=_short(extra[0], 40, quote=False))
        settings = settings_from_dict(data["settings"])
        steps = data["steps"]
        if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= MAX_STEPS:
            raise SessionError(
                '"steps" must be a whole number from 0 to {high:,}, not {value}',
                high=MAX_STEPS,
                value=_short(steps),
            )
        changes, _ = _changes_from_json(data["changes"], settings, steps)
        speed = data.get("speed")
        if speed is not None:
            if speed == "max":
                speed = math.inf
            elif (
                isinstance(speed, bool)
                or not isinstance(speed, int | float)
                or not (SPEED_RANGE.low <= speed <= SPEED_RANGE.high)
            ):
                raise SessionError(
                    '"speed" must be from {low:g} to {high:,g} or "max", not {value}',
                    value=_short(speed),
                    low=SPEED_RANGE.low,
                    high=SPEED_RANGE.high,
                )
            speed = float(speed)
        rivals, rival_states = _rivals_from_json(data.get("rivals", []), settings, steps, version)
        states = None
        if version >= 2:
            if not isinstance(data["state"], dict):
                raise SessionError('"{name}" must be a JSON object', name="state")
            states = [data["state"], *rival_states]
        return cls(settings, changes, steps, speed, rivals, states)


def rerun(
    settings: Settings, changes: Changes, steps: int, capacity: int | None = None
) -> Simulation:
    """A Simulation brought to ``steps`` by running it again from its start with ``changes``."""
    sim = Simulation(settings) if capacity is None else Simulation(settings, capacity)
    for step, change in changes:
        sim.advance(step - sim.step_count)
        settings_changes = {k: v for k, v in change.items() if k != HAND}
        if settings_changes:
            sim.update(**settings_changes)
        if HAND in change:  # a belief set by hand, after the settings of its step
            sim.set_belief(change[HAND])
    sim.advance(steps - sim.step_count)
    sim.journal = [(s, dict(c)) for s, c in changes]
    return sim


def _close(a: Any, b: Any) -> bool:
    """Equal, or (numbers, and lists of them) within TOLERANCE relative to max(1, |value|)."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, int | float) and not isinstance(b, bool):
        return bool(abs(a - b) <= TOLERANCE * max(1.0, abs(a)))
    return type(a) is type(b) and a == b


def _difference(replayed: dict[str, Any], stored: dict[str, Any]) -> SessionError | None:
    """The first field in which a replayed state differs from a stored one, or None."""
    for name, value in replayed.items():
        if name not in stored:
            return SessionError('"{name}" is missing', name=name)
        if name in ("trail", "rejected"):
            continue  # drawing aids; the belief itself is compared
        if not _close(value, stored[name]):
            return SessionError('"{name}" differs', name=name)
    extra = sorted(set(stored) - set(replayed))
    if extra:
        return SessionError('unknown field "{name}"', name=_short(extra[0], 40, quote=False))
    return None


def _of_learner(index: int, error: Exception) -> SessionError:
    """``error`` as it concerns learner ``index``: the lead's as it is, a rival's named."""
    if index == 0:
        if isinstance(error, SessionError):
            return error
        return SessionError("{problem}", problem=error)
    return SessionError("rival {position}: {problem}", position=index, problem=error)


def _short(value: Any, limit: int = 60, quote: bool = True) -> str:
    """``repr`` of a value from a file, cut short (a file may hold huge or deep values)."""
    try:
        if not quote:
            text = str(value)
        else:  # a list or object as JSON shows it (true, null); anything else as Python's repr
            text = json.dumps(value) if isinstance(value, list | dict) else repr(value)
    except (TypeError, ValueError):
        text = repr(value)
    except RecursionError:
        text = f"a deeply nested {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _values_to_json(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: ([c.text() for c in v] if k == "shift" else list(v) if isinstance(v, tuple) else v)
        for k, v in values.items()
    }


def settings_to_dict(s: Settings) -> dict[str, Any]:
    world = s.world
    out: dict[str, Any] = {"world": world.name}
    if world.name == "custom":
        out["p"] = list(world.p)
        out["labels"] = list(world.labels)
    if world.changes:
        out["shift"] = [change.text() for change in world.changes]
    for name in SETTING_FIELDS:
        out[name] = _values_to_json({name: getattr(s, name)})[name]
    return out


def _check_list(value: Any, name: str, kind: type | tuple[type, ...]) -> None:
    if not isinstance(value, list) or not all(
        isinstance(v, kind) and not isinstance(v, bool) for v in value
    ):
        if kind is str:
            raise SessionError(
                'settings: "{name}" must be a list of text, not {value}',
                name=name,
                value=_short(value),
            )
        raise SessionError(
            'settings: "{name}" must be a list of numbers, not {value}',
            name=name,
            value=_short(value),
        )


def settings_from_dict(data: Any) -> Settings:
    """A session's settings: every field given, read by the one reader of settings."""
    if not isinstance(data, dict):
        raise SessionError('"settings" must be a JSON object, not {value}', value=_short(data))
    allowed = {"world", "p", "labels", "shift", *SETTING_FIELDS}
    extra = sorted(set(data) - allowed)
    if extra:
        raise SessionError('unknown setting "{name}"', name=_short(extra[0], 40, quote=False))
    missing = [k for k in ("world", *SETTING_FIELDS) if k not in data]
    if missing:
        raise SessionError('setting "{name}" is missing', name=missing[0])
    try:
        return settings_from_mapping(data)
    except (DistributionError, SettingsError) as exc:
        raise SessionError("settings: {problem}", problem=exc) from None


def _changes_from_json(raw: Any, settings: Settings, steps: int) -> tuple[Changes, Settings]:
    if not isinstance(raw, list):
        raise SessionError(
            '"{name}" must be a list, not {value}', name="changes", value=_short(raw)
        )
    if len(raw) > MAX_SESSION_CHANGES:
        raise SessionError(
            "{count:,} changes; a session holds at most {high:,}",
            count=len(raw),
            high=MAX_SESSION_CHANGES,
        )
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
            raise SessionError(
                # the braces are values, so a translation can write the shape in its words
                "change {position} must be [step, {lbrace}setting: value{rbrace}], not {value}",
                position=i,
                lbrace="{",
                rbrace="}",
                value=_short(entry),
            )
        step, values = entry
        if not last <= step <= steps:
            raise SessionError(
                "change {position} is at step {step}, outside 0 to {steps} or out of order",
                position=i,
                step=step,
                steps=steps,
            )
        last = step
        values = dict(values)
        if HAND in values:
            values[HAND] = _hand_values(values[HAND], current, i)
        for key in values:
            if key in (HAND, "shift"):
                continue
            if key not in SETTING_FIELDS or key in ("belief", "learner", "seed", "start"):
                raise SessionError(
                    "change {position}: {name} cannot change during a run",
                    position=i,
                    name=_short(key, 40),
                )
        before = current.world
        try:
            current = current.replace(**{k: v for k, v in values.items() if k != HAND})
        except (SettingsError, TypeError) as exc:
            raise SessionError("change {position}: {problem}", position=i, problem=exc) from None
        if not current.world.same_until(before, step):
            raise SessionError(
                "change {position}: the world's changes before step {step} cannot change",
                position=i,
                step=step,
            )
        changes.append((step, dict(values)))
    return changes, current


def _hand_values(raw: Any, settings: Settings, position: int) -> list[float]:
    """A hand change's parameters: finite numbers, one per parameter of the belief."""
    n = make_belief(settings.belief, settings.world.size).n_params
    if (
        not isinstance(raw, list)
        or len(raw) != n
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw)
        or not all(math.isfinite(v) for v in raw)
    ):
        raise SessionError(
            'change {position}: "{name}" must be {n} finite numbers, not {value}',
            position=position,
            name=HAND,
            n=n,
            value=_short(raw),
        )
    return [float(v) for v in raw]


def _rivals_from_json(raw: Any, lead: Settings, steps: int, version: int) -> tuple[list, list]:
    if not isinstance(raw, list):
        raise SessionError('"{name}" must be a list, not {value}', name="rivals", value=_short(raw))
    if len(raw) > MAX_RIVALS:
        raise SessionError(
            "a race has at most {high} rivals, not {count}", high=MAX_RIVALS, count=len(raw)
        )
    rivals = []
    states = []
    keys = {"settings", "changes", "state"} if version >= 2 else {"settings", "changes"}
    for i, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or set(entry) != keys:
            if version >= 2:
                raise SessionError(
                    'rival {position} must be {{"settings": ..., "changes": [...], '
                    '"state": {{...}}}}',
                    position=i,
                )
            raise SessionError(
                'rival {position} must be {{"settings": ..., "changes": [...]}}', position=i
            )
        try:
            settings = settings_from_dict(entry["settings"])
            changes, _ = _changes_from_json(entry["changes"], settings, steps)
        except SessionError as exc:
            raise _of_learner(i, exc) from None
        for name in SHARED:
            if getattr(settings, name) != getattr(lead, name):
                raise _of_learner(i, SessionError("its {name} differs from the lead's", name=name))
        if version >= 2:
            if not isinstance(entry["state"], dict):
                raise _of_learner(i, SessionError('"{name}" must be a JSON object', name="state"))
            states.append(entry["state"])
        rivals.append((settings, changes))
    return rivals, states


def save_session(session: Session, path: str | Path) -> None:
    """Write atomically: a crash mid-save leaves any earlier file as it was."""
    path = Path(path)
    if path.is_dir():
        raise SessionError("{path} is a folder; choose a file name", path=path)
    text = json.dumps(session.to_dict(), indent=1, allow_nan=False) + "\n"
    try:
        write_text(path, text)
    except FileError as exc:
        raise SessionError("{problem}", problem=exc) from None


def open_session(
    path: str | Path, history_capacity: int | None = None
) -> tuple[Session, Simulation, list[Simulation]]:
    """Read a session file and bring its learners to the saved state (errors name the file)."""
    session = load_session(path)
    try:
        lead, rivals = session.replay_race(history_capacity)
    except SessionError as exc:
        raise SessionError("{file}: {problem}", file=path, problem=exc) from None
    return session, lead, rivals


def load_session(path: str | Path) -> Session:
    """Read a session file; every problem raises SessionError naming the file."""
    path = Path(path)
    try:
        return Session.from_dict(read_json(path, MAX_FILE_BYTES, SESSION_FILE))
    except ValueError as exc:  # SessionError is a ValueError too
        raise SessionError("{file}: {problem}", file=path, problem=exc) from None
