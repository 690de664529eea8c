"""The one call a hidden test region makes: check one function of one assignment and publish the verdict.

    import sys as _s; _stale = {m: _s.modules.pop(m) for m in list(_s.modules) if m.partition(".")[0] == "scratchnet_solution"}
    __import__("scratchnet_solution.grading.hidden_cell", fromlist=["grade"]).grade(
        "scratchnet_deep", globals(), "linear_forward", "linear_forward_matches_reference", _stale)

The first line drops every module of the grader the notebook may already hold, so the import is afresh
and nothing the notebook did to an earlier import reaches this one (the dropped modules are handed over
so the integrity checks can see whether they were changed).
"""
import importlib

from scratchnet_solution.grading.verdicts import conclude


def grade(assignment, namespace, topic, cell, stale_modules=None):
    """Run `assignment`'s check of `topic` on the student's namespace; publish its verdict for test cell `cell`.

    The cell fails (AssertionError with the check's message) when the function earned nothing.
    """
    checks = importlib.import_module(f"scratchnet_solution.assignments.{assignment}.checks")
    conclude(checks.check(topic, namespace, stale_modules, cell), cell)
