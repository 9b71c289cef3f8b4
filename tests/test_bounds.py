"""Issue 12: clear messages instead of tracebacks, nonsense refused, atomic files, bounds."""

from __future__ import annotations

import io
import json
import os
import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import cli as cli_module
from engine import limits
from engine.cli import Progress
from engine.cli import main as cli
from engine.files import FileError, all_or_nothing, open_atomic, write_text
from engine.jsonfile import read_json
from engine.session import Session, SessionError, load_session, save_session
from engine.settings import Settings, SettingsError
from engine.simulation import Simulation
from engine.worlds import PRESETS


def refused(capsys, *args: str) -> str:
    """Run the command line; it must refuse with one ``error:`` line and status 2."""
    with pytest.raises(SystemExit) as info:
        cli(list(args))
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    return lines[0]


def a_session(tmp_path: Path, steps: int = 40, **changes) -> dict:
    sim = Simulation(Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal"))
    sim.advance(steps)
    data = Session.of(sim).to_dict()
    data.update(changes)
    return data


def write(tmp_path: Path, data, name: str = "s.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


# --- tracebacks become messages ---------------------------------------------------------------


def test_zero_steps_with_csv_writes_the_header(capsys, tmp_path):
    path = tmp_path / "h.csv"
    assert cli(["run", "--steps", "0", "--csv", str(path)]) == 0
    assert path.read_text().splitlines()[0].startswith("step,outcome,")
    assert len(path.read_text().splitlines()) == 1
    session = tmp_path / "zero.json"
    assert cli(["run", "--steps", "0", "--save", str(session)]) == 0
    assert cli(["run", "--open", str(session), "--csv", str(path)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ([], '"start" has 0 values; the hunch belief on this world has 2'),
        ([1, 2, 3], '"start" has 3 values'),
        ([True, False], '"start" must be a list of numbers'),
        ("ab", '"start" must be a list of numbers'),
    ],
)
def test_a_wrong_start_in_a_session_is_named(capsys, tmp_path, start, message):
    data = a_session(tmp_path)
    data["settings"]["start"] = start
    path = write(tmp_path, data)
    with pytest.raises(SessionError, match=message):
        load_session(path)
    assert message in refused(capsys, "run", "--open", path)


def test_labels_as_one_string_are_refused(capsys, tmp_path):
    data = a_session(tmp_path)
    data["settings"].update(world="custom", p=[0.5, 0.5], labels="ab", belief="free", start=None)
    assert '"labels" must be a list of text' in refused(
        capsys, "run", "--open", write(tmp_path, data)
    )


def test_bool_start_is_refused_by_settings():
    with pytest.raises(SettingsError, match="start must be finite numbers"):
        Settings(start=(True, False))


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_is_refused_by_name(capsys, tmp_path, opening):
    text = opening * 5000 + "1" + ("]" if opening == "[" else "}") * 5000  # about 10–30 KB
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match="is nested 5,000 levels deep"):
        read_json(Path(path), 10**6, "session file")
    assert "nested 5,000 levels deep" in refused(capsys, "run", "--open", path)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    path = write(tmp_path, json.dumps({"a": "[[[[" * 100 + '\\"{{{' * 100}))
    assert read_json(Path(path), 10**6, "file")["a"].startswith("[[[[")


# --- nonsense is refused ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["measures", "--p", "0.2_5,0.7_5", "--q", "0.5,0.5"], "'0.2_5', not a number"),
        (["run", "--world", "custom", "--p", "0.2_5,0.7_5"], "'0.2_5', not a number"),
        (["run", "--steps", "1_0"], "steps must be a whole number"),
        (["run", "--learner", "anneal", "--temperature", "0_1"], "temperature must be a number"),
        (["run", "--world", "custom", "--p", "0.5,0.5", "--labels", ""], "labels given"),
        (["run", "--labels", ""], "--p and --labels go with --world custom"),
        (
            ["run", "--world", "weather", "--p", "0.5,0.5"],
            "--p and --labels go with --world custom",
        ),
        (["run", "--world", "weather", "--p", ""], "--p and --labels go with --world custom"),
        (["measures", "--p", "-0.5,1.5", "--q", "0.5,0.5"], "-0.5, a negative probability"),
        (["measures", "--p", "0.5,0.5", "--q", "-0.5,1.5"], "-0.5, a negative probability"),
        (["run", "--steps", "-5"], "steps is -5"),
        (["run", "--agents", "100000", "--steps", "100000"], "agent-steps; at most"),
    ],
)
def test_nonsense_is_refused_by_name(capsys, args, message):
    assert message in refused(capsys, *args)


def test_an_opened_race_reports_its_rivals(capsys, tmp_path):
    lead = Simulation(Settings(world=PRESETS["loaded-die"], belief="hunch", learner="anneal"))
    from engine.experiments import Race

    race = Race(lead)
    race.add(learner="gd")
    race.advance(50)
    path = tmp_path / "race.json"
    save_session(Session.of(lead, rivals=race.rivals), path)
    assert cli(["run", "--open", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["learner"] for r in out["rivals"]] == ["gd"]
    csv_path = tmp_path / "race.csv"
    assert cli(["run", "--open", str(path), "--csv", str(csv_path)]) == 0
    assert "rival 1 (gd)" in capsys.readouterr().out
    assert "B_surprise_bits" in csv_path.read_text().splitlines()[0]


# --- files: atomic, and all or none --------------------------------------------------------------


def test_a_failed_write_keeps_the_earlier_file(tmp_path):
    path = tmp_path / "keep.csv"
    path.write_text("earlier\n")
    with pytest.raises(RuntimeError), open_atomic(path) as handle:
        handle.write("half a fi")
        raise RuntimeError("disk full, or a file-size limit")
    assert path.read_text() == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]


def test_a_file_size_limit_leaves_the_earlier_csv(capsys, tmp_path):
    keep = tmp_path / "keep.csv"
    keep.write_text("earlier\n")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, hard))
    try:
        message = refused(capsys, "run", "--steps", "20000", "--csv", str(keep))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "cannot write" in message and "File too large" in message
    assert keep.read_text() == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]


def test_a_bad_path_refuses_the_command_before_anything_is_written(capsys, tmp_path):
    ok = tmp_path / "ok.csv"
    message = refused(capsys, "run", "--csv", str(ok), "--save", str(tmp_path / "no" / "x.json"))
    assert "does not exist" in message
    assert not ok.exists()
    assert "is a folder" in refused(capsys, "run", "--csv", str(tmp_path))
    same = str(tmp_path / "same.csv")
    assert "two outputs" in refused(capsys, "run", "--csv", same, "--population-csv", same)


def test_all_or_nothing_removes_every_staged_file(tmp_path):
    first = tmp_path / "a.txt"
    with pytest.raises(KeyboardInterrupt), all_or_nothing():
        write_text(first, "a")
        assert not first.exists()  # staged, not yet there
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
    with all_or_nothing():
        write_text(first, "a")
        write_text(tmp_path / "b.txt", "b")
    assert first.read_text() == "a" and (tmp_path / "b.txt").read_text() == "b"


def test_a_write_in_a_missing_folder_is_a_file_error(tmp_path):
    with pytest.raises(FileError, match="cannot write"):
        write_text(tmp_path / "missing" / "x.txt", "x")


def test_ctrl_c_stops_cleanly_with_nothing_written(capsys, tmp_path, monkeypatch):
    def interrupt(self, done):
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "update", interrupt)
    out = tmp_path / "h.csv"
    assert (
        cli(["run", "--steps", "100", "--csv", str(out), "--save", str(tmp_path / "s.json")]) == 130
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err and "interrupted" in err
    assert list(tmp_path.iterdir()) == []


# --- bounds ---------------------------------------------------------------------------------


def test_limits_are_in_one_place_and_in_help(capsys):
    with pytest.raises(SystemExit):
        cli(["run", "--help"])
    text = capsys.readouterr().out
    for _, value in limits.LIMITS:
        assert f"{value:,}" in text
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for _, value in limits.LIMITS:
        assert f"{value:,}" in readme, value


def test_opening_a_long_session_restores_its_state_without_running_it(tmp_path, monkeypatch):
    sim = Simulation(Settings(learner="anneal"))
    sim.advance(100)
    data = Session.of(sim).to_dict()
    # As if it had run for 50 million steps: only the step counts say so.
    big = 50_000_000
    data["steps"] = data["state"]["step"] = big
    path = write(tmp_path, data)
    ran = []
    monkeypatch.setattr(Simulation, "_advance_block", lambda self, n: ran.append(n))
    opened = load_session(path).replay()
    assert ran == [] and opened.step_count == big
    assert opened.population.params.tobytes() == sim.population.params.tobytes()


def test_a_version_1_session_beyond_the_replay_limit_is_refused(capsys, tmp_path):
    data = a_session(tmp_path)
    data["version"] = 1
    del data["state"]
    data["steps"] = limits.MAX_REPLAY_STEPS + 1
    message = refused(capsys, "run", "--open", write(tmp_path, data))
    assert "can only be opened by running it again" in message
    assert f"{limits.MAX_REPLAY_STEPS:,}" in message


def test_an_edited_state_is_caught_by_the_replay_check(capsys, tmp_path):
    data = a_session(tmp_path)
    data["state"]["surprise_sum"] += 1.0
    assert "does not match a replay" in refused(capsys, "run", "--open", write(tmp_path, data))


def test_too_many_changes_are_refused(tmp_path):
    data = a_session(tmp_path)
    data["changes"] = [[40, {"temperature": 0.1}]] * (limits.MAX_SESSION_CHANGES + 1)
    with pytest.raises(SessionError, match="a session holds at most"):
        load_session(write(tmp_path, data))


def test_a_long_headless_run_keeps_memory_bounded():
    sim = Simulation(Settings())
    sim.advance(300_000)
    assert len(sim.history) <= limits.HISTORY_ROWS
    assert sim.history._columns["q"].nbytes <= limits.HISTORY_ROWS * 2 * 8


def test_progress_shows_only_on_a_terminal_and_estimates_long_work():
    clock = iter([0.0, 2.0, 2.0, 3.0]).__next__

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    quiet = io.StringIO()
    progress = Progress(100, "run", stream=quiet, clock=clock)
    progress.update(1)  # 1 % in 2 s: about 200 s in all
    assert "about 3 min in all" in quiet.getvalue()
    assert "%" not in quiet.getvalue()  # not a terminal: no percentage
    shown = Terminal()
    progress = Progress(100, "run", stream=shown, clock=iter([0.0, 2.0]).__next__)
    progress.update(50)
    assert "50.0 %" in shown.getvalue() and "in all" not in shown.getvalue()


# --- properties -----------------------------------------------------------------------------

FILE_OPTIONS = st.sets(st.sampled_from(["--csv", "--save", "--population-csv"]))
SETUPS = st.sampled_from(
    [
        ["--world", "weather"],
        ["--world", "loaded-die", "--learner", "anneal"],
        ["--world", "custom", "--p", "0.4,0.1,0.1,0.4", "--belief", "hunch"],
        ["--world", "fair-die", "--learner", "none"],
    ]
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(SETUPS, st.integers(0, 120), st.sampled_from([1, 3]), FILE_OPTIONS, st.booleans())
def test_file_options_never_change_printed_figures(
    capsys, tmp_path_factory, setup, steps, agents, options, as_json
):
    folder = tmp_path_factory.mktemp("out")
    base = ["run", *setup, "--steps", str(steps), "--agents", str(agents)]
    base += ["--json"] if as_json else []
    if agents != 1:
        options = options - {"--save"}
    assert cli(base) == 0
    plain = capsys.readouterr().out
    extra = [arg for option in sorted(options) for arg in (option, str(folder / option[2:]))]
    assert cli(base + extra) == 0
    assert capsys.readouterr().out == plain
    for option in options:
        assert (folder / option[2:]).is_file()


BAD_ARGS = st.sampled_from(
    [
        ["measures", "--p", "0.5,0.6", "--q", "0.5,0.5"],
        ["measures", "--p", "-1,2", "--q", "0.5,0.5"],
        ["measures", "--p", "nan,1", "--q", "0.5,0.5"],
        ["measures", "--p", "0.5,0.5", "--q", "1"],
        ["run", "--steps", "x"],
        ["run", "--steps", str(limits.MAX_STEPS + 1)],
        ["run", "--agents", "0"],
        ["run", "--lr", "inf"],
        ["run", "--learner", "anneal", "--temperature", "-1"],
        ["run", "--world", "moon"],
        ["run", "--world", "custom"],
        ["run", "--world", "custom", "--p", "1e400,0"],
        ["run", "--open", "/nonexistent/x.json"],
        ["run", "--agents", "2", "--save", "x.json"],
        ["run", "--csv", "/nonexistent/dir/x.csv"],
        ["sweep", "--learner", "gd"],
        ["sweep", "--points", "1"],
        ["sweep", "--learner", "anneal", "--from", "2", "--to", "1"],
        ["bogus"],
        ["run", "--bogus"],
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(BAD_ARGS, st.sampled_from([[], ["--json"]]))
def test_every_refusal_is_one_error_line_and_status_2(capsys, args, tail):
    if args == ["bogus"]:
        tail = []
    refused(capsys, *args, *tail)


def test_the_command_line_module_has_no_other_exit(monkeypatch):
    # main() returns statuses; only fail() exits, always with 2
    monkeypatch.setattr(cli_module.sys, "stderr", io.StringIO())
    with pytest.raises(SystemExit) as info:
        cli_module.fail("x")
    assert info.value.code == 2


def test_session_files_are_written_atomically(tmp_path, monkeypatch):
    path = tmp_path / "run.json"
    save_session(Session.of(Simulation()), path)
    before = path.read_bytes()

    def crash(*args):
        raise OSError(27, "File too large")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SessionError, match="File too large"):
        save_session(Session.of(Simulation()), path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["state", "start", "nested"])
def test_the_window_open_option_refuses_a_bad_session_in_one_line(capsys, tmp_path, damage):
    from gui.app import parse_all

    data = a_session(tmp_path)
    if damage == "state":
        data["state"]["params"][0] = 3.0
    elif damage == "start":
        data["settings"]["start"] = [1, 2, 3]
    path = write(tmp_path, "[" * 3000 + "]" * 3000 if damage == "nested" else data)
    with pytest.raises(SystemExit) as info:
        parse_all(["--open", path])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {path}: ")
