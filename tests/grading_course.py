"""Throw-away nbgrader courses for the grading tests: the kit's course folder copied under tmp_path.

A course gets the repository's nbgrader_config.py and source/, its own `nbgrader generate_assignment`
(hence its own gradebook.db), and submissions made from the release notebook with chosen code in
the solution cells. Grading always runs in the copy, never in the repository.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from scratchnet_solution.course import venv_environment

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "scratchnet"
FUNCTIONS = ("sigmoid", "forward", "compute_loss", "backward", "update_weights")
GRADING_NIGHT_MARKER = "# --- Grading night"
MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", re.M)
# A grading command that takes longer than this has hung: fail the test instead of waiting forever.
COMMAND_TIMEOUT_SECONDS = 600


def build_course(root):
    """A new course folder at root with the assignment generated into its own gradebook."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(REPO / "source", root / "source")
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    return root


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


def reference_solutions(root):
    """{function: solution code} from the course's source notebook, markers removed."""
    notebook = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    solutions = {}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("solution_"):
            solutions[grade_id.removeprefix("solution_")] = MARKERS.sub("", cell.source)
    return solutions


def release_notebook(root):
    return nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def submission(root, code=None, stubs=()):
    """The release notebook with the reference solution for every function, except: `code` maps a
    function to replacement code, and functions in `stubs` keep the release stub."""
    chosen = {**reference_solutions(root), **(code or {})}
    notebook = release_notebook(root)
    for cell in notebook.cells:
        function = cell.metadata.get("nbgrader", {}).get("grade_id", "").removeprefix("solution_")
        if function in chosen and function not in stubs and cell.metadata.nbgrader.get("solution"):
            cell.source = chosen[function]
    return notebook


def submit(root, student, notebook):
    """Hand in a notebook (or raw text, for broken files) as nbgrader expects to find it."""
    folder = root / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ASSIGNMENT}.ipynb"
    if isinstance(notebook, str):
        path.write_text(notebook)
    else:
        nbformat.write(notebook, path)
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
    return run(root, sys.executable, "-m", "scratchnet_solution.cli", *args)


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
    return build_course(tmp_path_factory.mktemp("template") / "course")


@pytest.fixture
def course(course_template, tmp_path):
    return copy_course(course_template, tmp_path / "course")
