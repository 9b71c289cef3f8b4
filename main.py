"""Cross-Entropy Lab.  ``uv run main.py`` opens the window; ``uv run main.py --help`` for more."""

from __future__ import annotations

import sys

from engine.cli import COMMANDS


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and not args[0].startswith("-") and args[0] not in COMMANDS:
        print(
            f"error: unknown command {args[0]!r}; use one of {', '.join(COMMANDS)}, "
            "or no command to open the window",
            file=sys.stderr,
        )
        return 2
    if args and args[0] in (*COMMANDS, "-h", "--help"):
        from engine.cli import main as cli_main

        gui_bench = long_run = None
        if args[0] == "bench":
            try:
                from gui.bench import long_run
                from gui.bench import window_bench as gui_bench
            except ImportError:  # no Qt here: the engine figures still run
                gui_bench = long_run = None
        return cli_main(args, gui_bench=gui_bench, long_run=long_run)
    from gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
