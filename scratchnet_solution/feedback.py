"""Feedback students can read without seeing the hidden tests.

`nbgrader generate_feedback` renders the autograded notebook, whose test cells hold the hidden regions
again (autograde restores them) and whose tracebacks quote the lines around the failing assert. This
preprocessor, listed in nbgrader_config.py, takes both out of test cells and keeps the failure
message itself, which is what the student needs.
"""
import re

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List, Unicode

ANSI = re.compile(r"\x1b\[[0-9;]*m")
PACKAGE = __name__.partition(".")[0]


class FeedbackPreprocessor(NbGraderPreprocessor):
    """The base of the kit's generate_feedback steps.

    nbconvert's HTML exporter configures display_data_priority for every preprocessor; nbgrader's base
    class declares it without config=True, so traitlets warned on every feedback run, once per step.
    nbgrader's own GetGrades declares it the same way as here.
    """

    display_data_priority = List(NbGraderPreprocessor.display_data_priority.default_value).tag(config=True)


class HideHiddenTests(FeedbackPreprocessor):
    """Remove hidden test regions from test cells, and every trace of them from those cells' tracebacks."""

    begin = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end = Unicode("END HIDDEN TESTS").tag(config=True)

    def hidden_lines(self, source):
        """(visible source, the stripped lines of its hidden regions)."""
        visible, hidden, inside = [], [], False
        for line in source.split("\n"):
            if self.begin in line:
                inside = True
            if inside:
                hidden.append(line.strip())
            else:
                visible.append(line)
            if self.end in line:
                inside = False
        return "\n".join(visible).rstrip("\n"), [line for line in hidden if line]

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        cell.source, hidden = self.hidden_lines(cell.source)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = self.clean_traceback(output.get("traceback", []), hidden, output)
        return cell, resources

    def clean_traceback(self, traceback, hidden, output):
        """The traceback without frames of the grader's package and without lines quoting hidden code."""
        kept = []
        for entry in traceback:
            plain = ANSI.sub("", entry)
            if PACKAGE in plain and plain.lstrip().startswith("File"):
                continue  # a frame inside the grader: its source must not be shown
            lines = [line for line in entry.split("\n")
                     if not any(h in ANSI.sub("", line) for h in hidden) and PACKAGE not in ANSI.sub("", line)]
            if any(line.strip() for line in lines):
                kept.append("\n".join(lines))
        last = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
        if not kept or ANSI.sub("", kept[-1]).strip() != last.strip():
            kept.append(last)
        return kept
