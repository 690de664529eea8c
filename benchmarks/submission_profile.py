"""Where one submission's grading seconds go: kernel start, each cell, and the grader's own work.

    .venv/bin/python benchmarks/submission_profile.py [--repeat 3]

Builds a throw-away course with four submissions and grades each alone with `nbgrader autograde`
(the project's config: sandboxed, robust execution), `--repeat` times, then prints per submission:

- the whole `nbgrader autograde --student X` process (wall), median of the repeats;
- a sandboxed kernel's start and stop, measured apart (the same for every submission);
- every cell that took 50 ms or more, from the timestamps nbclient records in the autograded notebook
  (`metadata.execution`: from the kernel going busy to its reply), and the rest of the cells together;
- the rest: starting nbgrader, reading the gradebook, sanitising, writing the notebook and the grades.

The four: correct work, a wrong backward, correct work written with Python loops over samples (slow
but full marks), and an update_weights that never returns. Figures, not a pass/fail test.
"""
import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from course_helpers import new_course  # noqa: E402 -- the tests' course builder
from grading_course import autograded_notebook, grade_cell, nbgrader, submission, submit  # noqa: E402

from scratchnet_solution.corpus.entries import load_entry  # noqa: E402

# Cells shorter than this are summed into one line.
SHOWN_CELL_SECONDS = 0.05
HANGING_UPDATE = "def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    while True:\n        pass\n"


def submissions(course):
    """{name: notebook} for the four kinds of submission."""
    loops = load_entry(REPO / "tests" / "corpus" / "correct_loops_over_samples.py")
    buggy = load_entry(REPO / "tests" / "corpus" / "mistake_backward_forgets_mean.py")
    hanging = submission(course)
    cell = grade_cell(hanging, "solution_update_weights")
    cell.source = cell.source.split("def update_weights")[0] + HANGING_UPDATE
    return {
        "correct": submission(course),
        "buggy-backward": submission(course, code=buggy.code_by_function),
        "slow-loops": submission(course, code=loops.code_by_function),
        "hanging": hanging,
    }


def cell_seconds(notebook):
    """[(cell name, seconds)] from nbclient's timestamps, in notebook order."""
    timings = []
    for index, cell in enumerate(notebook.cells):
        execution = cell.get("metadata", {}).get("execution", {})
        if "iopub.status.busy" not in execution or "shell.execute_reply" not in execution:
            continue
        start, end = (datetime.datetime.fromisoformat(execution[key].replace("Z", "+00:00"))
                      for key in ("iopub.status.busy", "shell.execute_reply"))
        name = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index}"
        timings.append((name, (end - start).total_seconds()))
    return timings


def kernel_start_and_stop(course, samples=3):
    """Median seconds to start a sandboxed kernel until it answers, plus shutting it down."""
    from jupyter_client.manager import start_new_async_kernel  # noqa: F401 -- import cost outside the timing
    from jupyter_core.utils import run_sync

    from scratchnet_solution.sandbox.kernelmanager import SandboxedKernelManager

    async def once():
        manager = SandboxedKernelManager(kernel_name="python3")
        started = time.perf_counter()
        await manager.start_kernel(cwd=str(course / "autograded"))
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.stop_channels()
        await manager.shutdown_kernel(now=True)
        return time.perf_counter() - started

    cwd = os.getcwd()
    os.chdir(course)
    try:
        return statistics.median(run_sync(once)() for _ in range(samples))
    finally:
        os.chdir(cwd)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="gradings of each submission (the median is shown)")
    args = parser.parse_args(argv)
    workspace = Path(tempfile.mkdtemp(prefix="scratchnet-profile-"))
    try:
        course = new_course(workspace / "course")
        kinds = submissions(course)
        for name, notebook in kinds.items():
            submit(course, name, notebook)
        (course / "autograded").mkdir(exist_ok=True)
        kernel = kernel_start_and_stop(course)
        print(f"A sandboxed kernel starts and stops in {kernel:.2f} s (median of 3).\n")
        for name in kinds:
            walls, cells = [], None
            for _ in range(args.repeat):
                started = time.perf_counter()
                result = nbgrader(course, "autograde", "scratchnet", "--student", name, "--force")
                walls.append(time.perf_counter() - started)
                if result.returncode != 0:
                    print(f"{name}: grading failed\n{result.stderr[-2000:]}")
                    return 1
                timings = cell_seconds(autograded_notebook(course, name))
                cells = timings if cells is None else [(n, s + t) for (n, s), (_, t) in zip(cells, timings)]
            cells = [(n, s / args.repeat) for n, s in cells]
            wall = statistics.median(walls)
            in_cells = sum(seconds for _, seconds in cells)
            print(f"{name}: {wall:.2f} s in all (median of {args.repeat}; min {min(walls):.2f}, max {max(walls):.2f})")
            print(f"  {'kernel start and stop (sandboxed)':38s} {kernel:7.2f} s")
            small = [seconds for _, seconds in cells if seconds < SHOWN_CELL_SECONDS]
            for cell, seconds in cells:
                if seconds >= SHOWN_CELL_SECONDS:
                    print(f"  cell {cell:33s} {seconds:7.2f} s")
            print(f"  {f'{len(small)} other cells':38s} {sum(small):7.2f} s")
            print(f"  {'the grader (nbgrader start, gradebook, files)':38s} {wall - in_cells - kernel:7.2f} s\n")
        return 0
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
