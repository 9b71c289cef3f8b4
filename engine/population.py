"""N independent agents learning at once, vectorised: the engine's stepper.

Each agent has its own column of outcomes from the world, its own belief parameters and, for
annealing, its own proposals.  A single agent is a population of one.  Three independent random
streams (outcomes, proposals, acceptance draws) come from the seed, so the outcome stream is the
same whatever the learner, and advancing 10 + 20 steps draws exactly the outcomes 30 steps
draw.  The beliefs then agree to 1e-12 in double precision (sums are rounded in another order)
and to 1e-6 where a population's gradient descent takes its exponentials in single precision
(a block boundary re-centres the logits); tests/test_truth.py states and tests both.
"""

from __future__ import annotations

import atexit
import functools
import itertools
import math
import mmap
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import mul, sub
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

from .beliefs import (
    MIN_LOGIT,
    BeliefFamily,
    FreeBelief,
    HunchBelief,
    make_belief,
    max_rows,
    sum_rows,
)
from .registry import FIXED_LEARNERS
from .settings import Settings

EXACT_ONE_BY_ONE = 16  # hunch annealing: up to this many exact tests in plain floats
ACCEPTANCE_WINDOW = 100  # the acceptance rate shown is over the last 100 proposals
VARIABLE_SETTINGS = ("temperature", "learning_rate", "cooling_rate")  # what a sweep varies
CHUNK_NUMBERS = 1 << 20  # random numbers drawn at once, at most
LOG_EVERY = 16  # population gd in single precision: one log of a product per 16 steps
EXP_EVERY = 8  # ... and exp(z) once per 8 steps, followed in between (see _gd_free_part)
PADE_MAX_LR = 0.125  # ... where the learning rate is at most this (else every step)
# Many agents are stepped on one thread per core, each thread a slice of the agents (NumPy
# releases the GIL in its loops), whatever other work the machine has: a thread that shares
# its core still gets that core's share of time (measured on a 2-core machine at a load
# average of 3 to 4.6 from other work: two threads as fast as one or up to 1.7 times faster).
# THREADS fixes the count (None: one per core this process may use; a sweep's worker
# processes, one per core already, set 1).  Fewer agents or steps than below stay on one
# thread.
THREADS: int | None = None
THREAD_MIN_AGENTS = 2_000
THREAD_MIN_AGENT_STEPS = 50_000
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _thread_count() -> int:
    if THREADS is not None:
        return max(1, THREADS)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def agent_slices(agents: int, steps: int) -> list[tuple[int, int]]:
    """How many agents' work is split between threads: (first, end) of each slice.

    Slice edges fall on multiples of 64 agents; one slice for few agents or a short block.
    """
    count = min(_thread_count(), agents // THREAD_MIN_AGENTS)
    if count <= 1 or agents * steps < THREAD_MIN_AGENT_STEPS:
        return [(0, agents)]
    edges = [0, *(round(agents * i / count / 64) * 64 for i in range(1, count)), agents]
    return list(itertools.pairwise(edges))


def _in_slices(work: Callable[[int, int], None], agents: int, steps: int) -> None:
    """``work(first, end)`` for every slice of the agents, the slices on threads at once."""
    slices = agent_slices(agents, steps)
    if len(slices) == 1:
        work(*slices[0])
        return
    global _pool
    with _pool_lock:
        if _pool is None or _pool._max_workers < len(slices):
            from concurrent.futures import ThreadPoolExecutor  # (not needed at start-up)

            _pool = ThreadPoolExecutor(len(slices), thread_name_prefix="agents")
        pool = _pool
    futures = [pool.submit(work, lo, hi) for lo, hi in slices[1:]]
    work(*slices[0])  # this thread takes the first slice
    for future in futures:
        future.result()


_local = threading.local()


def _stream_at(state: dict, skip: int) -> tuple[np.random.PCG64, Callable[..., np.ndarray]]:
    """A PCG64 in ``state`` jumped ``skip`` numbers ahead, and its ``random`` (one of each
    per thread, reused: making them costs more than the jumps)."""
    if getattr(_local, "bits", None) is None:
        _local.bits = np.random.PCG64(0)
        _local.random = np.random.Generator(_local.bits).random
    _local.bits.state = state
    _local.bits.advance(skip)
    return _local.bits, _local.random


def _scratch(name: str, shape: tuple[int, ...], dtype=float) -> np.ndarray:
    """An uninitialised array for this thread's work, its memory kept from block to block:
    a fresh array of a few MB a block cost a page fault every 4 kB (a sixth of the time).
    Each thread keeps as much as the largest slice it stepped needed (a block of random
    numbers is at most CHUNK_NUMBERS: a few MB, besides a copy of the slice's logits)."""
    dtype = np.dtype(dtype)
    size = math.prod(shape) * dtype.itemsize
    store = _local.__dict__.setdefault("scratch", {})
    memory = store.get(name)
    if memory is None or memory.size < size:
        memory = store[name] = np.empty(size, dtype=np.uint8)
    return memory[:size].view(dtype).reshape(shape)


def _gd_free_part(
    z, cells, lr, surprise_sum, spans, surprises, params_out, step, float32=True
) -> None:
    """:meth:`Population._gd_free_many`'s block for one slice's agents: z (K, M), the flat
    indices of their outcomes in it (n, M), and the rest theirs alone; ``step``: the
    population's step at the block's start."""
    k, agents = z.shape
    n = cells.shape[0]
    record = surprises is not None
    flat = z.reshape(-1)
    top = np.empty(agents)
    recentre: dict[int, list[tuple[int, int]]] = {}  # the steps that re-centre, and whom
    for lo, hi, period in spans:
        for t in [*range(period - 1 - step % period, n - 1, period), n - 1]:
            recentre.setdefault(t, []).append((lo, hi))
    if not float32:
        _gd_free_double(z, cells, lr, surprise_sum, recentre, surprises, params_out)
        return
    expz = _scratch("expz", (k, agents), np.float32)
    rate = np.empty(agents, dtype=np.float32)  # lr / Σ exp(z)
    lr_single = np.asarray(lr, dtype=np.float32)
    totals = _scratch("totals", (n, agents), np.float32)  # Σ exp(z) at each step
    picked = _scratch("picked", (n, agents))  # z_x at each step
    take = flat.take
    # Between two exact exponentials (every EXP_EVERY steps and after a re-centring),
    # w = exp(z) follows z's step in single precision: w - w·(1 - exp(-a)), a = lr·q,
    # exp(-a) by its (2,2) Padé approximant, so 1 - exp(-a) = a / (1 + a/2 + a²/12)
    # (relative error 1.4e-8 at a = 0.1, 4e-8 at 0.125), then the outcome's cell times
    # exp(lr): seven cheap passes instead of an exponential, a third of the time.  Only
    # for lr <= PADE_MAX_LR.  The same arithmetic on each agent however the agents are
    # sliced, so the slicing never changes a bit of the result (and a run's figures do
    # not depend on whether its calls went to threads or to worker processes); two
    # threads would be 10-17 % faster taking exp(z) every step (twice as many NumPy
    # calls a step cost more where two threads take turns with the GIL between calls),
    # but the slices go to worker processes, where they can (see WORKERS).
    every = EXP_EVERY if np.max(lr) <= PADE_MAX_LR else 1
    if every > 1:
        w = _scratch("w", (k, agents), np.float32)
        den = _scratch("den", (k, agents), np.float32)
        wflat = w.reshape(-1)
        boosts = _boosts(lr, every) if np.ndim(lr) else _boosts_of(float(lr), every)
        boosts = [np.asarray(b) for b in boosts]
    else:
        w = expz
    since = every  # steps since w was exp(z)
    # (NumPy's functions and constants bound once, the outputs passed by position and the
    # constants as arrays of no dimensions: some 30 calls a step, each a little cheaper)
    multiply, add, subtract, divide, exp = np.multiply, np.add, np.subtract, np.divide, np.exp
    row_sums, add_at, multiply_at = np.add.reduce, np.add.at, np.multiply.at
    twelfth, half, one = np.array(TWELFTH), np.array(HALF), np.array(ONE)
    lr_cell = np.asarray(lr, dtype=float)
    for t in range(n):
        index = cells[t]
        if since >= every:
            exp(z, out=w, dtype=np.float32, casting="same_kind")
            since = 0
        total = row_sums(w, 0, None, totals[t])  # row after row, as sum_rows
        take(index, None, picked[t], "wrap")  # (every index is in range)
        divide(lr_single, total, rate)
        multiply(w, rate, expz)  # lr·q, in single precision
        subtract(z, expz, z)  # (widened exactly to double)
        add_at(flat, index, lr_cell)  # (one cell per agent: flat[index] += lr)
        since += 1
        if t in recentre:
            _recentre(z, recentre[t], top)
            since = every
        if record:
            params_out[t] = z - max_rows(z)
        if since < every:  # w ← w·exp(-a)·exp(lr·[k = x]), a = lr·q (in expz)
            multiply(expz, twelfth, den)
            add(den, half, den)
            multiply(den, expz, den)
            add(den, one, den)  # 1 + a/2 + a²/12
            divide(expz, den, den)  # 1 - exp(-a), rounded relative to a
            multiply(den, w, den)
            subtract(w, den, w)
            multiply_at(wflat, index, boosts[since - 1])
    # The surprises, Σ log Σ exp(z) - z_x, once for the block: the logs of products of
    # LOG_EVERY totals (between two re-centrings the largest logit moves by at most 30,
    # so each total lies in [e^-30, K·e^30] and a product of 16 stays well inside double
    # range).  The same sum whether the history is kept or not, so a run's summary never
    # depends on it.
    for first in range(0, n, LOG_EVERY):
        product = np.multiply.reduce(totals[first : first + LOG_EVERY], axis=0, dtype=float)
        np.add(surprise_sum, np.log(product, out=product), out=surprise_sum)
    np.subtract(surprise_sum, np.add.reduce(picked, axis=0), out=surprise_sum)
    if record:  # each step's own surprise, for the history
        np.log(totals, out=surprises, dtype=float)
        np.subtract(surprises, picked, out=surprises)


def _gd_free_double(z, cells, lr, surprise_sum, recentre, surprises, params_out):
    """:meth:`_gd_free_part` in double precision throughout, step by step."""
    k, agents = z.shape
    record = surprises is not None
    flat = z.reshape(-1)
    expz = np.empty((k, agents))
    total = np.empty(agents)
    surprise = np.empty(agents)
    picked = np.empty(agents)
    top = np.empty(agents)
    for t in range(cells.shape[0]):
        index = cells[t]
        np.exp(z, out=expz)
        np.add.reduce(expz, axis=0, out=total)  # row after row, as sum_rows
        flat.take(index, out=picked, mode="wrap")  # (every index is in range)
        np.log(total, out=surprise)
        np.subtract(surprise, picked, out=surprise)
        np.add(surprise_sum, surprise, out=surprise_sum)
        np.divide(lr, total, out=total)
        np.multiply(expz, total, out=expz)  # lr·q
        np.subtract(z, expz, out=z)
        np.add.at(flat, index, lr)  # (one cell per agent: flat[index] += lr)
        _recentre(z, recentre.get(t, ()), top)
        if record:
            surprises[t] = surprise
            params_out[t] = z - max_rows(z)


def _gd_slice(
    z: np.ndarray,
    surprise_sum: np.ndarray,
    counts: np.ndarray,
    n: int,
    step: int,
    lr,
    spans,
    float32: bool,
    draws: tuple | None = None,
    drawn: np.ndarray | None = None,
    outcomes: np.ndarray | None = None,
    surprises: np.ndarray | None = None,
    params_out: np.ndarray | None = None,
) -> None:
    """One block of n steps of :meth:`Population._gd_free_many` for one slice of M agents:
    z (K, M) their logits (contiguous, stepped in place), ``surprise_sum`` (M,) and the
    outcome ``counts`` (K, M) added to.  The outcomes are ``drawn`` (n, M), or drawn here
    where ``draws`` is (the outcome stream's state at the block's start, the slice's first
    agent, all the agents, p's CDF edges); ``outcomes``, ``surprises`` and ``params_out``:
    the slice's columns of the history, where kept."""
    k, m = z.shape
    if draws is not None:
        state, lo, agents, edges = draws
        label = np.uint8 if k < 256 else np.intp
        u = _scratch("u", (n, m))
        jumped, draw = _stream_at(state, lo)
        if m == agents:
            draw(out=u)
        else:
            for t in range(n):  # this slice's numbers of each step, then the others'
                draw(out=u[t])
                jumped.advance(agents - m)
        x = _scratch("x", (n, m), label)
        x.fill(0)
        above = _scratch("above", (n, m), bool)
        # how many of the n numbers pass each edge: the counts, without a bincount
        tally = np.uint16 if n < 1 << 16 else np.intp
        passed = _scratch("passed", (k + 1, m), tally)
        passed[0], passed[k] = n, 0
        for j, edge in enumerate(edges, 1):  # x = how many edges u passes
            np.greater_equal(u, edge, out=above)  # (searchsorted, side right)
            np.add(x, above.view(label) if k < 256 else above, out=x, casting="unsafe")
            np.add.reduce(above.view(np.uint8), axis=0, dtype=tally, out=passed[j])
        tallies = np.subtract(passed[:-1], passed[1:], out=passed[:-1])
        if outcomes is not None:
            outcomes[:] = x
    else:
        x = drawn
    cells = _scratch("cells", (n, m), np.intp)  # flat index of (x, agent) in z
    np.multiply(x, m, out=cells, dtype=np.intp)
    np.add(cells, np.arange(m), out=cells)
    if draws is None:
        tallies = np.bincount(cells.reshape(-1), minlength=k * m).reshape(k, m)
    counts += tallies
    _gd_free_part(z, cells, lr, surprise_sum, spans, surprises, params_out, step, float32)


def _gd_chunks(z, surprise_sum, counts, sizes, step, lr, period, float32, state, lo, agents, edges):
    """Blocks of ``sizes`` steps in a row for one slice of the agents (:func:`_gd_slice`, the
    blocks as :meth:`Population.advance` cuts a call into them), its outcomes drawn from
    ``state``, the outcome stream's state at the first block's start: the same arithmetic on
    each agent as one slice of all of them does, so the same bits."""
    m = z.shape[1]
    done = 0
    for n in sizes:
        draws = (state, lo + done * agents, agents, edges)
        spans = [(0, m, period)]
        _gd_slice(z, surprise_sum, counts, n, step + done, lr, spans, float32, draws)
        done += n


# Worker processes for population gd.  Two threads gain little on it (about 1.25 times one
# on 2 cores): NumPy releases the GIL only inside its loops, and a step is some 30 calls on
# arrays of a few tens of kB, so the threads spend much of their time waiting for each other
# between calls.  A slice in a process of its own has no one to wait for.  The workers are
# started once (the first call large enough starts them, in the background: that call and
# the ones until they are ready stay on threads, with the same results;
# ``start_workers(wait=True)`` starts them and waits) and kept until the program ends; each
# steps one slice of a call's agents through all of the call's blocks, its logits, surprise
# sums and counts passed in memory shared with this process, while this process steps the
# first slice.  Only for calls of at least WORKER_MIN_AGENT_STEPS agent-steps that keep no
# history (the window's per-frame steps record theirs, and pay no IPC), on the free belief
# with outcomes from a fixed world; a sweep's processes (THREADS = 1: one slice) start
# none.  A worker is a fresh interpreter (never a fork: safe beside Qt's threads) that
# imports this module; where none can start (a frozen app, no pipes, no file descriptors
# to pass) or one fails, the slices go on threads, with the same results.
WORKERS = True  # False: never start worker processes
WORKER_MIN_AGENT_STEPS = 50_000  # a call's agents × steps, at least (as for threads; a call of
# 4,000 agents × 13 steps measured 2.4 ms in the workers, 2.8 ms on one thread, 3.3 ms on two)
WORKER_START_TIMEOUT = 60.0  # seconds start_workers(wait=True) waits at most
_WORKER_CODE = (
    "import sys; from engine.population import _worker_main; _worker_main(int(sys.argv[1]))"
)
_workers: list[_Worker] = []
_workers_lock = threading.Lock()  # held while the workers are started or stepping a call
_workers_failed = False  # a worker could not start or failed: threads from now on


class _Worker:
    """One worker process and the memory it shares with this one (a memfd, or an unlinked
    temporary file, grown as needed; its descriptor passed to the worker at start)."""

    def __init__(self):
        if hasattr(os, "memfd_create"):
            self.fd = os.memfd_create("cross-entropy-lab-agents")
            self._file = None
        else:  # pragma: no cover - not Linux
            self._file = tempfile.TemporaryFile()
            self.fd = self._file.fileno()
        self.size = 0
        self.memory: mmap.mmap | None = None
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE, str(self.fd)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            pass_fds=(self.fd,),
            env=env,
        )
        self.ready = threading.Event()
        self.failed = False
        threading.Thread(target=self._handshake, name="agents-worker-start", daemon=True).start()

    def _handshake(self) -> None:
        try:
            self.failed = self.receive() != "ready"
        except Exception:  # any failure to start: no worker
            self.failed = True
        self.ready.set()

    def views(self, k: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The shared logits (K, M), surprise sums (M,) and counts (K, M) of a slice."""
        size = (2 * k + 1) * m * 8
        if size > self.size:
            os.ftruncate(self.fd, size)
            self.memory, self.size = mmap.mmap(self.fd, size), size
        shared = np.frombuffer(self.memory, dtype=float, count=(2 * k + 1) * m)
        return (
            shared[: k * m].reshape(k, m),
            shared[k * m : k * m + m],
            shared[-k * m :].reshape(k, m),
        )

    def send(self, message) -> None:
        pickle.dump(message, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()

    def receive(self):
        return pickle.load(self.process.stdout)

    def stop(self) -> None:
        try:
            self.process.stdin.close()  # the worker ends at the end of its input
            self.process.wait(timeout=5)
        except Exception:  # it is going away whatever happens
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        if self._file is not None:  # pragma: no cover - not Linux
            self._file.close()
        else:
            os.close(self.fd)


def _worker_main(fd: int) -> None:
    """A worker process's loop: one job at a time from stdin, each answered on stdout."""
    import signal

    global THREADS
    THREADS = 1
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the program, which stops us
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers
    memory, size = None, 0

    def answer(message) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    answer("ready")
    while True:
        try:
            job = pickle.load(inp)
        except EOFError:
            return
        try:
            k, m, needed, chunk = job[0], job[1], job[2], job[3:]
            if needed != size:
                memory, size = mmap.mmap(fd, needed), needed
            shared = np.frombuffer(memory, dtype=float, count=(2 * k + 1) * m)
            z = shared[: k * m].reshape(k, m)
            _gd_chunks(z, shared[k * m : k * m + m], shared[-k * m :].reshape(k, m), *chunk)
            answer("done")
        except Exception as error:  # reported, and the slice done at home
            answer(f"{type(error).__name__}: {error}")


def start_workers(count: int | None = None, wait: bool = False) -> bool:
    """Start the worker processes population gd can use (one per core but this one, or
    ``count``), if not yet started; ``wait``: until they are ready.  Whether they are."""
    global _workers_failed
    if count is None:
        count = _thread_count() - 1
    if not WORKERS or _workers_failed or count < 1 or getattr(sys, "frozen", False):
        return False
    if len(_workers) < count:
        with _workers_lock:
            try:
                while len(_workers) < count:
                    _workers.append(_Worker())
            except Exception:  # no processes, pipes or descriptors to pass here
                _workers_failed = True
                return False
    workers = _workers[:count]
    if wait:
        for worker in workers:
            worker.ready.wait(WORKER_START_TIMEOUT)
    if any(w.failed for w in workers):
        _workers_failed = True
    return not _workers_failed and all(w.ready.is_set() for w in workers)


@atexit.register
def stop_workers() -> None:
    """Stop the worker processes (at exit; they are started again when next needed)."""
    with _workers_lock:
        while _workers:
            _workers.pop().stop()


@dataclass
class Trace:
    """What happened in one call to :meth:`Population.advance`, step by step (n steps)."""

    outcomes: np.ndarray  # (n, N) outcome indices
    surprises: np.ndarray  # (n, N) nats, -log q(x) of the belief held before seeing x
    params: np.ndarray  # (n, d, N) parameters after learning from x
    temperature: np.ndarray  # (n,) temperature at each step (annealing; 0 for gd)
    proposals: np.ndarray | None = None  # (n, d, N) annealing proposals
    accepted: np.ndarray | None = None  # (n, N) whether each proposal was accepted


def _join(traces: list[Trace | None]) -> Trace:
    if len(traces) == 1 and traces[0] is not None:
        return traces[0]

    def cat(name: str):
        parts = [getattr(t, name) for t in traces]
        return None if parts[0] is None else np.concatenate(parts)

    return Trace(
        cat("outcomes"),
        cat("surprises"),
        cat("params"),
        cat("temperature"),
        cat("proposals"),
        cat("accepted"),
    )


def _streams(seed: int) -> tuple[np.random.Generator, ...]:
    seq = np.random.SeedSequence(seed)
    return tuple(np.random.Generator(np.random.PCG64(s)) for s in seq.spawn(3))


try:  # np.clip's ufunc (max, then min) without its Python wrapper: one call, one pass
    from numpy._core.umath import clip as _clip
except ImportError:  # pragma: no cover - another NumPy
    _clip = np.clip

try:  # np.einsum without its Python wrapper (a few µs a call), where NumPy has it
    from numpy._core.multiarray import c_einsum as _einsum
except ImportError:  # pragma: no cover - another NumPy
    _einsum = np.einsum

PRODUCT_RENEW = 64  # hunch annealing: steps between fresh exponentials of the chain's ratio


class _HunchChain:
    """``HunchBelief.probs`` from each agent's ratio P = exp(-2c·μ), given, not taken.

    The bump's weights are exp(c·f²)·P^f (see ``HunchBelief.probs_chain_into``); the powers
    of P are built by doubling (P, P², then P³..P⁴ from P..P² times P², and so on), in a few
    calls for all the faces, and summed over the faces in one call (not a matrix product:
    BLAS would start threads of its own beside a sweep's worker processes).  Rounding
    differs from ``probs`` only in the last few bits.  Where P^K could overflow, face by
    face as ``probs_chain_into`` does.
    """

    def __init__(self, family: HunchBelief):
        c = -0.5 / family.width**2
        k = self.k = family.k
        self.two_c = -2.0 * c  # P = exp(two_c·μ)
        faces = np.arange(1, k + 1, dtype=float)
        self.table = np.exp(c * faces**2)[:, None]
        self.first = math.exp(c)
        self.steps = [math.exp(c * (2 * i + 1)) for i in range(1, k)]
        self.doubling = self.two_c * k * k < 600.0  # P^K within double range
        self.lowest, self.highest = math.exp(self.two_c), math.exp(self.two_c * k)

    def power(self, mu: np.ndarray, out: np.ndarray) -> np.ndarray:
        np.multiply(mu, self.two_c, out=out)
        return np.exp(out, out=out)

    def into(self, power, strength, out: np.ndarray, row: np.ndarray) -> np.ndarray:
        """q (K, N) for ratios ``power`` and strengths a."""
        if self.doubling:
            np.copyto(out[0], power)
            filled = 1
            while filled < self.k:
                m = min(filled, self.k - filled)
                np.multiply(out[:m], out[filled - 1], out=out[filled : filled + m])
                filled += m
            np.multiply(out, self.table, out=out)
        else:
            np.multiply(power, self.first, out=out[0])
            for i, factor in enumerate(self.steps, start=1):
                np.multiply(out[i - 1], factor, out=out[i])
                np.multiply(out[i], power, out=out[i])
        np.divide(strength, np.add.reduce(out, axis=0, out=row), out=row)
        np.multiply(out, row, out=out)
        np.subtract(1.0, strength, out=row)
        np.divide(row, self.k, out=row)
        return np.add(out, row, out=out)

    def plan(self, power, strength, out: np.ndarray, row: np.ndarray) -> Callable[[], None]:
        """``into(power, strength, out, row)`` as a call with no arguments, its views and
        constants made once: for the same arrays step after step (the same operations)."""
        if not self.doubling:
            return lambda: self.into(power, strength, out, row)
        doubling, filled = [], 1
        while filled < self.k:
            m = min(filled, self.k - filled)
            doubling.append((out[:m], out[filled - 1], out[filled : filled + m]))
            filled += m
        first, table, one, k = out[0], self.table, np.array(1.0), np.array(float(self.k))
        multiply, divide, add, subtract = np.multiply, np.divide, np.add, np.subtract
        copyto, total = np.copyto, np.add.reduce

        def run() -> None:
            copyto(first, power)
            for low, factor, high in doubling:
                multiply(low, factor, high)
            multiply(out, table, out)
            divide(strength, total(out, 0, None, row), row)
            multiply(out, row, out)
            subtract(one, strength, row)
            divide(row, k, row)
            add(out, row, out)

        return run


TWELFTH, HALF, ONE = np.float32(1 / 12), np.float32(0.5), np.float32(1.0)


def _boosts(lr, steps: int) -> list:
    """exp(lr) in single precision for each of ``steps`` steps in a row: rounded up or down,
    whichever keeps the running sum of the rounding errors nearest 0, so that the errors of
    the outcomes' factors in :meth:`Population._gd_free_part` cancel instead of building up
    (one rounding is up to 6e-8, all the same way; a bias of a few 1e-8 in every surprise)."""
    exact = np.exp(np.asarray(lr, dtype=float))
    near = exact.astype(np.float32)
    other = np.nextafter(near, np.where(near > exact, 0.0, np.inf).astype(np.float32))
    errors = [near / exact - 1.0, other / exact - 1.0]
    total = np.zeros_like(exact)
    boosts = []
    for _ in range(steps):
        use_near = np.abs(total + errors[0]) <= np.abs(total + errors[1])
        total += np.where(use_near, errors[0], errors[1])
        boosts.append(np.where(use_near, near, other)[()])
    return boosts


@functools.lru_cache(maxsize=64)
def _boosts_of(lr: float, steps: int) -> tuple:
    """:func:`_boosts` of one learning rate, kept."""
    return tuple(_boosts(lr, steps))


def _recentre(z: np.ndarray, groups, top: np.ndarray) -> None:
    """Shift each group's logits (columns lo:hi of z) so the largest is 0, floored at
    MIN_LOGIT: the softmax is unchanged and exp(z) cannot overflow."""
    for lo, hi in groups:
        zg = z[:, lo:hi]
        max_rows(zg, out=top[lo:hi])
        np.subtract(zg, top[lo:hi], out=zg)
        np.maximum(zg, MIN_LOGIT, out=zg)


def _keep_where(kept: np.ndarray, offered: np.ndarray, mask: np.ndarray, scratch: np.ndarray):
    """``kept`` takes ``offered`` where ``mask`` is all ones (the bits of an accepted
    proposal), in place and without a branch per agent: kept ^= (kept ^ offered) & mask."""
    np.bitwise_xor(kept, offered, out=scratch)
    np.bitwise_and(scratch, mask, out=scratch)
    np.bitwise_xor(kept, scratch, out=kept)


def _kept(store: dict, name: str, shape: tuple[int, ...], dtype=float) -> np.ndarray:
    """An uninitialised array kept in ``store`` from call to call (grown when too small):
    fresh arrays of a few hundred kB a call cost a page fault every 4 kB when first touched."""
    dtype = np.dtype(dtype)
    size = math.prod(shape) * dtype.itemsize
    memory = store.get(name)
    if memory is None or memory.size < size:
        memory = store[name] = np.empty(size, dtype=np.uint8)
    return memory[:size].view(dtype).reshape(shape)


class _Interval:
    """``_anneal_hunch``'s interval test, in single precision.

    With S = Σ c·z·(1 + z²/3) and R = Σ c·z⁴ (c the counts, z as in ``_anneal_hunch``), ρ lies
    within (2/5)·R·M/(1 - M²) of -2·S, and the proposal is accepted iff ρ < seen·T·(-log u).
    Times 3/2 that reads D = 3·S + (3/2)·seen·T·(-log u) > (3/2)·(ρ + 2·S), so the test is
    decided where |D| exceeds r = (3/5)·R·M/(1 - M²) + E·W·M + (3/2)·seen·m (W = Σ c, m the
    margin of the double-precision test), accepting where D > 0.

    Everything here is in single precision (u = 2^-24), from z rounded to it.  Each of the K
    terms c·z·(z² + 3) of 3·S is within about 5u of itself and summing them adds (K - 1)·u
    of their absolute sum, which is at most W·M·(M² + 3) <= 4·W·M; the threshold's rounding
    (3u of it, and |threshold| <= |D| + 4·W·M) and D's own (u) add some 17u·W·M and 5u·|D|.
    E = 5·(K + 8)·u bounds all that with a fifth to spare, which also covers rounding r by a
    few u.  R/(1 - M²) is rounded up by far more than its rounding: M² up by 1e-5, 1 - M²
    down by SPREAD = 1e-4 (|z| <= 0.992 because the strength is at most 0.95, so
    1 - M² >= 0.016 and 1 - M² in single precision is within 2u/0.016 of itself).
    """

    SPREAD = 1e-4

    def __init__(
        self, family: HunchBelief, temps: np.ndarray, seen, counted: np.ndarray, store: dict
    ):
        k = family.k
        self._store = store
        floor = (1.0 - family.max_strength) / k  # the least q
        assert ((1.0 - floor) / (1.0 + floor)) ** 2 < 1.0 - 100 * self.SPREAD  # 1 - M² > 0
        margins = 1e-9 * (1.0 + 40.0 * (temps.max(axis=1) if temps.ndim == 2 else temps))
        seen = np.asarray(seen, dtype=float)
        single = np.float32
        # per step, as arrays of one number (a NumPy scalar costs more per call)
        self.margin = (1.5 * seen * margins)[:, None].astype(single)
        self.spread = (5.0 * (k + 8) * 2.0**-24 * counted)[:, None].astype(single)  # E·W
        if temps.ndim == 2:  # (n, groups, 1): each group's temperature
            self.scaled_temps = (1.5 * seen[:, None] * temps)[:, :, None].astype(single)
        else:
            self.scaled_temps = (1.5 * seen * temps)[:, None].astype(single)
        # (3/5)·R/(1 - M²) as R / (((1 - SPREAD) - M²·(1 + 1e-5))·(5/3))
        self.up = np.array((1.0 + 1e-5) / 0.6, dtype=single)
        self.one = np.array((1.0 - self.SPREAD) / 0.6, dtype=single)
        self.three = np.array(3.0, dtype=single)
        self.zero = np.array(0.0, dtype=single)
        self._shape: tuple[int, ...] | None = None
        self.thresholds: np.ndarray | None = None

    def prepare(self, neg_log_u: np.ndarray, agents: int) -> None:
        """Every step's (3/2)·seen·T·(-log u) for every agent at once, in single precision
        (``neg_log_u``: (n, size), one group's, NaN for u = 0), as each step took it."""
        n, size = neg_log_u.shape
        shape = (n, agents // size, size)
        thresholds = _kept(self._store, "interval thresholds", shape, np.float32)
        np.multiply(self.scaled_temps.reshape(n, -1, 1), neg_log_u[:, None, :], out=thresholds)
        self.thresholds = thresholds.reshape(n, agents)

    def _scratch(self, k: int, agents: int) -> None:
        self._shape = (k, agents)
        store, single = self._store, np.float32
        self.z = _kept(store, "interval z", (k, agents), single)
        self.y = _kept(store, "interval y", (k, agents), single)
        vectors = _kept(store, "interval vectors", (7, agents), single)
        self.top, self.r4, self.s3, self.m, self.den, self.radius, self.d = vectors

    def decide(self, t, z, counts, accept, sure) -> None:
        """``sure`` where the interval decides step t's test, ``accept`` its decision there
        (after :meth:`prepare` for the block's draws)."""
        if self._shape != z.shape:
            self._scratch(*z.shape)
        z32, y, top, r4, s3 = self.z, self.y, self.top, self.r4, self.s3
        m, den, radius, d = self.m, self.den, self.radius, self.d
        multiply, add, greater = np.multiply, np.add, np.greater
        np.copyto(z32, z, casting="same_kind")
        multiply(z32, z32, y)
        np.maximum.reduce(y, 0, None, top)  # M²
        _einsum("kn,kn,kn->n", counts, y, y, out=r4)  # R
        add(y, self.three, y)
        _einsum("kn,kn,kn->n", counts, z32, y, out=s3)  # 3·S
        multiply(top, self.up, m)
        np.subtract(self.one, m, den)
        np.sqrt(top, m)  # M
        np.divide(r4, den, radius)
        add(radius, self.spread[t], radius)
        multiply(radius, m, radius)
        add(radius, self.margin[t], radius)
        add(self.thresholds[t], s3, d)  # D (NaN where u = 0: never sure)
        greater(d, self.zero, accept)
        np.absolute(d, d)
        greater(d, radius, sure)


class Population:
    """The mutable state of N agents sharing one set of settings."""

    _fixed_log_q: tuple | None = None  # (family, params' bytes, log q): see _fixed

    def _stream(self, index: int) -> np.random.Generator:
        if self._made_streams is None:
            self._made_streams = list(_streams(self._stream_seed))
        return self._made_streams[index]

    def _set_stream(self, index: int, stream) -> None:
        self._stream(index)
        self._made_streams[index] = stream

    # outcomes (never depending on the learner), proposals, and annealing's acceptance draws
    _outcome_rng = property(lambda self: self._stream(0), lambda self, v: self._set_stream(0, v))
    _proposal_rng = property(lambda self: self._stream(1), lambda self, v: self._set_stream(1, v))
    _accept_rng = property(lambda self: self._stream(2), lambda self, v: self._set_stream(2, v))

    def __init__(
        self,
        settings: Settings,
        n_agents: int = 1,
        *,
        scalar: bool = True,
        float32: bool = True,
        vary: tuple[str, Sequence[float]] | None = None,
    ):
        if not isinstance(n_agents, int) or isinstance(n_agents, bool) or n_agents < 1:
            raise ValueError(f"the number of agents must be a whole number >= 1, not {n_agents!r}")
        # A sweep: one group of n_agents per value of one setting, all in this population.
        # Every group sees the same random numbers (common random numbers), so group g's
        # agent j follows exactly the run agent j of a population of its own would.
        if vary is not None:
            name, values = vary[0], tuple(float(v) for v in vary[1])
            if name not in VARIABLE_SETTINGS or not values:
                raise ValueError(f"a population varies one of {VARIABLE_SETTINGS}, not {name!r}")
            self.vary: tuple[str, tuple[float, ...]] | None = (name, values)
        else:
            self.vary = None
        self.group_size = n_agents
        self.groups = 1 if self.vary is None else len(self.vary[1])
        self.n_agents = n_agents * self.groups
        self._settings = settings
        self.group_settings = self._split(settings)
        # One agent steps in plain floats (the same arithmetic; see beliefs.py).  ``False``
        # keeps the array code for it, which the tests compare against.
        self.scalar = scalar and self.n_agents == 1
        # Many agents, free belief, online gd: exponentials in single precision (see
        # _gd_free_many); ``False`` keeps double precision throughout.
        self.float32 = float32
        self.reset()

    def _split(self, settings: Settings) -> list[Settings]:
        if self.vary is None:
            return [settings]
        name, values = self.vary
        return [settings.replace(**{name: v}) for v in values]

    def _per_agent(self, name: str) -> float | np.ndarray:
        """A setting for every agent: a number, or (N,) values where the groups differ."""
        if self.vary is None or self.vary[0] != name:
            return getattr(self._settings, name)
        return np.repeat(np.array(self.vary[1]), self.group_size)

    def _draw(self, draw, shape: tuple[int, ...]) -> np.ndarray:
        """Random numbers with the agents last: drawn for one group, repeated for every group."""
        numbers = draw((*shape, self.group_size))
        if self.groups == 1:
            return numbers
        return np.tile(numbers, (1,) * len(shape) + (self.groups,))

    # --- state ------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def family(self) -> BeliefFamily:
        return self._family

    def reset(self) -> None:
        """Back to step 0: the starting belief and the beginning of every random stream."""
        s = self._settings
        self._family = make_belief(s.belief, s.world.size)
        start = self._family.start() if s.start is None else np.asarray(s.start, dtype=float)
        if start.shape != (self._family.n_params,):
            raise ValueError(
                f"start has {start.size} values; the {s.belief} belief has {self._family.n_params}"
            )
        self.params = self._family.project(np.repeat(start[:, None], self.n_agents, axis=1))
        # The three random streams, made from the seed when first drawn from (NumPy's random
        # module is not needed for a window that has not stepped yet: start-up).
        self._stream_seed, self._made_streams = s.seed, None
        self.step = 0
        self.surprise_sum = np.zeros(self.n_agents)
        # Outcome counts over what the learner remembers (all, or a sliding window).
        self._counts = np.zeros((self._family.k, self.n_agents))
        self._memory: np.ndarray | None = None  # ring of recent outcomes, (window, N)
        self._memory_len = 0
        self._cooling_start = 0
        self._accepted_ring = np.zeros((ACCEPTANCE_WINDOW, self.n_agents), dtype=bool)
        self.proposals_made = 0
        self.accepted_total = np.zeros(self.n_agents, dtype=np.int64)
        self._sync_memory()

    def configure(self, settings: Settings) -> None:
        """Take new settings without starting again (learning rate, temperature, cooling...).

        World, belief, learner, seed and start are fixed for a population's life; change them
        through :class:`~engine.simulation.Simulation`, which resets.
        """
        old = self._settings
        for name in ("world", "belief", "learner", "seed", "start"):
            if name == "world" and settings.world.fixed == old.world.fixed:
                continue  # p changes from now on: the outcomes to come follow it (Simulation)
            if getattr(old, name) != getattr(settings, name):
                raise ValueError(f"changing {name} needs a reset")
        temperature_changed = (
            settings.temperature != old.temperature
            or settings.cooling != old.cooling
            or settings.cooling_rate != old.cooling_rate
        )
        self._settings = settings
        self.group_settings = self._split(settings)
        if temperature_changed:
            self._cooling_start = self.step  # cool from the newly set temperature
        self._sync_memory()

    @property
    def window(self) -> int | None:
        s = self._settings
        if s.learner in FIXED_LEARNERS:
            return None
        return s.gd_window if s.learner == "gd" else s.anneal_window

    def _sync_memory(self) -> None:
        """Rebuild the outcome counts when the window changes (keeps what fits the new one)."""
        window = self.window
        if window is None or (window == 1 and self._settings.learner == "gd"):
            self._memory = None
            return
        if self._memory is not None and self._memory.shape[0] == window:
            return
        # Window changed: counts restart from the outcomes still remembered (if any).
        old = self._ordered_memory()
        self._memory = np.zeros((window, self.n_agents), dtype=np.intp)
        self._memory_len = 0
        self._counts[:] = 0
        self._memory_pos = 0
        if old is not None:
            for row in old[-window:]:
                self._remember(row)

    def _ordered_memory(self) -> np.ndarray | None:
        if self._memory is None or self._memory_len == 0:
            return None
        size = self._memory.shape[0]
        if self._memory_len < size:
            return self._memory[: self._memory_len].copy()
        return np.roll(self._memory, -self._memory_pos, axis=0)

    def _remember(self, x: np.ndarray) -> None:
        columns = np.arange(self.n_agents)
        if self._memory is None:
            self._counts[x, columns] += 1.0
            return
        size = self._memory.shape[0]
        if self._memory_len == size:
            self._counts[self._memory[self._memory_pos], columns] -= 1.0
        else:
            self._memory_len += 1
        self._memory[self._memory_pos] = x
        self._counts[x, columns] += 1.0
        self._memory_pos = (self._memory_pos + 1) % size

    # --- derived ----------------------------------------------------------------------
    def probs(self) -> np.ndarray:
        """Each agent's belief q, shape (K, N)."""
        return self._family.probs(self.params)

    def temperature(self) -> float:
        if self._settings.learner != "anneal":
            return 0.0
        return float(self._settings.temperature_at(self.step - self._cooling_start))

    def acceptance_rate(self) -> np.ndarray:
        """Each agent's share of accepted proposals among the last 100 (NaN before any)."""
        made = min(self.proposals_made, ACCEPTANCE_WINDOW)
        if made == 0:
            return np.full(self.n_agents, np.nan)
        return self._accepted_ring.sum(axis=0) / made

    # --- stepping ---------------------------------------------------------------------
    def advance(self, n: int, record: bool = True) -> Trace | None:
        """Draw ``n`` outcomes for every agent and learn from each in turn.

        Work is done in chunks of about a million numbers, so a long run of many agents
        never holds its whole random stream in memory; the result does not depend on the
        chunking.
        """
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
            raise ValueError(f"the number of steps must be a whole number >= 0, not {n!r}")
        chunk = max(1, CHUNK_NUMBERS // (self.n_agents * (self._family.n_params + 2)))
        sizes = [chunk] * (n // chunk) + ([n % chunk] if n % chunk or n == 0 else [])
        if not record and n and self._gd_free_in_workers(sizes):
            return None
        traces = [self._advance_chunk(size, record) for size in sizes]
        if not record:
            return None
        return _join(traces)

    def _advance_chunk(self, n: int, record: bool) -> Trace | None:
        s = self._settings
        if self._gd_free_fast():  # (its slices draw the outcomes, on the threads)
            trace = self._gd_free_many(n, record)
            self.step += n
            return trace
        outcomes = self._draw(
            lambda shape: s.world.sample(self._outcome_rng, shape, start=self.step), (n,)
        )
        if s.learner == "anneal":
            if self.scalar:
                trace = self._anneal_single(outcomes)
            elif isinstance(self._family, HunchBelief) and self._family.chain_fits():
                trace = self._anneal_hunch(outcomes, record)
            else:
                trace = self._anneal(outcomes, record)
        elif s.learner in FIXED_LEARNERS:
            trace = self._fixed(outcomes, record)
        elif s.gd_window == 1 and isinstance(self._family, FreeBelief):
            trace = self._gd_free_single(outcomes)
        elif self.scalar:
            trace = self._gd_single(outcomes)
        else:
            trace = self._gd(outcomes, record)
        self.step += n
        return trace if record else None

    def _fixed(self, outcomes: np.ndarray, record: bool) -> Trace | None:
        """No learning: the belief stays where it started; only the surprises are counted."""
        n, agents = outcomes.shape
        family, values = self._family, self.params.tobytes()
        kept = self._fixed_log_q
        if kept is not None and kept[0] is family and kept[1] == values:
            log_q = kept[2]  # (the belief stays: so do its logs)
        else:
            log_q = family.log_probs(self.params)  # (K, N)
            self._fixed_log_q = (family, values, log_q)
        surprises = -log_q[outcomes, np.arange(agents)]  # (n, N)
        self.surprise_sum += surprises.sum(axis=0)
        cells = (outcomes * agents + np.arange(agents)).ravel()
        self._counts += np.bincount(cells, minlength=self._counts.size).reshape(self._counts.shape)
        if not record:
            return None
        params = np.broadcast_to(self.params, (n, *self.params.shape)).copy()
        return Trace(outcomes, surprises, params, np.zeros(n))

    def _gd_free_single(self, outcomes: np.ndarray) -> Trace:
        """Fast path: one agent, online GD, free belief (plain-float loop, same update)."""
        family: FreeBelief = self._family  # type: ignore[assignment]
        x = outcomes[:, 0]
        trail = family.online_gd_scalar(self.params[:, 0], x, self._settings.learning_rate)
        # The belief held when each outcome arrived: the start, then each step's result.
        held = np.vstack([self.params[:, 0], trail[:-1]])[: len(x)]
        log_q = held - np.log(np.exp(held).sum(axis=1, keepdims=True))  # max logit is 0
        surprises = -log_q[np.arange(len(x)), x]
        if len(x):
            self.params[:, 0] = trail[-1]
        self.surprise_sum += surprises.sum()
        self._counts[:, 0] += np.bincount(x, minlength=family.k)
        return Trace(
            outcomes=outcomes,
            surprises=surprises[:, None],
            params=trail[:, :, None],
            temperature=np.zeros(len(x)),
        )

    def _gd_free_fast(self) -> bool:
        """Many agents, online gd on the free belief (window 1): :meth:`_gd_free_many`."""
        s = self._settings
        return (
            self.n_agents > 1
            and s.learner != "anneal"
            and s.learner not in FIXED_LEARNERS
            and s.gd_window == 1
            and isinstance(self._family, FreeBelief)
        )

    def _gd_free_in_workers(self, sizes: list[int]) -> bool:
        """A whole call's blocks (``sizes`` steps, no history) of :meth:`_gd_free_many`,
        the first slice of the agents here and the others in the worker processes, where
        that applies (see WORKERS); False where it does not, with nothing done."""
        n, agents = sum(sizes), self.n_agents
        if not WORKERS or _workers_failed or agents * n < WORKER_MIN_AGENT_STEPS:
            return False
        s = self._settings
        state = self._outcome_rng.bit_generator.state
        if (
            not self._gd_free_fast()
            or s.world.changes
            or self.groups != 1
            or state["bit_generator"] != "PCG64"
            or state["has_uint32"]
        ):
            return False
        slices = agent_slices(agents, n)
        if len(slices) < 2 or not start_workers(len(slices) - 1):
            return False
        if not _workers_lock.acquire(blocking=False):
            return False  # another thread's call has them: threads for this one
        try:
            self._gd_free_shared(sizes, slices, state)
        finally:
            _workers_lock.release()
        self._outcome_rng.bit_generator.advance(n * agents)  # past every number drawn
        self.step += n
        return True

    def _gd_free_shared(self, sizes: list[int], slices, state: dict) -> None:
        global _workers_failed
        s = self._settings
        z = np.ascontiguousarray(self.params)
        k, agents = z.shape
        lr = float(s.learning_rate)
        period = max(1, int(30.0 / lr))  # (as in _gd_free_many)
        edges = np.cumsum(s.world.probabilities)[:-1]
        job = (sizes, self.step, lr, period, self.float32, state)
        sent, here = [], [slices[0]]
        for worker, (lo, hi) in zip(_workers, slices[1:], strict=False):
            shared_z, shared_sum, shared_counts = worker.views(k, hi - lo)
            np.copyto(shared_z, z[:, lo:hi])
            np.copyto(shared_sum, self.surprise_sum[lo:hi])
            shared_counts.fill(0.0)
            try:
                worker.send((k, hi - lo, worker.size, *job, lo, agents, edges))
                sent.append((worker, lo, hi))
            except Exception:  # a worker gone: its slice is done here
                _workers_failed = True
                here.append((lo, hi))

        def at_home(lo: int, hi: int) -> None:
            mine = _scratch("z", (k, hi - lo))
            np.copyto(mine, z[:, lo:hi])
            counts = self._counts[:, lo:hi]
            _gd_chunks(mine, self.surprise_sum[lo:hi], counts, *job, lo, agents, edges)
            z[:, lo:hi] = mine

        for lo, hi in here:
            at_home(lo, hi)
        for worker, lo, hi in sent:
            try:
                answer = worker.receive()
            except Exception:  # the worker died
                answer = None
            if answer == "done":
                shared_z, shared_sum, shared_counts = worker.views(k, hi - lo)
                z[:, lo:hi] = shared_z
                self.surprise_sum[lo:hi] = shared_sum
                self._counts[:, lo:hi] += shared_counts
            else:  # its slice done here instead, from the same start
                _workers_failed = True
                at_home(lo, hi)
        self.params = z

    def _gd_free_many(self, n: int, record: bool) -> Trace | None:
        """Fast path: many agents, online GD, free belief; the same update done in place.

        The logits are kept with their largest at 0 (``project``), so exp(z) never overflows
        and log q(x) = z_x - log Σ exp(z) is the log-sum-exp form.  With ``float32`` the
        exponentials, their sums and lr·q are taken in single precision while z and the
        surprises' sums stay double: the reported figures move by less than 1e-6 (tested;
        by at most about 3e-8 in the tested worlds, with no bias in the mean surprise beyond
        1e-8), the surprises are summed once per block (their logs once per LOG_EVERY
        steps, of the product of the sums).  Where lr <= PADE_MAX_LR, exp(z) itself is taken
        only once per EXP_EVERY steps (and after each
        re-centring), and followed in between by cheap multiplications (see
        :meth:`_gd_free_part`): a quarter faster again on one thread.

        The agents are independent, so they are stepped in slices (see :func:`agent_slices`),
        each through the whole block on arrays of its own, one slice per core at once (NumPy
        releases the GIL in its loops).  Each slice also draws its agents' outcomes: from a
        copy of the outcome stream jumped ahead to their numbers (PCG64 can jump), exactly
        the numbers one draw for all would give them, inverted through p's CDF as
        ``World.sample`` does (tested); a changing world, or a sweep's groups (which share
        their numbers), draw here instead.  The same arithmetic on every agent whatever the
        slicing, in single precision as in double, so the results do not depend on it, nor
        on whether the slices went to threads or to worker processes (tested).
        """
        s = self._settings
        z = np.ascontiguousarray(self.params)
        k, agents = z.shape
        lr = self._per_agent("learning_rate")
        outcomes = np.empty((n, agents), dtype=np.intp) if record else None
        surprises = np.empty((n, agents)) if record else None
        params_out = np.empty((n, k, agents)) if record else None
        # Re-centre the logits only as often as needed: between two re-centrings the largest
        # can rise by at most lr per step, so it stays below 30 and exp(z) cannot overflow.
        # (Each group of a sweep keeps the period it would have on its own.)
        size = self.group_size
        periods = [
            (g * size, (g + 1) * size, max(1, int(30.0 / s.learning_rate)))
            for g, s in enumerate(self.group_settings)
        ]
        bits = self._outcome_rng.bit_generator
        state = bits.state
        own_draws = (
            not s.world.changes
            and self.groups == 1
            and state["bit_generator"] == "PCG64"
            and not state["has_uint32"]
        )
        if own_draws:
            edges = np.cumsum(s.world.probabilities)[:-1]  # u >= edge: past that outcome
        else:
            drawn = self._draw(
                lambda shape: s.world.sample(self._outcome_rng, shape, start=self.step), (n,)
            )
            if record:
                outcomes = drawn

        def part(lo: int, hi: int) -> None:
            m = hi - lo
            spans = [
                (max(a, lo) - lo, min(b, hi) - lo, p) for a, b, p in periods if a < hi and b > lo
            ]
            zp = z
            if m != agents:
                zp = _scratch("z", (k, m))
                np.copyto(zp, z[:, lo:hi])
            _gd_slice(
                zp,
                self.surprise_sum[lo:hi],
                self._counts[:, lo:hi],
                n,
                self.step,
                lr if np.ndim(lr) == 0 else lr[lo:hi],
                spans,
                self.float32,
                draws=(state, lo, agents, edges) if own_draws else None,
                drawn=None if own_draws else drawn[:, lo:hi],
                outcomes=None if outcomes is None or not own_draws else outcomes[:, lo:hi],
                surprises=None if surprises is None else surprises[:, lo:hi],
                params_out=None if params_out is None else params_out[:, :, lo:hi],
            )
            if zp is not z:
                z[:, lo:hi] = zp

        if n:
            _in_slices(part, agents, n)
            if own_draws:
                bits.advance(n * agents)  # past every number the slices drew
        self.params = z
        if not record:
            return None
        return Trace(outcomes, surprises, params_out, np.zeros(n))

    # --- one agent in plain floats ------------------------------------------------------
    def _memory_lists(self) -> tuple[list[float], list[int] | None, int, int]:
        counts = self._counts[:, 0].tolist()
        if self._memory is None:
            return counts, None, 0, 0
        return counts, self._memory[:, 0].tolist(), self._memory_len, self._memory_pos

    def _store_memory_lists(
        self, counts: list[float], ring: list[int] | None, length: int, pos: int
    ):
        self._counts[:, 0] = counts
        if ring is not None:
            self._memory[:, 0] = ring
            self._memory_len = length
            self._memory_pos = pos

    def _gd_single(self, outcomes: np.ndarray) -> Trace:
        """One agent, gradient descent (any belief, any window): :meth:`_gd` in plain floats."""
        family = self._family
        lr = self._settings.learning_rate
        xs = outcomes[:, 0].tolist()
        counts, ring, length, pos = self._memory_lists()
        size = len(ring) if ring is not None else 0
        theta = self.params[:, 0].tolist()
        total = float(self.surprise_sum[0])
        surprises = []
        trail = []
        kernels = family.scalar_kernels()
        log_probs, project, gd_step, grad_weights = kernels[:4]
        fused = ring is None and kernels.gd_block is not None
        if fused:  # the whole block in one unrolled loop (the same step)
            theta, total, surprises, trail = kernels.gd_block(theta, xs, lr, total)
            added = np.bincount(outcomes[:, 0], minlength=family.k).tolist()
            counts = [c + m for c, m in zip(counts, added, strict=True)]
        else:
            for x in xs:
                if ring is None:
                    surprise, theta = gd_step(theta, x, lr)
                    total += surprise
                    counts[x] += 1.0
                else:
                    surprise = -log_probs(theta)[x]
                    total += surprise
                    if length == size:
                        counts[ring[pos]] -= 1.0
                    else:
                        length += 1
                    ring[pos] = x
                    counts[x] += 1.0
                    pos = (pos + 1) % size
                    grad = grad_weights(theta, [c / length for c in counts])
                    theta = project([t - lr * g for t, g in zip(theta, grad, strict=True)])
                surprises.append(surprise)
                trail.append(theta)
        self._store_memory_lists(counts, ring, length, pos)
        self.surprise_sum[0] = total
        n = len(xs)
        params = np.array(trail, dtype=float).reshape(n, family.n_params)
        if n:
            self.params[:, 0] = params[-1]
        return Trace(outcomes, np.array(surprises).reshape(n, 1), params[:, :, None], np.zeros(n))

    def _anneal_single(self, outcomes: np.ndarray) -> Trace:
        """One agent, simulated annealing: :meth:`_anneal` in plain floats, same streams."""
        s = self._settings
        family = self._family
        n = outcomes.shape[0]
        d = family.n_params
        scale = (family.proposal_scale() * s.step_size)[:, None]
        noise = self._proposal_rng.standard_normal((n, d, 1))
        draws = self._accept_rng.random((n, 1))[:, 0].tolist()
        temps = s.temperature_at(np.arange(self.step, self.step + n) - self._cooling_start)
        moves = scale * noise[:, :, 0].T  # (d, n)
        xs = outcomes[:, 0].tolist()
        counts, ring, length, pos = self._memory_lists()
        size = len(ring) if ring is not None else 0
        theta = self.params[:, 0].tolist()
        total = float(self.surprise_sum[0])
        kernels = family.scalar_kernels()
        propose = kernels.propose
        log_q = kernels.log_probs(theta)
        exp = math.exp
        surprises, trail, proposals, accepted = [], [], [], []
        step = self.step
        fused = kernels.anneal_block is not None
        if fused:  # the whole block in one unrolled loop (the same step)
            memory = None if ring is None else (ring, length, pos)
            theta, log_q, total, memory, surprises, trail, proposals, accepted = (
                kernels.anneal_block(
                    theta,
                    log_q,
                    xs,
                    *moves.tolist(),
                    draws,
                    temps.tolist(),
                    counts,
                    memory,
                    step,
                    total,
                )
            )
            if memory is not None:
                ring, length, pos = memory
        else:
            for t, (x, move, u, temperature) in enumerate(
                zip(xs, moves.T.tolist(), draws, temps.tolist(), strict=True)
            ):
                surprise = -log_q[x]
                total += surprise
                if ring is None:
                    counts[x] += 1.0
                    seen = step + t + 1
                else:
                    if length == size:
                        counts[ring[pos]] -= 1.0
                    else:
                        length += 1
                    ring[pos] = x
                    counts[x] += 1.0
                    pos = (pos + 1) % size
                    seen = length
                proposal, log_q_proposal = propose(theta, move)
                rise = sum(map(mul, counts, map(sub, log_q, log_q_proposal))) / seen
                # (T = 0: only ever downhill; a fall needs no draw, so exp never overflows)
                accept = rise <= 0 or (temperature > 0 and u < exp(-rise / temperature))
                if accept:
                    theta, log_q = proposal, log_q_proposal
                surprises.append(surprise)
                trail.append(theta)
                proposals.append(proposal)
                accepted.append(accept)
        self._store_memory_lists(counts, ring, length, pos)
        self.surprise_sum[0] = total
        params = np.array(trail, dtype=float).reshape(n, d)
        if n:
            self.params[:, 0] = params[-1]
        flags = np.array(accepted, dtype=bool).reshape(n, 1)
        slots = (self.proposals_made + np.arange(n)) % ACCEPTANCE_WINDOW
        self._accepted_ring[slots[-ACCEPTANCE_WINDOW:]] = flags[-ACCEPTANCE_WINDOW:]
        self.proposals_made += n
        self.accepted_total += flags.sum(axis=0)
        return Trace(
            outcomes,
            np.array(surprises).reshape(n, 1),
            params[:, :, None],
            temps,
            np.array(proposals, dtype=float).reshape(n, d)[:, :, None],
            flags,
        )

    def _gd(self, outcomes: np.ndarray, record: bool) -> Trace | None:
        family = self._family
        n, agents = outcomes.shape
        columns = np.arange(agents)
        lr = self._per_agent("learning_rate")
        surprises = np.empty((n, agents)) if record else None
        params_out = np.empty((n, family.n_params, agents)) if record else None
        windowed = self._memory is not None
        for t in range(n):
            x = outcomes[t]
            log_q = family.log_probs(self.params)
            step_surprise = -log_q[x, columns]
            self.surprise_sum += step_surprise
            self._remember(x)
            if windowed:
                grad = family.grad_cross_entropy(self.params, self._counts / self._memory_len)
            else:
                grad = family.grad_surprise(self.params, x)
            self.params -= lr * grad
            family.project(self.params)
            if record:
                surprises[t] = step_surprise
                params_out[t] = self.params
        if not record:
            return None
        return Trace(outcomes, surprises, params_out, np.zeros(n))

    def _temperatures(self, n: int) -> np.ndarray:
        """The temperature at each of the next n steps: (n,), or (n, groups) for a sweep."""
        t = np.arange(self.step, self.step + n) - self._cooling_start
        if self.vary is None or self.vary[0] == "learning_rate":
            return self._settings.temperature_at(t)
        return np.stack([g.temperature_at(t) for g in self.group_settings], axis=1)

    def _anneal(self, outcomes: np.ndarray, record: bool) -> Trace | None:
        """Metropolis on the average surprise over the remembered outcomes, for N agents.

        Every array is allocated once per block and updated in place; an accepted proposal
        is copied over by selecting bits (exact, and without a branch per agent).
        """
        s = self._settings
        family = self._family
        n, agents = outcomes.shape
        d, k = family.n_params, family.k
        groups, size = self.groups, self.group_size
        columns = np.arange(agents)
        scale = (family.proposal_scale() * s.step_size)[:, None]
        noise = self._draw(self._proposal_rng.standard_normal, (n, d))
        draws = self._draw(self._accept_rng.random, (n,))
        temps = self._temperatures(n)
        surprises = np.empty((n, agents)) if record else None
        params_out = np.empty((n, d, agents)) if record else None
        proposals_out = np.empty((n, d, agents)) if record else None
        accepted_out = np.empty((n, agents), dtype=bool) if record else None
        work = np.empty((k, agents))
        log_q = family.log_probs_into(self.params, np.empty((k, agents)), work)
        log_q_proposal = np.empty((k, agents))
        proposal = np.empty((d, agents))
        params = np.ascontiguousarray(self.params)
        cells = outcomes * agents + columns  # flat index of (x, agent) in a (K, N) array
        flat_log_q = log_q.reshape(-1)
        flat_counts = self._counts.reshape(-1)
        windowed = self._memory is not None
        surprise = np.empty(agents)
        rise = np.empty(agents)
        chance = np.empty(agents)
        accept = np.empty(agents, dtype=bool)
        mask = np.empty(agents, dtype=np.int64)
        # bit-level select: y ^= (y ^ new) & mask takes new where mask is all ones
        flip_params = np.empty((d, agents), dtype=np.int64)
        flip_log_q = np.empty((k, agents), dtype=np.int64)
        params_bits, proposal_bits = params.view(np.int64), proposal.view(np.int64)
        log_q_bits, log_q_proposal_bits = log_q.view(np.int64), log_q_proposal.view(np.int64)
        by_group = temps.ndim == 2
        for t in range(n):
            np.take(flat_log_q, cells[t], out=surprise)
            np.subtract(self.surprise_sum, surprise, out=self.surprise_sum)
            if windowed:
                self._remember(outcomes[t])
                seen = self._memory_len
            else:
                flat_counts[cells[t]] += 1.0
                seen = self.step + t + 1
            np.multiply(scale, noise[t], out=proposal)
            np.add(params, proposal, out=proposal)
            family.project(proposal)
            family.log_probs_into(proposal, log_q_proposal, work)
            # Energy = average surprise over the outcomes remembered; only its rise matters.
            np.subtract(log_q, log_q_proposal, out=work)
            np.multiply(self._counts, work, out=work)
            np.divide(sum_rows(work, out=rise), seen, out=rise)
            # Accept a fall always, a rise with chance exp(-rise/T).  At T = 0 the chance is
            # exp(-inf) = 0 (or NaN for no rise, which is accepted anyway): only downhill.
            np.negative(rise, out=chance)
            with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
                if by_group:
                    by_agent = chance.reshape(groups, size)
                    np.divide(by_agent, temps[t][:, None], out=by_agent)
                else:
                    np.divide(chance, temps[t], out=chance)
                np.exp(chance, out=chance)
            np.less(draws[t], chance, out=accept)
            np.logical_or(accept, rise <= 0, out=accept)
            np.copyto(mask, accept)
            np.negative(mask, out=mask)
            _keep_where(params_bits, proposal_bits, mask, flip_params)
            _keep_where(log_q_bits, log_q_proposal_bits, mask, flip_log_q)
            self._accepted_ring[self.proposals_made % ACCEPTANCE_WINDOW] = accept
            self.proposals_made += 1
            self.accepted_total += accept
            if record:
                np.negative(surprise, out=surprises[t])
                params_out[t] = params
                proposals_out[t] = proposal
                accepted_out[t] = accept
        self.params = params
        if not record:
            return None
        return Trace(outcomes, surprises, params_out, temps, proposals_out, accepted_out)

    def _anneal_hunch(self, outcomes: np.ndarray, record: bool) -> Trace | None:
        """:meth:`_anneal` for the hunch belief, with most of its logarithms and exponentials
        left out: the same decisions, the same parameters.

        The agents keep their belief q, not log q.  A proposal's rise in energy, times the
        outcomes seen, is ρ = Σ c_k·log(q_k/q'_k), and with z_k = (q'_k - q_k)/(q'_k + q_k),
        log(q_k/q'_k) = -2·atanh(z_k) = -2·(z_k + z_k³/3) - R_k, |R_k| <= (2/5)·|z_k|⁵/(1 - z_k²).
        So ρ lies within B = (2/5)·Σ c_k·z_k⁴·M/(1 - M²) (M the largest |z_k|) of
        -2·Σ c_k·(z_k + z_k³/3), and the Metropolis test (accept if ρ <= 0 or u <
        exp(-ρ/(seen·T)), i.e. ρ/seen < T·(-log u)) is decided by that interval for all but
        a few agents in 10,000; those whose interval (widened by a margin far above
        rounding) straddles the threshold take the logarithms and the test exactly as
        :meth:`_anneal` does (:meth:`_exact_test`).  The acceptance draws' logarithms are
        taken once for every group (common random numbers), the belief with no exponential
        per agent and step (``_HunchChain``: the chain's ratio is carried from move to move),
        and the surprises' logarithms once per LOG_EVERY steps (of a product, as in
        ``_gd_free_many``).  The parameters, and so H(p,q) and D(p‖q), come out as
        :meth:`_anneal`'s; the surprises to about 1e-14 (tests/test_speed_hunch_population.py).

        The sums over the faces are taken in single precision (z from q and q' in double,
        then rounded), which halves their memory traffic; the interval is widened by a
        bound on that rounding (see ``_Interval``), so it still never decides wrongly.
        """
        s = self._settings
        family: HunchBelief = self._family  # type: ignore[assignment]
        n, agents = outcomes.shape
        k = family.k
        groups, size = self.groups, self.group_size
        scale = (family.proposal_scale() * s.step_size)[:, None]
        # One group's moves, as _draw draws them, shared by every group without copying
        steps = self._proposal_rng.standard_normal((n, 2, size))
        np.multiply(scale, steps, out=steps)
        steps = steps[:, :, None, :]
        draws = self._accept_rng.random((n, size))  # one group's; every group shares them
        with np.errstate(divide="ignore"):
            neg_log_u = -np.log(draws)
        neg_log_u[np.isinf(neg_log_u)] = np.nan  # u = 0: never sure, always the exact test
        temps = self._temperatures(n)
        by_group = temps.ndim == 2
        windowed = self._memory is not None
        # The outcomes seen (Σ of an agent's counts: the same for every agent) after each
        # step's outcome is counted, and the "seen" the energy is divided by.
        if windowed:
            seen_at = np.minimum(self._memory_len + 1 + np.arange(n), self._memory.shape[0])
            counted = seen_at.astype(float)
        else:
            seen_at = self.step + 1 + np.arange(n)
            counted = float(self._counts[:, 0].sum()) + 1 + np.arange(n)
        store = self.__dict__.setdefault("_hunch_arrays", {})  # (see _kept)
        interval = _Interval(family, temps, seen_at, counted, store)
        interval.prepare(neg_log_u.astype(np.float32), agents)
        # Every group sees the same outcomes (_draw repeats one group's): the flat index of
        # (x, agent) in a (K, N) array is one group's x·N + j plus each group's first column.
        first = outcomes[:, :size] * agents + np.arange(size)
        offsets = np.arange(0, agents, size)[:, None]
        cells = _kept(store, "cells", (n, groups, size), np.intp)  # every step's, at once
        np.add(first[:, None, :], offsets, out=cells)
        cells = cells.reshape(n, agents)
        surprises = np.empty((n, agents)) if record else None
        params_out = np.empty((n, 2, agents)) if record else None
        proposals_out = np.empty((n, 2, agents)) if record else None
        accepted = (  # this block's decisions
            np.empty((n, agents), dtype=bool)
            if record
            else _kept(store, "accepted", (n, agents), bool)
        )
        # Each agent's belief q, then (μ, a, P) with P = exp(-2c·μ), the chain's ratio
        # (_HunchChain), in one array, and its proposal's likewise, so that an accepted
        # proposal is kept in one go.  A proposal's P is the held one times exp(-2c·δ) for
        # its move δ in μ, those factors taken once per block for one group (every group
        # makes the same moves), and clipped as μ is (P rises with μ).  P is taken afresh
        # every PRODUCT_RENEW steps, so its rounding never builds up beyond a few parts in
        # 1e15.
        chain = _HunchChain(family)
        held = _kept(store, "held", (k + 3, agents))
        q, params = held[:k], held[k : k + 2]
        params[:] = self.params
        chain.power(params[0], out=held[k + 2])
        held_power = held[k + 2].reshape(groups, size)
        move_factor = np.multiply(steps[:, 0, 0], chain.two_c, out=_kept(store, "move", (n, size)))
        np.exp(move_factor, out=move_factor)
        lows = np.array([[1.0], [family.min_strength], [chain.lowest]])
        highs = np.array([[float(k)], [family.max_strength], [chain.highest]])
        row = _kept(store, "row", (agents,))
        chain.into(held[k + 2], held[k + 1], q, row)
        proposal = _kept(store, "proposal", (k + 3, agents))
        q_new, moved, moves = proposal[:k], proposal[k : k + 2], proposal[k:]
        proposal_grid = moved.reshape(2, groups, size)
        params_grid = params.reshape(2, groups, size)
        proposal_power = proposal[k + 2].reshape(groups, size)
        work = _kept(store, "work", (k + 3, agents))  # scratch, then the bits that differ
        z = _kept(store, "z", (k, agents))
        z2 = work[:k]
        # The counts in single precision (whole numbers below 2^24: exact) for the sums;
        # without a window they are counted here, a step's outcomes added as 0/1 rows (one
        # group's, for every group), and written back at the end.
        single = self.step + n < 1 << 24
        counts = self._counts.astype(np.float32) if single else self._counts
        counts_grid = counts.reshape(k, groups, size)
        seen_now = None
        if not windowed:
            seen_now = outcomes[:, None, :size] == np.arange(k)[:, None]
            seen_now = seen_now.astype(counts.dtype)[:, :, None, :]  # (n, K, 1, size)
        flat_q = q.reshape(-1)
        # each step's q(x), for the surprises: Σ -log q(x) as -log Π q(x), one log per
        # LOG_EVERY steps (q >= 0.05/K, so a product of 16 stays far inside double range),
        # the product taken row after row as a running product would.  The same sum whether
        # the history is kept or not, so a run's figures never depend on it.
        picked = _kept(store, "picked", (n, agents))
        product = _kept(store, "product", (agents,))
        sure = _kept(store, "sure", (agents,), bool)
        mask = _kept(store, "mask", (agents,), np.int64)
        held_bits, proposal_bits = held.view(np.int64), proposal.view(np.int64)
        flip = work.view(np.int64)
        propose = chain.plan(proposal[k + 2], proposal[k + 1], q_new, row)
        add, multiply, subtract, xor = np.add, np.multiply, np.subtract, np.bitwise_xor
        clip, take = _clip, flat_q.take
        last_log = 0
        # (the exact test divides by T = 0 and takes exp(-inf): see _exact_test)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            for t in range(n):
                take(cells[t], None, picked[t], "wrap")  # (wrap: no check needed)
                if (t + 1) % LOG_EVERY == 0 or t == n - 1:
                    np.multiply.reduce(picked[last_log : t + 1], 0, None, product)
                    subtract(self.surprise_sum, np.log(product, product), self.surprise_sum)
                    last_log = t + 1
                if windowed:
                    self._remember(outcomes[t])
                    if single:
                        np.copyto(counts, self._counts)
                else:
                    add(counts_grid, seen_now[t], counts_grid)
                add(params_grid, steps[t], proposal_grid)
                multiply(held_power, move_factor[t], proposal_power)
                clip(moves, lows, highs, out=moves)  # family.project: np.clip's own ufunc
                propose()
                subtract(q_new, q, z)
                add(q_new, q, z2)
                np.divide(z, z2, z)
                accept = accepted[t]
                interval.decide(t, z, counts, accept, sure)
                if np.count_nonzero(sure) < agents:
                    unsure = np.flatnonzero(~sure)
                    accept[unsure] = self._exact_test(
                        q, q_new, unsure, int(seen_at[t]), draws[t], temps[t], by_group, counts
                    )
                # keep each accepted proposal: held ^= (held ^ proposal) & mask (_keep_where)
                np.negative(accept.view(np.int8), mask)  # all ones where accepted
                xor(held_bits, proposal_bits, flip)
                np.bitwise_and(flip, mask, flip)
                xor(held_bits, flip, held_bits)
                if (t + 1) % PRODUCT_RENEW == 0:
                    chain.power(params[0], out=held[k + 2])
                if record:
                    params_out[t] = params
                    proposals_out[t] = moved
        if record:  # each step's own surprise, for the history
            np.negative(np.log(picked, out=surprises), out=surprises)
        if counts is not self._counts and not windowed:
            self._counts[:] = counts
        self.params = params.copy()
        slots = (self.proposals_made + np.arange(n)) % ACCEPTANCE_WINDOW
        self._accepted_ring[slots[-ACCEPTANCE_WINDOW:]] = accepted[-ACCEPTANCE_WINDOW:]
        self.proposals_made += n
        self.accepted_total += accepted.sum(axis=0)
        if not record:
            return None
        return Trace(outcomes, surprises, params_out, temps, proposals_out, accepted)

    def _exact_test(
        self, q, q_new, agents, seen, draws, temps, by_group, counts=None
    ) -> np.ndarray:
        """The Metropolis test of :meth:`_anneal`, for the few ``agents`` an interval left open.

        A handful (the usual case) in plain floats, one agent after another: the same
        operations in the same order (faces summed one after another), without NumPy's
        cost per call.  ``counts``: the outcome counts (whole numbers, in single or double
        precision; by default the population's)."""
        counts = self._counts if counts is None else counts
        if agents.size <= EXACT_ONE_BY_ONE:
            return self._exact_test_few(q, q_new, agents, seen, draws, temps, by_group, counts)
        log_q = np.log(q[:, agents])
        log_q -= np.log(q_new[:, agents])
        log_q *= counts[:, agents]
        rise = np.add.reduce(log_q, axis=0)  # row after row, as sum_rows
        rise /= seen
        temperature = temps[agents // self.group_size] if by_group else temps
        chance = np.negative(rise)
        chance /= temperature  # (T = 0: -inf, or NaN for no rise, accepted anyway)
        np.exp(chance, out=chance)
        return (rise <= 0) | (draws[agents % self.group_size] < chance)

    def _exact_test_few(self, q, q_new, agents, seen, draws, temps, by_group, counts) -> list[bool]:
        log, exp = math.log, math.exp
        size = self.group_size
        faces = range(1, q.shape[0])
        decisions = []
        for i in agents.tolist():
            rise = (log(q.item(0, i)) - log(q_new.item(0, i))) * counts.item(0, i)
            for f in faces:
                rise += (log(q.item(f, i)) - log(q_new.item(f, i))) * counts.item(f, i)
            rise /= seen
            if rise <= 0:
                decisions.append(True)
                continue
            temperature = float(temps[i // size] if by_group else temps)
            # exp(-rise/T) as NumPy takes it: 0 for T = 0 (exp(-inf))
            chance = exp(-rise / temperature) if temperature > 0 else 0.0
            decisions.append(draws.item(i % size) < chance)
        return decisions
