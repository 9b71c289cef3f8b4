"""``main.py --help`` tells a new user about the window as well as the commands."""

from __future__ import annotations

import main


def test_help_lists_the_commands_and_the_window_options(capsys):
    assert main.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("measures", "run", "sweep", "bench"):
        assert command in out
    for option in ("--lesson", "--present", "--lang", "--race", "--open", "--self-test"):
        assert f"  {option}" in out, option
