"""Calling student code from a check: time limits that count CPU time, functions that never return, stubs,
crashes and calls that reach the reference, each turned into a CheckFailed with its cause id.

Every assignment's checks call student functions through `call_student`, with the assignment's function names
and reference module.
"""
import contextlib
import signal
import sys
import threading
import time
import traceback

from scratchnet_solution.grading import integrity
from scratchnet_solution.grading.crashes import diagnose_crash
from scratchnet_solution.grading.report import CallTimedOut, CheckFailed, ReferenceUsed

# One call of a student function on these small inputs takes milliseconds, even written with Python loops
# over samples; past this it is taken as never returning, and it is not called again in later checks.
CALL_TIME_LIMIT_SECONDS = 10.0
# Limits: the limits above decide grades, so they count the CPU time the kernel uses (its process), not time on
# the clock: on a loaded machine (other kernels grading beside this one) a correct function gets the same CPU
# seconds, and the same grade, whatever the wall clock says. Code that sleeps or waits uses no CPU, so every
# limit also has a wall-clock backstop this many times longer, which load alone does not reach; a cell's own
# wall-clock time-out (c.Execute.timeout, 120 s in nbgrader_config.py) is above the XOR run's backstop.
WALL_BACKSTOP_FACTOR = 2.5


class StudentCallTimeout(BaseException):
    """Raised into student code that runs past its time limit (a BaseException: `except Exception` lets it by).

    `waited` is True when the wall-clock backstop ran out, not the CPU time (the code sleeps or waits)."""

    def __init__(self, waited=False):
        super().__init__()
        self.waited = waited


def wall_backstop(cpu_seconds):
    """The wall-clock seconds allowed beside a limit of `cpu_seconds` of CPU time."""
    return WALL_BACKSTOP_FACTOR * cpu_seconds


def hanging_functions():
    """Names of student functions that did not return in an earlier check of this kernel.

    Kept on `sys`, because each hidden cell imports this package afresh.
    """
    return sys.__dict__.setdefault("_scratchnet_hanging_functions", set())


@contextlib.contextmanager
def time_limit(seconds, wall_seconds=None):
    """Raise StudentCallTimeout in the main thread once this process has used `seconds` of CPU time, or once
    `wall_seconds` (default: the backstop, wall_backstop(seconds)) have passed on the clock; again every second.

    The CPU timer (ITIMER_PROF: user and system time of the process) does not advance while other processes
    have the CPU, so load cannot make it fire. A limit set inside another one leaves the outer one running.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    wall_seconds = wall_backstop(seconds) if wall_seconds is None else wall_seconds

    def interrupt(signum, frame):
        raise StudentCallTimeout(waited=signum == signal.SIGALRM)

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGPROF, signal.SIGALRM)}
    cpu_started, wall_started = time.process_time(), time.monotonic()
    outer_cpu = signal.setitimer(signal.ITIMER_PROF, seconds, 1.0)
    outer_wall = signal.setitimer(signal.ITIMER_REAL, wall_seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for number, handler in previous.items():
            signal.signal(number, handler)
        # An outer limit goes on with what it had left (a tiny delay if it ran out meanwhile: it still fires).
        for timer, (delay, interval), used in ((signal.ITIMER_PROF, outer_cpu, time.process_time() - cpu_started),
                                               (signal.ITIMER_REAL, outer_wall, time.monotonic() - wall_started)):
            if delay > 0:
                signal.setitimer(timer, max(delay - used, 0.001), interval)


def hanging_function(error, name, functions):
    """The student function (of `functions`) that was running when time ran out (the innermost in the traceback)."""
    frames = traceback.extract_tb(error.__traceback__)
    return next((frame.name for frame in reversed(frames) if frame.name in functions), name)


def stop_calling(error, name):
    """Make the student's own `name` stop at once from now on, as a time-out would stop it.

    The notebook's ungraded cells (the given training run) would otherwise wait for the cell time-out
    too. The stand-in is defined in the student's namespace, as student code, and raises what an
    interrupted cell raises (KeyboardInterrupt: `except Exception` in student code does not catch it).
    Graded cells are not affected: their hidden checks already fail at once for a hanging function.
    """
    tb, frame = error.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_name == name:
            frame = tb.tb_frame
        tb = tb.tb_next
    if frame is None or getattr(frame.f_globals.get(name), "__code__", None) is not frame.f_code:
        return
    message = (f"{name} did not return within {CALL_TIME_LIMIT_SECONDS:.0f} s when the grader tried it, "
               "so it is not run again (an endless loop?)")
    exec(compile(f"def {name}(*args, **kwargs):\n    raise KeyboardInterrupt({message!r})\n", f"<{name}: did not return>",
                 "exec"), frame.f_globals)


def call_student(name, fn, *args, functions=(), reference=None, trip=None, seconds=None, needs=None):
    """Call student code with the reference's tripwire set; turn a stub, a crash, a reference call or a call
    that never returns into CheckFailed.

    functions: the names of the assignment's student functions (to name the stub or the hanging one).
    reference: the module of the reference functions the tripwire swaps (None: no tripwire).
    trip: names of the reference functions that must not run meanwhile (default: the function's own).
    needs: the student functions this call runs (default: `name`); one already known to hang fails at once.
    """
    trip = ((name,) if name in functions and reference is not None else ()) if trip is None else trip
    seconds = CALL_TIME_LIMIT_SECONDS if seconds is None else seconds
    hung = sorted(hanging_functions() & set((name,) if needs is None else needs))
    if hung:
        raise CallTimedOut(f"{hung[0]} did not return within {CALL_TIME_LIMIT_SECONDS:.0f} s in an earlier check "
                           "(an endless loop?), so it was not run again. Fix it and run its test cell.",
                           f"{hung[0]}.never_returns")
    with integrity.tripwire(trip, reference) as reference_calls:
        try:
            with time_limit(seconds):
                result = fn(*args)
        except StudentCallTimeout as error:
            culprit = hanging_function(error, name, functions)
            hanging_functions().add(culprit)
            stop_calling(error, culprit)
            how = (f"{wall_backstop(seconds):g} s on the clock while using little CPU (waiting for input, or sleeping?)"
                   if error.waited else f"{seconds:g} s of CPU time on a small input (an endless loop?)")
            raise CallTimedOut(f"{culprit} did not return within {how}. Fix it and run its test cell.",
                               f"{culprit}.never_returns") from None
        except NotImplementedError as error:
            if reference_calls:
                break_for_reference(name, reference_calls)
            frames = traceback.extract_tb(error.__traceback__)
            stub = next((frame.name for frame in reversed(frames) if frame.name in functions), name)
            raise CheckFailed(f"{stub} is not implemented yet: replace `raise NotImplementedError()` with your code.",
                              f"{stub}.not_implemented") from None
        except (Exception, SystemExit) as error:  # any crash in student code is a finding, not a grader error
            if reference_calls:
                break_for_reference(name, reference_calls)
            cause = diagnose_crash(name, error)
            raise CheckFailed(f"{name} raised {type(error).__name__}: {error}" + (f" {cause.text}" if cause else ""),
                              cause.id if cause else f"{name}.crash") from None
    if reference_calls:
        break_for_reference(name, reference_calls)
    return result


def break_for_reference(name, reference_calls):
    raise ReferenceUsed(integrity.reference_message(name, sorted(set(reference_calls))))
