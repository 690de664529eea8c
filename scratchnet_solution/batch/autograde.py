"""Grading a whole class in parallel into nbgrader's gradebook (the engine of `scratchnet autograde`).

Grades land in the same gradebook.db and autograded/ folders as `nbgrader autograde`, so
feedback, export and the formgrader work unchanged. Each of `--jobs` processes (see
worker.py) grades one submission at a time with nbgrader's own converter; this process
hands out submissions, shows progress and prints a closing table. A process that dies or
hangs costs only the submission it was grading; it is replaced and the run goes on.
"""
import multiprocessing
import os
import time
from collections import deque
from multiprocessing.connection import wait

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from scratchnet_solution.course import permissions as course_permissions, readiness as assignment_setup
from scratchnet_solution.batch.worker import StudentResult, serve
from scratchnet_solution.sandbox.kernelmanager import unsandboxed_warning
from scratchnet_solution.grading.wrapping import fill

LOG_NAME = "autograde.log"
# A whole notebook should take seconds; per-cell timeouts bound it. This only catches a stuck grader.
STUDENT_TIME_LIMIT_SECONDS = 3600
# How long a new grading process may take to load nbgrader and report ready.
WORKER_START_SECONDS = 120


class GradingWorker:
    """One grading process and the submission it is working on."""

    def __init__(self, context, root, assignment, log_path):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, str(root), assignment, str(log_path)), daemon=True)
        self.process.start()
        child.close()
        self.student, self.started = None, 0.0

    def ready_message(self):
        if not self.connection.poll(WORKER_START_SECONDS):
            return {"ready": False, "error": f"a grading process did not start within {WORKER_START_SECONDS} s"}
        try:
            return self.connection.recv()
        except EOFError:
            return {"ready": False, "error": "a grading process exited while starting"}

    def send(self, student, force):
        self.student, self.started = student, time.monotonic()
        self.connection.send((student, force))

    def stop(self):
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()  # its sandboxed kernels die with it (bwrap --die-with-parent)
            self.process.join()


def find_students(root, assignment, wanted):
    """The students to grade, or an error message naming the ones with no submission."""
    submitted = root / "submitted"
    present = sorted(path.parent.name for path in submitted.glob(f"*/{assignment}") if path.is_dir())
    if wanted:
        missing = [student for student in wanted if student not in present]
        if missing:
            return None, (f"No submission of '{assignment}' from {', '.join(missing)}: expected "
                          f"{submitted}/<student>/{assignment}/. Check the IDs (students with submissions: "
                          f"{', '.join(present[:10]) or 'none'}{', ...' if len(present) > 10 else ''}).")
        return list(dict.fromkeys(wanted)), None
    if not present:
        return None, (f"No submissions of '{assignment}' found in {submitted}/<student>/{assignment}/. "
                      "Collect them first (e.g. `nbgrader collect` or `nbgrader zip_collect`).")
    return present, None


def new_log(root):
    """An empty autograde.log only its owner can read: it names students and their errors."""
    log_path = root / LOG_NAME
    os.close(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    return log_path


def say(console, log_path, text, style=""):
    """Print a message and write it to the log too, so the log explains every error the console shows."""
    console.print(fill(text), style=style, markup=False, highlight=False, soft_wrap=True)
    log_only(log_path, text)


def log_only(log_path, text):
    with open(log_path, "a") as log:
        log.write(f"[scratchnet autograde] {text}\n")


def prepare_course(root, assignment, err, log_path):
    """Warn when other users can read private parts; record the assignment when the gradebook lacks it.

    Returns None when grading can go on, else why it cannot.
    """
    warning = course_permissions.warning(root)
    if warning:
        say(err, log_path, warning, "bold red")
    try:
        added = assignment_setup.ensure_in_gradebook(root, assignment)
    except assignment_setup.NotReady as error:
        return str(error)
    if added:
        say(err, log_path, f"Gradebook: {added}.")
    return None


def start_workers(context, root, assignment, log_path, count, err):
    """Start `count` grading processes; None (after saying why) when they cannot grade."""
    workers = [GradingWorker(context, root, assignment, log_path) for _ in range(count)]
    messages = [worker.ready_message() for worker in workers]
    broken = next((message for message in messages if not message.get("ready")), None)
    if broken:
        for worker in workers:
            worker.stop()
        say(err, log_path, f"Cannot grade: {broken['error']} (details in {log_path})", "red")
        return None
    state, detail = messages[0]["sandbox"]
    if state == "refused":
        for worker in workers:
            worker.stop()
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"Cannot grade: {detail}\n")
        err.print(f"[bold red]Cannot grade.[/bold red] {detail} (also in {log_path})", soft_wrap=True)
        return None
    if state == "off":
        err.print(f"[bold red]{unsandboxed_warning(detail)}[/bold red]")
    else:
        err.print(f"Student code runs in the bubblewrap sandbox ({detail}): only its own folder writable, "
                  "no network, no home folders, memory, CPU and process limits.")
    return workers


def grade_class(root, assignment, students, jobs, force, log_path, err):
    """{student: StudentResult}, grading `jobs` students at a time; None if grading cannot start."""
    context = multiprocessing.get_context("spawn")  # a clean interpreter: nothing of ours leaks into grading
    workers = start_workers(context, root, assignment, log_path, jobs, err)
    if workers is None:
        return None
    pending, results = deque(students), {}
    columns = (TextColumn("Grading"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[failed]} failed"),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    try:
        with Progress(*columns, console=err) as progress:
            task = progress.add_task("grading", total=len(students), failed=0)
            while pending or any(worker.student for worker in workers):
                for worker in workers:
                    if worker.student is None and pending:
                        worker.send(pending.popleft(), force)
                # Sleep until a worker answers; a freed worker gets its next student right after this
                # loop's collect, not after another wait (which cost up to 0.5 s per submission).
                wait([worker.connection for worker in workers if worker.student], timeout=0.5)
                for index, worker in enumerate(workers):
                    result = collect(worker)
                    if result is None:
                        continue
                    results[result.student] = result
                    if not worker.process.is_alive():
                        workers[index] = GradingWorker(context, root, assignment, log_path)
                        workers[index].ready_message()
                    progress.update(task, advance=1, failed=sum(r.status == "failed" for r in results.values()))
    finally:
        for worker in workers:
            worker.stop()
    return results


def collect(worker):
    """The finished student's result, a failure if the process died or hung, or None while it works."""
    if worker.student is None:
        return None
    student = worker.student
    try:
        if worker.connection.poll():
            worker.student = None
            return StudentResult(**worker.connection.recv())
    except (EOFError, OSError):
        pass
    else:
        if worker.process.is_alive() and time.monotonic() - worker.started < STUDENT_TIME_LIMIT_SECONDS:
            return None
    worker.student = None
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
        error = f"grading took longer than {STUDENT_TIME_LIMIT_SECONDS} s and was stopped"
    else:
        error = f"the grading process died (exit code {worker.process.exitcode})"
    return StudentResult(student, "failed", error=f"{error}; see the log, then grade this student again.")


def print_table(results, console):
    table = Table(title="Autograde results", show_lines=False)
    for column, justify in (("Student", "left"), ("Score", "right"), ("Time", "right"), ("Problems", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for student in sorted(results):
        result = results[student]
        score = f"{result.score:g} / {result.max_score:g}"
        notes = list(result.problems)
        if result.status == "failed":
            score, notes = f"[red]{score}[/red]", [f"[red]FAILED: {result.error}[/red]", *notes]
        elif result.status == "kept":
            notes.insert(0, "already graded, kept (use --force to grade again)")
        table.add_row(student, score, f"{result.seconds:.1f} s", "; ".join(notes) or "-")
    console.print(table)


def summarise(results, assignment, seconds, jobs, log_path, err):
    """Print the closing line; the exit code is 1 when any submission could not be graded."""
    failed = sorted(student for student, result in results.items() if result.status == "failed")
    graded = sum(result.status == "graded" for result in results.values())
    kept = sum(result.status == "kept" for result in results.values())
    say(err, log_path, f"Graded {graded}, kept {kept}, failed {len(failed)} of {len(results)} submissions "
                       f"in {seconds:.1f} s with {jobs} job(s). Full log: {log_path}")
    for student in failed:
        log_only(log_path, f"Not graded: {student}: {results[student].error}")
    if failed:
        say(err, log_path, f"Not graded: {', '.join(failed)}. Fix what the table says, then run "
                           f"`scratchnet autograde {assignment} --student {' '.join(failed)}` again.", "red")
    return 1 if failed else 0
