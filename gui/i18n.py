"""Languages: Qt translators from ``assets/i18n/*.qm``, and numbers written the local way.

English is the source language.  Ukrainian comes from ``assets/i18n/crossentropy_uk.ts``
(Qt Linguist's format), compiled to ``crossentropy_uk.qm`` with ``pyside6-lrelease``.
``uv run python -m gui.i18n`` brings the ``.ts`` file up to date with the strings in the
code (new strings are added unfinished, translated ones kept) and compiles it.

Grammar with numbers:

* a message with a count goes through :func:`plural` (Qt's numerus forms: three in
  Ukrainian, singular and plural in English), or is worded so that the number needs no
  agreement («точок: {n}»);
* a unit written after a decimal number comes from :func:`unit_after_decimal` («0,32 біта»),
  not from the axis label («біт») or the radio button («біти»);
* numbers inside messages are written the local way (:func:`number`, :func:`number_list`),
  engine errors included (:func:`translate_error`).
"""

from __future__ import annotations

import ast
import re
import string
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


_NBSP = "\u00a0"
_KEEP_TOGETHER = (
    # a number and its unit or per cent sign: "45 %", "0.32 bits", «1,00 біта»
    (
        re.compile(r"(\d)[ \u202f]+(%|bits?\b|nats?\b|біт\w*|нат\w*|outcomes?\b)"),
        r"\1" + _NBSP + r"\2",
    ),
    # a logarithm and its argument: "−log₂ q(x)"
    (re.compile(r"(log₂|ln) +"), r"\1" + _NBSP),
    # "= 0.5", "≈ 400": the sign stays with the number after it (a line may break before it)
    (re.compile(r" ([=≈<>≤≥×]) (?=[−\-\d(])"), r" \1" + _NBSP),
    # a one-letter symbol stays with the word before it: "distribution p", «розподіл p»
    (re.compile(r"(\w) (?=[pqxμaT](?:\(|\b)(?![\w']))"), r"\1" + _NBSP),
)


def keep_together(text: str) -> str:
    """``text`` with no-break spaces where a line break would split one thing in two.

    A number from its unit ("45 %", "0,32 біта"), a logarithm from its argument, a sign from
    the number after it, a one-letter symbol from the noun before it.  Rich-text tags are
    left alone (they have no such spaces in them).
    """
    for pattern, replacement in _KEEP_TOGETHER:
        text = pattern.sub(replacement, text)
    return text


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


def decimal_comma() -> bool:
    """Whether the current language writes (and types) decimal commas: «0,5»."""
    return _language == "uk"


def list_separator() -> str:
    """Between the numbers of a list: "0.5, 0.3" in English, «0,5; 0,3» in Ukrainian."""
    return "; " if _language == "uk" else ", "


def number_list(values, spec: str = "g") -> str:
    """Numbers written the local way, separated so a decimal comma stays unambiguous."""
    return list_separator().join(number(format(float(x), spec)) for x in values)


def plural(context: str, singular: str, plural_text: str, n: int) -> str:
    """The template for the count ``n``: Qt's numerus form of ``plural_text`` for ``n``.

    English picks ``singular`` or ``plural_text``; Ukrainian has three forms in the .ts file
    (1, 21 …; 2–4, 22–24 …; 5–20, 25 … and 0).  The result still has its ``{n}``-style
    placeholders for ``str.format``.
    """
    if _language == "en":
        return singular if n == 1 else plural_text
    return QCoreApplication.translate(context, plural_text, None, int(n))


def count(context: str, singular: str, plural_text: str, n: int) -> str:
    """:func:`plural` with ``{n}`` filled in, written the local way: "1 point", «5 точок»."""
    return plural(context, singular, plural_text, n).format(n=number(f"{n:,}"))


def unit_after_decimal(units: str) -> str:
    """The unit as written after a decimal number: "0.32 bits", «0,32 біта»."""
    if units == "bits":
        return QCoreApplication.translate("UnitAfterDecimal", "bits")
    return QCoreApplication.translate("UnitAfterDecimal", "nats")


_PLAIN_NUMBER = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?")


class _LocalFormatter(string.Formatter):
    """Formats a message's values, numbers written the current language's way."""

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if numeric or (isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value)):
            return number(text)
        return text


def translate_error(exc: Exception) -> str:
    """An engine error's message in the current language (its template translated), its
    numbers written the local way (but not inside quoted input, which is shown as typed)."""
    template = getattr(exc, "template", None)
    if template is None:
        return str(exc)
    params = {}
    for key, value in getattr(exc, "params", {}).items():
        if isinstance(value, Exception):  # an error wrapped in another: translated in turn
            value = translate_error(value)
        elif isinstance(value, str) and f'"{{{key}}}"' not in template:
            value = engine_text(value)  # but a name in quotes is a file's field: kept as it is
        params[key] = value
    return _LocalFormatter().format(QCoreApplication.translate("engine", template), **params)


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


ENGINE_MESSAGE_CALLS = (
    "N_",
    "DistributionError",
    "SettingsError",
    "ExperimentError",
    "LessonError",
    "Problem",
    "SessionError",
    "FileError",
    "JsonFileError",
)
NUMERUS_FORMS = {"uk": 3}  # how many plural forms each language's .ts file holds


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _scan() -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    """(context → source strings, the (context, source) pairs that take a count)."""
    found: dict[str, list[str]] = {}
    numerus: set[tuple[str, str]] = set()

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
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            texts = [_constant(arg) for arg in node.args]
            if name == "tr" and context and texts[0] is not None:
                add(context, texts[0])
            elif (
                name in ("translate", "QT_TRANSLATE_NOOP")
                and len(texts) >= 2
                and None not in texts[:2]
            ):
                add(texts[0], texts[1])  # translate("Context", "text"), or marked for later
            elif name in ("plural", "count") and len(texts) >= 3 and None not in texts[:3]:
                add(texts[0], texts[2])  # i18n.plural("Context", "one", "many", n)
                numerus.add((texts[0], texts[2]))
    for path in sorted((ROOT / "engine").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            text = _constant(node.args[0])
            if text is not None and name in ENGINE_MESSAGE_CALLS:
                add("engine", text)
    return found, numerus


def source_strings() -> dict[str, list[str]]:
    """Every translatable string: ``tr("...")`` and ``QCoreApplication.translate("Ctx",
    "...")`` in gui/, counts given to :func:`plural`, the engine's ``N_("...")`` and the
    messages of the errors the window shows (:data:`ENGINE_MESSAGE_CALLS`)."""
    return _scan()[0]


def numerus_sources() -> set[tuple[str, str]]:
    """The (context, source) pairs that are counts, with one translation per plural form."""
    return _scan()[1]


def read_ts_forms(path: Path) -> dict[tuple[str, str], tuple[list[str], bool, bool]]:
    """(context, source) → (translations, finished, numerus): one translation, or one per
    plural form for a numerus message."""
    result = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name", "")
        for message in ctx.iter("message"):
            source = message.findtext("source", "")
            t = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if t is None:
                forms = [""]
            elif numerus:
                forms = [form.text or "" for form in t.findall("numerusform")] or [""]
            else:
                forms = [t.text or ""]
            finished = t is not None and t.get("type") not in ("unfinished", "obsolete", "vanished")
            result[(name, source)] = (forms, finished and all(forms), numerus)
    return result


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (translation, finished) from a .ts file (a count's first form)."""
    return {key: (forms[0], done) for key, (forms, done, _) in read_ts_forms(path).items()}


def write_ts(
    path: Path,
    lang: str,
    strings: dict[str, list[str]],
    known,
    numerus: set[tuple[str, str]] = frozenset(),
) -> None:
    """Write the .ts file; ``known`` is :func:`read_ts_forms` of the old one."""
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="en")
    n_forms = NUMERUS_FORMS.get(lang, 2)
    for context in sorted(strings):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for source in strings[context]:
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            forms, finished, was_numerus = known.get((context, source), ([""], False, False))
            t = ET.SubElement(message, "translation")
            if (context, source) in numerus:
                message.set("numerus", "yes")
                if not was_numerus:  # a plain translation becomes a count: forms to write
                    forms, finished = [forms[0]] + [""] * (n_forms - 1), False
                forms = (list(forms) + [""] * n_forms)[:n_forms]
                for form in forms:
                    ET.SubElement(t, "numerusform").text = form
            else:
                forms = forms[:1]
                t.text = forms[0]
            if not finished or not all(forms):
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
    known = read_ts_forms(ts) if ts.exists() else {}
    strings, numerus = _scan()
    write_ts(ts, lang, strings, known, numerus)
    subprocess.run([lrelease_command(), str(ts), "-qm", str(qm_path(lang))], check=True)
    fresh = read_ts_forms(ts)
    missing = [(c, s) for c in strings for s in strings[c] if not fresh[(c, s)][1]]
    for context, source in missing:
        print(f"unfinished [{context}] {source}")
    return len(missing)


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    sys.exit(1 if update() else 0)
