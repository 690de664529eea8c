"""FitLongLines: every line of a code cell's output in feedback fits 100 characters, so no one scrolls sideways.

HideHiddenTests cuts the grader's messages in test cells; what is left is whatever else a notebook prints:
the tracebacks of ungraded cells (IPython's frame header names the whole signature of the function it stopped
in: "Cell In[28], line 26, in train(X, Y, layer_dims, ...)", 135 characters in the second assignment) and the
student's own prints. A long line is cut at spaces and its continuation indented under it; colour is dropped
from the lines that are cut (their escape codes would otherwise count as characters), and a single word longer
than a line (a path) stays whole rather than broken where a copy would miss it.
"""
import textwrap

from traitlets import Integer

from scratchnet_solution.grading.wrapping import FEEDBACK_WIDTH
from scratchnet_solution.preprocessors.base import ANSI, FeedbackPreprocessor

# How far a continuation line is indented past the line it continues, and at most in all.
CONTINUATION_INDENT = 4
MAX_INDENT = 24


def fit_lines(text, width=FEEDBACK_WIDTH):
    """`text` with every line longer than `width` visible characters cut at spaces into several lines."""
    lines = []
    for line in text.split("\n"):
        plain = ANSI.sub("", line)
        if len(plain) <= width:
            lines.append(line)
            continue
        indent = " " * min(len(plain) - len(plain.lstrip()) + CONTINUATION_INDENT, MAX_INDENT)
        lines += textwrap.wrap(plain, width, subsequent_indent=indent, break_long_words=False,
                               break_on_hyphens=False, drop_whitespace=True) or [plain]
    return "\n".join(lines)


class FitLongLines(FeedbackPreprocessor):
    """Cut every output line of a code cell (tracebacks and streams) to `width` characters."""

    width = Integer(FEEDBACK_WIDTH, help="The longest line, in characters, a feedback page shows.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [fit_lines(entry, self.width) for entry in output.get("traceback", [])]
            elif output.get("output_type") == "stream":
                output["text"] = fit_lines(output.get("text", ""), self.width)
        return cell, resources
