"""What the kit's tests share: the repository, and throwaway course folders to grade in."""
from pathlib import Path

from scratchnet_solution.course.folder import new_course as _new_course
from scratchnet_solution.course.folder import run_nbgrader as nbgrader  # noqa: F401 -- the tests' name for it

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "scratchnet"


def new_course(folder):
    """A copy of this repository's course in `folder`, with the assignment generated there."""
    return _new_course(folder, root=REPO)
