"""Feedback HTML: hidden test regions and the traceback lines that quote them are taken out of test cells;
the failure message stays. (tests/test_autograde.py checks the same on real nbgrader feedback.)"""
from nbformat.v4 import new_code_cell, new_notebook, new_output

from scratchnet_solution.preprocessors.hidehiddentests import ANSI, HideHiddenTests

SOURCE = '''"""backward: hidden checks."""
### BEGIN HIDDEN TESTS
from scratchnet_solution.assignments.scratchnet.checks import check_backward as _hidden_check
_hidden_report = _hidden_check(backward)
assert _hidden_report.ok, _hidden_report.message
### END HIDDEN TESTS
assert len(_grads) == 4, "backward should return 4 gradients"'''
TRACEBACK = [
    "\x1b[31m-----------------------------------\x1b[39m",
    "\x1b[31mAssertionError\x1b[39m        Traceback (most recent call last)",
    "Cell \x1b[32mIn[19]\x1b[39m, line 5\n      3 from scratchnet_solution.assignments.scratchnet.checks import check_backward as _hidden_check\n"
    "      4 _hidden_report = _hidden_check(backward)\n----> 5 assert _hidden_report.ok, _hidden_report.message\n"
    "      6 ### END HIDDEN TESTS\n      7 assert len(_grads) == 4",
    "File /somewhere/scratchnet_solution/assignments/scratchnet/checks.py:120, in check_backward(backward)\n    118 secret = reference()\n",
    "\x1b[31mAssertionError\x1b[39m: backward: dW1 is exactly m = 4 times too large",
]


def graded_cell(source, outputs):
    cell = new_code_cell(source, outputs=outputs)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "backward_matches_reference", "points": 25,
                                 "locked": True, "solution": False, "schema_version": 3}
    return cell


def feedback_of(cell):
    notebook = new_notebook(cells=[cell])
    notebook, _ = HideHiddenTests().preprocess(notebook, {})
    return notebook.cells[0]


def test_hidden_region_and_its_traceback_lines_are_removed_and_the_message_kept():
    error = new_output("error", ename="AssertionError", evalue="backward: dW1 is exactly m = 4 times too large",
                       traceback=TRACEBACK)
    cell = feedback_of(graded_cell(SOURCE, [error]))
    assert cell.source == '"""backward: hidden checks."""\nassert len(_grads) == 4, "backward should return 4 gradients"'
    shown = "\n".join(cell.outputs[0].traceback)
    for secret in ("scratchnet_solution", "_hidden_", "HIDDEN TESTS", "secret = reference()"):
        assert secret not in shown
    # The failing line was hidden: no frame that would point at a line the student cannot see, the message alone.
    assert ANSI.sub("", shown) == "AssertionError: backward: dW1 is exactly m = 4 times too large"


def test_a_failing_visible_line_is_shown_with_the_line_numbers_the_student_sees():
    traceback = [
        "\x1b[31m-----------------------------------\x1b[39m",
        "\x1b[31mAssertionError\x1b[39m        Traceback (most recent call last)",
        "Cell \x1b[32mIn[19]\x1b[39m, line 7\n      5 assert _hidden_report.ok, _hidden_report.message\n"
        "      6 ### END HIDDEN TESTS\n----> 7 assert len(_grads) == 4, \"backward should return 4 gradients\"",
        "\x1b[31mAssertionError\x1b[39m: backward should return 4 gradients",
    ]
    error = new_output("error", ename="AssertionError", evalue="backward should return 4 gradients", traceback=traceback)
    shown = ANSI.sub("", "\n".join(feedback_of(graded_cell(SOURCE, [error])).outputs[0].traceback))
    # Line 7 of the whole cell is line 2 of what the feedback shows; the hidden lines 5 and 6 are gone.
    assert "Cell In[19], line 2\n----> 2 assert len(_grads) == 4" in shown
    assert "_hidden_" not in shown and "HIDDEN" not in shown
    assert shown.endswith("AssertionError: backward should return 4 gradients")


def test_cells_that_are_not_tests_are_left_alone():
    cell = new_code_cell("def backward():\n    pass  # BEGIN HIDDEN TESTS is just text here")
    assert feedback_of(cell).source == cell.source


def test_a_long_message_left_alone_in_feedback_is_cut_into_lines_a_page_shows_without_scrolling():
    """The test tool's one-line banner goes (no frame is left), and the message replaces it: in lines of at
    most 100 characters, every word of it kept."""
    message = ("backward: dW1 differs from the numerical gradient of your own forward and compute_loss (relative "
               "error 6.0e-01). The test below names the likely cause; if forward or compute_loss fail their own "
               "tests, fix them first.")
    banner = [f"\x1b[1;31mTest failed:\x1b[0m {message}"]
    error = new_output("error", ename="_TestFailed", evalue=message, traceback=banner)
    cell = feedback_of(graded_cell('"""backward: gradient check."""\nassert False, "x"', [error]))
    lines = ANSI.sub("", "\n".join(cell.outputs[0].traceback)).splitlines()
    assert max(len(line) for line in lines) <= 100 and len(lines) >= 3
    assert " ".join(lines) == f"_TestFailed: {message}"


def test_every_output_line_of_any_cell_is_cut_to_100_characters_with_its_words_whole():
    from scratchnet_solution.preprocessors.fitlonglines import FitLongLines

    # IPython's frame header in an ungraded cell that called a stub: the whole signature, 135 characters.
    header = ("Cell \x1b[32mIn[28]\x1b[39m, line 26, in train(X, Y, layer_dims, hidden_activation, init, optimizer, "
              "learning_rate, epochs, batch_size, seed, callback)")
    printed = "epoch " + " ".join(f"loss={i / 7:.6f}" for i in range(12)) + "\nshort line\n"
    cell = new_code_cell("train(...)", outputs=[
        new_output("error", ename="NotImplementedError", evalue="", traceback=[header, "\x1b[31mNotImplementedError\x1b[39m"]),
        new_output("stream", name="stdout", text=printed)])
    assert max(len(ANSI.sub("", line)) for line in header.split("\n")) > 100  # the case is real
    notebook, _ = FitLongLines().preprocess(new_notebook(cells=[cell]), {})
    traceback, text = notebook.cells[0].outputs[0]["traceback"], notebook.cells[0].outputs[1]["text"]
    shown = [ANSI.sub("", line) for entry in traceback for line in entry.split("\n")] + text.split("\n")
    assert max(len(line) for line in shown) <= 100
    assert " ".join(" ".join(shown).split()) == " ".join((ANSI.sub("", header) + " NotImplementedError " + printed).split())
    assert traceback[1] == "\x1b[31mNotImplementedError\x1b[39m"  # a short line keeps its colour
