"""One grading process of `scratchnet autograde`: grades the students it is sent, one at a time.

Each student is graded by nbgrader's own Autograde converter, configured exactly as
`nbgrader autograde ASSIGNMENT --student ID` is (the course's nbgrader_config.py), so the grades
are nbgrader's. Starting nbgrader once per process instead of once per student is what keeps the
cost of a submission close to a kernel start plus its tests.

Several of these processes write the one gradebook.db. SQLite serialises the writes; a generous
busy timeout makes a writer wait its turn instead of failing, and a student whose grading still
hits "database is locked" is graded again from scratch.
"""
import logging
import os
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

# How long a gradebook writer waits for another process's write to finish.
SQLITE_BUSY_TIMEOUT_SECONDS = 120
# Attempts per student when the gradebook stays locked anyway.
LOCKED_DATABASE_ATTEMPTS = 3

# Log messages worth a line in the closing table, and how to say them there.
PROBLEM_PATTERNS = (
    (re.compile(r"The kernel died while running (.+?);"), "kernel died in {0}"),
    (re.compile(r"Cell (.+?) timed out after"), "{0} timed out"),
    (re.compile(r"Cell (.+?) timed out waiting for its output"), "{0} timed out"),
    (re.compile(r"The kernel ignored the interrupt"), "kernel ignored the interrupt, replaced"),
    (re.compile(r"not run: the kernel died"), "later cells not run (kernel kept dying)"),
    (re.compile(r"The output of cell (.+?) was truncated"), "output of {0} truncated"),
    (re.compile(r"Missing grade cell (\S+) encountered"), "re-added deleted cell {0}"),
    (re.compile(r"Cell with id '(.+?)' exists multiple times"), "duplicated cell {0}"),
    (re.compile(r"Attribute '(cell_type|locked|points)' for cell (\S+) has changed"), "{1}: {0} changed, restored"),
    (re.compile(r"Test cell (\S+) was edited by the student"), "{0} edited, restored"),
    (re.compile(r"Restored the damaged nbgrader metadata of cell '(.+?)'"), "damaged metadata of {0}, restored"),
    (re.compile(r"Removed nbgrader metadata naming no cell"), "unknown nbgrader metadata removed"),
    (re.compile(r"NOT sandboxed"), "not sandboxed"),
    (re.compile(r"Sandbox blocked processes: (\d+) .*? \(cell (.+?)\)\.$"), "fork bomb stopped in {1}"),
    (re.compile(r"Sandbox blocked (read|write|connect): (.{0,60}).*? \(cell (.+?)\)\.$"), "sandbox blocked {0} in {2}"),
)


class GradingCannotStart(Exception):
    """The course is not ready for grading; the message says what to do."""


def notebook_problem(path):
    """None if the file reads as a notebook, else a sentence saying what is wrong with it."""
    from scratchnet_solution.course.notebooks import NotebookError, read_notebook

    try:
        read_notebook(os.path.relpath(path))
    except NotebookError as error:
        return str(error)
    return None


# nbgrader's closing error lines, which say nothing about this submission.
NBGRADER_BOILERPLATE = ("There was an error processing assignment", "Please see the")


@dataclass
class StudentResult:
    """What the closing table shows for one student."""

    student: str
    status: str  # "graded", "kept" (already graded, not forced), "failed"
    score: float = 0.0
    max_score: float = 0.0
    problems: list = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


class ProblemCollector(logging.Handler):
    """Collects the log lines of one student's grading that an instructor should see in the table."""

    def __init__(self):
        super().__init__(logging.INFO)  # INFO: "Skipping existing assignment" says a submission was kept
        self.problems, self.messages, self.errors = [], [], []

    def last_error(self):
        return self.errors[-1] if self.errors else "nbgrader could not grade this submission"

    def emit(self, record):
        message = record.getMessage()
        self.messages.append(message)
        if record.levelno >= logging.ERROR and not message.startswith(NBGRADER_BOILERPLATE):
            # A logged traceback ends with the exception, which is the part worth showing.
            lines = message.strip().splitlines()
            self.errors.append((lines[-1] if "Traceback (most recent call last)" in message else lines[0]).strip())
        for pattern, wording in PROBLEM_PATTERNS:
            match = pattern.search(message)
            if match and wording.format(*match.groups()) not in self.problems:
                self.problems.append(wording.format(*match.groups()))


def with_busy_timeout(db_url):
    """The gradebook URL with SQLite's busy timeout raised (other URLs are left alone)."""
    if db_url.startswith("sqlite:///") and "?" not in db_url:
        return f"{db_url}?timeout={SQLITE_BUSY_TIMEOUT_SECONDS}"
    return db_url


class Grader:
    """nbgrader's autograde app, set up once from the course's config, grading one student per call."""

    def __init__(self, assignment):
        from nbgrader.apps.autogradeapp import AutogradeApp

        self.app = AutogradeApp()
        self.app.initialize([assignment])
        self.app.coursedir.assignment_id = assignment
        self.app.coursedir.db_url = with_busy_timeout(self.app.coursedir.db_url)
        self.assignment = assignment
        self.check_assignment()

    def check_assignment(self):
        """Refuse to start (with what to do) unless the gradebook exists and knows the assignment."""
        from nbgrader.api import Gradebook, MissingEntry

        advice = f"run `nbgrader generate_assignment {self.assignment}` in the course folder first"
        database = self.app.coursedir.db_url.removeprefix("sqlite:///").split("?")[0]
        if self.app.coursedir.db_url.startswith("sqlite:///") and not Path(database).is_file():
            raise GradingCannotStart(f"there is no gradebook at {database}: {advice}.")
        with Gradebook(self.app.coursedir.db_url, self.app.coursedir.course_id) as gb:
            try:
                gb.find_assignment(self.assignment)
            except MissingEntry:
                raise GradingCannotStart(f"the gradebook has no assignment '{self.assignment}': {advice}.") from None

    def sandbox_state(self):
        """How the configured executor runs kernels: ("sandboxed", which bwrap), ("off", why) or ("refused", why)."""
        from scratchnet_solution.preprocessors.robustexecute import RobustExecute
        from scratchnet_solution.sandbox.kernelmanager import SandboxedKernelManager, find_bwrap, refusal_message

        executors = [str(pp) for pp in self.app.config.Autograde.get("autograde_preprocessors", [])]
        if not any("RobustExecute" in name for name in executors):
            return "off", f"nbgrader_config.py does not execute with {RobustExecute.__module__}.RobustExecute"
        manager = SandboxedKernelManager(config=self.app.config)
        if not manager.sandbox:
            return "off", "nbgrader_config.py sets c.SandboxedKernelManager.sandbox = False"
        found = find_bwrap(manager.bwrap)
        if found.problem:
            return "refused", refusal_message(found.problem)
        return "sandboxed", found.path

    def notebook_path(self, student):
        coursedir = self.app.coursedir
        return Path(coursedir.format_path(coursedir.submitted_directory, student, self.assignment)) / f"{self.assignment}.ipynb"

    def grade(self, student, force):
        """Grade one student; never raises."""
        started = time.monotonic()
        result = StudentResult(student, "failed")
        for _ in range(LOCKED_DATABASE_ATTEMPTS):
            collector = self.run_autograde(student, force, result)
            if not any("database is locked" in message for message in collector.messages):
                break
        result.problems = collector.problems
        if result.status == "failed" and not result.error:
            broken = notebook_problem(self.notebook_path(student))
            if broken:
                result.error = f"{broken} Scored 0: fix or replace the file, then grade again."
                self.record_zero(student)
            else:
                result.error = f"{collector.last_error()} (details in the log)"
        self.read_score(result)
        result.seconds = time.monotonic() - started
        return result

    def run_autograde(self, student, force, result):
        from nbgrader.converters import Autograde
        from nbgrader.converters.base import NbGraderException

        collector = ProblemCollector()
        self.app.log.addHandler(collector)
        self.app.log.info("=== Grading %s ===", student)
        self.app.coursedir.student_id = student
        converter = Autograde(coursedir=self.app.coursedir, parent=self.app)
        converter.force = force
        try:
            converter.start()
            kept = any(message.startswith("Skipping existing assignment") for message in collector.messages)
            result.status = "kept" if kept else "graded"
        except NbGraderException:
            result.status = "failed"
        except Exception as error:  # a grader bug must cost one student, not the class
            self.app.log.error("Grading %s failed:\n%s", student, traceback.format_exc())
            result.status, result.error = "failed", f"grader error: {type(error).__name__}: {error}"
        finally:
            self.app.log.removeHandler(collector)
            self.app.coursedir.student_id = "*"
        return collector

    def record_zero(self, student):
        """A submission that cannot be graded scores 0 rather than waiting for a manual grade."""
        from nbgrader.api import Gradebook

        with Gradebook(self.app.coursedir.db_url, self.app.coursedir.course_id) as gb:
            gb.update_or_create_student(student)
            submission = gb.update_or_create_submission(self.assignment, student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.manual_score is None:
                        grade.auto_score, grade.needs_manual_grade = 0, False
            gb.db.commit()

    def read_score(self, result):
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.app.coursedir.db_url, self.app.coursedir.course_id) as gb:
            try:
                submission = gb.find_submission(self.assignment, result.student)
            except MissingEntry:
                return
            result.score, result.max_score = submission.score, submission.max_score


def serve(connection, course_root, assignment, log_path):
    """Worker main loop: receive (student, force), send back a StudentResult as a dict; None stops."""
    # nbgrader's log and anything a kernel writes to our stdout/stderr go to the run's log file.
    log_file = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log_file, 1)
    os.dup2(log_file, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    os.chdir(course_root)
    try:
        grader = Grader(assignment)
        connection.send({"ready": True, "sandbox": grader.sandbox_state()})
    except GradingCannotStart as error:
        connection.send({"ready": False, "error": str(error)})
        return
    except BaseException as error:  # a broken config: say why instead of dying silently
        traceback.print_exc()
        connection.send({"ready": False, "error": f"{type(error).__name__}: {error}"})
        return
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        student, force = request
        connection.send(asdict(grader.grade(student, force)))
