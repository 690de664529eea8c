"""nbgrader's Validate on the released notebook, as a student meets it: unfinished work is a short to-do list.

nbgrader's Validator (the JupyterLab Validate button and `nbgrader validate`) shows every failing test cell
with all of its code and its message. On the untouched notebook that was 14 cells of code (14,300
characters); now the tests of an unfinished function pass quietly while Validate runs, and the XOR test at
the end fails with one line per unfinished function. Grading still fails every such test (tests/test_autograde.py).
"""
import io
import shutil

import nbformat
import pytest
from nbconvert.filters import strip_ansi
from nbgrader.validator import Validator

from course_helpers import REPO
from scratchnet_solution.assignments.scratchnet.network import STUDENT_FUNCTIONS
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions, reference_solutions

SOLUTIONS = reference_solutions(read_notebook(REPO / "source" / "scratchnet" / "scratchnet.ipynb"))
TODO_LINE = "{}: replace `raise NotImplementedError()` in its cell"


def validate(tmp_path, code_by_function):
    """(the Validator's results, what the Validate dialog shows, what `nbgrader validate` prints)."""
    folder = tmp_path / "scratchnet"
    shutil.copytree(REPO / "release" / "scratchnet", folder)
    path = folder / "scratchnet.ipynb"
    nbformat.write(fill_solutions(read_notebook(path), code_by_function), path)
    validator = Validator()
    results = validator.validate(str(path))
    # The dialog (nbgrader's labextension) shows, per failed cell, this heading, the cell's code and its error.
    dialog = "\n".join(f"The following cell failed:\n{cell['source']}\n{strip_ansi(cell['raw_error'])}"
                       for cell in results.get("failed", [])) or "Success! Your notebook passes all the tests."
    validator.stream = io.StringIO()
    validator.validate = lambda filename: results  # print these results, without running the notebook again
    validator.validate_and_print(str(path))
    return results, dialog, validator.stream.getvalue()


def todo_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip().endswith("in its cell")]


def test_the_untouched_notebook_validates_as_one_line_per_function(tmp_path):
    results, dialog, printed = validate(tmp_path, {})
    print(f"Validate on the untouched notebook: dialog {len(dialog)} characters, `nbgrader validate` {len(printed)}")
    assert [cell["source"].splitlines()[0] for cell in results["failed"]] == [
        '"""xor: trained with the given loop, your network classifies all four XOR points."""']
    error = strip_ansi(results["failed"][0]["raw_error"]).splitlines()
    assert error[0] == "To do: 5 functions are not implemented yet, so their tests and the XOR run fail:"
    assert [line.strip() for line in error[1:]] == [TODO_LINE.format(name) for name in STUDENT_FUNCTIONS]
    for text in (dialog, printed):
        assert todo_lines(text) == [TODO_LINE.format(name) for name in STUDENT_FUNCTIONS]
        assert "Traceback" not in text and "NotImplementedError()\n" not in text
    assert len(dialog) < 1_500 and len(printed) < 1_500  # 14,300 characters before


@pytest.mark.slow
def test_a_finished_function_leaves_the_list(tmp_path):
    results, dialog, printed = validate(tmp_path, {"sigmoid": SOLUTIONS["sigmoid"]})
    assert len(results["failed"]) == 1
    assert strip_ansi(results["failed"][0]["raw_error"]).startswith("To do: 4 functions are not implemented yet")
    for text in (dialog, printed):
        assert todo_lines(text) == [TODO_LINE.format(name) for name in STUDENT_FUNCTIONS if name != "sigmoid"]


@pytest.mark.slow
def test_a_wrong_function_still_shows_its_own_failures_next_to_the_list(tmp_path):
    wrong_sigmoid = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"  # the sign of the exponent flipped
    results, dialog, _ = validate(tmp_path, {"sigmoid": wrong_sigmoid})
    failed = [cell["source"].splitlines()[0].split(":")[0].strip('"') for cell in results["failed"]]
    assert failed == ["sigmoid", "sigmoid", "xor"]  # sigmoid_matches_reference only checks the range (0, 1)
    assert "check the sign of the exponent" in dialog
    assert todo_lines(dialog) == [TODO_LINE.format(name) for name in STUDENT_FUNCTIONS if name != "sigmoid"]


@pytest.mark.slow
def test_finished_work_passes_and_one_stub_left_does_not(tmp_path):
    results, _, printed = validate(tmp_path, SOLUTIONS)
    assert "failed" not in results and "Success!" in printed
    left = {name: code for name, code in SOLUTIONS.items() if name != "update_weights"}
    results, dialog, printed = validate(tmp_path / "left", left)
    assert todo_lines(dialog) == [TODO_LINE.format("update_weights")] and "VALIDATION FAILED" in printed
