"""The guided lesson: scenes are JSON files (``assets/lesson/*.json``), one per scene.

A teacher can edit a scene or add one without touching code.  Each file holds::

    {
      "format": 1,
      "title":    {"en": "...", "uk": "..."},
      "caption":  {"en": "...", "uk": "..."},
      "formula":  {"en": "...", "uk": "..."},          (optional)
      "question": {"en": "...", "uk": "..."},
      "answer":   {"en": "...", "uk": "..."},
      "show":     ["bars", "step", "outcome"],         (optional; see below)
      "setup": {"world": "weather", "belief": "free", "learner": "none", "seed": 1,
                "learning_rate": 0.1, "temperature": 0.2, "cooling": "geometric",
                "cooling_rate": 0.999, "start": [0, 0], "units": "bits",
                "speed": 5 or "max", "p": "0.7, 0.3" and "labels": ["a", "b"] (custom),
                "shift": ["1500:0.2,0.8"] (the world changes; as --shift on the command line)}
    }

Scenes are shown in file-name order.  English is required; another language falls back
to English where a text is missing.  Every scene runs in the units its setup names, bits
when it names none, so a scene's numbers never depend on the scene before it.

``show`` lists what the scene puts on screen (the rest is hidden while it is shown): the
views ``bars`` (belief q against the truth p), ``surprise`` (surprise over time) and
``landscape``, and the readouts ``step``, ``outcome``, ``entropy``, ``cross_entropy``,
``kl``, ``perplexity``, ``temperature`` and ``acceptance``.  Without ``show`` everything is
shown.

A file that cannot be used gives a :class:`LessonError` naming the file and the problem;
:func:`load_lesson` collects those and still returns every scene that loaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jsonfile import read_json
from .registry import SHOW_NAMES as SHOW_NAMES  # what a scene may show
from .registry import SHOW_READOUTS as SHOW_READOUTS
from .registry import SHOW_VIEWS as SHOW_VIEWS
from .registry import SPEED_RANGE as SPEED
from .settings import Settings, SettingsError, settings_from_mapping
from .validation import DistributionError, MessageError

FORMAT = 1
TEXT_FIELDS = ("title", "caption", "question", "answer")
OPTIONAL_TEXT_FIELDS = ("formula",)
TOP_KEYS = frozenset({"format", "setup", "show", *TEXT_FIELDS, *OPTIONAL_TEXT_FIELDS})
SETTING_KEYS = (
    "belief",
    "learner",
    "learning_rate",
    "temperature",
    "cooling",
    "cooling_rate",
    "seed",
    "start",
    "units",
)
SETUP_KEYS = frozenset({"world", "p", "labels", "shift", "speed", *SETTING_KEYS})
MAX_FILE_BYTES = 200_000
SPEED_RANGE = (SPEED.low, SPEED.high)


class LessonError(MessageError):
    """A scene file that cannot be used; the message names the file and the problem.

    Like the engine's other errors it is a template and its values, so the window can show
    it translated; a ``problem`` value is the error it wraps.
    """


class Problem(str):
    """A problem with the lesson: its English text, and its template and values (as
    :class:`LessonError`'s) so the window can show it in another language."""

    template: str
    params: dict

    def __new__(cls, template: str, **params: object) -> Problem:
        self = super().__new__(cls, template.format(**params))
        self.template, self.params = template, params
        return self

    @classmethod
    def of(cls, error: Exception) -> Problem:
        if isinstance(error, MessageError):
            return cls(error.template, **error.params)
        return cls("{problem}", problem=str(error))


@dataclass(frozen=True)
class Scene:
    """One step of the lesson: its texts in each language and the run it sets up."""

    name: str  # the file's name, e.g. "03_wrong_beliefs.json"
    texts: dict[str, dict[str, str]] = field(compare=False)  # field -> language -> text
    settings: Settings
    speed: float  # outcomes per second; math.inf for "max"
    fields_set: frozenset[str] = frozenset()  # the setup fields the file gives, and "units"
    show: frozenset[str] = frozenset(SHOW_NAMES)  # what the scene puts on screen

    def shows(self, name: str) -> bool:
        """Whether the view or readout ``name`` (one of SHOW_NAMES) is part of this scene."""
        return name in self.show

    def text(self, name: str, language: str = "en") -> str:
        by_language = self.texts.get(name, {})
        return by_language.get(language) or by_language.get("en", "")

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(lang for texts in self.texts.values() for lang in texts)


def _texts(name: str, value: Any, required: bool) -> dict[str, str]:
    if value is None and not required:
        return {}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict):
        raise LessonError(
            '"{name}" must be text or {{"en": ..., "uk": ...}}, not {value!r}',
            name=name,
            value=value,
        )
    for lang, text in value.items():
        if not isinstance(text, str):
            raise LessonError(
                '"{name}" in {lang!r} must be text, not {text!r}', name=name, lang=lang, text=text
            )
    if required and not value.get("en", "").strip():
        raise LessonError('"{name}" has no English text', name=name)
    return dict(value)


def _speed(value: Any) -> float:
    if isinstance(value, str) and value.strip().lower() == "max":
        return math.inf
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LessonError(
            '"speed" must be outcomes per second or "max", not {value!r}', value=value
        )
    if not SPEED_RANGE[0] <= value <= SPEED_RANGE[1]:
        raise LessonError(
            '"speed" is {value:g}; it must be from {low:g} to {high:,g}, or "max"',
            value=value,
            low=SPEED.low,
            high=SPEED.high,
        )
    return float(value)


def _show(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset(SHOW_NAMES)
    if not isinstance(value, list) or not value:
        raise LessonError('"show" must be a non-empty list of names, not {value!r}', value=value)
    for name in value:
        if name not in SHOW_NAMES:
            raise LessonError(
                '"show" has {value!r}; choose from {choices}',
                value=name,
                choices=", ".join(SHOW_NAMES),
            )
    return frozenset(value)


def scene_from_dict(data: Any, name: str = "scene") -> Scene:
    """A Scene from parsed JSON; every problem raises LessonError (without the file name)."""
    if not isinstance(data, dict):
        raise LessonError("a scene must be a JSON object, not {kind}", kind=type(data).__name__)
    if "format" not in data:
        raise LessonError('"format" is missing (this version reads format 1)')
    if data["format"] != FORMAT:
        raise LessonError(
            '"format" is {value!r}; this version reads format {format}',
            value=data["format"],
            format=FORMAT,
        )
    extra = sorted(set(data) - TOP_KEYS)
    if extra:
        raise LessonError('unknown field "{name}"', name=extra[0])
    missing = [key for key in (*TEXT_FIELDS, "setup") if key not in data]
    if missing:
        raise LessonError('"{name}" is missing', name=missing[0])
    texts = {key: _texts(key, data.get(key), key in TEXT_FIELDS) for key in TEXT_FIELDS}
    formula = _texts("formula", data.get("formula"), False)
    if formula:
        texts["formula"] = formula
    setup = data["setup"]
    if not isinstance(setup, dict):
        raise LessonError('"setup" must be a JSON object, not {value!r}', value=setup)
    extra = sorted(set(setup) - SETUP_KEYS)
    if extra:
        raise LessonError('unknown setup field "{name}"', name=extra[0])
    try:
        settings = settings_from_mapping({k: v for k, v in setup.items() if k != "speed"})
    except (DistributionError, SettingsError) as exc:
        raise LessonError("{problem}", problem=exc) from None
    return Scene(
        name=name,
        texts=texts,
        settings=settings,
        speed=_speed(setup.get("speed", 5)),
        fields_set=frozenset(setup) | {"units"},  # bits unless the scene says nats
        show=_show(data.get("show")),
    )


def load_scene(path: str | Path) -> Scene:
    """Read one scene file; any problem raises LessonError naming the file."""
    path = Path(path)
    try:
        return scene_from_dict(read_json(path, MAX_FILE_BYTES, "scene file"), path.name)
    except ValueError as exc:  # LessonError is a ValueError too
        raise LessonError("{file}: {problem}", file=path.name, problem=exc) from None


def load_lesson(folder: str | Path) -> tuple[list[Scene], list[Problem]]:
    """Every scene in ``folder`` (by file name) and a message for each file that failed
    (text, with its template for translation: see :class:`Problem`)."""
    folder = Path(folder)
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return [], [
            Problem(
                "{folder}: the lesson folder cannot be read ({reason})",
                folder=str(folder),
                reason=reason,
            )
        ]
    scenes, problems = [], []
    for path in paths:
        try:
            scenes.append(load_scene(path))
        except LessonError as exc:
            problems.append(Problem.of(exc))
    if not paths:
        problems.append(Problem("{folder}: no scene files (*.json) found", folder=str(folder)))
    return scenes, problems
