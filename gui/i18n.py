"""Languages: Qt translators from ``assets/i18n/*.qm``, and numbers written the local way.

English is the source language.  Ukrainian comes from ``assets/i18n/crossentropy_uk.ts``
(Qt Linguist's format), compiled to ``crossentropy_uk.qm`` with ``pyside6-lrelease``.
``uv run python -m gui.i18n`` brings the ``.ts`` file up to date with the strings in the
code (new strings are added unfinished, translated ones kept) and compiles it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from . import style

I18N = style.ASSETS / "i18n"
LANGUAGES = {"en": "English", "uk": "Українська"}
ROOT = Path(__file__).resolve().parent.parent

_language = "en"
_translators: list[QTranslator] = []


class LanguageError(ValueError):
    """A language that is unknown or whose translation file cannot be loaded."""


def language() -> str:
    return _language


def qm_path(lang: str) -> Path:
    return I18N / f"crossentropy_{lang}.qm"


def set_language(lang: str) -> None:
    """Install the translator for ``lang`` (English needs none); raises LanguageError."""
    global _language
    if lang not in LANGUAGES:
        raise LanguageError(f"unknown language {lang!r}; choose {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    new: list[QTranslator] = []
    if lang != "en":
        ours = QTranslator()
        if not ours.load(str(qm_path(lang))):
            raise LanguageError(
                f"the {LANGUAGES[lang]} translation {qm_path(lang)} cannot be loaded"
            )
        new.append(ours)
        qt_own = QTranslator()  # Qt's own words (OK, Cancel...) where PySide6 ships them
        if qt_own.load(
            f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            new.append(qt_own)
    if app is not None:
        for old in _translators:
            app.removeTranslator(old)
        for translator in new:
            app.installTranslator(translator)
    _translators[:] = new
    _language = lang
    QLocale.setDefault(
        QLocale(QLocale.Language.Ukrainian if lang == "uk" else QLocale.Language.English)
    )


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def number(text: str) -> str:
    """Numbers in ``text`` written the current language's way.

    English: 12,345.678.  Ukrainian: 12 345,678 (a narrow no-break space groups thousands).
    """
    if _language != "uk":
        return text

    def local(m: re.Match) -> str:
        whole = m.group(1).replace(",", "\u202f")
        return whole + (("," + m.group(2)[1:]) if m.group(2) else "")

    return _NUMBER.sub(local, text)


def translate_error(exc: Exception) -> str:
    """An engine error's message in the current language (its template translated)."""
    template = getattr(exc, "template", None)
    if template is None:
        return str(exc)
    params = {
        key: engine_text(value)
        if isinstance(value, str)
        else _LocalNumber(value)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for key, value in getattr(exc, "params", {}).items()
    }
    return QCoreApplication.translate("engine", template).format(**params)


class _LocalNumber(float):
    """A number in an error message, written the current language's way (0,0001 in Ukrainian)."""

    def __new__(cls, value: float):
        self = super().__new__(cls, value)
        self.exact = value  # an int stays an int: {value} prints 7, not 7.0
        return self

    def __format__(self, spec: str) -> str:
        return number(format(self.exact, spec))

    def __str__(self) -> str:
        return self.__format__("")

    def __repr__(self) -> str:  # {value!r} quotes the value as given
        return repr(self.exact)


def engine_text(text: str) -> str:
    """A fixed engine string (world description, learner title, axis name) translated."""
    return QCoreApplication.translate("engine", text)


# --- keeping the .ts file up to date ----------------------------------------------------------


def _tr_context(tree: ast.Module) -> str | None:
    """The context of a module's ``tr`` helper: ``QCoreApplication.translate("Ctx", text)``."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    return call.args[0].value
    return None


def source_strings() -> dict[str, list[str]]:
    """Every translatable string: ``tr("...")`` in gui/, the engine's ``N_("...")`` and the
    messages of the errors the window shows (DistributionError, SettingsError, ExperimentError)."""
    found: dict[str, list[str]] = {}

    def add(context: str, text: str) -> None:
        found.setdefault(context, [])
        if text not in found[context]:
            found[context].append(text)

    for path in sorted((ROOT / "gui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = _tr_context(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            arg = node.args[0]
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name == "tr" and context and isinstance(arg, ast.Constant):
                add(context, arg.value)
    for path in sorted((ROOT / "engine").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            arg = node.args[0]
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if not isinstance(arg, ast.Constant) or not isinstance(arg.value, str):
                continue
            if name in ("N_", "DistributionError", "SettingsError", "ExperimentError"):
                add("engine", arg.value)
    return found


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (translation, finished) from a .ts file."""
    result = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name", "")
        for message in ctx.iter("message"):
            source = message.findtext("source", "")
            t = message.find("translation")
            text = (t.text or "") if t is not None else ""
            finished = t is not None and t.get("type") not in ("unfinished", "obsolete", "vanished")
            result[(name, source)] = (text, finished)
    return result


def write_ts(path: Path, lang: str, strings: dict[str, list[str]], known) -> None:
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="en")
    for context in sorted(strings):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for source in strings[context]:
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            text, finished = known.get((context, source), ("", False))
            t = ET.SubElement(message, "translation")
            t.text = text
            if not finished or not text:
                t.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def lrelease_command() -> str:
    return str(Path(sys.executable).with_name("pyside6-lrelease"))


def update(lang: str = "uk") -> int:
    """Refresh the .ts file from the code, then compile the .qm; returns unfinished count."""
    ts = I18N / f"crossentropy_{lang}.ts"
    known = read_ts(ts) if ts.exists() else {}
    strings = source_strings()
    write_ts(ts, lang, strings, known)
    subprocess.run([lrelease_command(), str(ts), "-qm", str(qm_path(lang))], check=True)
    missing = [(c, s) for c in strings for s in strings[c] if not known.get((c, s), ("", False))[1]]
    for context, source in missing:
        print(f"unfinished [{context}] {source}")
    return len(missing)


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    sys.exit(1 if update() else 0)
