"""Keeping ``assets/i18n/*.ts`` up to date with the strings in the code, and compiling them.

A maintainer's tool (``uv run python -m gui.i18n``), apart from :mod:`gui.i18n` so the window
does not read it at start-up; :mod:`gui.i18n` still offers these names (imported on use).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from .i18n import I18N, ROOT, qm_path


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
