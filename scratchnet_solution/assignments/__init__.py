"""The assignments the kit grades, one subpackage each, named by its nbgrader assignment id.

Each subpackage holds that assignment's reference answers (what the hidden checks compare with), its
checks, and the data and training loop its notebook gives students; its __init__ names STUDENT_FUNCTIONS
and TOPICS. The grading framework around them (scratchnet_solution/grading/) is shared. All of this runs
in the grading kernel, inside hidden test cells.
"""
import importlib


def topics(assignment):
    """What a test cell's grade_id can start with, for `assignment`: the functions, then the end-to-end test."""
    try:
        module = importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError:
        raise KeyError(f"no assignment {assignment!r} in scratchnet_solution/assignments/ (see the README, "
                       "\"Add an assignment\")") from None
    return module.TOPICS


def topic_of(grade_id, topics):
    """The topic a test cell belongs to: the longest of `topics` its grade_id starts with (None: none)."""
    return next((t for t in sorted(topics, key=len, reverse=True) if grade_id.startswith(t)), None)


def student_functions(assignment):
    """The functions students write in `assignment`, in notebook order (its topics without the end-to-end test)."""
    topics(assignment)  # the same clear KeyError for an unknown assignment
    return tuple(importlib.import_module(f"{__name__}.{assignment}").STUDENT_FUNCTIONS)
