"""Verdict records, published by the hidden part of every graded test cell (this runs in the kernel).

`conclude` ends the hidden part of a test cell: it publishes the check's verdict as one
`display_data` output of type VERDICT_MIME (JSON, no text/plain, so nothing shows in the notebook or
the feedback), prints a partly right function's deductions, and fails the cell when the function
earned nothing. The grader turns verdicts into points (preprocessors/gradefromverdicts.py). This module stays light:
it is imported in every graded cell.

A verdict: {"cell": grade_id, "function": "backward" (or "xor"), "points": earned, "max_points": max,
"deductions": [{"id": "backward.bias_grad_shape_flat", "points": 3, "message": "..."}],
"integrity": [{"id": "integrity.reference_used", "message": "..."}], "cause": ""}; `cause` names why a check
graded without a rubric failed (its cell's points are lost under that id). Cause ids are stable
(`<function>.<cause>`, diagnosis.py); the class report counts them, never the wording.
"""
from dataclasses import dataclass

VERDICT_MIME = "application/vnd.scratchnet.verdict+json"


@dataclass(frozen=True)
class Deduction:
    """Points taken off, why (a sentence), and the stable id of the cause (`backward.bias_grad_shape_flat`)."""

    id: str
    points: float
    message: str

    def as_record(self):
        return {"id": self.id, "points": self.points, "message": self.message}


@dataclass(frozen=True)
class Finding:
    """An integrity finding: the work was not the student's own, or the grader was interfered with."""

    id: str
    message: str

    def as_record(self):
        return {"id": self.id, "message": self.message}


def verdict_outputs(cell):
    """The verdict records among a notebook cell's outputs."""
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "display_data" and VERDICT_MIME in o.get("data", {})]


def record(report, cell):
    """The verdict of one check for one test cell, as JSON-ready data."""
    return {"cell": cell, "function": report.function, "points": report.points, "max_points": report.max_points,
            "deductions": [d.as_record() for d in report.deductions],
            "integrity": [f.as_record() for f in report.integrity], "cause": getattr(report, "cause", "")}


def publish(verdict):
    """Publish a verdict as display_data with only the verdict type; outside IPython there is nowhere to."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and getattr(shell, "display_pub", None) is not None:
        shell.display_pub.publish(data={VERDICT_MIME: verdict}, metadata={})


def conclude(report, cell):
    """The end of a hidden test part: publish the verdict; print deductions; fail when nothing was earned."""
    publish(record(report, cell))
    if report.points is None or report.points == 0:
        if not report.ok:
            raise AssertionError(report.message)
    elif report.deductions:
        print(report.message)
