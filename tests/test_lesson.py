"""The lesson's scene files: they load, say what the engine computes, and fail clearly."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from engine.landscape import compute_landscape
from engine.lesson import SHOW_NAMES, LessonError, load_lesson, load_scene, scene_from_dict
from engine.measures import cross_entropy, entropy, kl_divergence
from engine.population import Population
from engine.simulation import Simulation
from engine.worlds import PRESETS, WorldChange

LESSON = Path(__file__).resolve().parent.parent / "assets" / "lesson"


@pytest.fixture(scope="module")
def scenes():
    loaded, problems = load_lesson(LESSON)
    assert problems == []
    return {scene.name.split("_", 1)[0]: scene for scene in loaded}


def both(scene, field: str) -> str:
    return scene.text(field, "en") + "\n" + scene.text(field, "uk")


def said(scene, value: float, digits: int) -> None:
    """The number appears in the English text with a point and in the Ukrainian with a comma."""
    text = f"{value:.{digits}f}"
    en = " ".join(scene.text(f, "en") for f in ("caption", "question", "answer"))
    uk = " ".join(scene.text(f, "uk") for f in ("caption", "question", "answer"))
    assert text in en, (scene.name, text)
    assert text.replace(".", ",") in uk, (scene.name, text)


def test_eight_scenes_in_the_source_material_order_complete_in_both_languages(scenes):
    assert list(scenes) == ["01", "02", "03", "04", "05", "06", "07", "08"]
    for scene in scenes.values():
        assert "formula" in scene.texts, scene.name
        for field in ("title", "formula", "caption", "question", "answer"):
            assert scene.text(field, "en").strip(), (scene.name, field)
            assert scene.texts[field].get("uk", "").strip(), (scene.name, field)
            if field != "formula":  # a formula may be the same symbols in both
                assert scene.text(field, "uk") != scene.text(field, "en")


def test_every_text_field_of_every_scene_file_has_both_languages():
    """Straight from the files: no field given as plain (English-only) text."""
    for path in sorted(LESSON.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for field in ("title", "formula", "caption", "question", "answer"):
            if field in data:
                assert isinstance(data[field], dict), (path.name, field)
                assert set(data[field]) == {"en", "uk"}, (path.name, field)
                assert all(text.strip() for text in data[field].values()), (path.name, field)


def test_every_scene_sets_its_units_and_what_it_shows(scenes):
    keys = list(scenes)
    for key in keys:
        scene = scenes[key]
        assert "units" in scene.fields_set and scene.settings.units == "bits", scene.name
        # The readouts a scene's words rely on are on screen; unnamed measures are not yet.
        text = both(scene, "caption") + both(scene, "answer") + both(scene, "question")
        if "H(p,q)" in text:
            assert scene.shows("cross_entropy"), scene.name
        if "D(p‖q)" in text:
            assert scene.shows("kl"), scene.name
        if "landscape" in scene.text("caption") or "well" in scene.text("caption"):
            assert scene.shows("landscape"), scene.name
        assert scene.shows("perplexity") is False, scene.name  # no scene talks about it
    first = scenes["01"]
    assert first.show == {"bars", "step", "outcome"}  # surprise only: no H(p,q), D or landscape
    assert scenes["07"].shows("temperature") and not scenes["06"].shows("temperature")
    # No two scenes set up the same run.
    setups = [(s.settings, s.speed) for s in scenes.values()]
    assert len(set(setups)) == len(setups)


def test_a_scene_without_units_runs_in_bits_and_without_show_shows_everything():
    scene = scene_from_dict(GOOD)
    assert scene.settings.units == "bits" and "units" in scene.fields_set
    assert scene.show == frozenset(SHOW_NAMES)
    nats = scene_from_dict({**GOOD, "setup": {"units": "nats"}, "show": ["bars", "kl"]})
    assert nats.settings.units == "nats" and nats.show == {"bars", "kl"}
    assert nats.shows("kl") and not nats.shows("landscape")


def test_the_surprise_scene_numbers(scenes):
    s = scenes["01"]
    assert s.settings.learner == "none" and s.speed == 1
    assert Simulation(s.settings).snapshot().q == pytest.approx([0.5, 0.5])
    said(s, -math.log2(0.8), 2)
    said(s, -math.log2(0.2), 2)
    # A certain outcome is «достовірний» (not «певний», "a particular one").
    assert "достовірний" in s.text("caption", "uk") and "певний" not in s.text("caption", "uk")


def test_entropy_scene_numbers_and_the_agent_knows_the_weird_die(scenes):
    s = scenes["02"]
    world = s.settings.world
    assert world.name == "weird-die"
    sim = Simulation(s.settings)
    assert sim.snapshot().q == pytest.approx(world.probabilities, abs=1e-12)
    said(s, float(entropy(PRESETS["fair-die"].probabilities, "bits")), 3)
    said(s, float(entropy(world.probabilities, "bits")), 3)
    sim.advance(20_000)  # the sampled mean settles on H(p)
    mean = sim.history.column("mean_surprise")[-1] / math.log(2)
    assert mean == pytest.approx(float(entropy(world.probabilities, "bits")), abs=0.03)


def test_the_lines_a_scene_names_have_the_colour_and_style_it_says(qapp):
    """Scene 2's dotted grey mean, scene 3's solid orange H(p,q) and dashed blue H(p)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from gui.panels import SurprisePanel

    panel = SurprisePanel()
    pens = {name: getattr(panel, name).opts["pen"] for name in ("mean", "cross", "floor")}
    hue = {name: QColor(pen.color()).hslHue() for name, pen in pens.items()}
    grey = QColor(pens["mean"].color()).hslSaturation() < 30
    assert pens["mean"].style() == Qt.PenStyle.DotLine and grey
    assert pens["cross"].style() == Qt.PenStyle.SolidLine and 15 <= hue["cross"] <= 45  # orange
    assert pens["floor"].style() == Qt.PenStyle.DashLine and 190 <= hue["floor"] <= 230  # blue


def test_scene_texts_name_the_colours_and_line_styles_on_screen(scenes):
    s2, s3 = scenes["02"], scenes["03"]
    assert "grey dotted line" in s2.text("answer") and "Сіра пунктирна" in s2.text("answer", "uk")
    caption_en, caption_uk = s3.text("caption"), s3.text("caption", "uk")
    assert "orange line is H(p,q)" in caption_en and "red" not in caption_en
    assert "dashed blue line" in caption_en
    assert "помаранчева лінія — H(p,q)" in caption_uk and "синя штрихова" in caption_uk
    assert "червон" not in caption_uk and "пунктирна" not in caption_uk


def test_cross_entropy_scene_numbers(scenes):
    p, q = np.array([0.8, 0.2]), np.array([0.5, 0.5])
    snap = Simulation(scenes["03"].settings).snapshot()
    assert snap.q == pytest.approx(q)
    said(scenes["03"], float(entropy(p, "bits")), 3)
    assert float(cross_entropy(p, q, "bits")) == pytest.approx(1.0)


def test_the_gap_scene_numbers_and_its_own_set_up(scenes):
    p, q = np.array([0.8, 0.2]), np.array([0.95, 0.05])
    gap = scenes["04"]
    snap = Simulation(gap.settings).snapshot()
    assert snap.q == pytest.approx(q, abs=1e-12)  # overconfident, unlike scene 3's 50/50
    said(gap, float(kl_divergence(p, np.array([0.5, 0.5]), "bits")), 3)  # scene 3's gap
    said(gap, -math.log2(0.95), 3)
    said(gap, -math.log2(0.05), 3)
    said(gap, float(cross_entropy(p, q, "bits")), 3)
    said(gap, float(entropy(p, "bits")), 3)
    said(gap, float(kl_divergence(p, q, "bits")), 3)
    said(gap, float(kl_divergence(p, q, "nats")), 3)
    said(gap, float(kl_divergence(q, p, "bits")), 3)  # told as worked out aside
    assert "not shown on screen" in gap.text("answer")
    assert "на екрані цього немає" in gap.text("answer", "uk")
    said(gap, math.log2(5), 2)
    said(gap, 1 / math.log(2), 3)
    # Ukrainian: «різниця» (not «розрив»), «одиниця вимірювання», no «Навпаки».
    uk = " ".join(gap.text(f, "uk") for f in ("title", "caption", "question", "answer"))
    assert "розрив" not in uk and "Навпаки" not in uk and "одиниця вимірювання" in uk


def rain_belief(trace) -> np.ndarray:
    """(steps, agents): q(rain) after each outcome, from the logits."""
    z = trace.params
    return np.exp(z[:, 0, :] - np.logaddexp(z[:, 0, :], z[:, 1, :]))


def days_to_near(q: np.ndarray) -> np.ndarray:
    """Per agent: the first day (1-based) its belief in rain is within 75–85 %."""
    near = np.abs(q - 0.8) < 0.05
    return np.where(near.any(axis=0), near.argmax(axis=0) + 1, 10**9)


def key_presses(start: float, presses: int) -> float:
    """The learning rate after pressing Up ``presses`` times (as gui.main_window does)."""
    value = start
    for _ in range(presses):
        value = float(f"{min(value * 2.0, 10.0):.6g}")
    return value


@pytest.mark.parametrize("seed", [7, 2026])
def test_learning_rate_scene_claims_hold_over_200_runs(scenes, seed):
    s = scenes["05"]
    assert s.settings.learning_rate == 0.01
    assert key_presses(0.01, 3) == 0.08 and key_presses(0.01, 9) == 5.12  # reachable by Up
    said(s, 0.08, 2)
    said(s, 5.12, 2)

    def run(lr: float):
        pop = Population(s.settings.replace(learning_rate=lr, seed=seed), 200)
        return pop.advance(2_000)

    days = days_to_near(rain_belief(run(0.01)))
    assert 350 <= np.median(days) <= 450  # "about 400 days"
    assert np.mean((days >= 300) & (days <= 500)) >= 0.7  # "300 to 500 in most runs"
    q = rain_belief(run(0.08))
    days = days_to_near(q)
    assert np.mean(days <= 100) >= 0.95  # "within a few dozen days"
    assert 30 <= np.median(days) <= 50  # "about 40 in a typical run"
    assert np.all(np.abs(q[200:].mean(axis=0) - 0.8) < 0.05)  # "wobbles around 80 %"
    trace = run(5.12)
    q = rain_belief(trace)
    assert np.mean((q[1000:] < 0.1) | (q[1000:] > 0.9)) > 0.95  # "jumps between 0 % and 100 %"
    surprise = trace.surprises[1000:].mean(axis=0) / math.log(2)
    assert np.mean(surprise > 2.0) >= 0.95  # "over 2 bits a day"
    # ... while 0.01 and 0.08 keep well under the 1 bit of 50/50 in the long run.


def test_learning_rate_scene_shows_the_typical_run(scenes):
    """The scene's own seed is a typical run: about 400 days at 0.01, about 40 at 0.08."""
    s = scenes["05"]
    for lr, low, high in ((0.01, 350, 450), (0.08, 25, 60)):
        sim = Simulation(s.settings.replace(learning_rate=lr))
        sim.advance(1_000)
        q = sim.history.column("q")[:, 0]
        assert low <= int(np.argmax(np.abs(q - 0.8) < 0.05)) + 1 <= high


def test_the_learning_formula_is_the_update_the_app_makes(scenes):
    """θ ← θ − η ∇θ(−log q_θ(x)) with q = softmax(θ): one step of the engine, by hand."""
    s = scenes["05"]
    assert "softmax(θ)" in s.text("formula") and "θ ← θ − η" in s.text("formula", "uk")
    sim = Simulation(s.settings.replace(learning_rate=0.3))
    theta = np.asarray(sim.snapshot().params, dtype=float).copy()
    sim.advance(1)
    x = int(sim.history.column("outcome")[-1])
    q = np.exp(theta - np.logaddexp.reduce(theta))
    grad = q.copy()
    grad[x] -= 1.0  # ∇θ(−log softmax(θ)_x) = q − e_x
    expected = theta - 0.3 * grad
    got = np.asarray(sim.snapshot().params, dtype=float)
    assert got - got.max() == pytest.approx(expected - expected.max(), abs=1e-12)


def smallest_gap(p: np.ndarray, family, mu_range: tuple[float, float]) -> float:
    """min D(p‖q) in bits over hunches with μ in ``mu_range``: a grid, zoomed in 40 times."""
    lo, hi = np.array([mu_range[0], 0.05]), np.array([mu_range[1], 0.95])
    best = np.inf
    for _ in range(40):
        mu, a = np.meshgrid(np.linspace(lo[0], hi[0], 41), np.linspace(lo[1], hi[1], 41))
        q = family.probs(np.array([mu.ravel(), a.ravel()]))
        d = (p[:, None] * np.log2(p[:, None] / q)).sum(axis=0)
        i = int(np.argmin(d))
        best = min(best, float(d[i]))
        centre, span = np.array([mu.ravel()[i], a.ravel()[i]]), (hi - lo) / 8
        lo = np.maximum(centre - span, [mu_range[0], 0.05])
        hi = np.minimum(centre + span, [mu_range[1], 0.95])
    return best


def test_stuck_scenes_explain_why_the_gap_stays_above_zero(scenes):
    stuck, escape = scenes["06"], scenes["07"]
    p = stuck.settings.world.probabilities
    family = Population(stuck.settings, 1).family
    global_gap = smallest_gap(p, family, (1.0, 3.5))
    local_gap = smallest_gap(p, family, (3.5, 6.0))
    assert global_gap < local_gap
    assert smallest_gap(p, family, (1.0, 6.0)) == pytest.approx(global_gap, abs=1e-9)
    said(stuck, global_gap, 3)
    said(escape, global_gap, 3)
    said(stuck, local_gap, 3)
    assert "no hunch equals p" in stuck.text("caption") + escape.text("answer")
    assert "жодна здогадка не дорівнює p" in stuck.text("caption", "uk")
    assert "bump(μ)" in stuck.text("formula") and "bump" not in stuck.text("formula", "uk")
    assert "probability" in escape.text("formula") and "імовірністю" in escape.text("formula", "uk")


def share_in_global_well(settings, steps: int, agents: int = 200) -> float:
    population = Population(settings, agents)
    population.advance(steps, record=False)
    world = settings.world
    landscape = compute_landscape(world.probabilities, population.family)
    return float(np.mean(landscape.in_global_basin(population.family.coords(population.params))))


@pytest.mark.parametrize("seed", [2026, 1])
def test_stuck_and_escape_scene_claims_hold_over_200_agents(scenes, seed):
    stuck, escape = scenes["06"], scenes["07"]
    world = stuck.settings.world
    for scene in (stuck, escape):
        s = scene.settings
        assert (world, s.belief, s.seed) == (PRESETS["loaded-die"], "hunch", 2026)
    said(stuck, 200, 0)
    assert share_in_global_well(stuck.settings.replace(seed=seed), 3_000) == 0.0  # "none"
    hot = escape.settings.replace(seed=seed)
    assert 0.5 <= share_in_global_well(hot, 500) <= 0.7  # "about 6 in 10 after 500"
    assert 0.75 <= share_in_global_well(hot, 3_000) <= 0.92  # "about 8 in 10 after 3,000"
    cold = share_in_global_well(hot.replace(temperature=0.0), 3_000)
    assert 0.04 <= cold <= 0.16  # T = 0: "most stay stuck ... about 1 in 10 gets across"


def after_the_change(settings, marks: list[int], agents: int = 200) -> dict[int, tuple]:
    """200 agents of ``settings`` (a world changing once): at each of ``marks`` outcomes
    after the change, every agent's D(p‖q) against the new p in bits and q(rain)."""
    (change,) = settings.world.changes
    p = np.asarray(change.p)
    population = Population(settings, agents)
    found = {}
    for mark in marks:
        population.advance(change.step + mark - population.step, record=False)
        q = population.probs()
        found[mark] = (kl_divergence(p, q.T, "bits"), q[0])
    return found


@pytest.mark.parametrize("seed", [2026, 1])
def test_the_world_changes_scene_claims_hold_over_200_agents(scenes, seed):
    scene = scenes["08"]
    s = scene.settings.replace(seed=seed)
    (change,) = s.world.changes
    assert (s.world.name, s.world.p, change) == (
        "weather",
        (0.8, 0.2),
        WorldChange(1500, (0.2, 0.8)),
    )
    assert (s.learner, s.temperature, s.cooling, s.cooling_rate) == (
        "anneal",
        0.2,
        "geometric",
        0.995,
    )
    assert s.temperature_at(1500) < 2e-4  # "by the change its temperature is almost 0"
    said(scene, 0.995, 3)
    # The cooled annealer lags: it believes the share of rain among every day it has seen.
    population = Population(s, 200)
    population.advance(1800, record=False)
    q_rain = population.probs()[0]
    rain_share = population._counts[0] / 1800
    assert np.median(np.abs(q_rain - rain_share)) < 0.02
    assert 0.67 <= q_rain.mean() <= 0.73  # "still expects rain about 70 % of the time"
    assert (1500 * 0.8 + 300 * 0.2) / 1800 == pytest.approx(0.70)
    gap = kl_divergence(np.array(change.p), population.probs().T, "bits")
    assert 0.75 <= np.median(gap) <= 0.85  # "its gap is still about 0.8 bits"
    said(scene, 0.8, 1)
    # Gradient descent at 0.05 follows the new world.
    gd = after_the_change(s.replace(learner="gd"), [50, 100, 200])
    assert s.learning_rate == 0.05
    assert 0.10 <= np.median(gd[50][0]) <= 0.14  # "about 0.12 bits 50 days after"
    assert 0.012 <= np.median(gd[100][0]) <= 0.026  # "about 0.02 after 100"
    assert 0.002 <= np.median(gd[200][0]) <= 0.004  # "0.003 after 200"
    assert np.mean(gd[200][0] < 0.05) >= 0.98  # "99 agents in 100 are within 0.05 bits"
    for value, digits in ((0.12, 2), (0.02, 2), (0.003, 3), (0.05, 2)):
        said(scene, value, digits)
    # An annealer with a window of 100 outcomes forgets the old world.
    windowed = after_the_change(s.replace(anneal_window=100), [100])
    assert 0.9 <= np.mean(windowed[100][0] < 0.05) <= 0.99  # "about 19 agents in 20"
    # "The floor H(p) does not move"
    assert float(entropy(np.array(change.p))) == pytest.approx(
        float(entropy(s.world.probabilities))
    )


def test_the_world_changes_scenes_own_agent_lags(scenes):
    scene = scenes["08"]
    assert scene.speed == 100 and scene.shows("temperature") and scene.shows("kl")
    sim = Simulation(scene.settings)
    sim.advance(1800)
    snap = sim.snapshot()
    assert list(snap.p) == [0.2, 0.8]
    assert snap.q[0] > 0.6 and snap.kl > 0.5 / math.log2(math.e)
    history = sim.history
    kl = history.column("kl")
    assert kl[1499] > kl[1498] + 0.5  # the gap jumps at the change (row 1500: after 1,500)


def test_the_scenes_own_agents_do_what_the_answers_say(scenes):
    stuck, escape = scenes["06"], scenes["07"]
    world = stuck.settings.world
    for scene, reaches in ((stuck, False), (escape, True)):
        sim = Simulation(scene.settings)
        sim.advance(3_000)
        landscape = compute_landscape(world.probabilities, sim.family)
        coords = sim.family.coords(np.asarray(sim.snapshot().params)[:, None])
        assert bool(landscape.in_global_basin(coords)[0]) is reaches


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


GOOD = {
    "format": 1,
    "title": "T",
    "caption": "C",
    "question": "Q",
    "answer": "A",
    "setup": {"world": "weather"},
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": 2}, '"format" is 2; this version reads format 1'),
        ({"extra": 1}, 'unknown field "extra"'),
        ({"answer": None}, "answer"),
        ({"title": {"uk": "Т"}}, '"title" has no English text'),
        ({"title": 5}, '"title" must be text'),
        ({"setup": {"world": "moon"}}, "unknown world 'moon'"),
        ({"setup": {"world": "custom"}}, 'a custom world needs "p"'),
        ({"setup": {"world": "custom", "p": "0.2, 0.2, 0.2, 0.2"}}, "sum to 0.8, not 1"),
        ({"setup": {"world": "weather", "p": "0.5, 0.5"}}, '"p" and "labels"'),
        ({"setup": {"learning_rate": -1}}, "learning rate is -1"),
        ({"setup": {"learner": "magic"}}, "unknown learner 'magic'"),
        ({"setup": {"start": [0, 0, 0]}}, '"start" has 3 values'),
        ({"setup": {"start": "0"}}, '"start" must be a list'),
        ({"setup": {"speed": 0}}, '"speed" is 0'),
        ({"setup": {"speed": "fast"}}, '"speed" must be'),
        ({"setup": {"colour": "red"}}, 'unknown setup field "colour"'),
        ({"setup": []}, '"setup" must be a JSON object'),
        ({"show": "bars"}, '"show" must be a non-empty list'),
        ({"show": []}, '"show" must be a non-empty list'),
        ({"show": ["bars", "tea"]}, "\"show\" has 'tea'; choose from bars, surprise"),
    ],
)
def test_bad_scenes_are_refused_with_the_reason(change, message):
    data = {**GOOD, **change}
    if change.get("answer", 0) is None:
        del data["answer"]
    with pytest.raises(LessonError, match=None) as info:
        scene_from_dict(data)
    assert message in str(info.value)


def test_a_broken_file_is_reported_by_name_and_the_rest_still_load(tmp_path):
    folder = tmp_path / "lesson"
    shutil.copytree(LESSON, folder)
    write(folder, "03b_truncated.json", '{"format": 1, "title": "oops",')
    write(folder, "03c_list.json", "[1, 2]")
    (folder / "03d_folder.json").mkdir()
    (folder / "03e_binary.json").write_bytes(b"\xff\xfe\x00garbage")
    scenes, problems = load_lesson(folder)
    assert len(scenes) == 8
    assert len(problems) == 4
    joined = "\n".join(problems)
    assert "03b_truncated.json: is not valid JSON" in joined and "line 1" in joined
    assert "03c_list.json: a scene must be a JSON object, not list" in joined
    assert "03d_folder.json: is a folder" in joined
    assert "03e_binary.json: is not UTF-8 text" in joined


def test_an_unreadable_scene_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "x.json", GOOD)

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # as without read permission (even as root)
    with pytest.raises(LessonError, match=r"x.json: cannot be read \(Permission denied\)"):
        load_scene(path)


def test_missing_or_empty_lesson_folder(tmp_path):
    assert load_lesson(tmp_path / "nowhere")[1][0].endswith(
        "the lesson folder cannot be read (No such file or directory)"
    )
    assert load_lesson(tmp_path) == ([], [f"{tmp_path}: no scene files (*.json) found"])


# --- the lesson panel in the window -----------------------------------------------------------


@pytest.fixture
def window(qtbot):
    from PySide6.QtCore import QSettings

    from engine.settings import Settings
    from gui import i18n
    from gui.main_window import MainWindow

    i18n.set_language("en")
    QSettings().clear()
    w = MainWindow(Settings(seed=4), speed=5.0)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.show_lesson(True)
    yield w
    w.timer.stop()
    w.set_presenting(False)
    i18n.set_language("en")


def reveal(window, qtbot):
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.lesson.reveal, Qt.MouseButton.LeftButton)
    assert window.lesson.answer.isVisible()
    assert window.lesson.reveal.text() == "Hide the answer"


def assert_hidden(window, text="Reveal the answer"):
    assert not window.lesson.answer.isVisible()
    assert not window.lesson.reveal.isChecked()
    assert window.lesson.reveal.text() == text


def test_the_answer_is_hidden_again_after_next_back_f11_and_a_language_switch(window, qtbot):
    from PySide6.QtCore import Qt

    lesson = window.lesson
    reveal(window, qtbot)
    qtbot.mouseClick(lesson.next, Qt.MouseButton.LeftButton)
    assert lesson.index == 1
    assert_hidden(window)
    reveal(window, qtbot)
    qtbot.mouseClick(lesson.back, Qt.MouseButton.LeftButton)
    assert lesson.index == 0
    assert_hidden(window)
    reveal(window, qtbot)
    window.present_action.trigger()  # F11
    assert window.presenting
    assert_hidden(window)
    reveal(window, qtbot)
    window.present_action.trigger()  # F11 again, back to the window
    assert not window.presenting
    assert_hidden(window)
    # The button works again after each of those: press it, the answer shows.
    reveal(window, qtbot)
    window.language_actions["uk"].trigger()
    assert window.lesson is lesson and window.lesson.index == 0  # translated in place
    qtbot.waitUntil(window.lesson.isVisible)  # the rebuilt panel is shown by the event loop
    assert_hidden(window, "Показати відповідь")
    qtbot.mouseClick(window.lesson.reveal, Qt.MouseButton.LeftButton)
    assert window.lesson.answer.isVisible() and window.lesson.reveal.text() == "Сховати відповідь"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(window.lesson.isVisible)
    assert_hidden(window)


def test_each_scene_tells_the_window_what_to_show_and_sets_its_units(window, qtbot):
    from PySide6.QtCore import Qt

    shown = []
    window.lesson.showChosen.connect(shown.append)
    window.change_setting("units", "nats")
    window.lesson.go(0)
    assert window.settings.units == "bits"  # each scene sets its own units
    assert shown[-1] == window.scenes[0].show == window.lesson.shown
    for i in range(1, len(window.scenes)):
        window.change_setting("units", "nats")  # as scene 4 invites the class to do
        qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)
        assert window.settings.units == "bits"
        assert shown[-1] == window.scenes[i].show == window.lesson.shown
    assert shown[-1] >= {"landscape", "temperature", "kl"}


def test_lesson_file_problems_are_shown_in_the_interface_language(qapp, tmp_path):
    from gui import i18n
    from gui.lesson_panel import LessonPanel

    folder = tmp_path / "lesson"
    folder.mkdir()
    write(folder, "01_no_answer.json", {key: v for key, v in GOOD.items() if key != "answer"})
    write(folder, "02_bad_rate.json", {**GOOD, "setup": {"learning_rate": -1}})
    write(folder, "03_bad_show.json", {**GOOD, "show": ["tea"]})
    scenes, problems = load_lesson(folder)
    assert scenes == [] and len(problems) == 3
    assert problems[0] == '01_no_answer.json: "answer" is missing'  # still plain text
    i18n.set_language("uk")
    try:
        text = LessonPanel(scenes, problems).problem_label.text()
    finally:
        i18n.set_language("en")
    assert text.startswith("Деякі файли сцен не вдалося використати:")
    assert '01_no_answer.json: немає поля "answer"' in text
    assert "02_bad_rate.json: швидкість навчання: -1; має бути від 0,0001 до 100" in text
    assert "03_bad_show.json: \"show\" містить 'tea'; оберіть із: bars" in text
    empty = load_lesson(tmp_path / "nowhere")[1]
    i18n.set_language("uk")
    try:
        assert "теку уроку не вдалося прочитати" in i18n.translate_error(empty[0])
    finally:
        i18n.set_language("en")
