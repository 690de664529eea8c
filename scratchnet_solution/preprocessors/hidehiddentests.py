"""Feedback students can read without seeing the hidden tests.

`nbgrader generate_feedback` renders the autograded notebook, whose test cells hold the hidden regions
again (autograde restores them) and whose tracebacks quote the lines around the failing assert. This
preprocessor, listed in nbgrader_config.py, takes both out of test cells and keeps the failure
message itself, which is what the student needs.
"""
import re

from nbgrader import utils
from traitlets import Unicode

from scratchnet_solution.grading.verdicts import verdict_outputs
from scratchnet_solution.grading.wrapping import fitted
from scratchnet_solution.preprocessors.base import ANSI, FeedbackPreprocessor

PACKAGE = __name__.partition(".")[0]
# IPython's frame of the cell itself ("Cell In[19], line 5"), and its quoted lines ("----> 5 assert ...").
CELL_FRAME = re.compile(r"\s*(Cell In\s*\[|Input In\s*\[)")
QUOTED_LINE = re.compile(r"(\s*(?:-*>)?\s*)(\d+)(.*)")


class HideHiddenTests(FeedbackPreprocessor):
    """Remove hidden test regions from test cells, every trace of them from those cells' tracebacks, and
    the grader's verdict records."""

    begin = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end = Unicode("END HIDDEN TESTS").tag(config=True)

    def hidden_lines(self, source):
        """(visible source, the stripped lines of its hidden regions, {line number: visible line number})."""
        visible, hidden, numbers, inside = [], [], {}, False
        for number, line in enumerate(source.split("\n"), start=1):
            if self.begin in line:
                inside = True
            if inside:
                hidden.append(line.strip())
            else:
                visible.append(line)
                numbers[number] = len(visible)
            if self.end in line:
                inside = False
        return "\n".join(visible).rstrip("\n"), [line for line in hidden if line], numbers

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        cell.source, hidden, numbers = self.hidden_lines(cell.source)
        # The verdict records are for the grader (and the class report), with no form a page can show:
        # nbconvert would warn on every feedback run that it cannot represent them.
        records = verdict_outputs(cell)
        cell.outputs = [output for output in cell.get("outputs", []) if output not in records]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = self.clean_traceback(output.get("traceback", []), hidden, output, numbers)
        return cell, resources

    def clean_traceback(self, traceback, hidden, output, numbers=None):
        """The traceback without frames of the grader's package and without lines quoting hidden code.

        The cell's own frame is renumbered to the lines the student sees; when the failing line was
        hidden, the frame goes and the message alone says what failed.
        """
        kept = []
        for entry in traceback:
            plain = ANSI.sub("", entry)
            if PACKAGE in plain and plain.lstrip().startswith("File"):
                continue  # a frame inside the grader: its source must not be shown
            if numbers is not None and CELL_FRAME.match(plain):
                entry = self.renumbered(plain, numbers)
                if entry is None:
                    continue
            lines = [line for line in entry.split("\n")
                     if not any(h in ANSI.sub("", line) for h in hidden) and PACKAGE not in ANSI.sub("", line)]
            if any(line.strip() for line in lines):
                kept.append("\n".join(lines))
        if not any(CELL_FRAME.match(ANSI.sub("", entry)) or "File " in ANSI.sub("", entry) for entry in kept):
            kept = []  # only the banner is left: the message below says it all
        last = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
        if not kept or ANSI.sub("", kept[-1]).strip() != last.strip():
            kept.extend(fitted(last))
        return kept

    @staticmethod
    def renumbered(frame, numbers):
        """The cell's frame with the line numbers the student sees, or None when it points at a hidden line."""
        header, *quoted = frame.split("\n")
        failing = re.search(r"line (\d+)", header)
        if failing is None or int(failing.group(1)) not in numbers:
            return None
        lines = [header.replace(failing.group(0), f"line {numbers[int(failing.group(1))]}")]
        for line in quoted:
            quote = QUOTED_LINE.match(line)
            if quote is None:
                lines.append(line)
            elif int(quote.group(2)) in numbers:
                number = str(numbers[int(quote.group(2))])
                lines.append(f"{quote.group(1)}{number.rjust(len(quote.group(2)))}{quote.group(3)}")
        return "\n".join(lines)
