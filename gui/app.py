"""Start the window: ``uv run main.py [--world ...] [--speed N|max] [--play]``."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence

from engine import registry

# engine.options (the set-up options) is imported by the functions that parse:
# the window opened by gui/bench.py's start-up timing parses nothing.


def parse_speed(text: str) -> float:
    if text.strip().lower() == "max":
        return math.inf
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"speed must be outcomes per second or 'max', not {text!r}"
        ) from None
    low, high = registry.SPEED_RANGE.low, registry.SPEED_RANGE.high
    if not math.isfinite(value) or not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"speed is {text}; it must be from {low:g} to {high:g}, or max"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    from engine.options import OptionParser, add_setup_options

    parser = OptionParser(prog="main.py", description="Open the Cross-Entropy Lab window.")
    add_setup_options(parser)
    parser.add_argument(
        "--speed", type=parse_speed, default=5.0, help="outcomes per second, or max"
    )
    parser.add_argument("--play", action="store_true", help="start running at once")
    parser.add_argument(
        "--lang", choices=("en", "uk"), default=None, help="interface language (default: last used)"
    )
    parser.add_argument(
        "--present", action="store_true", help="start in presentation mode (full screen)"
    )
    parser.add_argument("--lesson", action="store_true", help="open the guided lesson")
    parser.add_argument("--open", metavar="FILE", help="open a saved session")
    parser.add_argument(
        "--race",
        metavar="LEARNER[:VALUE]",
        action="append",
        type=parse_rival,
        default=[],
        help=f"race another learner on the same outcomes: {race_help()} (up to 3 times)",
    )
    return parser


def race_help() -> str:
    """``gd[:LEARNING_RATE], anneal[:TEMPERATURE] or none``, from the registry."""
    forms = [
        learner.name if learner.main is None else f"{learner.name}[:{learner.main.upper()}]"
        for learner in registry.LEARNERS.values()
    ]
    return ", ".join(forms[:-1]) + " or " + forms[-1] if len(forms) > 1 else forms[0]


def parse_rival(text: str) -> dict[str, object]:
    """``anneal:0.5`` → {"learner": "anneal", "temperature": 0.5}; checked like any setting."""
    from engine.settings import Settings, SettingsError

    learner, _, value = text.strip().partition(":")
    if learner not in registry.LEARNERS:
        raise argparse.ArgumentTypeError(
            f"--race: unknown learner {learner!r}; choose {', '.join(registry.LEARNERS)}"
        )
    changes: dict[str, object] = {"learner": learner}
    if value:
        name = registry.LEARNERS[learner].main
        if name is None:
            raise argparse.ArgumentTypeError(f"--race: {learner} takes no value")
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"--race: {name.replace('_', ' ')} must be a number, not {value!r}"
            ) from None
        try:
            Settings(**{name: number})
        except SettingsError as exc:
            raise argparse.ArgumentTypeError(f"--race: {exc}") from None
        changes[name] = number
    return changes


def parse(argv: Sequence[str]):
    """Settings, speed and play from the command line; bad values exit before any window."""
    settings, speed, play, _ = parse_all(argv)
    return settings, speed, play


def parse_all(argv: Sequence[str]):
    """As :func:`parse`, plus the remaining window options (language, presenting, lesson)."""
    from engine.options import UsageError, fail, settings_from_args

    try:
        args = build_parser().parse_args(list(argv))
        args.session = None
        if args.open:
            from engine.session import SessionError, open_session  # only for --open (start-up)

            try:
                # Restored (and checked) here, so a bad state is one error line, not a traceback
                args.session, *args.learners = open_session(args.open)
            except SessionError as exc:
                raise UsageError(str(exc)) from None
        if len(args.race) > 3:
            raise UsageError(f"--race: at most 3 rivals, not {len(args.race)}")
        if args.race and args.open:
            raise UsageError("--race and --open: a session brings its own learners")
        return settings_from_args(args), args.speed, args.play, args
    except UsageError as exc:
        fail(str(exc))


def configure_app():
    """The QApplication with the projector look (created if there is none yet).

    No application-wide style sheet: every window sets its own (its text scale), and Qt
    hands a window's sheet on to its tooltips, menus, pop-ups and child dialogs.  One on the
    application as well made Qt polish every widget against both (0.15 s of CPU at start-up).
    """
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Cross-Entropy Lab")
    app.setOrganizationName("Cross-Entropy Lab")
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return app


def main_window_for_bench():
    """The window as ``main.py`` opens it with no options (``gui/bench.py`` times it)."""
    from .main_window import MainWindow

    app = configure_app()
    window = MainWindow()
    window.resize(1920, 1080)
    return app, window


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings, speed, play, args = parse_all(argv)
    from PySide6.QtCore import QSettings

    from . import i18n
    from .main_window import MainWindow

    app = configure_app()
    prefs = QSettings()
    # Units and language come back from the last session unless the command line says.
    if not any(a == "--units" or a.startswith("--units=") for a in argv):
        units = prefs.value("units", "bits")
        if units in ("bits", "nats"):
            settings = settings.replace(units=units)
    lang = args.lang or prefs.value("language", "en")
    try:
        i18n.set_language(lang if lang in i18n.LANGUAGES else "en")
    except i18n.LanguageError as exc:
        print(f"warning: {exc}; using English", file=sys.stderr)
    window = MainWindow(settings, speed)
    from .errors import ErrorReporter

    ErrorReporter(window).install()  # an unexpected exception: a dialog, not a dead app
    if args.session is not None:
        lead, rivals = args.learners
        window.load_simulation(lead, args.session.speed, rivals)
    for changes in args.race:
        window.add_rival(**changes)
    if prefs.value("geometry") is None:  # first launch: 1920 × 1080, or the screen if smaller
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1920, screen.width()), min(1080, screen.height()))
    window.show()
    if args.lesson:
        window.show_lesson(True)
    if args.present:
        window.set_presenting(True)
    if play:
        window.set_playing(True)
    return app.exec()
