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

import re
import string
import sys
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


# --- keeping the .ts file up to date: gui/i18n_tool.py, read when first used (start-up) --------
_TOOL = frozenset(
    {
        "ENGINE_MESSAGE_CALLS",
        "NUMERUS_FORMS",
        "lrelease_command",
        "numerus_sources",
        "read_ts",
        "read_ts_forms",
        "source_strings",
        "update",
        "write_ts",
    }
)


def __getattr__(name: str):
    if name in _TOOL:
        from . import i18n_tool

        return getattr(i18n_tool, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    from gui.i18n_tool import update

    sys.exit(1 if update() else 0)
