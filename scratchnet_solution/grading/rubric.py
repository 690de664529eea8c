"""A rubric: the parts of a function's hidden test cell and their points, and the feedback of a partly right one.

Every assignment grades its functions this way (assignments/<id>/rubric.py names the parts): each part
that is right earns its points, and a function none of whose core parts is right earns nothing at all,
whatever else it gets right. A part taken off is a verdicts.Deduction with its cause id.
"""
import textwrap
from dataclasses import dataclass

# Lines of feedback are wrapped to this width, so they read well in the notebook and the HTML.
LINE_WIDTH = 100


@dataclass(frozen=True)
class Part:
    key: str
    points: int
    what: str
    core: bool = False  # a function none of whose core parts is right earns nothing at all


@dataclass(frozen=True)
class Rubric:
    function: str
    cell: str  # grade_id of the hidden test cell the rubric grades
    parts: tuple

    @property
    def max_points(self):
        return sum(part.points for part in self.parts)

    def part(self, key):
        return next(part for part in self.parts if part.key == key)


def wrap(text, indent=""):
    """Text as lines of at most LINE_WIDTH characters."""
    return "\n".join(textwrap.wrap(text, LINE_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                                   break_long_words=False, break_on_hyphens=False))


def deduction_line(deduction, max_points):
    """'<message>: -3 of 25', wrapped."""
    return wrap(f"{deduction.message.rstrip('. ')}: -{deduction.points:g} of {max_points:g}", indent="  ")


def summary(function, points, max_points, deductions):
    """What a partly right function reads in its feedback: the points, then one line per deduction."""
    lines = [f"{function}: {points:g} of {max_points:g} points from the hidden checks."]
    lines += [deduction_line(d, max_points) for d in deductions]
    return "\n".join(lines)
