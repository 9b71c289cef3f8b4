"""A Ukrainian class sees file errors in Ukrainian: opening and saving sessions, reading JSON.

The window's warning boxes are captured (QMessageBox.warning is replaced) and their text is
checked: Cyrillic, no English word of the message's template left, numbers written the
Ukrainian way, the file still named.  The CLI keeps its English lines (tests/test_session.py).
"""

from __future__ import annotations

import json
import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from engine.lesson import LessonError, load_scene
from engine.session import SessionError, open_session
from engine.settings import Settings
from gui import i18n

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
# Latin words a Ukrainian message may keep: a format's name and Python's names of values.
LATIN_ALLOWED = {"JSON", "UTF", "list", "int", "None", "True", "False"}


def latin_words(text: str, path: str) -> list[str]:
    """English left in a message: Latin words outside the file's name and quoted values."""
    text = text.replace(path, " ")
    text = re.sub(r"«[^»]*»|'[^']*'|\"[^\"]*\"|\{\"[^}]*\}", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in LATIN_ALLOWED]


def test_the_check_finds_english():
    assert latin_words('/tmp/a.json: "steps" is missing', "/tmp/a.json") == ["is", "missing"]
    assert latin_words('/tmp/a.json: немає поля "steps"', "/tmp/a.json") == []


@pytest.fixture(scope="module")
def ukrainian_window(qapp):
    """One window for the module: a refused file leaves it as it was (each test checks that)."""
    from gui.main_window import MainWindow

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    i18n.set_language("en")
    QSettings().clear()
    w = MainWindow(Settings(seed=4), speed=5.0)
    w.set_language("uk")
    w.warnings = []

    def warning(parent, title, text, *args, **kwargs):
        w.warnings.append((title, text))
        return QMessageBox.StandardButton.Ok

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "warning", warning)
        yield w
    w.timer.stop()
    w.close()
    w.deleteLater()
    i18n.set_language("en")


@pytest.fixture
def window(ukrainian_window):
    assert i18n.language() == "uk"
    ukrainian_window.warnings.clear()
    yield ukrainian_window
    assert ukrainian_window.warnings == []  # every warning shown was checked by the test


@pytest.fixture
def good(window, tmp_path):
    """A race saved by the window, as JSON (to be spoilt by each test)."""
    for _ in range(7):
        window.step_once()
    path = tmp_path / "good.json"
    assert window.save_session(str(path))
    return json.loads(path.read_text(encoding="utf-8"))


def open_text(window, path) -> str:
    """The warning the window shows on opening ``path`` (English: what the CLI prints)."""
    step = window.sim.step_count
    assert not window.open_session(str(path))
    assert window.sim.step_count == step  # the run is left as it was
    title, text = window.warnings.pop()
    assert title == "Сесію не відкрито"
    return text


def check_ukrainian(text: str, path) -> None:
    assert str(path) in text
    assert CYRILLIC.search(text), text
    assert latin_words(text, str(path)) == [], text


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(version=3), "версія формату: 3; ця версія програми читає версії 1 і 2"),
        (lambda d: d.pop("steps"), 'немає поля "steps"'),
        (lambda d: d["settings"].pop("seed"), 'немає налаштування "seed"'),  # a name: as is
        (
            lambda d: d["settings"].update(start=[0.1, 0.2, 0.3]),
            '"start": значень — 3; переконання «free» у цьому світі',
        ),
        (lambda d: d.update(changes=[[3]]), "зміна 1 має бути записом [крок, {налаштування:"),
        (
            lambda d: d.update(changes=[[0, {}]] * 100_001),
            "кількість змін: 100\u202f001; сесія може містити щонайбільше 100\u202f000",
        ),
        (lambda d: d.update(speed=0.05), '"speed" має бути від 0,1 до 100\u202f000 або "max"'),
        (lambda d: d["state"].update(surprise_sum=1e6), "збережений стан не збігається"),
    ],
)
def test_a_bad_session_is_refused_in_ukrainian(window, good, tmp_path, edit, expected):
    edit(good)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    text = open_text(window, path)
    check_ukrainian(text, path)
    assert expected in text
    with pytest.raises(SessionError) as info:  # the same error, in English, for the CLI
        open_session(path)
    assert CYRILLIC.search(str(info.value)) is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[" * 100 + b"]" * 100, "глибина вкладеності — 100, а файл сесії допускає щонайбільше"),
        (b'{"format": ', "це не коректний JSON (очікувалося значення: рядок 1, стовпець 12)"),
        (b"\xff\xfe", "це не текст у кодуванні «UTF-8» (байт 0)"),
        (b"[1, 2]", "сесія має бути об'єктом JSON, а не list"),
        (b"   " * 2_000_000, "розмір у байтах — 6\u202f000\u202f000, а файл сесії може мати"),
    ],
)
def test_an_unreadable_file_is_refused_in_ukrainian(window, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    text = open_text(window, path)
    check_ukrainian(text, path)
    assert expected in text


def test_a_missing_file_and_a_folder_are_refused_in_ukrainian(window, tmp_path):
    assert (
        open_text(window, tmp_path / "gone.json") == f"{tmp_path / 'gone.json'}: такого файлу немає"
    )
    assert open_text(window, tmp_path) == f"{tmp_path}: це тека, а не файл сесії"


def test_a_session_that_cannot_be_written_is_reported_in_ukrainian(window, tmp_path):
    for path, expected in [
        (tmp_path / "no such folder" / "run.json", "не вдалося записати {}: немає такого файлу"),
        (tmp_path, "{} — це тека; оберіть назву файлу"),
    ]:
        assert not window.save_session(str(path))
        title, text = window.warnings.pop()
        assert title == "Сесію не збережено"
        assert text.startswith(expected.format(path)), text
        check_ukrainian(text, path)
    assert not (tmp_path / "no such folder").exists()


def test_a_broken_scene_file_is_described_in_ukrainian(qapp, tmp_path):
    path = tmp_path / "01_scene.json"
    path.write_text('{"format": 1, "title": "x"', encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_scene(path)
    assert "is not valid JSON (Expecting ',' delimiter" in str(info.value)
    i18n.set_language("uk")
    try:
        text = i18n.translate_error(info.value)
    finally:
        i18n.set_language("en")
    assert text.startswith("01_scene.json: це не коректний JSON (очікувалася кома: рядок 1")
    check_ukrainian(text, "01_scene.json")
