"""A solve releases the GIL, so other Python threads run during it, and
Ctrl-C (SIGINT) ends it with KeyboardInterrupt."""

import os
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
import pytest

import impasse


def slow_game(seed=7):
    """A random 4x4x4 game, on which each global Newton start takes a while."""
    rng = np.random.default_rng(seed)
    return impasse.from_arrays(*rng.integers(0, 100, size=(3, 4, 4, 4)))


def timed_solve_in_a_thread(game, starts):
    """Solves in a thread while this one counts its loops; returns the
    solve's time, the longest pause of the loop while the solve ran, and
    the loops."""
    timing = {}

    def solve():
        start = time.perf_counter()
        timing["result"] = impasse.global_newton(game, starts=starts)
        timing["seconds"] = time.perf_counter() - start

    worker = threading.Thread(target=solve)
    ticks, longest_gap = 0, 0.0
    worker.start()
    last = time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        longest_gap = max(longest_gap, now - last)
        last = now
        ticks += 1
    worker.join()
    assert timing["result"].status == "complete"
    return timing["seconds"], longest_gap, ticks


def test_a_solve_in_a_thread_lets_the_main_thread_run_python():
    game = slow_game()
    starts = 2
    seconds, longest_gap, ticks = timed_solve_in_a_thread(game, starts)
    while seconds < 0.3 and starts < 64:  # long enough to tell, on a fast machine too
        starts *= 2
        seconds, longest_gap, ticks = timed_solve_in_a_thread(game, starts)
    # Held for the whole solve, the GIL would stop this loop for as long as it.
    assert seconds >= 0.3, "the solve was too quick to tell"
    assert longest_gap < seconds / 2
    assert ticks > 1000


# SIGINT_AS_AT_A_TERMINAL: a test run started in the background by a
# non-interactive shell (nohup, `cmd &` in a script, some CI runners) inherits
# SIGINT ignored, and Python then installs no KeyboardInterrupt handler; the
# scripts below install Python's default one, as a terminal session has it.


def test_ctrl_c_interrupts_a_long_solve():
    script = textwrap.dedent("""
        import os, signal, threading, time
        import numpy as np
        import impasse
        rng = np.random.default_rng(7)
        game = impasse.from_arrays(*rng.integers(0, 100, size=(3, 4, 4, 4)))
        signal.signal(signal.SIGINT, signal.default_int_handler)  # see SIGINT_AS_AT_A_TERMINAL
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        start = time.perf_counter()
        try:
            impasse.global_newton(game, starts=100000)  # minutes; progress after each start
            print("finished", time.perf_counter() - start)
        except KeyboardInterrupt:
            print("interrupted", time.perf_counter() - start)
        """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ)).stdout.split()
    assert out[0] == "interrupted", out
    assert float(out[1]) < 30


def test_an_exception_in_on_progress_stops_a_long_solve_in_a_thread():
    class Enough(Exception):
        pass

    calls = []

    def progress(done, total, unit):
        calls.append((done, total, unit))
        if len(calls) == 2:
            raise Enough()

    outcome = {}

    def solve():
        start = time.perf_counter()
        try:
            impasse.global_newton(slow_game(), starts=1000, on_progress=progress)  # minutes if not stopped
        except Enough:
            outcome["stopped after"] = time.perf_counter() - start

    worker = threading.Thread(target=solve)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive() and outcome["stopped after"] < 60
    assert calls[0][1:] == (1000, "starts") and len(calls) == 2


# Each solver that can run for minutes, on an input that takes it minutes
# (or far longer), interrupted by SIGINT half a second in: the solve must end
# with KeyboardInterrupt within a few seconds, which needs the solver to
# report progress often and to honour the stop token between reports.
LONG_SOLVES = {
    "support_enumeration": "impasse.support_enumeration(random_game((2, 22, 22)), threads=1)",
    "vertex_enumeration": "impasse.vertex_enumeration(random_game((2, 24, 24)))",
    "lemke_howson_all": "impasse.lemke_howson_all(random_game((2, 24, 24)))",
    "simplicial_subdivision": "impasse.simplicial_subdivision(random_game((3, 12, 12, 12)), starts=1000)",
    "polynomial_enumeration": "impasse.polynomial_enumeration(random_game((3, 5, 5, 5)))",
    "polymatrix_approximation": "impasse.polymatrix_approximation(random_game((3, 8, 8, 8)), starts=100000)",
    "global_newton": "impasse.global_newton(random_game((3, 4, 4, 4)), starts=1000)",
}


@pytest.mark.parametrize("solver", sorted(LONG_SOLVES))
def test_ctrl_c_interrupts_every_long_running_solver(solver):
    script = textwrap.dedent("""
        import os, signal, threading, time
        import numpy as np
        import impasse
        def random_game(shape):
            rng = np.random.default_rng(7)
            return impasse.from_arrays(*rng.integers(0, 100, size=shape))
        game_call = lambda: CALL
        signal.signal(signal.SIGINT, signal.default_int_handler)  # see SIGINT_AS_AT_A_TERMINAL
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        start = time.perf_counter()
        try:
            game_call()
            print("finished", time.perf_counter() - start)
        except KeyboardInterrupt:
            print("interrupted", time.perf_counter() - start)
        """).replace("CALL", LONG_SOLVES[solver])
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ))
    words = out.stdout.split()
    assert words and words[0] == "interrupted", (out.stdout, out.stderr[-2000:])
    assert float(words[1]) < 10, f"{solver} took {words[1]} s to stop"
