"""Where the course folder is: the directory that holds nbgrader_config.py."""
import os
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
    for folder in (start, *start.parents, Path(__file__).resolve().parents[1]):
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
