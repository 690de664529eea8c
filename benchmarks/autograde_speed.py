"""How much faster `scratchnet autograde` grades a class than stock serial `nbgrader autograde`.

    .venv/bin/python benchmarks/autograde_speed.py [--students 40] [--jobs N] [--no-stock-config]

Builds a throw-away course (a temp folder, deleted afterwards) with a class of correct, stub and
buggy submissions, then grades the same class, each time from scratch:

1. `nbgrader autograde` with nbgrader's stock settings (the lines of nbgrader_config.py above the
   grading-night section): no sandbox, stock Execute -- the reference for grades and for cost;
2. `nbgrader autograde` with the project's nbgrader_config.py: serial, sandboxed;
3. `scratchnet autograde --jobs N` with the same config.

It prints wall times, the speed-up of 3 over 1 and 2, the per-submission cost next to its floor (a
sandboxed kernel start plus executing the tests in a running kernel, measured here too), and
whether all runs wrote the same per-cell grades. Figures, not a pass/fail test.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from course_helpers import new_course  # noqa: E402 -- the tests' course builder, so both grade the same classes
from grading_course import (  # noqa: E402
    cell_scores, copy_course, nbgrader, scratchnet, submission, submit, use_stock_config)

# The class cycles through these; every kind grades differently, none needs a timeout.
WRONG_SIGMOID = "def sigmoid(z):\n    return 1.0 / (1.0 + np.exp(z))\n"
ZERO_BACKWARD = ("def backward(X, y, z1, a1, z2, a2, W1, W2):\n"
                 "    return np.zeros_like(W1), np.zeros((1, W1.shape[1])), np.zeros_like(W2), np.zeros((1, 1))\n")
KINDS = (
    ("correct", {}, ()),
    ("stub", {}, ("sigmoid", "forward", "compute_loss", "backward", "update_weights")),
    ("half", {}, ("backward", "update_weights")),
    ("wrong_sigmoid", {"sigmoid": WRONG_SIGMOID}, ()),
    ("zero_backward", {"backward": ZERO_BACKWARD}, ()),
)
KERNEL_SAMPLES = 2
# Pure-Python work for the parallelism probe: about a second on one core.
SPIN = "sum(range(30_000_000))"


def parallel_capacity(processes):
    """How many cores' worth of work the machine does right now with `processes` busy processes.

    Other work on a shared machine takes cores away from parallel grading and not from serial
    grading, so a speed-up means little without this figure next to it.
    """
    import subprocess

    def spin(count):
        started = time.perf_counter()
        running = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(count)]
        for process in running:
            process.wait()
        return time.perf_counter() - started

    one = spin(1)
    return processes * one / spin(processes)


def make_class(course, students):
    for number in range(students):
        kind, code, stubs = KINDS[number % len(KINDS)]
        submit(course, f"student{number:03d}_{kind}", submission(course, code=code, stubs=stubs))


def timed(label, action):
    print(f"  {label} ...", end="", flush=True)
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    if result.returncode not in (0,):
        print(f"\n{label} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
        sys.exit(1)
    print(f" {seconds:.1f} s")
    return seconds


def floor_per_submission(course):
    """(sandboxed kernel start + stop, executing a notebook's cells in a running kernel), in seconds,
    averaged over the kinds of submission in the class (each kind is an equal share of it)."""
    import nbformat
    from nbclient import NotebookClient

    from scratchnet_solution.sandbox import SandboxedKernelManager

    cwd = os.getcwd()
    os.chdir(course)  # the sandbox hides the folder it is started from, as in grading
    # As under nbgrader autograde: the notebook skips its ungraded live-trainer cells.
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    starts, runs = [], []
    try:
        for kind, _, _ in KINDS:
            graded = next((course / "autograded").glob(f"*_{kind}/scratchnet/scratchnet.ipynb"))
            notebook = nbformat.read(graded, as_version=4)
            for _ in range(KERNEL_SAMPLES):
                client = NotebookClient(nbformat.from_dict(notebook), kernel_manager_class=SandboxedKernelManager,
                                        resources={"metadata": {"path": str(graded.parent)}}, allow_errors=True,
                                        shutdown_kernel="immediate")
                started = time.perf_counter()
                with client.setup_kernel():
                    ready = time.perf_counter()
                    for index, cell in enumerate(client.nb.cells):
                        client.execute_cell(cell, index)
                    finished = time.perf_counter()
                starts.append(ready - started + time.perf_counter() - finished)
                runs.append(finished - ready)
    finally:
        os.chdir(cwd)
        del os.environ["NBGRADER_EXECUTION"]
    return statistics.mean(starts), statistics.mean(runs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-stock-config", action="store_true", help="skip run 1 (saves a third of the time)")
    args = parser.parse_args(argv)

    workspace = Path(tempfile.mkdtemp(prefix="scratchnet-benchmark-"))
    try:
        print(f"Building a course with {args.students} submissions ...", flush=True)
        template = new_course(workspace / "template")
        make_class(template, args.students)
        runs = {}
        capacity_before = parallel_capacity(args.jobs)
        print(f"Grading {args.students} submissions on {os.cpu_count()} cores; {args.jobs} busy processes get "
              f"{capacity_before:.2f} cores' worth of work done right now:")
        if not args.no_stock_config:
            stock = copy_course(template, workspace / "stock")
            use_stock_config(stock)
            runs["stock"] = (stock, timed("1. nbgrader autograde, stock settings, serial", lambda: nbgrader(stock, "autograde", "scratchnet")))
        serial = copy_course(template, workspace / "serial")
        runs["serial"] = (serial, timed("2. nbgrader autograde, project config, serial", lambda: nbgrader(serial, "autograde", "scratchnet")))
        parallel = copy_course(template, workspace / "parallel")
        runs["parallel"] = (parallel, timed(f"3. scratchnet autograde --jobs {args.jobs}",
                                            lambda: scratchnet(parallel, "autograde", "scratchnet", "--jobs", str(args.jobs))))
        kernel_start, tests = floor_per_submission(serial)

        grades = [cell_scores(course) for course, _ in runs.values()]
        floor = kernel_start + tests
        capacity_after = parallel_capacity(args.jobs)
        print(f"\nResults ({args.jobs} busy processes got {capacity_before:.2f} cores' worth before the runs, "
              f"{capacity_after:.2f} after; less than {args.jobs} means other work shared the machine)")
        # A parallel run has min(jobs, cores) cores to spend; more jobs than cores only fill idle gaps.
        cores = min(args.jobs, len(os.sched_getaffinity(0)))
        for name, (_, seconds) in runs.items():
            cost = seconds * (cores if name == "parallel" else 1) / args.students
            print(f"  {name:9s} {seconds:7.1f} s wall   {cost:5.2f} s of a core per submission "
                  f"({cost - floor:+.2f} s over the floor)")
        if "stock" in runs:
            print(f"  speed-up of scratchnet autograde over stock serial nbgrader:       {runs['stock'][1] / runs['parallel'][1]:.2f}x")
        print(f"  speed-up of scratchnet autograde over serial nbgrader, same config: {runs['serial'][1] / runs['parallel'][1]:.2f}x")
        print(f"  floor per submission: sandboxed kernel start+stop {kernel_start:.2f} s + the tests in a running "
              f"kernel {tests:.2f} s = {floor:.2f} s (mean over the kinds of submission)")
        print(f"  per-cell grades identical in all runs: {'yes' if all(g == grades[0] for g in grades) else 'NO'}")
        return 0 if all(g == grades[0] for g in grades) else 1
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
