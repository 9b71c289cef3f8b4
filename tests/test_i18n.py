"""Ukrainian as a maths teacher writes it: counts, units after decimals, decimal commas.

The checks on the .ts file are functions, each tested on a bad example first, so a check
that could never fail would show.
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings, Qt

from engine.localnum import to_engine_text
from engine.settings import Settings
from engine.validation import DistributionError, validate_distribution
from gui import i18n

TS = i18n.I18N / "crossentropy_uk.ts"
PLACEHOLDER = re.compile(r"{[^}]*}")

# Latin words a Ukrainian text may keep: symbols, keys, file types, the names of values a
# user types (always in quotes) and a class name in a programmer's message.
LATIN_ALLOWED = {
    "H", "p", "q", "D", "KL", "log", "ln", "softmax", "NaN", "A", "B", "C", "R", "S", "T",
    "Enter", "Esc", "Ctrl", "F1", "F11", "CSV", "PNG", "SVG", "JSON", "json", "World",
    "a", "x", "k", "K", "e", "g", "ΔH",
}  # fmt: skip
# Placeholders that are not counts: an entry's position («елемент 2 порожній»), texts.
NOT_COUNTS = {"position", "label", "name", "entry", "kind", "message", "world", "belief", "line"}
NOT_COUNTS |= {"unit", "log", "reason", "shown", "choices", "values", "lang", "file", "folder"}
# After a number these words need no agreement with it (prepositions, conjunctions).
FUNCTION_WORDS = {"за", "із", "з", "і", "й", "та", "або", "до", "на", "від", "по", "у", "в", "а"}


def current_messages():
    """(context, source, translations, numerus) for every message the code uses."""
    strings = i18n.source_strings()
    forms = i18n.read_ts_forms(TS)
    for context, sources in strings.items():
        for source in sources:
            translations, _, numerus = forms[(context, source)]
            yield context, source, translations, numerus


def plural_placeholder(source: str) -> bool:
    return "(s)" in source


def english_words(translation: str) -> list[str]:
    """Latin words in a translation, outside placeholders and quoted values."""
    text = PLACEHOLDER.sub(" ", translation)
    text = re.sub(r"«[^»]*»|'[^']*'|\"[^\"]*\"|\([^)]*\.\w+\)", " ", text)  # quotes, (*.json)
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", text)
    return [w for w in words if w not in LATIN_ALLOWED and len(w) > 1]  # one letter: a key


def disagreeing_counts(translation: str) -> list[str]:
    """Words right after a number placeholder that would have to agree with it: «{n} точок»."""
    after = [
        word
        for name, word in re.findall(r"{(\w*)[^}]*}[ \u00a0]+([А-Яа-яІіЇїЄєҐґ'ʼ]+)", translation)
        if name not in NOT_COUNTS
    ]
    # A capital starts a sentence after a placeholder that ends one («{world} Переконання: …»).
    return [word for word in after if word.lower() not in FUNCTION_WORDS and word.islower()]


def duplicate_mnemonics(texts: list[str]) -> list[str]:
    """Mnemonic letters (after '&') used twice among one menu's entries."""
    letters = [m.group(1).lower() for t in texts for m in re.finditer(r"&([^&\s])", t)]
    return sorted({letter for letter in letters if letters.count(letter) > 1})


# --- the checks can fail -----------------------------------------------------------------------


def test_the_checks_catch_what_they_are_for():
    assert plural_placeholder("{n} point(s)")
    assert english_words("збережено 3 points") == ["points"]
    assert english_words("натисніть Enter; оберіть «bits» або {name}") == []
    assert disagreeing_counts("× {n} точок") == ["точок"]
    assert disagreeing_counts("{message}\n\nЗапуск; {world} Переконання: {belief}.") == []
    assert disagreeing_counts("точок: {n}; {n} за секунду; від {low} до {high}") == []
    assert duplicate_mnemonics(["&Відкрити", "&Вийти", "Ви&йти"]) == ["в"]
    assert duplicate_mnemonics(["&Відкрити", "Ви&йти", "Історію як &CSV…"]) == []


# --- the .ts file ------------------------------------------------------------------------------


def test_no_message_writes_plural_s_in_either_language():
    for context, source, translations, _ in current_messages():
        assert not plural_placeholder(source), (context, source)
        for t in translations:
            assert not plural_placeholder(t), (context, source, t)


def test_no_english_word_is_left_in_the_ukrainian():
    for context, source, translations, _ in current_messages():
        for t in translations:
            assert english_words(t) == [], (context, source, t)


def test_every_count_is_a_numerus_message_or_needs_no_agreement():
    numerus = i18n.numerus_sources()
    for context, source, translations, is_numerus in current_messages():
        assert is_numerus == ((context, source) in numerus), (context, source)
        if is_numerus:
            assert len(translations) == 3 and all(translations), (context, source)
            for t in translations:  # each form keeps the source's placeholders
                assert sorted(PLACEHOLDER.findall(t)) == sorted(PLACEHOLDER.findall(source))
        else:
            assert disagreeing_counts(translations[0]) == [], (context, source, translations[0])


def test_one_word_for_each_term():
    """The issue's list: one word per term, the teacher's words, no wrong senses."""
    texts = "\n".join(t for *_, translations, _ in current_messages() for t in translations)
    for wrong in (
        "розрив",  # a discontinuity; the gap is «різниця D(p‖q)»
        "правд",  # the truth is «справжній розподіл p»
        "учень",
        "учні",  # the pupils, not a race entrant («учасник»)
        "спосіб навчання",
        "улюблен",  # «переважна грань»
        "обтяжен",  # «нечесний кубик»
        "Випадкове зерно",
        "Показ\n",
        "Результатів кожному",
        "мітка",  # labels are «назва»
        "Гаряче",
        "95 % інтервал",
        "навчання це",
        "Випало",
    ):
        assert wrong.lower() not in texts.lower(), wrong
    assert "здогад " not in texts and "здогад," not in texts  # «здогадка» throughout
    ts = i18n.read_ts(TS)
    assert ts[("Controls", "Learner")][0] == ts[("MainWindow", "Learner")][0] == "Метод навчання"
    assert ts[("Controls", "Learning")][0] != ts[("Controls", "Learner")][0]  # box ≠ its field
    assert ts[("Controls", "bits")][0] == "біти" and ts[("Panels", "bits")][0] == "біт"
    assert ts[("UnitAfterDecimal", "bits")][0] == "біта"
    assert ts[("UnitAfterDecimal", "nats")][0] == "ната"


# --- numbers, counts and units in use ----------------------------------------------------------


@pytest.fixture
def ukrainian(qapp):
    i18n.set_language("uk")
    yield
    i18n.set_language("en")


def test_counts_take_the_right_form_in_both_languages(ukrainian):
    forms = {
        n: i18n.count("Experiments", "{n} point", "{n} points", n) for n in (1, 2, 5, 21, 1000)
    }
    assert forms == {
        1: "1 точка",
        2: "2 точки",
        5: "5 точок",
        21: "21 точка",
        1000: "1\u202f000 точок",
    }
    i18n.set_language("en")
    assert i18n.count("Experiments", "{n} point", "{n} points", 1) == "1 point"
    assert i18n.count("Experiments", "{n} point", "{n} points", 1000) == "1,000 points"


def test_error_numbers_are_written_the_local_way(ukrainian):
    with pytest.raises(DistributionError) as info:
        validate_distribution("0.2 0.2 0.2 0.2")
    assert i18n.translate_error(info.value) == "ймовірності: сума 0,8, а не 1"
    from engine.experiments import MAX_POPULATION, ExperimentError

    error = ExperimentError(
        "a population has 1 to {high:,} agents, not {value!r}", high=MAX_POPULATION, value=0
    )
    text = i18n.translate_error(error)
    assert i18n.number(f"{MAX_POPULATION:,}") in text and f"{MAX_POPULATION:,}" not in text
    assert text.startswith("кількість агентів у популяції: від 1 до ")


def test_decimal_commas_are_read_as_typed():
    assert to_engine_text("0,5; 0,3; 0,2", decimal_comma=True) == "0.5; 0.3; 0.2"
    assert to_engine_text("0,5 0,5", decimal_comma=True) == "0.5 0.5"
    assert to_engine_text("0.5, 0.5", decimal_comma=True) == "0.5, 0.5"  # points: as before
    assert to_engine_text("0,5; 0,5", decimal_comma=False) == "0,5; 0,5"
    assert list(validate_distribution(to_engine_text("12,5%; 87,5%", decimal_comma=True))) == [
        0.125,
        0.875,
    ]
    assert list(validate_distribution(to_engine_text("1/3; 2/3", decimal_comma=True))) == [
        pytest.approx(1 / 3),
        pytest.approx(2 / 3),
    ]


# --- the window in Ukrainian -------------------------------------------------------------------


@pytest.fixture
def window(qtbot):
    from gui.main_window import MainWindow

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    i18n.set_language("en")
    QSettings().clear()
    w = MainWindow(Settings(seed=4), speed=5.0)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.timer.stop()
    i18n.set_language("en")


def menus(window):
    """Every menu of the window, the menu bar first, each as the list of its entries' texts."""
    found = []

    def walk(texts, actions):
        found.append(texts)
        for action in actions:
            if action.menu() is not None:
                sub = action.menu()
                walk([a.text() for a in sub.actions()], sub.actions())

    bar = window.menuBar()
    walk([a.text() for a in bar.actions()], bar.actions())
    return found


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_no_menu_has_two_entries_with_the_same_mnemonic(window, lang):
    window.language_actions[lang].trigger()
    found = menus(window)
    assert len(found) >= 5
    for texts in found:
        assert duplicate_mnemonics(texts) == [], texts


def shown_texts(window) -> list[str]:
    labels = [window.world_caption.text(), window.controls.custom_status.text()]
    labels += [label.text() for label in window.readouts.values.values()]
    window.belief_view.show_caption()
    labels.append(window.belief_view.caption.text())
    return labels


def test_a_ukrainian_class_types_decimal_commas_and_reads_them_back(window, qtbot):
    window.language_actions["uk"].trigger()
    controls = window.controls
    assert "0,5; 0,3; 0,2" in controls.custom.placeholderText()
    controls.world.setCurrentIndex(controls.world.findData("custom"))
    qtbot.keyClicks(controls.custom, "0,5; 0,6")
    assert controls.custom_status.text() == "ймовірності: сума 1,1, а не 1"
    controls.custom.clear()
    qtbot.keyClicks(controls.custom, "0,5; 1,5")
    assert "елемент 2 дорівнює 1,5, більше за 1" in controls.custom_status.text()
    controls.custom.clear()
    qtbot.keyClicks(controls.custom, "0,5; abc")
    assert "'abc', а не число" in controls.custom_status.text()
    controls.custom.clear()
    qtbot.keyClicks(controls.custom, "0,5; 0,3; 0,2")
    assert "результатів: 3" in controls.custom_status.text()
    qtbot.keyClick(controls.custom, Qt.Key.Key_Return)
    assert window.settings.world.name == "custom"
    assert np.array_equal(window.settings.world.p, [0.5, 0.3, 0.2])
    assert "p = (0,5; 0,3; 0,2)" in window.world_caption.text().replace("\u00a0", " ")
    window.step_once()
    window.step_once()
    texts = shown_texts(window)
    for text in texts:
        assert not re.search(r"\d\.\d", text), text  # decimal commas only
        assert not re.search(r"\d,\d+ біт(?!а)", text), text  # «біта» after a decimal
    readouts = window.readouts.values
    for key in ("entropy", "cross_entropy", "kl"):
        assert re.fullmatch(r"\d+,\d{3} біта", readouts[key].text()), readouts[key].text()
    assert re.search(r": \d+,\d{2} біта$", readouts["outcome"].text())
    assert window.belief_view.caption.text().startswith("Результат: ")
    assert "біта" in window.belief_view.caption.text()
    # The field shows the world it uses the same way after a language switch.
    window.language_actions["en"].trigger()
    window.language_actions["uk"].trigger()
    assert window.controls.custom.text() == "0,5; 0,3; 0,2"
    window.change_setting("units", "nats")
    assert re.fullmatch(r"\d+,\d{3} ната", window.readouts.values["entropy"].text())
