"""A student function that never returns costs one short time limit, not a time-out per cell (issue 9)."""
import pytest

from grading_course import (  # course_template and course are fixtures
    course, course_template, autograded_notebook, cell_scores, grade_cell, scratchnet, submission, submit)

LOOPING_UPDATE = "def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    while True:\n        pass\n"


@pytest.mark.slow
def test_a_looping_update_weights_times_out_once_and_keeps_every_other_point(course):
    looper = submission(course)
    cell = grade_cell(looper, "solution_update_weights")
    cell.source = cell.source.split("def update_weights")[0] + LOOPING_UPDATE
    submit(course, "looper", looper)
    result = scratchnet(course, "autograde", "scratchnet")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    scores = cell_scores(course)["looper"]
    assert sum(scores.values()) == 70  # sigmoid, forward, compute_loss and backward: all theirs
    assert scores["update_weights_step"] == scores["update_weights_matches_reference"] == scores["xor_converges"] == 0
    # No cell waited for the 60 s cell time-out: only the first check's short limit was spent.
    assert "timed out" not in result.stdout
    graded = autograded_notebook(course, "looper")
    # The error, not the verdict record that now ends every graded cell.
    first = next(o for o in grade_cell(graded, "update_weights_step").outputs if o.output_type == "error")
    assert "did not return within 10 s" in first["evalue"]
    later = next(o for o in grade_cell(graded, "xor_converges").outputs if o.output_type == "error")
    assert "not run again" in later["evalue"]
