"""What a check finds: a Report for the verdict, and the CheckFailed family a check raises to stop at a problem."""
from dataclasses import dataclass, field

from scratchnet_solution.grading.wrapping import wrapped


@dataclass
class Report:
    """Outcome of one check: `ok`, and a message a student can act on when it is not.

    Checks graded by a rubric (the first assignment's rubric.py) also give the points earned of `max_points` and every
    deduction with its cause id; `check_own_work` leaves points to the visible part (None).
    Integrity findings void the function: `integrity` lists them, and the points are 0.
    """

    function: str
    ok: bool
    message: str = ""
    points: float = None
    max_points: float = None
    deductions: list = field(default_factory=list)  # verdicts.Deduction
    integrity: list = field(default_factory=list)  # verdicts.Finding
    cause: str = ""  # the cause id of a failed check graded without a rubric (`<function>.<cause>`)

    def __post_init__(self):
        # Read in the notebook, the feedback page and the formgrader: lines that fit without scrolling.
        self.message = wrapped(self.message)

    def __bool__(self):
        return self.ok


class CheckFailed(Exception):
    """Raised inside a check to stop at the first problem found; `cause` is the id of its diagnosis."""

    def __init__(self, message, cause=None):
        super().__init__(message)
        self.cause = cause


class CallTimedOut(CheckFailed):
    """A student function did not return within its time limit, now or in an earlier check."""


class ReferenceUsed(CheckFailed):
    """Student code called the grader's reference while it ran."""


class NotComputed(CheckFailed):
    """The results do not follow the inputs (hard-coded): an integrity finding, not a mistake."""
