"""The registry: one place for learners, beliefs and ranges, and everything derived from it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import registry
from engine.cli import build_parser
from engine.experiments import ExperimentError, plan_sweep
from engine.lesson import scene_from_dict
from engine.session import settings_from_dict, settings_to_dict
from engine.settings import (
    SEED_RANGE,
    Settings,
    SettingsError,
    settings_from_mapping,
)
from engine.worlds import PRESETS, custom_world, describe

NUMBER_PARAMS = [
    (name, key)
    for name, p in registry.PARAMS.items()
    if not p.choices
    for key in ([None] if p.depends_on is None else list(p.ranges))
]


def _settings_for(name: str, key: str | None, value) -> Settings:
    learner = registry.owner(name).name
    changes = {"learner": learner, name: value}
    if key is not None:
        changes[registry.PARAMS[name].depends_on] = key
    return Settings().replace(**changes)


@pytest.mark.parametrize(("name", "key"), NUMBER_PARAMS)
def test_every_range_is_the_one_settings_validate(name, key):
    param = registry.PARAMS[name]
    r = param.range if key is None else param.ranges[key]
    below = r.low - 1 if param.integer else float(np.nextafter(r.low, -math.inf))
    above = r.high + 1 if param.integer else float(np.nextafter(r.high, math.inf))
    _settings_for(name, key, r.high)
    with pytest.raises(SettingsError, match=param.title):
        _settings_for(name, key, above)
    with pytest.raises(SettingsError, match=param.title):
        _settings_for(name, key, below)
    if r.low_open:
        with pytest.raises(SettingsError, match="above"):
            _settings_for(name, key, r.low)
    else:
        _settings_for(name, key, r.low)


def test_the_controls_offer_exactly_the_settings_ranges(qapp):
    from gui.controls import ControlPanel, LogSlider

    panel = ControlPanel(Settings(), 5.0)
    assert set(panel.params) == {n for n, p in registry.PARAMS.items() if p.control}
    for name, widget in panel.params.items():
        param = registry.PARAMS[name]
        if param.choices:
            assert [widget.itemData(i) for i in range(widget.count())] == list(param.choices)
            continue
        r = param.range_for(Settings()) or param.widest
        if isinstance(widget, LogSlider):
            assert widget.high == r.high
            assert widget.box.maximum() == r.high
            assert widget.box.minimum() == r.low  # 0 where 0 is allowed
        else:
            assert (widget.minimum(), widget.maximum()) == (r.low, r.high)
    panel.show_settings(Settings(learner="anneal", cooling="geometric"), 5.0)
    geometric = registry.PARAMS["cooling_rate"].ranges["geometric"]
    assert panel.cooling_rate.maximum() == geometric.high
    assert panel.cooling_rate.minimum() == geometric.low
    panel.deleteLater()


def test_the_seed_box_shows_a_large_seed_exactly(qapp):
    from gui.controls import ControlPanel

    panel = ControlPanel(Settings(), 5.0)
    for seed in (2_000_000_001, 2**40 + 3, SEED_RANGE[1]):
        panel.show_settings(Settings(seed=seed), 5.0)
        assert panel.seed.value() == seed
        assert panel.seed.text() == str(seed)
    changed = []
    panel.settingChanged.connect(lambda name, value: changed.append((name, value)))
    panel.seed.lineEdit().setText(str(SEED_RANGE[1] - 1))
    panel.seed.editingFinished.emit()
    assert changed == [("seed", SEED_RANGE[1] - 1)]
    panel.deleteLater()


@pytest.fixture
def fake_learner():
    learner = registry.Learner(
        "fake",
        "Fake learner",
        "fake: a learner registered by a test",
        params=("step_size",),
        main="step_size",
        short="fake, step {value}",
    )
    registry.register_learner(learner)
    yield learner
    registry.unregister_learner("fake")


def test_a_registered_learner_shows_up_everywhere(qapp, fake_learner):
    from gui.app import parse_rival
    from gui.controls import ControlPanel
    from gui.race import RivalBox, short_name

    settings = Settings(learner="fake", step_size=2.0)  # the settings accept it
    panel = ControlPanel(settings, 5.0)
    assert panel.learner.findData("fake") >= 0
    assert panel.learner.currentData() == "fake"
    assert not panel.lr.isEnabled() and not panel.temperature.isEnabled()
    panel.deleteLater()
    run = build_parser()._subparsers._group_actions[0].choices["run"]
    learner_option = next(a for a in run._actions if "--learner" in a.option_strings)
    assert "fake" in learner_option.choices
    assert parse_rival("fake:3") == {"learner": "fake", "step_size": 3.0}
    box = RivalBox(1, settings)
    assert box.params["step_size"].isEnabled()
    assert short_name(settings) == "fake, step 2"
    box.deleteLater()


def test_a_registered_learner_runs_from_the_command_line(fake_learner, capsys):
    from engine.cli import main

    assert main(["run", "--learner", "fake", "--steps", "3", "--json"]) == 0
    assert '"learner": "fake"' in capsys.readouterr().out


def test_the_three_forms_give_the_same_settings():
    world = custom_world("0.5, 0.3, 0.2", ["a", "b", "c"])
    expected = Settings(
        world=world,
        belief="free",
        learner="anneal",
        temperature=0.7,
        cooling="log",
        cooling_rate=2.0,
        seed=2**40,
        units="nats",
    )
    argv = ["run", "--world", "custom", "--p", "0.5,0.3,0.2", "--labels", "a,b,c",
            "--learner", "anneal", "--temperature", "0.7", "--cooling", "log",
            "--cooling-rate", "2", "--seed", str(2**40), "--units", "nats"]  # fmt: skip
    cli_args = build_parser().parse_args(argv)
    from engine.options import settings_from_args

    assert settings_from_args(cli_args) == expected
    assert settings_from_dict(settings_to_dict(expected)) == expected
    setup = {
        "world": "custom",
        "p": "0.5, 0.3, 0.2",
        "labels": ["a", "b", "c"],
        "learner": "anneal",
        "temperature": 0.7,
        "cooling": "log",
        "cooling_rate": 2.0,
        "seed": 2**40,
        "units": "nats",
    }
    scene = scene_from_dict(
        {"format": 1, "title": "t", "caption": "c", "question": "q", "answer": "a", "setup": setup}
    )
    assert scene.settings == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"world": "custom"}, "a custom world needs"),
        ({"p": "0.5, 0.5"}, "go with"),
        ({"world": "moon"}, "unknown world 'moon'"),
        ({"learning_rate": 1e9}, r"learning rate is 1e\+09"),
        ({"start": [0.0]}, "has 1 values"),
        ({"colour": 1}, "unknown setting 'colour'"),
    ],
)
def test_the_one_reader_names_each_problem(data, message):
    with pytest.raises(SettingsError, match=message):
        settings_from_mapping(data)


def test_a_new_cooling_starts_from_its_default_rate():
    assert (
        settings_from_mapping({"cooling": "log"}).cooling_rate
        == (registry.DEFAULT_COOLING_RATE["log"])
    )


def test_the_window_key_goes_to_the_learners_own_window():
    assert settings_from_mapping({"learner": "gd", "window": 7}).gd_window == 7
    assert settings_from_mapping({"learner": "anneal", "window": 7}).anneal_window == 7


@pytest.mark.parametrize("parameter", list(registry.sweep_parameters()))
def test_a_sweep_needs_the_learner_that_owns_the_setting(parameter):
    owner = registry.owner(parameter).name
    base = Settings(world=PRESETS["loaded-die"], belief="hunch")
    for learner in registry.LEARNERS:
        settings = base.replace(learner=learner)
        if learner == owner:
            plan = plan_sweep(settings, parameter, points=3)
            assert [getattr(s, parameter) for s in plan.points] == list(plan.values)
        else:
            with pytest.raises(ExperimentError, match="sweep needs"):
                plan_sweep(settings, parameter, points=3)


def test_a_sweep_out_of_range_is_named():
    with pytest.raises(ExperimentError, match="temperature sweep: temperature is 500"):
        plan_sweep(Settings(learner="anneal"), "temperature", 0.0, 500.0, points=2)


def test_the_beliefs_titles_are_the_families_own(qapp):
    from gui.controls import ControlPanel

    panel = ControlPanel(Settings(), 5.0)
    titles = [panel.belief.itemText(i) for i in range(panel.belief.count())]
    assert titles == [b.family.title for b in registry.BELIEFS.values()]  # English here
    panel.deleteLater()


def test_the_landscape_grid_follows_the_familys_own_property():
    from engine.beliefs import FreeBelief
    from engine.landscape import _grid

    family = FreeBelief(2)
    axes = family.landscape_axes()
    assert _grid(axes, family, 10)[0][0] == pytest.approx(0.05)  # a cell centre, not q = 0

    class EdgeFree(FreeBelief):
        infinite_at_edges = False

    assert _grid(axes, EdgeFree(2), 10)[0][0] == axes.lows[0]


def test_a_custom_world_is_described_by_one_function():
    world = custom_world("0.5, 0.25, 0.25")
    assert world.description == describe(world) == "A world you typed in: p = (0.5, 0.25, 0.25)."
    assert describe(world, "; ") == "A world you typed in: p = (0.5; 0.25; 0.25)."
    assert describe(PRESETS["weather"]) == PRESETS["weather"].description
