"""The assignments the kit grades, one subpackage each, named by its nbgrader assignment id.

Each subpackage holds that assignment's reference answers (what the hidden checks compare with), its
checks, and the data and training loop its notebook gives students; the grading framework around them
(scratchnet_solution/grading/) is shared. The first assignment, "scratchnet", still lives at the
package's top level (network.py, checks.py, ...) and moves here with the rest of issue 12.
"""
import importlib

FIRST = "scratchnet"


def topics(assignment):
    """What a test cell's grade_id can start with, for `assignment`: the functions, then the end-to-end test."""
    if assignment == FIRST:
        from ..network import STUDENT_FUNCTIONS
        return (*STUDENT_FUNCTIONS, "xor")
    try:
        module = importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError:
        raise KeyError(f"no assignment {assignment!r} in scratchnet_solution/assignments/ (see the README, "
                       "\"Add an assignment\")") from None
    return module.TOPICS


def student_functions(assignment):
    """The functions students write in `assignment`, in notebook order (its topics without the end-to-end test)."""
    if assignment == FIRST:
        from ..network import STUDENT_FUNCTIONS
        return tuple(STUDENT_FUNCTIONS)
    topics(assignment)  # the same clear KeyError for an unknown assignment
    return tuple(importlib.import_module(f"{__name__}.{assignment}").STUDENT_FUNCTIONS)
