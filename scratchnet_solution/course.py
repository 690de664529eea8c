"""Where the course folder is: the directory that holds nbgrader_config.py."""
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
