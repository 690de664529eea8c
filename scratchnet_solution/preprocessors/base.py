"""The base class of the kit's generate_feedback steps (nbgrader keeps its own in preprocessors/base.py)."""
import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List

# Terminal colour codes in tracebacks: they are not shown, so they count for nothing when a line is read or measured.
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class FeedbackPreprocessor(NbGraderPreprocessor):
    """The base of the kit's generate_feedback steps.

    nbconvert's HTML exporter configures display_data_priority for every preprocessor; nbgrader's base
    class declares it without config=True, so traitlets warned on every feedback run, once per step.
    nbgrader's own GetGrades declares it the same way as here.
    """

    display_data_priority = List(NbGraderPreprocessor.display_data_priority.default_value).tag(config=True)
