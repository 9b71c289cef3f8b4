"""The lesson's scene files: they load, say what the engine computes, and fail clearly."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from engine.landscape import compute_landscape
from engine.lesson import LessonError, load_lesson, load_scene, scene_from_dict
from engine.measures import cross_entropy, entropy, kl_divergence
from engine.population import Population
from engine.simulation import Simulation
from engine.worlds import PRESETS

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


def test_seven_scenes_in_the_source_material_order_complete_in_both_languages(scenes):
    assert list(scenes) == ["01", "02", "03", "04", "05", "06", "07"]
    for scene in scenes.values():
        for field in ("title", "caption", "question", "answer"):
            assert scene.text(field, "en").strip()
            assert scene.texts[field].get("uk", "").strip(), (scene.name, field)
            assert scene.text(field, "uk") != scene.text(field, "en")


def test_surprise_scene_numbers(scenes):
    s = scenes["01"]
    assert s.settings.learner == "none" and s.speed == 1
    assert Simulation(s.settings).snapshot().q == pytest.approx([0.5, 0.5])
    said(s, -math.log2(0.8), 2)
    said(s, -math.log2(0.2), 2)


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


def test_cross_entropy_and_gap_scene_numbers(scenes):
    p, q = np.array([0.8, 0.2]), np.array([0.5, 0.5])
    for key in ("03", "04"):
        snap = Simulation(scenes[key].settings).snapshot()
        assert snap.q == pytest.approx(q)
    said(scenes["03"], float(entropy(p, "bits")), 3)
    assert float(cross_entropy(p, q, "bits")) == pytest.approx(1.0)
    gap = scenes["04"]
    said(gap, float(kl_divergence(p, q, "bits")), 3)
    said(gap, float(kl_divergence(p, q, "nats")), 3)
    said(gap, float(kl_divergence(q, p, "bits")), 3)
    said(gap, math.log2(5), 2)
    said(gap, 1 / math.log(2), 3)


def test_learning_rate_scene_claims(scenes):
    s = scenes["05"]
    assert s.settings.learning_rate == 0.01

    def run(lr: float) -> tuple[np.ndarray, np.ndarray]:
        sim = Simulation(s.settings.replace(learning_rate=lr))
        sim.advance(1_000)
        h = sim.history
        return h.column("q")[:, 0], h.column("cross_entropy") / math.log(2)

    q, _ = run(0.01)
    assert 400 <= int(np.argmax(np.abs(q - 0.8) < 0.05)) <= 600  # "about 500 days"
    q, _ = run(0.1)
    assert int(np.argmax(np.abs(q - 0.8) < 0.05)) <= 60  # "a few dozen days"
    assert np.abs(q[100:] - 0.8).max() < 0.2  # "stays close"
    q, ce = run(5.0)
    assert ce[-500:].mean() > 2.0  # "over 2 bits a day"
    assert np.mean((q[-500:] < 0.1) | (q[-500:] > 0.9)) > 0.5  # jumps to the extremes


def test_stuck_and_escape_scene_claims(scenes):
    stuck, escape = scenes["06"], scenes["07"]
    world = stuck.settings.world
    for scene, share_test, agent_global in ((stuck, 0.0, False), (escape, 0.8, True)):
        s = scene.settings
        assert (world, s.belief, s.seed) == (PRESETS["loaded-die"], "hunch", 2026)
        population = Population(s, 200)
        population.advance(3_000, record=False)
        landscape = compute_landscape(world.probabilities, population.family)
        share = float(
            np.mean(landscape.in_global_basin(population.family.coords(population.params)))
        )
        if scene is stuck:
            assert share == 0.0  # "none finds face 2"
        else:
            assert share > share_test  # "more than 8 in 10"
        sim = Simulation(s)
        sim.advance(3_000)
        coords = sim.family.coords(np.asarray(sim.snapshot().params)[:, None])
        assert bool(landscape.in_global_basin(coords)[0]) is agent_global


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
    assert len(scenes) == 7
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
