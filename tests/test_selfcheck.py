"""A student's `pytest` in the released folder: per-function verdicts a student can act on.

Both assignments' folders carry the same self-check files; assignment.json beside them says which
notebook, functions and end-to-end test the folder has.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scratchnet_solution import assignments
from scratchnet_solution.corpus.entries import load_entry
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import answers_in_source, fill_solutions, reference_solutions, with_answers

import nbformat

ASSIGNMENT = "scratchnet"
DEEP = "scratchnet_deep"
# The files every assignment's folder shares, byte for byte: the self-check and the live trainer.
SHARED_FILES = ("notebook_cells.py", "conftest.py", "test_selfcheck.py", "pytest.ini")
# Every line of the self-check's output fits a narrow terminal.
WIDTH = 100


def student_folder(repo, tmp_path, code_by_function=None, assignment=ASSIGNMENT, answers=None):
    """A copy of the released folder, as a student downloads it, with their code in it (by function, or
    `answers` by solution cell)."""
    folder = tmp_path / assignment
    shutil.copytree(repo / "release" / assignment, folder)
    path = folder / f"{assignment}.ipynb"
    if code_by_function is not None:
        nbformat.write(fill_solutions(read_notebook(path), code_by_function), path)
    if answers is not None:
        nbformat.write(with_answers(read_notebook(path), answers), path)
    return folder


def self_check(folder, env=None):
    """Run `pytest` in the folder as a student would; return (exit code, output)."""
    result = subprocess.run([sys.executable, "-m", "pytest"], cwd=folder, capture_output=True, text=True, timeout=300,
                            env=None if env is None else {**os.environ, **env})
    return result.returncode, result.stdout + result.stderr


def summary_line(output, topic):
    """The topic's line in the summary at the end (a failure above may start with its name too)."""
    summary_part = output.split("Your functions, by their visible tests:")[-1]
    line = next((line for line in summary_part.splitlines() if line.strip().startswith(topic + " ")), None)
    assert line is not None, f"no summary line for {topic}:\n{output}"
    return line


def with_continuation(output, first_line):
    """A line of the output and the indented lines that go on from it, joined by single spaces."""
    lines = output.splitlines()
    start = lines.index(first_line)
    indent = len(first_line) - len(first_line.lstrip())
    block = [first_line]
    for line in lines[start + 1:]:  # a function's points line is indented too, but is not part of its summary
        if len(line) - len(line.lstrip()) <= indent or line.strip().startswith("points: "):
            break
        block.append(line)
    return " ".join(line.strip() for line in block)


def summary(output, topic):
    """A function's summary, with the lines a long one goes on in."""
    return with_continuation(output, summary_line(output, topic))


FUNCTIONS = ("sigmoid", "forward", "compute_loss", "backward", "update_weights")
TO_DO = "{} is not implemented yet: replace `raise NotImplementedError()` in its cell."


def test_untouched_release_reads_as_not_implemented(repo, tmp_path):
    code, output = self_check(student_folder(repo, tmp_path))
    print(f"self-check on the untouched notebook: {len(output)} characters, {len(output.splitlines())} lines")
    assert code == 1
    for topic in FUNCTIONS:
        assert "not implemented yet" in summary_line(output, topic)
    assert "Traceback" not in output


def test_untouched_release_reads_as_a_short_to_do_list(repo, tmp_path):
    """Each unfinished function once, in one line; its other tests wait for it (5,246 characters before)."""
    code, output = self_check(student_folder(repo, tmp_path))
    assert code == 1
    to_do = [line for line in output.splitlines() if "not implemented yet" in line]
    assert to_do == [TO_DO.format(name) for name in FUNCTIONS] + [
        f"  {name:<15} 0/{count}  not implemented yet ({points} points)"
        for name, count, points in zip(FUNCTIONS, (3, 2, 3, 3, 2), (10, 15, 15, 30, 10))]
    assert summary_line(output, "xor").split("  ")[-1] == "1 test waits for " + ", ".join(FUNCTIONS)
    assert output.splitlines()[-1].startswith("5 failed, 1 passed, 9 skipped")
    assert len(output) < 2_000 and "short test summary" not in output


def test_a_test_that_needs_an_unfinished_function_waits_for_it(repo, tmp_path):
    solutions = reference_solutions(read_notebook(repo / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    del solutions["forward"]
    code, output = self_check(student_folder(repo, tmp_path, solutions))
    assert code == 1
    assert "forward         0/2  not implemented yet (15 points)" in output
    assert summary_line(output, "backward").endswith("2/3  1 test waits for forward")  # the gradient check uses it
    assert summary_line(output, "xor").endswith("0/1  1 test waits for forward")
    assert "all visible tests pass" in summary_line(output, "compute_loss")


def test_reference_answers_pass_every_visible_test(repo, tmp_path):
    solutions = reference_solutions(read_notebook(repo / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    code, output = self_check(student_folder(repo, tmp_path, solutions))
    assert code == 0, output
    assert "all visible tests pass" in summary_line(output, "xor")


def test_the_points_of_each_test_cell_are_listed_for_an_unfinished_function(repo, tmp_path):
    entry = load_entry(repo / "tests" / "corpus" / "mistake_backward_bias_grads_flat.py")
    code, output = self_check(student_folder(repo, tmp_path, entry.code_by_function))
    assert code == 1
    points = next(line for line in output.splitlines() if line.strip().startswith("points: backward_shapes"))
    assert with_continuation(output, points).split("points: ")[1] == (
        "backward_shapes 0/5, backward_gradcheck 0/0, backward_matches_reference ?/25 (hidden checks, part by part)")
    assert max(len(line) for line in output.splitlines()) <= WIDTH  # the points line goes on in a second line
    assert sum(line.strip().startswith("points: ") for line in output.splitlines()) == 1  # only where a test fails


def test_partial_work_is_reported_per_function(repo, tmp_path):
    entry = load_entry(repo / "tests" / "corpus" / "partial_sigmoid_forward.py")
    code, output = self_check(student_folder(repo, tmp_path, entry.code_by_function))
    assert code == 1
    assert "all visible tests pass" in summary_line(output, "sigmoid")
    assert "all visible tests pass" in summary_line(output, "forward")
    assert "not implemented yet" in summary_line(output, "backward")
    assert summary_line(output, "xor").endswith("1 test waits for compute_loss, backward, update_weights")


def test_a_wrong_backward_gets_the_cells_own_message(repo, tmp_path):
    entry = load_entry(repo / "tests" / "corpus" / "mistake_backward_forgets_mean.py")
    code, output = self_check(student_folder(repo, tmp_path, entry.code_by_function))
    assert code == 1
    assert "dW1 differs from the numerical gradient" in summary_line(output, "backward")


def test_a_syntax_error_names_the_cell_and_line(repo, tmp_path):
    code, output = self_check(student_folder(repo, tmp_path, {"forward": "def forward(X, W1, b1, W2, b2):\n    return (\n"}))
    assert code == 1
    assert "forward is not defined: its cell raised SyntaxError" in output


def test_a_broken_notebook_gets_a_plain_message(repo, tmp_path):
    folder = student_folder(repo, tmp_path)
    path = folder / f"{ASSIGNMENT}.ipynb"
    path.write_text(path.read_text()[:1000])  # truncated, as after a crash while saving
    code, output = self_check(folder)
    assert code == 1
    assert "is not a readable notebook" in output and "Download a fresh copy" in output
    assert "Traceback" not in output


def test_a_function_that_never_returns_is_named_and_the_self_check_ends(repo, tmp_path):
    hanging = "def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    while True:\n        pass\n"
    solutions = reference_solutions(read_notebook(repo / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    folder = student_folder(repo, tmp_path, {**solutions, "update_weights": hanging})
    code, output = self_check(folder, env={"SCRATCHNET_CELL_TIME_LIMIT": "2"})
    assert code == 1
    assert "update_weights did not return within 2 s" in output
    assert "all visible tests pass" in summary_line(output, "backward")  # the others are still checked


# --- the second assignment, with the same files ---------------------------------------------------------

# The points of each function, as the deep notebook's introduction states them (its table), in notebook order.
DEEP_POINTS = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
               "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
               "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
               "update_parameters_adam": 10}


def deep_answers(repo, edits=()):
    """{solution cell: the reference answer}, with `edits` ((old, new) replacements) made: a deep student's work."""
    return answers_in_source(read_notebook(repo / "source" / DEEP / f"{DEEP}.ipynb"), edits)


@pytest.mark.parametrize("name", SHARED_FILES)
def test_every_assignment_folder_has_the_same_self_check_files(repo, name):
    first = (repo / "source" / ASSIGNMENT / name).read_bytes()
    for assignment in assignments_with_a_self_check(repo):
        assert (repo / "source" / assignment / name).read_bytes() == first, (
            f"source/{assignment}/{name} differs from source/{ASSIGNMENT}/{name}: the copies must stay identical")


def assignments_with_a_self_check(repo):
    found = sorted(path.parent.name for path in (repo / "source").glob("*/assignment.json"))
    assert found == [ASSIGNMENT, DEEP]
    return found


@pytest.mark.parametrize("assignment", [ASSIGNMENT, DEEP])
def test_assignment_file_agrees_with_the_reference_package(repo, assignment):
    """What the students' folder says about its assignment is what the grader grades."""
    settings = json.loads((repo / "source" / assignment / "assignment.json").read_text())
    assert (repo / "source" / assignment / settings["notebook"]).is_file()
    assert (*settings["functions"], settings["end_to_end"]) == assignments.topics(assignment)


def test_deep_untouched_release_reads_as_a_to_do_list(repo, tmp_path):
    """Each of the twelve functions once, as a to-do, though two of their tests first call another stub."""
    code, output = self_check(student_folder(repo, tmp_path, assignment=DEEP))
    print(f"deep self-check on the untouched notebook: {len(output)} characters, {len(output.splitlines())} lines")
    assert code == 1
    assert output.count("is not implemented yet: replace") == len(DEEP_POINTS)
    for name, points in DEEP_POINTS.items():
        assert f"{name} is not implemented yet: replace" in output
        assert summary_line(output, name).split()[1:] == ["0/1", "not", "implemented", "yet", f"({points}", "points)"]
    assert summary(output, "convergence").endswith("0/1  1 test waits for " + ", ".join(DEEP_POINTS))
    assert output.splitlines()[-1].startswith("12 failed, 1 passed, 1 skipped")
    assert max(len(line) for line in output.splitlines()) <= WIDTH
    assert "Traceback" not in output and "short test summary" not in output and "scratchnet_solution" not in output


def test_deep_reference_answers_pass_every_visible_test(repo, tmp_path):
    code, output = self_check(student_folder(repo, tmp_path, assignment=DEEP, answers=deep_answers(repo)))
    assert code == 0, output
    for topic in (*DEEP_POINTS, "convergence"):
        assert summary_line(output, topic).endswith("1/1  all visible tests pass"), output


def test_deep_mistake_is_named_and_costs_its_own_function_only(repo, tmp_path):
    """compute_cost without the 1/m: its test names the mistake, then says how far off the cost is; nothing
    else fails."""
    summed = deep_answers(repo, [("(1 - Y) * np.log(1 - P)) / Y.shape[0])", "(1 - Y) * np.log(1 - P)))")])
    code, output = self_check(student_folder(repo, tmp_path, assignment=DEEP, answers=summed))
    assert code == 1
    assert summary(output, "compute_cost").split(maxsplit=1)[1] == (
        "0/1  compute_cost: the cost is exactly m = 3 times too large: it is summed over the samples; divide by m.")
    assert "\nthe cost is 0.83933, expected 0.279777.\n" in output
    assert "points: compute_cost_checks 0/6" in output
    for topic in (*DEEP_POINTS, "convergence"):
        if topic != "compute_cost":
            assert summary_line(output, topic).endswith("1/1  all visible tests pass"), output
    assert max(len(line) for line in output.splitlines()) <= WIDTH
    assert output.splitlines()[-1].startswith("1 failed, 13 passed")


def test_deep_end_to_end_waits_for_an_unfinished_function_the_other_tests_do_not(repo, tmp_path):
    """activation_forward is not done: the end-to-end test, which runs all of the student's functions, waits
    for it. The tests of the functions that call it (activation_backward, linear_activation_forward, ...) put
    a plain activation in its place, so they pass: each function's test judges that function alone."""
    answers = deep_answers(repo)
    del answers["solution_activation_forward"]  # left as the stub
    code, output = self_check(student_folder(repo, tmp_path, assignment=DEEP, answers=answers))
    assert code == 1
    assert summary_line(output, "activation_forward").endswith("0/1  not implemented yet (6 points)")
    assert summary(output, "convergence").endswith("0/1  1 test waits for activation_forward")
    for topic in ("activation_backward", "linear_activation_forward", "model_forward", "model_backward"):
        assert summary_line(output, topic).endswith("1/1  all visible tests pass"), output
    assert "all visible tests pass" in summary_line(output, "linear_backward")


def test_a_damaged_assignment_file_gets_a_plain_message(repo, tmp_path):
    folder = student_folder(repo, tmp_path, assignment=DEEP)
    (folder / "assignment.json").write_text('{"notebook": "scratchnet_deep.ipynb", "functions": [')  # cut short
    code, output = self_check(folder)
    assert code == 1
    assert "assignment.json beside the notebook is missing or damaged (JSONDecodeError" in output
    assert "Download a fresh copy" in output and "Traceback" not in output
