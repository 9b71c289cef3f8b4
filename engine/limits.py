"""Every limit the app enforces, in one place.

Each bounds what one request can cost in time or memory, so that no input runs away with the
machine: a request beyond a limit is refused with a message naming the limit.  The command
line's ``--help`` and the README quote these numbers (``LIMITS`` below is what they print).
"""

from __future__ import annotations

# --- a world ---------------------------------------------------------------------------------
MIN_OUTCOMES = 2
MAX_OUTCOMES = 12

# --- ``run``: one run, headless ------------------------------------------------------------------
MAX_STEPS = 10_000_000  # outcomes per agent
MAX_AGENTS = 100_000
MAX_AGENT_STEPS = 2_000_000_000  # agents × steps: about half an hour at worst on a slow machine

# --- populations and sweeps (``sweep`` and the experiments window) ------------------------------
MAX_POPULATION = 10_000  # agents per point
MAX_POPULATION_STEPS = 1_000_000  # outcomes per agent
MAX_SWEEP_POINTS = 50
MAX_LEARNERS = 4  # a race: the lead and up to three rivals

# --- sessions and other files read --------------------------------------------------------------
MAX_SESSION_STEPS = 100_000_000  # steps a session may say it has taken
MAX_SESSION_BYTES = 5_000_000
MAX_SESSION_CHANGES = 100_000  # in-place setting changes recorded in one session
MAX_JSON_DEPTH = 32  # nesting of arrays and objects in any JSON file read
# Opening a session restores its stored state.  It is also run again from the start, as a
# check, when that takes no more than this many steps (and changes); a session without a
# stored state (format version 1) can only be opened by running it again, so beyond these it
# is refused.
MAX_REPLAY_STEPS = 50_000
MAX_REPLAY_CHANGES = 500

# --- memory while running -----------------------------------------------------------------------
HISTORY_ROWS = 65_536  # rows of per-step history kept (evenly thinned beyond)

# --- progress on a terminal -----------------------------------------------------------------------
ESTIMATE_ABOVE_SECONDS = 60.0  # print an estimate before work expected to take longer


LIMITS: tuple[tuple[str, int], ...] = (
    ("run: steps per agent", MAX_STEPS),
    ("run: agents", MAX_AGENTS),
    ("run: agents × steps", MAX_AGENT_STEPS),
    ("sweep: agents per point", MAX_POPULATION),
    ("sweep: steps per agent", MAX_POPULATION_STEPS),
    ("sweep: points", MAX_SWEEP_POINTS),
    ("race: learners", MAX_LEARNERS),
    ("world: outcomes", MAX_OUTCOMES),
    ("session: steps", MAX_SESSION_STEPS),
    ("session: changes", MAX_SESSION_CHANGES),
    ("session: file size (bytes)", MAX_SESSION_BYTES),
    ("session: steps replayed as a check", MAX_REPLAY_STEPS),
    ("JSON files: nesting depth", MAX_JSON_DEPTH),
    ("history rows kept", HISTORY_ROWS),
)


def limits_text() -> str:
    """The limits as lines for ``--help`` (one per limit)."""
    return "\n".join(f"  {name:38s} {value:>13,}" for name, value in LIMITS)
