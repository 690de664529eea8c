"""A student's `pytest` in the released folder: per-function verdicts a student can act on."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scratchnet_solution.corpus.entries import load_entry
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions, reference_solutions

import nbformat

ASSIGNMENT = "scratchnet"


def student_folder(repo, tmp_path, code_by_function=None):
    """A copy of the released folder, as a student downloads it, with their code in it."""
    folder = tmp_path / ASSIGNMENT
    shutil.copytree(repo / "release" / ASSIGNMENT, folder)
    if code_by_function is not None:
        notebook = fill_solutions(read_notebook(folder / f"{ASSIGNMENT}.ipynb"), code_by_function)
        nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
    return folder


def self_check(folder, env=None):
    """Run `pytest` in the folder as a student would; return (exit code, output)."""
    result = subprocess.run([sys.executable, "-m", "pytest"], cwd=folder, capture_output=True, text=True, timeout=300,
                            env=None if env is None else {**os.environ, **env})
    return result.returncode, result.stdout + result.stderr


def summary_line(output, topic):
    return next(line for line in output.splitlines() if line.strip().startswith(topic + " "))


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
    assert points.split("points: ")[1] == ("backward_shapes 0/5, backward_gradcheck 0/0, "
                                           "backward_matches_reference ?/25 (hidden checks, part by part)")
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
