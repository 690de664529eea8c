"""Throw-away nbgrader courses for the grading tests: the kit's course folder copied under tmp_path.

A course gets the repository's nbgrader_config.py and source/, its own `nbgrader generate_assignment`
(hence its own gradebook.db), and submissions made from the release notebook with chosen code in
the solution cells. Grading always runs in the copy, never in the repository.
"""
import shutil
import subprocess
import sys

import nbformat
import pytest

from course_helpers import ASSIGNMENT, REPO, new_course
from scratchnet_solution.course.folder import venv_environment
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions, reference_solutions, write_submission

GRADING_NIGHT_MARKER = "# --- Grading night"
# A grading command that takes longer than this has hung: fail the test instead of waiting forever.
COMMAND_TIMEOUT_SECONDS = 600


def copy_course(template, root):
    shutil.copytree(template, root)
    return root


def add_config(root, text):
    """Append settings to the course's nbgrader_config.py (later lines win)."""
    with open(root / "nbgrader_config.py", "a") as config:
        config.write("\n" + text + "\n")


def use_stock_config(root):
    """Cut the course's config back to the lines above the grading-night section: stock nbgrader."""
    config = root / "nbgrader_config.py"
    config.write_text(config.read_text().split(GRADING_NIGHT_MARKER)[0])


def submission(root, code=None, stubs=()):
    """The release notebook with the reference solution for every function, except: `code` maps a
    function to replacement code, and functions in `stubs` keep the release stub."""
    source = read_notebook(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    chosen = {**reference_solutions(source), **(code or {})}
    release = read_notebook(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    return fill_solutions(release, {function: text for function, text in chosen.items() if function not in stubs})


def submit(root, student, notebook):
    """Hand in a notebook (or raw text, for broken files) as nbgrader expects to find it."""
    if not isinstance(notebook, str):
        return write_submission(root, student, notebook)
    path = root / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook)
    return path


def grade_cell(notebook, grade_id):
    """The cell with this grade_id (cells whose metadata a test damaged are passed over)."""
    return next(cell for cell in notebook.cells
                if isinstance(cell.metadata.get("nbgrader"), dict) and cell.metadata.nbgrader.get("grade_id") == grade_id)


def environment():
    """The tests' own environment, with this interpreter's scripts first on PATH (as `make` sets it)."""
    env = venv_environment()
    env["COLUMNS"] = "300"  # rich wraps its table at 80 columns without a terminal; tests search its text
    return env


def run(root, *command):
    return subprocess.run(command, cwd=root, env=environment(), capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)


def nbgrader(root, *args):
    return run(root, sys.executable, "-m", "nbgrader", *args)


def scratchnet(root, *args):
    return run(root, sys.executable, "-m", "scratchnet_solution.commands.cli", *args)


def cell_scores(root):
    """{student: {grade_id: auto_score}} read from the course's gradebook with nbgrader's API."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {student.id: {grade.name: grade.auto_score
                             for notebook in gb.find_submission(ASSIGNMENT, student.id).notebooks
                             for grade in notebook.grades}
                for student in gb.students}


def totals(root):
    return {student: sum(score or 0 for score in scores.values()) for student, scores in cell_scores(root).items()}


def autograded_notebook(root, student):
    return nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


@pytest.fixture(scope="module")
def course_template(tmp_path_factory):
    """One generated course per test module; each test grades in its own copy of it."""
    return new_course(tmp_path_factory.mktemp("template") / "course")


@pytest.fixture
def course(course_template, tmp_path):
    return copy_course(course_template, tmp_path / "course")
