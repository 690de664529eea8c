"""Where the course folder is: the directory that holds nbgrader_config.py."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ASSIGNMENT = "scratchnet"
CONFIG_NAME = "nbgrader_config.py"


class CourseNotFound(Exception):
    """Raised when no nbgrader course folder can be found."""


def course_root(start=None):
    """The nearest folder at or above `start` (default: the working directory) holding nbgrader_config.py.

    Falls back to the folder this package was installed from, which is the course folder in the
    usual editable install of the kit.
    """
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents, Path(__file__).resolve().parents[2]):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise CourseNotFound(
        f"No {CONFIG_NAME} found in {start} or above. Run this from the course folder (the clone of the kit)."
    )


def venv_environment():
    """This environment with the running interpreter's bin folder first on PATH.

    nbgrader runs helpers by name (alembic for the gradebook, jupyter for kernels); they must come from
    the same installation as the kit, even when nobody activated the virtualenv.
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


class NbgraderFailed(RuntimeError):
    """An nbgrader command exited with an error; the message ends with the last lines it printed."""


def run_nbgrader(course, *args, check=True):
    """Run `nbgrader ARGS` in a course folder with the kit's own installation; with check, fail loudly."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                            env=venv_environment())
    if check and result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise NbgraderFailed(f"`nbgrader {' '.join(args)}` failed in {course}:\n{tail}")
    return result


def new_course(folder, root=None, assignment=ASSIGNMENT):
    """A copy of the course (config and source) in `folder`, with the assignment generated there.

    Tests and the corpus grade in such throwaway copies, never in the real course folder.
    """
    root = Path(root or course_root())
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / CONFIG_NAME, folder)
    shutil.copytree(root / "source", folder / "source", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".pytest_cache"))
    run_nbgrader(folder, "generate_assignment", assignment, "--force")
    return folder
