"""A whole term through nbgrader's exchange (issue 11), as on a shared server.

The instructor generates and releases the assignment; three students fetch it into their own homes,
work, and submit (one twice: the second hand-in must be the one graded); the instructor collects,
grades with `scratchnet autograde`, generates and releases feedback; each student fetches their own
feedback; the grades are exported and the class report written.

The exchange lives in a temporary folder, as in nbgrader's own tests (`Exchange.root`). Students get
their settings as a shared server gives them: a config file in their home (on a server,
/etc/jupyter/nbgrader_config.py). On a server each student is their own Unix user; here everyone is the
same user, so each student's nbgrader is told its user name (nbgrader takes it from the password
database: the shim below replaces that one lookup, and nothing else).
"""
import csv
import os
import stat
import sys
import time

import pytest

from grading_course import (  # course_template and course are fixtures
    course, course_template, add_config, environment, nbgrader, scratchnet)
from scratchnet_solution.corpus.entries import load_entry
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions
from course_helpers import REPO

pytestmark = pytest.mark.slow
ASSIGNMENT = "scratchnet"
STUDENT_NBGRADER = ("import sys, nbgrader.utils\n"
                    "user = sys.argv.pop(1)\n"
                    "nbgrader.utils.get_osusername = lambda: user\n"
                    "from nbgrader.apps.nbgraderapp import main\n"
                    "sys.exit(main())\n")


def corpus_code(name):
    return load_entry(REPO / "tests" / "corpus" / f"{name}.py").code_by_function


class Student:
    """One student on the shared server: a home folder, a config file there, their own nbgrader."""

    def __init__(self, name, homes, exchange):
        self.name, self.home = name, homes / name
        (self.home / ".jupyter").mkdir(parents=True)
        (self.home / ".jupyter" / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {ASSIGNMENT!r}\n")

    def nbgrader(self, *args):
        import subprocess

        env = environment()
        env["HOME"] = str(self.home)
        for variable in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "XDG_DATA_HOME",
                         "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"):
            env.pop(variable, None)
        result = subprocess.run([sys.executable, "-c", STUDENT_NBGRADER, self.name, *args], cwd=self.home, env=env,
                                capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        assert result.returncode == 0, f"{self.name}: nbgrader {' '.join(args)}\n{result.stderr[-3000:]}"
        return result

    @property
    def notebook(self):
        return self.home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

    def work(self, code_by_function):
        """Fill in the fetched notebook, as the student would in Jupyter."""
        import nbformat

        nbformat.write(fill_solutions(read_notebook(self.notebook), code_by_function), self.notebook)


def test_a_whole_term_through_the_exchange(course, tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # as the README says to make it: everyone enters and writes
    add_config(course, f"c.Exchange.root = {str(exchange)!r}")

    def instructor(*args):
        result = nbgrader(course, *args)
        assert result.returncode == 0, f"nbgrader {' '.join(args)}\n{result.stderr[-3000:]}"
        return result

    instructor("release_assignment", ASSIGNMENT)
    # What the README says of the exchange's permissions: anyone may enter and write the root; students
    # may read the released files; they may put a submission into inbound/ but not list other students'.
    mode = lambda path: stat.S_IMODE(path.stat().st_mode)
    assert mode(exchange) == 0o777
    assert mode(exchange / ASSIGNMENT / "outbound") & 0o005 == 0o005
    assert mode(exchange / ASSIGNMENT / "inbound") & 0o007 == 0o003
    students = {name: Student(name, tmp_path / "home", exchange) for name in ("ada", "bob", "cy")}
    for student in students.values():
        student.nbgrader("fetch_assignment", ASSIGNMENT)
        assert student.notebook.is_file() and (student.home / ASSIGNMENT / "test_selfcheck.py").is_file()

    students["ada"].work(corpus_code("correct_reference"))
    students["ada"].nbgrader("submit", ASSIGNMENT)
    students["bob"].work(corpus_code("mistake_backward_forgets_mean"))
    students["bob"].nbgrader("submit", ASSIGNMENT)
    time.sleep(1.1)  # nbgrader names submissions by the second; bob resubmits after fixing backward
    students["bob"].work(corpus_code("correct_reference"))
    students["bob"].nbgrader("submit", ASSIGNMENT)
    students["cy"].work(corpus_code("partial_sigmoid_forward"))
    students["cy"].nbgrader("submit", ASSIGNMENT)
    listed = students["bob"].nbgrader("list", "--inbound", ASSIGNMENT)
    assert (listed.stdout + listed.stderr).count(f"bob {ASSIGNMENT}") == 2

    instructor("collect", ASSIGNMENT)
    assert sorted(os.listdir(course / "submitted")) == ["ada", "bob", "cy"]
    graded = scratchnet(course, "autograde", ASSIGNMENT, "--jobs", "2")
    assert graded.returncode == 0, graded.stderr[-3000:]
    instructor("generate_feedback", ASSIGNMENT)
    instructor("release_feedback", ASSIGNMENT)
    assert mode(exchange / ASSIGNMENT / "feedback") & 0o007 == 0o001  # fetched by a hash of one's own hand-in

    for name, student in students.items():
        student.nbgrader("fetch_feedback", ASSIGNMENT)
        pages = list((student.home / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(pages) == 1, (name, pages)  # bob: feedback for the graded (second) hand-in only
        page = pages[0].read_text()
        assert "BEGIN HIDDEN TESTS" not in page
    cy_page = next((students["cy"].home / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html")).read_text()
    assert "NotImplementedError" in cy_page  # cy's feedback says what is not done yet

    instructor("export", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    # bob's second hand-in is the one graded; cy did sigmoid and forward only.
    assert scores == {"ada": 100.0, "bob": 100.0, "cy": 25.0}

    report = scratchnet(course, "report", ASSIGNMENT)
    assert report.returncode == 0, report.stderr
    with open(course / "reports" / f"{ASSIGNMENT}-report.csv", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert {student: row["score"] for student, row in rows.items()} == {"ada": "100", "bob": "100", "cy": "25"}
    assert rows["cy"]["follow_up"] == "score 25 of 100"
