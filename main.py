"""Cross-Entropy Lab.  ``uv run main.py`` opens the window; ``uv run main.py --help`` for more."""

from __future__ import annotations

import sys

from engine.options import COMMANDS  # not engine.cli: the window needs none of its code

APP_OPTIONS = """
the app itself (each alone on the command line):
  --version             print the version and exit
  --self-test           open the window offscreen, play the lesson's first and last
                        scenes, export, save and reopen a session; exit 0 if all worked
  --install-desktop-entry [--with-lesson-presets]
                        Linux: put a launcher in the applications menu (and one for the
                        guided lesson and each preset world)
  --uninstall-desktop-entry
                        remove exactly the launchers that were installed

main.py --window-help lists the window's options alone."""

WINDOW_HEADING = """
with no command, main.py opens the window; its options (--lesson, --present, --lang,
--race, --open and the run's set-up) are:
"""


def window_help() -> str:
    """The window's options, as ``main.py --window-help`` prints them (no Qt needed)."""
    from gui.app import build_parser

    return build_parser().format_help()


def app_option(args: list[str]) -> int | None:
    """``--version``, ``--self-test`` and the desktop entry; None for anything else."""
    from gui import bundle

    if args == ["--version"]:
        print(f"{bundle.APP_NAME} {bundle.VERSION}")
        return 0
    if args == ["--self-test"]:
        from gui.selftest import main as self_test

        return self_test()
    if args and args[0] in ("--install-desktop-entry", "--uninstall-desktop-entry"):
        from gui.desktop_entry import main as desktop_entry

        return desktop_entry(args)
    if args == ["--window-help"]:
        from gui.app import build_parser

        build_parser().print_help()
        return 0
    if "--with-lesson-presets" in args:
        print("error: --with-lesson-presets goes after --install-desktop-entry", file=sys.stderr)
        return 2
    special = {"--version", "--self-test", "--window-help"}
    if special & set(args):
        option = sorted(special & set(args))[0]
        print(f"error: {option} goes alone on the command line (see --help)", file=sys.stderr)
        return 2
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and not args[0].startswith("-") and args[0] not in COMMANDS:
        print(
            f"error: unknown command {args[0]!r}; use one of {', '.join(COMMANDS)}, "
            "or no command to open the window",
            file=sys.stderr,
        )
        return 2
    if args in (["-h"], ["--help"]):
        from engine.cli import build_parser

        print(build_parser().format_help())
        print(WINDOW_HEADING)
        print(window_help())
        print(APP_OPTIONS)
        return 0
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
    status = app_option(list(args))
    if status is not None:
        return status
    from gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
