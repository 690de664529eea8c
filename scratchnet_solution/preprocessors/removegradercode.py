"""Feedback never carries the grader's own code, whatever a submission printed.

Kernels import a bytecode-only copy of the grader (grader_copy.py), so there is no source to print;
but a submission can still print that bytecode, disassemble it, or print source it got some other way.
Anything of that in a cell's output would go to the student in her feedback, and from there to every
later class. `RemoveGraderCode`, one of generate_feedback's preprocessors (nbgrader_config.py),
replaces such an output with one line saying why. The autograded notebook keeps it for the instructor.
"""
import dis
import importlib.util
import re
from pathlib import Path

from nbformat.v4 import new_output
from traitlets import Integer

from scratchnet_solution.preprocessors.base import FeedbackPreprocessor

PACKAGE_SOURCE = Path(__file__).resolve().parents[1]  # scratchnet_solution/
NOTICE = "[output removed by the grader: it contained the grader's own code]\n"
# Lines of disassembly name opcodes; a few of them in one output is disassembled code.
OPCODE_LINE = re.compile(r"^\s*(?:\d+\s+)?(?:-->\s+)?(?:>>\s+)?\d+\s+(?P<op>[A-Z][A-Z_0-9]{2,})\b", re.MULTILINE)
OPCODES = frozenset(dis.opname)
# How a .pyc's first bytes look when a submission prints them as bytes or hex.
MAGIC = importlib.util.MAGIC_NUMBER
MAGIC_FORMS = (repr(MAGIC)[2:-1], MAGIC.hex())


def grader_lines(minimum_length):
    """The distinctive lines of the grader's source: long enough that honest output never holds one."""
    lines = set()
    for path in PACKAGE_SOURCE.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if len(stripped) >= minimum_length and not stripped.startswith(("#", '"""')):
                lines.add(stripped)
    return lines


def output_texts(output):
    """Every text an output holds (stream text, data of every mime type, error value and traceback)."""
    if output.get("output_type") == "stream":
        yield str(output.get("text", ""))
    elif output.get("output_type") == "error":
        yield str(output.get("evalue", ""))
        yield from map(str, output.get("traceback", []))
    for value in (output.get("data") or {}).values():
        yield value if isinstance(value, str) else str(value)


class RemoveGraderCode(FeedbackPreprocessor):
    """Replace every output that holds grader source, its disassembly or its bytecode."""

    minimum_line_length = Integer(30, help="Grader source lines shorter than this are not looked for.").tag(config=True)
    minimum_opcode_lines = Integer(3, help="Disassembly lines that make an output disassembled code.").tag(config=True)

    def preprocess(self, nb, resources):
        # A line the notebook itself shows (a call in a test cell) is no secret, and tracebacks quote them.
        shown = {line.strip() for cell in nb.cells for line in str(cell.source).splitlines()}
        self.lines = sorted(grader_lines(self.minimum_line_length) - shown, key=len, reverse=True)
        return super().preprocess(nb, resources)

    def holds_grader_code(self, text):
        if len(text) < 4:
            return False
        if any(form in text for form in MAGIC_FORMS):
            return True
        opcodes = sum(1 for match in OPCODE_LINE.finditer(text) if match["op"] in OPCODES)
        if opcodes >= self.minimum_opcode_lines:
            return True
        return len(text) >= self.minimum_line_length and any(line in text for line in self.lines)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        for position, output in enumerate(cell.get("outputs", [])):
            if any(self.holds_grader_code(text) for text in output_texts(output)):
                # A removed error stays an error, so the cell's grade reads the same in the feedback.
                cell.outputs[position] = (
                    new_output("error", ename="Removed", evalue=NOTICE.strip(), traceback=[NOTICE.strip()])
                    if output.get("output_type") == "error" else new_output("stream", name="stdout", text=NOTICE))
        return cell, resources
