"""How much faster `scratchnet autograde` grades a class than stock serial `nbgrader autograde`.

    .venv/bin/python benchmarks/autograde_speed.py [ASSIGNMENT] [--students 40] [--jobs N] [--no-stock-config] [--no-serial]

Builds a throw-away course (a temp folder, deleted afterwards) with a class of ASSIGNMENT (default scratchnet;
also scratchnet_deep) that looks like a real one, drawn from the assignment's corpus in tests/ (see
CLASS_MAKE_UPS): correct work in several styles, common mistakes, an untouched stub and half-done work,
correct work written with Python loops (slow but full marks), and one submission with a function that never
returns. Then it grades the same class, each time from scratch:

1. `nbgrader autograde` with nbgrader's stock settings (the lines of nbgrader_config.py above the
   grading-night section): no sandbox, stock Execute -- the reference for grades and for cost;
2. `nbgrader autograde` with the project's nbgrader_config.py: serial, sandboxed (--no-serial skips it);
3. `scratchnet autograde --jobs N` with the same config.

It prints, per run: wall time, the CPU all its processes and kernels used per submission (sampled: see
Measured) and its memory (the most resident memory the run's processes held together, and the largest single
process); then the speed-up of 3 over 1 (and over 2), the CPU per submission next to the floor (a sandboxed
kernel start plus executing each kind of notebook in a running kernel, weighted as in the class, measured here
too), and whether the runs wrote the same per-cell grades (stock nbgrader cannot give partial credit, so cells
where the project's config gives part of the points are counted apart).
Figures, not a pass/fail test; the exit status is 1 only when grades differ otherwise.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
import grading_course  # noqa: E402 -- the tests' course helpers, so both grade the same classes
from grading_course import copy_course, nbgrader, scratchnet, use_stock_config  # noqa: E402

from scratchnet_solution.corpus.entries import load_entry  # noqa: E402
from scratchnet_solution.corpus.submissions import fill_solutions, reference_solutions, write_submission  # noqa: E402
from scratchnet_solution.course.folder import new_course  # noqa: E402
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook  # noqa: E402

CORPUS_FOLDERS = {"scratchnet": REPO / "tests" / "corpus", "scratchnet_deep": REPO / "tests" / "corpus_deep"}
# One cycle of each assignment's class, in the order students are made: 20 submissions, of which 9 (the deep
# one: 8) correct in different styles (one with prints), 7 (8) with one common mistake each, 3 unfinished, 1 slow
# (loops). A class of N takes the first N of the cycle repeated; one student of it (the last) hands in a function
# that never returns (HANGING_FUNCTIONS).
CLASS_MAKE_UPS = {
    "scratchnet": (
        "correct_reference", "mistake_backward_forgets_mean", "correct_einsum", "partial_sigmoid_forward",
        "correct_dot_and_sums", "mistake_sigmoid_overflow_nan", "correct_full_chain_rule", "mistake_compute_loss_no_clipping",
        "correct_loops_over_samples", "correct_matmul_tanh_sigmoid", "mistake_update_weights_ignores_lr",
        "correct_in_place_update_lists", "untouched_stub", "mistake_forward_no_biases", "correct_transposed_products",
        "mistake_backward_sign_flipped", "noise_stdout_prints", "half_backward_update_weights",
        "correct_scalar_item_and_generator", "mistake_update_weights_no_return"),
    "scratchnet_deep": (
        "correct_reference", "mistake_linear_backward_dW_not_averaged", "correct_einsum", "partial_forward_only",
        "correct_dot_and_mean", "mistake_compute_cost_no_clipping", "correct_loops",
        "mistake_update_parameters_adam_no_bias_correction", "correct_dict_comprehensions",
        "mistake_activation_backward_relu_masks_dA", "correct_helpers_and_keys", "untouched_stub",
        "mistake_model_forward_hidden_always_relu", "correct_adam_paper_form", "mistake_model_backward_output_gradient_sign",
        "noise_prints_shapes", "mistake_initialize_parameters_he_xavier_swapped", "half_backward_and_updates",
        "mistake_update_parameters_momentum_uphill", "mistake_linear_forward_bias_subtracted"),
}
# Kinds that are not corpus entries: the reference with these functions left as the release's stubs.
HALF_DONE = {"half_backward_update_weights": ("backward", "update_weights"),
             "half_backward_and_updates": ("model_backward", "update_parameters_momentum", "update_parameters_adam")}
HANGING = "hanging"
# The function the hanging student's loop is in, per assignment: called by the end-to-end training too.
HANGING_FUNCTIONS = {"scratchnet": "update_weights", "scratchnet_deep": "update_parameters_adam"}
# The stock run of a large class takes longer than the tests' command time limit.
COMMAND_TIMEOUT_SECONDS = 6 * 3600
# Pure-Python work for the parallelism probe: about a second on one core.
SPIN = "sum(range(30_000_000))"
MEMORY_SAMPLE_SECONDS = 0.1


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


def class_kinds(assignment, students):
    """The kind of each student's submission, in order: the make-up cycle, the last one hanging."""
    make_up = CLASS_MAKE_UPS[assignment]
    kinds = [make_up[number % len(make_up)] for number in range(students)]
    kinds[-1] = HANGING
    return kinds


def hanging_code(reference, function):
    """The reference's solution cell for `function`, with the function's body replaced by an endless loop."""
    before, _, rest = reference.partition(f"def {function}(")
    signature = rest.split(":\n", 1)[0]
    return f"{before}def {function}({signature}:\n    while True:\n        pass\n"


def kind_notebook(course, assignment, kind):
    release = read_notebook(course / "release" / assignment / f"{assignment}.ipynb")
    reference = reference_solutions(read_notebook(course / "source" / assignment / f"{assignment}.ipynb"))
    if kind == HANGING:
        function = HANGING_FUNCTIONS[assignment]
        return fill_solutions(release, {**reference, function: hanging_code(reference[function], function)})
    if kind in HALF_DONE:
        return fill_solutions(release, {f: code for f, code in reference.items() if f not in HALF_DONE[kind]})
    return fill_solutions(release, load_entry(CORPUS_FOLDERS[assignment] / f"{kind}.py", assignment).code_by_function)


def make_class(course, assignment, students):
    notebooks = {}
    for number, kind in enumerate(class_kinds(assignment, students)):
        if kind not in notebooks:
            notebooks[kind] = kind_notebook(course, assignment, kind)
        write_submission(course, f"student{number:04d}_{kind}", notebooks[kind], assignment)


def cell_scores(root, assignment):
    """{student: {grade_id: auto_score}} read from the course's gradebook with nbgrader's API."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {student.id: {grade.name: grade.auto_score
                             for notebook in gb.find_submission(assignment, student.id).notebooks
                             for grade in notebook.grades}
                for student in gb.students}


class Measured:
    """Wall seconds, CPU seconds and peak memory of everything one run starts.

    getrusage(RUSAGE_CHILDREN) misses sandboxed kernels: they are killed, and reaped inside bubblewrap's PID
    namespace, not by us. So the processes under this one are sampled every MEMORY_SAMPLE_SECONDS: the CPU of a
    run is the sum, over every process seen, of the last user+system time seen (it misses at most one sample
    interval per process), and its memory the most resident memory they held at one moment.
    """

    def __init__(self, label=""):
        self.label = label

    def __enter__(self):
        import psutil

        self.me = psutil.Process()
        self.peak_total, self.largest, self.cpu_seen = 0, 0, {}
        self.running = True
        self.sampler = threading.Thread(target=self.sample, daemon=True)
        self.started = time.perf_counter()
        self.sampler.start()
        return self

    def sample(self):
        import psutil

        while self.running:
            total = 0
            try:
                processes = self.me.children(recursive=True)
            except psutil.Error:
                processes = []
            for process in processes:
                try:
                    with process.oneshot():
                        times, rss = process.cpu_times(), process.memory_info().rss
                except psutil.Error:
                    continue
                self.cpu_seen[(process.pid, process.create_time())] = times.user + times.system
                total += rss
                self.largest = max(self.largest, rss)
            self.peak_total = max(self.peak_total, total)
            time.sleep(MEMORY_SAMPLE_SECONDS)

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self.running = False
        self.sampler.join()
        self.cpu = sum(self.cpu_seen.values())
        self.largest_process_mb = self.largest / 2**20
        return False


def timed(label, action):
    print(f"  {label} ...", end="", flush=True)
    with Measured(label) as measured:
        result = action()
    if result.returncode not in (0,):
        print(f"\n{label} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
        sys.exit(1)
    print(f" {measured.seconds:.1f} s")
    return measured


def floor_per_submission(course, assignment, kinds):
    """(wall, CPU) seconds of a sandboxed kernel start + stop plus executing a notebook's cells in it, for
    each kind of submission once, averaged with the weights the kinds have in the class."""
    import nbformat
    from nbclient import NotebookClient

    from scratchnet_solution.sandbox.kernelmanager import SandboxedKernelManager

    cwd = os.getcwd()
    os.chdir(course)  # the sandbox hides the folder it is started from, as in grading
    # As under nbgrader autograde: the notebook skips its ungraded live-trainer cells.
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    # The cells the project's config does not run while grading are not part of the floor either.
    from traitlets.config.loader import PyFileConfigLoader

    from scratchnet_solution.preprocessors.robustexecute import RobustExecute

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    executor = RobustExecute(skip_ungraded_cells=list(config.RobustExecute.get("skip_ungraded_cells", [])))
    walls, cpus = {}, {}
    try:
        for kind in sorted(set(kinds)):
            graded = next((course / "autograded").glob(f"*_{kind}/{assignment}/{assignment}.ipynb"))
            notebook = nbformat.read(graded, as_version=4)
            client = NotebookClient(nbformat.from_dict(notebook), kernel_manager_class=SandboxedKernelManager,
                                    resources={"metadata": {"path": str(graded.parent)}}, allow_errors=True,
                                    shutdown_kernel="immediate", timeout=60)
            own_cpu = time.process_time()
            with Measured() as measured, client.setup_kernel():
                for index, cell in enumerate(client.nb.cells):
                    if executor.skipped(cell):
                        continue
                    try:
                        client.execute_cell(cell, index)
                    except Exception:  # a cell that times out (the hanging kind) costs its time, as in grading
                        pass
            walls[kind] = measured.seconds
            # The kernel's CPU, and this process's (the client's side of executing; the sampler thread's is
            # in it too, a slight overestimate of the floor).
            cpus[kind] = measured.cpu + time.process_time() - own_cpu
    finally:
        os.chdir(cwd)
        del os.environ["NBGRADER_EXECUTION"]
    return statistics.mean(walls[k] for k in kinds), statistics.mean(cpus[k] for k in kinds)


def cell_points(assignment):
    """{grade_id: points} of the graded cells of the assignment."""
    return {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"] for c in
            read_notebook(REPO / "source" / assignment / f"{assignment}.ipynb").cells
            if c.cell_type == "code" and nbgrader_meta(c).get("grade")}


def differences(theirs, ours, assignment):
    """([(student, cell, their points, ours)] that differ, and those of them that are partial credit: stock
    nbgrader gives a cell all its points or none (none when its visible part fails, as in the second assignment,
    where a function's visible and hidden checks share one cell), and the project's config the rubric's share."""
    maximum = cell_points(assignment)
    strict, partial = [], []
    for student in sorted(set(theirs) | set(ours)):
        for cell in sorted(set(theirs.get(student, {})) | set(ours.get(student, {}))):
            a, b = theirs.get(student, {}).get(cell), ours.get(student, {}).get(cell)
            if a == b:
                continue
            by_design = a in (0, maximum.get(cell)) and b is not None and 0 < b < maximum.get(cell, 0)
            (partial if by_design else strict).append((student, cell, a, b))
    return strict, partial


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment", nargs="?", default="scratchnet", choices=sorted(CLASS_MAKE_UPS))
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-stock-config", action="store_true", help="skip run 1 (no speed-up over stock then)")
    parser.add_argument("--no-serial", action="store_true", help="skip run 2 (serial with the project's config)")
    args = parser.parse_args(argv)
    grading_course.COMMAND_TIMEOUT_SECONDS = COMMAND_TIMEOUT_SECONDS

    workspace = Path(tempfile.mkdtemp(prefix="scratchnet-benchmark-"))
    try:
        assignment = args.assignment
        kinds = class_kinds(assignment, args.students)
        print(f"Building a course with {args.students} submissions of {assignment} ({len(set(kinds))} kinds) ...",
              flush=True)
        template = new_course(workspace / "template", REPO, assignment)
        make_class(template, assignment, args.students)
        runs = {}
        capacity_before = parallel_capacity(args.jobs)
        print(f"Grading {args.students} submissions on {os.cpu_count()} cores; {args.jobs} busy processes get "
              f"{capacity_before:.2f} cores' worth of work done right now:")
        if not args.no_stock_config:
            stock = copy_course(template, workspace / "stock")
            use_stock_config(stock)
            runs["stock"] = (stock, timed("1. nbgrader autograde, stock settings, serial", lambda: nbgrader(stock, "autograde", assignment)))
        if not args.no_serial:
            serial = copy_course(template, workspace / "serial")
            runs["serial"] = (serial, timed("2. nbgrader autograde, project config, serial", lambda: nbgrader(serial, "autograde", assignment)))
        parallel = copy_course(template, workspace / "parallel")
        runs["parallel"] = (parallel, timed(f"3. scratchnet autograde --jobs {args.jobs}",
                                            lambda: scratchnet(parallel, "autograde", assignment, "--jobs", str(args.jobs))))
        floor_wall, floor_cpu = floor_per_submission(parallel, assignment, kinds)

        grades = [cell_scores(course, assignment) for course, _ in runs.values()]
        capacity_after = parallel_capacity(args.jobs)
        print(f"\nResults for {args.students} submissions ({args.jobs} busy processes got {capacity_before:.2f} cores' "
              f"worth before the runs, {capacity_after:.2f} after; less than {args.jobs} means other work shared the machine)")
        for name, (_, run) in runs.items():
            per = run.cpu / args.students
            print(f"  {name:9s} {run.seconds:7.1f} s wall ({run.seconds / args.students:5.2f} s per submission)   "
                  f"CPU {per:5.2f} s per submission ({per / floor_cpu:4.2f}x the floor)   memory: peak "
                  f"{run.peak_total / 2**20:6.0f} MB together, largest process {run.largest_process_mb:5.0f} MB")
        if "stock" in runs:
            print(f"  speed-up of scratchnet autograde over stock serial nbgrader:       "
                  f"{runs['stock'][1].seconds / runs['parallel'][1].seconds:.2f}x")
        if "serial" in runs:
            print(f"  speed-up of scratchnet autograde over serial nbgrader, same config: "
                  f"{runs['serial'][1].seconds / runs['parallel'][1].seconds:.2f}x")
        print(f"  floor per submission (a sandboxed kernel started, each kind's cells run in it, stopped; weighted "
              f"as in the class): {floor_wall:.2f} s wall, {floor_cpu:.2f} s CPU")
        same = True
        for name, other in zip(runs, grades):
            if name == "parallel":
                continue
            strict, partial = differences(other, grades[-1], assignment)
            same = same and not strict
            print(f"  per-cell grades of {name} and parallel: {'identical' if not strict else 'DIFFERENT'}"
                  + (f", apart from {len(partial)} rubric cells where the project's config gives partial credit and "
                     f"stock nbgrader all or nothing (issue 14)" if partial else ""))
            for student, cell, theirs, ours in strict:
                print(f"    {student} {cell}: {name} {theirs}, parallel {ours}")
        return 0 if same else 1
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
