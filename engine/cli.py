"""The command line: ``measures``, ``run``, ``sweep`` and ``bench``, and the window's options.

Bad input of any kind prints one line ``error: ...`` on stderr and exits with status 2.  Every
output path is checked before any work starts, and a command writes all its files or none
(``engine/files.py``).  Options that write files never change what is computed or printed.
Long work shows its progress on stderr when that is a terminal, prints an estimate first when
it will take more than about a minute, and stops on Ctrl+C with nothing written (status 130).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence

from . import registry
from .experiments import (
    DEFAULT_POPULATION,
    ExperimentError,
    PopulationJob,
    plan_sweep,
    required_learner,
)
from .export import (
    number_or_inf,
    run_summary,
    sweep_rows,
    write_history_csv,
    write_run_population_csv,
    write_sweep_csv,
)
from .files import FileError, all_or_nothing, check_writable
from .limits import (
    ESTIMATE_ABOVE_SECONDS,
    MAX_AGENT_STEPS,
    MAX_AGENTS,
    MAX_POPULATION,
    MAX_POPULATION_STEPS,
    MAX_STEPS,
    MAX_SWEEP_POINTS,
    limits_text,
)
from .measures import UNITS, all_measures, infinite_reason
from .options import (
    COMMANDS,
    OptionParser,
    UsageError,
    add_setup_options,
    fail,
    float_arg,
    int_arg,
    join_values,
    settings_from_args,
    setup_value_options,
)
from .population import Population
from .simulation import Simulation, block_steps
from .validation import DistributionError, validate_pair

__all__ = ["COMMANDS", "UsageError", "fail", "main"]

# Options whose value may begin with "-" (a negative number, which is then named as such).
VALUE_OPTIONS = setup_value_options() | {"--q", "--from", "--to", "--steps", "--agents", "--points"}


def build_parser() -> argparse.ArgumentParser:
    parser = OptionParser(
        prog="main.py",
        description="Cross-Entropy Lab: learning is prediction.",
        epilog="limits (engine/limits.py):\n" + limits_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", parser_class=OptionParser)

    measures = sub.add_parser("measures", help="H(p), H(q), H(p,q), D(p‖q), D(q‖p)")
    measures.add_argument("--p", required=True, help="true distribution, e.g. 0.8,0.2")
    measures.add_argument("--q", required=True, help="belief, e.g. 0.5,0.5")
    measures.add_argument("--units", choices=UNITS, default="bits")
    measures.add_argument("--json", action="store_true", help="print one JSON object")

    run = sub.add_parser(
        "run",
        help="run learners headless and summarise",
        epilog="limits (engine/limits.py):\n" + limits_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_setup_options(run)
    run.add_argument(
        "--steps",
        type=int_arg("steps", 0, MAX_STEPS),
        default=3000,
        help=f"outcomes per agent (default 3000, at most {MAX_STEPS:,})",
    )
    run.add_argument(
        "--agents",
        type=int_arg("agents", 1, MAX_AGENTS),
        default=1,
        help=f"independent agents (default 1, at most {MAX_AGENTS:,}; "
        f"agents × steps at most {MAX_AGENT_STEPS:,})",
    )
    run.add_argument(
        "--csv",
        metavar="FILE",
        help="write the per-step history of the first agent (of every learner, for a race)",
    )
    run.add_argument("--json", action="store_true", help="print a JSON summary")
    run.add_argument("--save", metavar="FILE", help="write the run as a session file at the end")
    run.add_argument(
        "--open",
        metavar="FILE",
        help="open a saved session and summarise it, rivals too (its own settings are used)",
    )

    run.add_argument(
        "--population-csv",
        metavar="FILE",
        help="write where each agent ended: final belief, H(p,q), D(p‖q), basin (one row each)",
    )

    sweep = sub.add_parser(
        "sweep",
        help="share of agents reaching the global minimum, against one setting",
        epilog="limits (engine/limits.py):\n" + limits_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_setup_options(sweep)
    sweep.add_argument(
        "--parameter",
        choices=tuple(registry.sweep_parameters()),
        default="temperature",
        help="the setting to vary (default: temperature)",
    )
    sweep.add_argument("--from", dest="low", type=float_arg("--from"), default=None)
    sweep.add_argument("--to", dest="high", type=float_arg("--to"), default=None)
    sweep.add_argument(
        "--points", type=int_arg("points", 2, MAX_SWEEP_POINTS), default=20, help="default 20"
    )
    sweep.add_argument("--log", action="store_true", help="space the values evenly in log")
    sweep.add_argument(
        "--agents",
        type=int_arg("agents", 1, MAX_POPULATION),
        default=DEFAULT_POPULATION,
        help=f"agents per point (default {DEFAULT_POPULATION}, at most {MAX_POPULATION:,})",
    )
    sweep.add_argument(
        "--steps",
        type=int_arg("steps", 1, MAX_POPULATION_STEPS),
        default=3000,
        help=f"outcomes per agent (default 3000, at most {MAX_POPULATION_STEPS:,})",
    )
    sweep.add_argument("--csv", metavar="FILE", help="write one row per point")
    sweep.add_argument("--json", action="store_true", help="print a JSON summary")

    bench = sub.add_parser("bench", help="time the engine (and the window) on this machine")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke test")
    bench.add_argument(
        "--long",
        action="store_true",
        help="only the long run: 1,000,000 steps in the window's loop (memory, frame time)",
    )
    return parser


def cmd_measures(args: argparse.Namespace) -> int:
    try:
        p, q = validate_pair(args.p, args.q)
    except DistributionError as exc:
        raise UsageError(str(exc)) from None
    values = all_measures(p, q, args.units)
    if args.json:
        print(json.dumps({"units": args.units, **{k: number_or_inf(v) for k, v in values.items()}}))
        return 0
    names = {
        "entropy_p": "H(p)      entropy of the world",
        "entropy_q": "H(q)      entropy of the belief",
        "cross_entropy": "H(p,q)    cross-entropy (average surprise)",
        "kl_pq": "D(p‖q)    extra surprise from the wrong belief",
        "kl_qp": "D(q‖p)    the other way round (not the same)",
    }
    for key, label in names.items():
        v = values[key]
        shown = "infinite" if math.isinf(v) else f"{v:.6f}"
        print(f"{label:48s} {shown} {args.units}")
    for name, (a, b) in (("D(p‖q), H(p,q)", (p, q)), ("D(q‖p)", (q, p))):
        reason = infinite_reason(a, b)
        if reason:
            print(f"{name}: {reason.replace('the belief', 'the second distribution')}")
    return 0


class Progress:
    """Progress of long work on stderr, only when stderr is a terminal; an estimate first.

    ``update(done)`` is called with the work done so far (out of ``total``).  After a second
    of work the rate is known: if the whole is expected to take more than about a minute, an
    estimate is printed once (on any stderr), and on a terminal a percentage is kept up to date.
    """

    def __init__(self, total: float, what: str, stream=None, clock=time.perf_counter):
        self.total = max(float(total), 1.0)
        self.what = what
        self.stream = sys.stderr if stream is None else stream
        self.clock = clock
        self.started = clock()
        self.shown = self.started
        self.estimated = False
        isatty = getattr(self.stream, "isatty", None)
        self.terminal = bool(isatty and isatty())

    def update(self, done: float) -> None:
        now = self.clock()
        elapsed = now - self.started
        if done <= 0 or elapsed < 1.0:
            return
        remaining = elapsed * (self.total - done) / done
        if not self.estimated:
            self.estimated = True
            if elapsed + remaining > ESTIMATE_ABOVE_SECONDS:
                print(
                    f"{self.what}: about {_duration(elapsed + remaining)} in all "
                    "(Ctrl+C stops it; nothing is written then)",
                    file=self.stream,
                    flush=True,
                )
        if self.terminal and now - self.shown >= 0.5:
            self.shown = now
            print(
                f"\r{self.what}: {100 * done / self.total:5.1f} %, {_duration(remaining)} to go   ",
                end="",
                file=self.stream,
                flush=True,
            )

    def finish(self) -> None:
        if self.terminal and self.shown > self.started:
            print("\r" + " " * 60 + "\r", end="", file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _check_outputs(*paths: str | None) -> None:
    """Refuse bad or clashing output paths before any work is done."""
    given = [p for p in paths if p is not None]
    seen: dict[str, str] = {}
    for path in given:
        try:
            check_writable(path)
        except FileError as exc:
            raise UsageError(str(exc)) from None
        key = os.path.realpath(path)
        if key in seen:
            raise UsageError(f"{path} is given for two outputs; each needs its own file")
        seen[key] = path


def _steps_in_blocks(total: int, block: int, step: Callable[[int], None], progress) -> None:
    done = 0
    while done < total:
        size = min(block, total - done)
        step(size)
        done += size
        progress(done)


def cmd_run(args: argparse.Namespace) -> int:
    from .session import Session, SessionError, open_session, save_session

    _check_outputs(args.csv, args.save, args.population_csv)
    if args.open and args.agents != 1:
        raise UsageError("a session holds one agent per learner; leave out --agents with --open")
    if args.save and args.agents != 1:
        raise UsageError("--save keeps one agent's run; use --agents 1")
    rivals: list[Simulation] = []
    if args.open:
        try:
            _, simulation, rivals = open_session(args.open)
        except SessionError as exc:
            raise UsageError(str(exc)) from None
        settings = simulation.settings
        args.steps = simulation.step_count
        population = simulation.population
    else:
        settings = settings_from_args(args)
        if args.agents * args.steps > MAX_AGENT_STEPS:
            raise UsageError(
                f"{args.agents:,} agents × {args.steps:,} steps is "
                f"{args.agents * args.steps:,} agent-steps; at most {MAX_AGENT_STEPS:,}"
            )
        progress = Progress(args.agents * args.steps, "run")
        simulation = None
        if args.csv or args.save or args.agents == 1:
            # Only the first agent's history is kept; the others step exactly as below.
            simulation = Simulation(settings, agents=args.agents)
            simulation.advance(args.steps, stop=lambda done: progress.update(done * args.agents))
            population = simulation.population
        else:
            population = Population(settings, args.agents)
            _steps_in_blocks(
                args.steps,
                block_steps(args.agents, population.family.n_params),
                lambda n: population.advance(n, record=False),
                lambda done: progress.update(done * args.agents),
            )
        progress.finish()
    summary = run_summary(settings, population, args.steps)
    rival_summaries = [run_summary(r.settings, r.population, args.steps) for r in rivals]
    try:
        with all_or_nothing():
            if args.csv:
                write_history_csv(args.csv, [simulation, *rivals], settings.units)
            if args.save:
                try:
                    save_session(Session.of(simulation, rivals=rivals), args.save)
                except SessionError as exc:
                    raise UsageError(str(exc)) from None
            if args.population_csv:
                write_run_population_csv(args.population_csv, settings, population, args.steps)
    except FileError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        if rival_summaries:
            summary["rivals"] = rival_summaries
        print(json.dumps(summary))
        return 0
    u = settings.units
    print(f"{settings.world.description}")
    if settings.world.changes:
        shift = " ".join(change.text() for change in settings.world.changes)
        print(f"the world changes (--shift): {shift}; measured against p at the end")
    print(
        f"{population.n_agents} agent(s), belief {settings.belief}, learner {settings.learner}, "
        f"{args.steps} outcomes each, seed {settings.seed}"
    )
    print(f"H(p)    {summary['entropy']:.6f} {u}   (the floor)")
    print(f"H(p,q)  {summary['cross_entropy']} {u}   (final, mean over agents)")
    print(f"D(p‖q)  {summary['kl']} {u}")
    print(f"reached the global minimum: {100 * float(summary['reached_global']):.1f} %")
    for i, rival in enumerate(rival_summaries, start=1):
        print(
            f"rival {i} ({rival['learner']}): H(p,q) {rival['cross_entropy']} {u}, "
            f"D(p‖q) {rival['kl']} {u}, "
            f"reached the global minimum: {100 * float(rival['reached_global']):.1f} %"
        )
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    _check_outputs(args.csv)
    settings = settings_from_args(args)
    if settings.world.changes:
        raise UsageError(
            "--shift is for run and the window: a sweep compares where agents end in one world"
        )
    try:
        plan = plan_sweep(
            settings, args.parameter, args.low, args.high, args.points, True if args.log else None
        )
        job = PopulationJob(plan.points, args.agents, args.steps)
    except ExperimentError as exc:
        needed = required_learner(args.parameter)
        if needed is not None and settings.learner != needed:  # said in the options' words
            title = registry.PARAMS[args.parameter].title
            raise UsageError(f"a {title} sweep needs --learner {needed}") from None
        raise UsageError(str(exc)) from None
    started = time.perf_counter()
    progress = Progress(1.0, "sweep")
    while not job.work(0.25):
        progress.update(job.progress)
    progress.finish()
    results = job.results
    seconds = time.perf_counter() - started
    if args.csv:
        try:
            write_sweep_csv(args.csv, args.parameter, results, settings.units)
        except FileError as exc:
            raise UsageError(str(exc)) from None
    rows = sweep_rows(args.parameter, results, settings.units)
    if args.json:
        print(
            json.dumps(
                {
                    "parameter": args.parameter,
                    "agents": args.agents,
                    "steps": args.steps,
                    "units": settings.units,
                    "seconds": seconds,
                    "points": rows,
                }
            )
        )
        return 0
    name = args.parameter.replace("_", " ")
    print(
        f"{settings.world.description}  belief {settings.belief}, learner {settings.learner}; "
        f"{args.agents} agents × {args.steps} outcomes per point, seed {settings.seed}"
    )
    print(f"{name:>14s}   reached the global minimum (95 % interval)   final H(p,q)")
    for row in rows:
        print(
            f"{row[args.parameter]:14.6g}   {100 * row['share']:5.1f} %  "
            f"({100 * row['share_low_95']:5.1f} – {100 * row['share_high_95']:5.1f} %)"
            f"{'':15s}{row['mean_cross_entropy']:.4f} {settings.units}"
        )
    print(f"{len(rows)} points in {seconds:.1f} s")
    return 0


def main(
    argv: Sequence[str] | None = None,
    gui_bench: Callable[[bool], dict] | None = None,
    long_run: Callable[[], dict] | None = None,
) -> int:
    """Run a command; returns the exit status (errors exit 2 with one ``error:`` line)."""
    parser = build_parser()
    try:
        args = parser.parse_args(join_values(sys.argv[1:] if argv is None else argv, VALUE_OPTIONS))
        if args.command == "measures":
            return cmd_measures(args)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "sweep":
            return cmd_sweep(args)
        if args.command == "bench":
            from .bench import run_bench

            if args.long:
                if long_run is None:
                    raise UsageError("bench --long needs the window's libraries (PySide6)")
                figures = long_run()
                print(
                    json.dumps(figures)
                    if args.json
                    else "\n".join(f"  {k:40s} {v:>14,.2f}" for k, v in figures.items())
                )
                return 0
            return run_bench(json_output=args.json, quick=args.quick, extra=gui_bench)
        parser.print_help()
        return 0
    except UsageError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        print("\ninterrupted: stopped, and no file was written", file=sys.stderr)
        return 130
