"""The limits that decide grades count the kernel's CPU time, so a loaded machine does not cost points (issue 13).

Load is real here: this process and a few CPU hogs are pinned to one core, so this process gets about a
quarter of it and every wall-clock second holds about a quarter of a CPU second. Each test first checks that
the load really was there (the wall time of the graded work exceeds the limit), so it cannot pass vacuously.
"""
import contextlib
import os
import subprocess
import sys
import time

import pytest

from scratchnet_solution.grading import calls
from scratchnet_solution.assignments.scratchnet import checks
from test_checks import in_namespace

HOGS = 3

pytestmark = pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")


@contextlib.contextmanager
def loaded_core():
    """This process on one core, shared with HOGS processes that spin; everything restored after."""
    before = os.sched_getaffinity(0)
    core = min(before)
    os.sched_setaffinity(0, {core})
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(HOGS)]  # inherit the core
    try:
        time.sleep(0.2)  # let them start spinning
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
        os.sched_setaffinity(0, before)


@pytest.fixture(autouse=True)
def no_hanging_functions(monkeypatch):
    monkeypatch.setattr(sys, "_scratchnet_hanging_functions", set(), raising=False)


def burns(cpu_seconds):
    """Student code that is correct but slow: it returns after using `cpu_seconds` of CPU time."""
    namespace = {"time": time}
    exec(f"def slow():\n    end = time.process_time() + {cpu_seconds}\n    while time.process_time() < end:\n"
         "        pass\n    return 'done'\n", namespace)
    return namespace["slow"]


def test_a_slow_but_correct_call_is_not_cut_on_a_loaded_machine_and_an_endless_loop_still_is(monkeypatch):
    # The backstop is tested below; here it is out of the way, so only the CPU limit can decide.
    monkeypatch.setattr(calls, "WALL_BACKSTOP_FACTOR", 20)
    with loaded_core():
        started = time.monotonic()
        assert checks.call_student("slow", burns(0.5), seconds=1.0) == "done"
        took = time.monotonic() - started
        assert took > 1.0, f"the core was not loaded ({took:.2f} s): a wall-clock limit would not have cut it either"

        namespace = in_namespace(update_weights="def update_weights(*args):\n    while True:\n        pass\n")
        started = time.monotonic()
        with pytest.raises(checks.CallTimedOut, match="did not return within 1 s of CPU time"):
            checks.call_student("update_weights", namespace["update_weights"], *([None] * 9), seconds=1.0)
        assert time.monotonic() - started < 20  # cut after 1 s of its CPU, long before the backstop
    assert "update_weights" in calls.hanging_functions()


def test_code_that_sleeps_is_cut_by_the_wall_clock_backstop():
    namespace = in_namespace(forward="import time\ndef forward(X, W1, b1, W2, b2):\n    time.sleep(60)\n")
    started = time.monotonic()
    with pytest.raises(checks.CallTimedOut, match=r"did not return within 2 s on the clock while using little CPU"):
        checks.call_student("forward", namespace["forward"], None, None, None, None, None, seconds=0.8)
    assert time.monotonic() - started < 10
    assert calls.wall_backstop(0.8) == pytest.approx(2.0)


def test_limits_inside_limits_leave_the_outer_one_running():
    with pytest.raises(calls.StudentCallTimeout):
        with calls.time_limit(0.5):
            with calls.time_limit(5.0):
                pass  # the inner limit ends at once; the outer one must still stop the loop below
            end = time.process_time() + 10
            while time.process_time() < end:
                pass


def test_a_correct_network_keeps_its_xor_points_on_a_loaded_machine(monkeypatch):
    namespace = in_namespace()
    functions = [namespace[name] for name in ("forward", "compute_loss", "backward", "update_weights")]
    started = time.process_time()
    assert checks.check_xor(*functions).ok
    alone = time.process_time() - started
    # Twice the CPU it needs: a CPU limit is met with room to spare, while the loaded core stretches it on the
    # clock past the limit. The backstop is moved out of the way (tested above).
    limit = 2 * alone
    monkeypatch.setattr(checks, "XOR_TIME_LIMIT_SECONDS", limit)
    monkeypatch.setattr(calls, "WALL_BACKSTOP_FACTOR", 20)
    with loaded_core():
        started = time.monotonic()
        report = checks.check_xor(*functions)
        took = time.monotonic() - started
    assert took > limit, f"the core was not loaded ({took:.2f} s for a {limit:.2f} s limit)"
    assert report.ok and report.points == report.max_points, report.message


XOR_SLOW_UPDATE = ("import time\ndef update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    {wait}\n"
                   "    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2\n")


@pytest.mark.parametrize("wait, cause", [
    # 1 ms of CPU an epoch: 10 s for the 10,000 epochs, far past the 0.4 s allowed.
    ("end = time.process_time() + 0.001\n    while time.process_time() < end:\n        pass",
     "it used more than the 0.4 s of CPU time allowed"),
    # 1 ms asleep an epoch: almost no CPU, so the clock (the backstop, 1 s) stops it.
    ("time.sleep(0.001)", "it took longer than 1 s on the clock while using little CPU"),
])
def test_xor_training_past_a_limit_is_stopped_and_the_message_says_which(monkeypatch, wait, cause):
    monkeypatch.setattr(checks, "XOR_TIME_LIMIT_SECONDS", 0.4)
    namespace = in_namespace(update_weights=XOR_SLOW_UPDATE.format(wait=wait))
    started = time.monotonic()
    report = checks.check_xor(*[namespace[name] for name in ("forward", "compute_loss", "backward", "update_weights")])
    assert not report.ok and "XOR training stopped after" in report.message and cause in report.message.replace("\n", " ")
    assert time.monotonic() - started < 10
