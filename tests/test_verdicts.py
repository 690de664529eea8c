"""Verdicts and the grade nbgrader records from them: partial credit, all or nothing, forged results.

The cells here are built by hand as autograde leaves them, then go through GradeFromVerdicts and nbgrader's own
determine_grade, the function SaveAutoGrades calls. The same happens for real in tests/test_autograde.py.
"""
import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_output
from nbgrader.utils import determine_grade

from course_helpers import REPO
from scratchnet_solution.assignments.scratchnet import checks
from scratchnet_solution.preprocessors import robustexecute as robust_execute
from scratchnet_solution.assignments.scratchnet.rubric import RUBRICS
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook
from scratchnet_solution.preprocessors.gradefromverdicts import GradeFromVerdicts, course_points
from scratchnet_solution.grading.verdicts import VERDICT_MIME, record


def graded_cell(grade_id, points, outputs):
    cell = new_code_cell("pass", metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": grade_id,
                                                        "points": points, "locked": True, "schema_version": 3}})
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def verdict_output(verdict):
    return new_output("display_data", data={VERDICT_MIME: verdict}, metadata={})


SOURCE = REPO / "source" / "scratchnet" / "scratchnet.ipynb"


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, np.sum(dz1, axis=0, keepdims=True) / m, a1.T @ dz2 / m, np.sum(dz2, axis=0, keepdims=True) / m


def flat_bias_backward(X, y, z1, a1, z2, a2, W1, W2):
    """The most common real mistake: bias gradients summed without keepdims, every value right."""
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, np.sum(dz1, axis=0) / m, a1.T @ dz2 / m, np.sum(dz2, axis=0) / m


FLAT = checks.check_backward(flat_bias_backward)


def graded(cell, partial_credit=True):
    cell, _ = GradeFromVerdicts(partial_credit=partial_credit).preprocess_cell(cell, {}, 0)
    final = [o["data"][VERDICT_MIME] for o in cell.outputs if o.get("output_type") == "display_data"]
    assert len(final) == 1, "every graded cell ends with exactly one verdict"
    return determine_grade(cell)[0], final[0], cell


def test_the_rubric_gives_flat_bias_gradients_most_of_the_points():
    assert FLAT.points == 22 and FLAT.max_points == 25
    assert [d.id for d in FLAT.deductions] == ["backward.bias_grad_shape_flat"]
    assert "keepdims=True" in FLAT.message and "-3 of 25" in FLAT.message
    assert all(len(line) <= 100 for line in FLAT.message.splitlines())


def test_a_rubric_cell_records_the_rubric_s_points_even_when_its_visible_part_failed():
    visible_error = new_output("error", ename="AssertionError", evalue="gradient shapes are wrong", traceback=[])
    cell = graded_cell("backward_matches_reference", 25, [verdict_output(record(FLAT, "backward_matches_reference")),
                                                        visible_error])
    points, verdict, cell = graded(cell)
    assert points == 22 and verdict["points"] == 22 and verdict["max_points"] == 25
    assert [d["id"] for d in verdict["deductions"]] == ["backward.bias_grad_shape_flat"]
    assert not [o for o in cell.outputs if o.output_type == "error"]
    assert any("gradient shapes are wrong" in o.get("text", "") for o in cell.outputs)


def test_the_grader_s_notes_in_a_cell_are_lines_a_page_shows_without_scrolling():
    long_message = "backward: db1 is a single number: np.sum without an axis adds up the whole matrix. " * 3
    visible_error = new_output("error", ename="_TestFailed", evalue=long_message.strip(), traceback=[])
    cell = graded_cell("backward_matches_reference", 25, [verdict_output(record(FLAT, "backward_matches_reference")),
                                                        visible_error])
    _, _, cell = graded(cell)
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert "The visible check in this cell failed as well" in text
    assert max(len(line) for line in text.splitlines()) <= 100 and "adds up the whole matrix" in " ".join(text.split())


def test_all_or_nothing_gives_a_partly_right_rubric_cell_zero():
    cell = graded_cell("backward_matches_reference", 25, [verdict_output(record(FLAT, "backward_matches_reference"))])
    points, verdict, _ = graded(cell, partial_credit=False)
    assert points == 0 and verdict["points"] == 0
    assert verdict["deductions"][-1]["id"] == "backward.all_or_nothing"
    assert course_points(22, 25, False) == 0 and course_points(25, 25, False) == 25 and course_points(22, 25, True) == 22


def test_a_verdict_alone_does_not_change_nbgrader_s_grade():
    own_work = checks.check_own_work("backward", backward)
    cell = graded_cell("backward_shapes", 5, [verdict_output(record(own_work, "backward_shapes"))])
    assert determine_grade(cell) == (5, 5)
    cell.outputs.append(new_output("error", ename="AssertionError", evalue="db1 should have shape (1, 4)", traceback=[]))
    assert determine_grade(cell) == (0, 5)
    points, verdict, _ = graded(cell)
    assert points == 0 and verdict["deductions"] == [
        {"id": "backward.visible_check", "points": 5, "message": "AssertionError: db1 should have shape (1, 4)"}]


@pytest.mark.parametrize("forged", [
    new_output("execute_result", data={"text/plain": "25"}, execution_count=3),
    verdict_output({"cell": "backward_matches_reference", "function": "backward", "points": 25, "max_points": 25,
                    "deductions": [], "integrity": []}),
])
def test_a_result_or_verdict_published_by_student_code_earns_nothing(forged):
    # Stock nbgrader would take the first result as the grade, even before the error that follows it.
    cell = graded_cell("backward_matches_reference", 25, [forged, verdict_output(record(FLAT, "backward_matches_reference")),
                                                        new_output("error", ename="ValueError", evalue="", traceback=[])])
    if forged.output_type == "execute_result":
        assert determine_grade(cell)[0] == 25
    points, verdict, cell = graded(cell)
    assert points == 0
    assert [f["id"] for f in verdict["integrity"]] == ["integrity.forged_result"]
    assert not [o for o in cell.outputs if o.output_type == "execute_result"]


def test_a_cell_whose_hidden_part_never_ran_gets_a_verdict_saying_so():
    cell = graded_cell("xor_converges", 20, [new_output("error", ename="CellTimeoutError", evalue="", traceback=[])])
    points, verdict, _ = graded(cell)
    assert points == 0 and verdict["function"] == "xor" and verdict["deductions"][0]["id"] == "xor.not_run"


def test_a_kernel_death_after_the_rubric_still_costs_the_cell():
    cell = graded_cell("backward_matches_reference", 25, [verdict_output(record(FLAT, "backward_matches_reference")),
                                                        robust_execute.error_output("DeadKernelError", "died")])
    assert graded(cell)[0] == 0


def test_verdicts_and_the_first_result_survive_an_output_flood():
    executor = robust_execute.RobustExecute(max_output_bytes=1000)
    executor.reset_execution_trackers()
    executor.clear_before_next_output = False
    executor.stored_bytes, executor.kept_kinds, executor.truncated = 0, {}, False
    outs = []
    kept = lambda msg: executor.output(outs, msg, None, 0)  # noqa: E731
    message = lambda kind, content: {"msg_type": kind, "content": content, "header": {"msg_type": kind},  # noqa: E731
                                     "parent_header": {}, "metadata": {}}
    kept(message("stream", {"name": "stdout", "text": "x" * 950}))
    for points in (1, 2, 3):
        kept(message("display_data", {"data": {VERDICT_MIME: {"points": points}}, "metadata": {}}))
        kept(message("execute_result", {"data": {"text/plain": str(points)}, "metadata": {}, "execution_count": 1}))
    kinds = [(o.output_type, o.get("data", {}).get(VERDICT_MIME, o.get("data", {}).get("text/plain"))) for o in outs]
    assert kinds[1:] == [("display_data", {"points": 1}), ("execute_result", "1"), ("display_data", {"points": 2})]


def test_every_rubric_adds_up_to_its_cell_s_points():
    points = {nbgrader_meta(c).get("grade_id"): nbgrader_meta(c).get("points") for c in read_notebook(SOURCE).cells}
    for function, rubric in RUBRICS.items():
        assert rubric.max_points == points[rubric.cell], function


def test_the_notebook_shows_each_rubric_as_rubric_py_defines_it():
    """The "How <function> is graded" cells are generated from rubric.py; editing one without the other fails here."""
    from scratchnet_solution.assignments.scratchnet.rubric import markdown
    from scratchnet_solution.batch.scores import topic_of

    notebook = read_notebook(SOURCE)
    shown = [c.source for c in notebook.cells if c.cell_type == "markdown" and "rubric" in c.metadata.get("tags", [])]
    cells = {}
    for cell in notebook.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            cells.setdefault(topic_of(meta["grade_id"]), []).append(
                (meta["grade_id"], meta["points"], cell.source.split("\n")[0].strip('"')))
    assert shown == [markdown(function, cells[function]) for function in RUBRICS]
    tagged = {nbgrader_meta(c)["grade_id"] for c in notebook.cells if c.cell_type == "code"
              and "rubric" in c.metadata.get("tags", [])}
    assert tagged == {rubric.cell for rubric in RUBRICS.values()}


def test_the_all_or_nothing_switch_is_read_from_the_course_config(tmp_path):
    from scratchnet_solution.preprocessors.gradefromverdicts import partial_credit_setting

    assert partial_credit_setting(REPO) is True
    config = (REPO / "nbgrader_config.py").read_text()
    (tmp_path / "nbgrader_config.py").write_text(config.replace("c.GradeFromVerdicts.partial_credit = True",
                                                                "c.GradeFromVerdicts.partial_credit = False"))
    assert partial_credit_setting(tmp_path) is False


def test_work_that_does_not_compute_the_thing_earns_nothing():
    """Zeros of the right shapes, or a step that is right only at |z| = 1000, have the form but not the substance."""
    def zero_backward(X, y, z1, a1, z2, a2, W1, W2):
        return np.zeros_like(W1), np.zeros((1, W1.shape[1])), np.zeros_like(W2), np.zeros((1, W2.shape[1]))

    def step(z):
        return (np.asarray(z) > 0).astype(float)

    zeros, stepped = checks.check_backward(zero_backward), checks.check_sigmoid(step)
    assert (zeros.points, stepped.points) == (0, 0)
    assert stepped.deductions[0].id == "sigmoid.step" and stepped.deductions[0].points == 5
