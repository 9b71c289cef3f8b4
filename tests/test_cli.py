"""The command line: in-process through ``main.main`` (fast), plus two runs as a real process."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest

from .helpers import ROOT, run_process

# ``cli`` (a fixture in conftest.py) runs ``main.main`` in this process with output captured.


def test_measures_json_for_the_weather_story(cli):
    out = cli("measures", "--p", "0.8,0.2", "--q", "0.5,0.5", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"units", "entropy_p", "entropy_q", "cross_entropy", "kl_pq", "kl_qp"}
    assert data["units"] == "bits"
    assert data["cross_entropy"] == pytest.approx(1.0)
    assert data["entropy_p"] == pytest.approx(0.7219280948873623)
    assert data["kl_pq"] == pytest.approx(0.2780719051126377)


def test_measures_in_nats_and_infinite_values(cli):
    data = json.loads(
        cli("measures", "--p", "0.5,0.5", "--q", "1,0", "--units", "nats", "--json").stdout
    )
    assert data["units"] == "nats" and data["cross_entropy"] == "inf" and data["kl_pq"] == "inf"
    text = cli("measures", "--p", "0.5,0.5", "--q", "1,0").stdout
    assert "infinite" in text


def test_run_json_summary_and_csv(cli, tmp_path):
    path = tmp_path / "history.csv"
    out = cli(
        "run", "--world", "weather", "--steps", "400", "--seed", "3", "--csv", str(path), "--json"
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in ("steps", "agents", "units", "entropy", "cross_entropy", "kl", "reached_global"):
        assert key in data
    assert data["steps"] == 400 and data["agents"] == 1
    assert data["cross_entropy"] == pytest.approx(data["entropy"] + data["kl"], abs=1e-9)
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["step", "outcome", "surprise_bits"]
    assert len(rows) == 401
    assert rows[1][1] in ("rain", "no rain")


def test_run_population_reports_how_many_reached_the_global_well(cli):
    gd = json.loads(
        cli(
            "run",
            "--world",
            "loaded-die",
            "--belief",
            "hunch",
            "--learner",
            "gd",
            "--agents",
            "50",
            "--json",
        ).stdout
    )
    anneal = json.loads(
        cli(
            "run",
            "--world",
            "loaded-die",
            "--belief",
            "hunch",
            "--learner",
            "anneal",
            "--agents",
            "50",
            "--json",
        ).stdout
    )
    assert gd["agents"] == 50 and gd["reached_global"] < anneal["reached_global"]


def test_custom_world_on_the_command_line(cli):
    out = cli(
        "run",
        "--world",
        "custom",
        "--p",
        "1/2,1/4,1/4",
        "--labels",
        "a,b,c",
        "--steps",
        "100",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["entropy"] == pytest.approx(1.5)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["measures", "--p", "0.2,0.2,0.2,0.2", "--q", "0.25,0.25,0.25,0.25"], "sum to 0.8, not 1"),
        (["measures", "--p", "0.5,0.5", "--q", "0.2,0.3,0.5"], "p has 2 outcomes but q has 3"),
        (["measures", "--p", "0.5,abc", "--q", "0.5,0.5"], "'abc', not a number"),
        (["measures", "--p", "nan,1", "--q", "0.5,0.5"], "NaN"),
        (["measures", "--p=-0.5,1.5", "--q", "0.5,0.5"], "negative"),
        (["measures", "--p", "", "--q", "0.5,0.5"], "no probabilities"),
        (["measures", "--q", "0.5,0.5"], "--p"),
        (["measures", "--p", "1,0", "--q", "1,0", "--units", "hartleys"], "invalid choice"),
        (["run", "--lr", "abc"], "learning rate must be a number"),
        (["run", "--lr", "-1"], "learning rate is -1"),
        (["run", "--lr", "inf"], "finite"),
        (["run", "--temperature", "1e9"], "temperature is 1e\\+09"),
        (["run", "--steps", "-5"], "steps is -5"),
        (["run", "--agents", "0"], "agents is 0"),
        (["run", "--world", "moon"], "invalid choice"),
        (["run", "--world", "custom"], "needs --p"),
        (["run", "--world", "custom", "--p", "0.5"], "at least 2"),
        (["run", "--world", "custom", "--p", ",".join(["0.0625"] * 16)], "at most 12"),
        (["run", "--world", "custom", "--p", "0.5,0.5", "--labels", "x,x"], "used twice"),
        (["run", "--p", "0.5,0.5"], "go with --world custom"),
        (["run", "--cooling", "geometric", "--cooling-rate", "2"], "cooling rate is 2"),
        (["run", "--seed", "x"], "seed must be a whole number"),
        (["run", "--csv", "/"], "cannot write /"),
        (["teleport"], "unknown command 'teleport'"),
    ],
)
def test_bad_input_gives_one_error_line_and_status_2(cli, args, message):
    out = cli(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), out.stderr
    assert "Traceback" not in out.stderr
    assert re.search(message, lines[0]), lines[0]


def test_engine_never_imports_qt():
    """Every module under engine/, imported in a fresh process: none of them pulls in Qt."""
    code = (
        "import importlib, pkgutil, sys, engine\n"
        "names = [m.name for m in pkgutil.walk_packages(engine.__path__, 'engine.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "qt = ('PySide6', 'shiboken6', 'pyqtgraph')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in qt]\n"
        "print(len(names), bad); sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    modules = {p.stem for p in (ROOT / "engine").glob("*.py")} - {"__init__"}
    assert int(out.stdout.split()[0]) >= len(modules) >= 10, out.stdout  # all of them walked


# --- two runs as a real process: the entry point, stdout/stderr and the exit status ---------


def test_a_real_process_prints_measures_as_json():
    out = run_process("measures", "--p", "0.8,0.2", "--q", "0.5,0.5", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["cross_entropy"] == pytest.approx(1.0)
    assert out.stderr == ""


def test_a_real_process_refuses_bad_input_with_one_line_and_status_2():
    out = run_process("run", "--world", "custom", "--p", "0.2,0.2,0.2,0.2")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [out.stderr.strip()] and out.stdout == ""
    assert out.stderr.startswith("error: ") and "sum to 0.8, not 1" in out.stderr


def test_run_save_then_open_prints_the_same_summary(cli, tmp_path):
    path = tmp_path / "s.json"
    args = ("--world", "loaded-die", "--learner", "anneal", "--steps", "1500", "--seed", "9")
    saved = cli("run", *args, "--json", "--save", str(path))
    assert saved.returncode == 0, saved.stderr
    plain = cli("run", *args, "--json")
    opened = cli("run", "--open", str(path), "--json")
    assert opened.returncode == 0, opened.stderr
    assert json.loads(saved.stdout) == json.loads(opened.stdout) == json.loads(plain.stdout)
    assert json.loads(path.read_text())["steps"] == 1500


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d.write_text("{", encoding="utf-8"), "is not valid JSON"),
        (lambda d: None, "no such file"),
        (lambda d: d.mkdir(), "is a folder"),
        (
            lambda d: d.write_text('{"format": "cross-entropy-lab-session", "version": 9}'),
            "version 9",
        ),
    ],
)
def test_run_open_refuses_unusable_files(cli, tmp_path, setup, message):
    path = tmp_path / "s.json"
    setup(path)
    out = cli("run", "--open", str(path))
    assert out.returncode == 2
    assert out.stderr.startswith("error: ") and message in out.stderr
    assert "Traceback" not in out.stderr


def test_run_save_needs_one_agent(cli, tmp_path):
    out = cli("run", "--agents", "3", "--save", str(tmp_path / "x.json"))
    assert out.returncode == 2 and "--save keeps one agent's run" in out.stderr
