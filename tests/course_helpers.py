"""Throwaway nbgrader course folders for tests: a copy of the course with the assignment generated."""
import shutil
import subprocess
import sys
from pathlib import Path

from scratchnet_solution.course import venv_environment

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "scratchnet"


def nbgrader(course, *args, check=True):
    """Run nbgrader in a course folder with this interpreter's installation."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                            env=venv_environment())
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return result


def new_course(folder):
    """A copy of the course (config and source) in `folder`, with the assignment generated there."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", folder)
    shutil.copytree(REPO / "source", folder / "source", ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    return folder
