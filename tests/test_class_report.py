"""`scratchnet report`: the class report's figures, page and CSV (issue 11).

The fast tests write a synthetic class (gradebook entries and autograded notebooks carrying verdicts,
no kernels) into a generated course and check every figure against what was written. The slow test
grades a small hostile class with real kernels and checks that what broke reaches the report from
the grader's own record. The corpus graded as one class is checked in test_autograde.py.
"""
import csv
import json
import re

import nbformat
import pytest

from grading_course import (  # course_template and course are fixtures
    course, course_template, add_config, autograded_notebook, grade_cell, scratchnet, submission, submit)
from scratchnet_solution.batch.class_report import CSV_COLUMNS, summarise
from scratchnet_solution.batch.class_results import class_results
from scratchnet_solution.commands.report import write_report
from scratchnet_solution.corpus.synthetic_class import SyntheticStudent, write_class

ASSIGNMENT = "scratchnet"


def small_class():
    """Five students whose every figure is known."""
    return [
        SyntheticStudent("ada"),  # full marks
        SyntheticStudent("bob", lost={"backward_matches_reference": [("backward.bias_grad_shape_flat", 25.0)]}),
        SyntheticStudent("cy", lost={"backward_matches_reference": [("backward.bias_grad_shape_flat", 25.0)],
                                     "sigmoid_large_inputs": [("sigmoid.overflow_nan", 2.0)]}),
        SyntheticStudent("dee", integrity={"forward_matches_reference": ["integrity.reference_import"]},
                         sandbox_events=[{"kind": "write", "target": "/course/gradebook.db", "cell": "forward_shapes"}]),
        SyntheticStudent("eve", lost={cell: [("xor.timeout", 20.0)] for cell in ("xor_converges",)},
                         grading_events=[{"kind": "timeout", "cell": "xor_converges"},
                                         {"kind": "output_truncated", "cell": "solution_sigmoid"}]),
    ]


@pytest.fixture
def graded_class(course):
    write_class(course, small_class())
    return course


def test_figures_match_the_class_that_was_graded(graded_class):
    summary = summarise(class_results([graded_class], ASSIGNMENT), ASSIGNMENT)
    scores = {student: record.score for student, record in summary.students.items()}
    assert scores == {"ada": 100, "bob": 75, "cy": 73, "dee": 90, "eve": 80}
    assert summary.max_score == 100
    topics = {t.topic: (t.passed, t.mean_points) for t in summary.topics}
    assert topics["backward"] == (3, pytest.approx((30 + 5 + 5 + 30 + 30) / 5))
    assert topics["sigmoid"] == (4, pytest.approx((10 * 4 + 8) / 5))
    assert topics["forward"] == (4, pytest.approx((15 * 4 + 5) / 5))  # dee keeps forward_shapes
    assert topics["xor"] == (4, pytest.approx(80 / 5))
    causes = {c.id: (c.count, c.students, c.points) for c in summary.causes}
    assert causes == {"backward.bias_grad_shape_flat": (2, ["bob", "cy"], 50.0),
                      "sigmoid.overflow_nan": (1, ["cy"], 2.0), "xor.timeout": (1, ["eve"], 20.0)}
    assert summary.causes[0].id == "backward.bias_grad_shape_flat"  # the most common first
    assert [(c.id, c.students) for c in summary.integrity] == [("integrity.reference_import", ["dee"])]
    assert list(summary.sandbox) == ["dee"]
    # A truncated print is not a broken notebook; a time-out is.
    assert summary.broken == {"eve": [{"kind": "timeout", "cell": "xor_converges", "detail": ""}]}
    assert set(summary.follow_up) == {"dee", "eve"}
    assert "integrity: integrity.reference_import" in summary.follow_up["dee"]
    assert summary.histogram()[-1] == (90, 100, 2) and summary.histogram()[7] == (70, 80, 2)


def test_a_low_score_and_an_unreadable_file_are_followed_up(graded_class):
    path = graded_class / "submitted" / "zed" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text("def sigmoid(z): return z\n")
    summary = summarise(class_results([graded_class], ASSIGNMENT), ASSIGNMENT, follow_up_below=0.8)
    assert summary.broken["zed"][0]["kind"] == "unreadable" and "not a readable" in summary.broken["zed"][0]["detail"]
    assert not summary.students["zed"].graded
    assert "unreadable file" in summary.follow_up["zed"]
    assert summary.follow_up["cy"] == ["score 73 of 100"]  # below 80%
    assert "bob" in summary.follow_up and "ada" not in summary.follow_up


def test_the_page_is_self_contained_and_wraps(graded_class, tmp_path):
    summary, html_path, _ = write_report([graded_class], ASSIGNMENT, tmp_path)
    page = html_path.read_text()
    assert not re.search(r"""(src|href)=["'](?!data:)""", page), "the page must not load anything"
    assert "http" not in page.replace('name="viewport"', "")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 2 and all(len(image) > 1000 for image in images)
    # Wrapping: long words break, tables fit the page, images shrink; nothing forces a line to stay long.
    assert "overflow-wrap: anywhere" in page and "table-layout: fixed" in page and "max-width: 100%" in page
    assert "nowrap" not in page and "<pre" not in page
    for shown in ("backward.bias_grad_shape_flat", "integrity.reference_import", "/course/gradebook.db",
                  "a cell timed out in xor_converges", "bob, cy"):
        assert shown in page


def test_a_class_without_sandbox_events_shows_none(course, tmp_path):
    write_class(course, [SyntheticStudent("ada")])
    _, html_path, _ = write_report([course], ASSIGNMENT, tmp_path)
    blocked = html_path.read_text().split("Blocked sandbox attempts</h2>")[1].split("<h2>")[0]
    assert blocked == '<p class="none">None.</p>'


def test_the_csv_has_a_row_per_student_with_causes_and_reasons(graded_class, tmp_path):
    _, _, csv_path = write_report([graded_class], ASSIGNMENT, tmp_path)
    with open(csv_path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_student = {row["student"]: row for row in rows}
    assert list(by_student) == ["ada", "bob", "cy", "dee", "eve"]
    assert by_student["cy"]["causes"] == "sigmoid.overflow_nan;backward.bias_grad_shape_flat"  # notebook order
    assert by_student["cy"]["backward_points"] == "5" and by_student["cy"]["score"] == "73"
    assert by_student["dee"]["integrity"] == "integrity.reference_import" and by_student["dee"]["sandbox_attempts"] == "1"
    assert by_student["eve"]["broken"] == "timeout" and "a cell timed out" in by_student["eve"]["follow_up"]
    assert by_student["ada"]["follow_up"] == "" and by_student["ada"]["causes"] == ""


def test_the_command_writes_both_files_or_says_what_is_missing(graded_class, tmp_path):
    result = scratchnet(graded_class, "report", ASSIGNMENT)
    assert result.returncode == 0, result.stderr
    assert (graded_class / "reports" / "scratchnet-report.html").is_file()
    assert "5 students (5 graded)" in result.stdout and "2 to follow up" in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "nbgrader_config.py").write_text("")
    result = scratchnet(empty, "report", ASSIGNMENT)
    assert result.returncode == 2 and "grade the class first" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_what_broke_while_grading_reaches_the_report(course):
    """Time-outs, kernel deaths and unreadable files come from the grader's record, not from messages."""
    # A cell that never finishes (a function that never returns is the hidden checks' business: they stop it).
    loops = submission(course)
    grade_cell(loops, "solution_update_weights").source += "\nwhile True:\n    pass\n"
    submit(course, "loops", loops)
    exits = submission(course, code={"backward": "import os\ndef backward(X, y, z1, a1, z2, a2, W1, W2):\n    os._exit(1)\n"})
    submit(course, "exits", exits)
    forged = submission(course)
    forged.metadata["scratchnet"] = {"grading_events": [{"kind": "timeout", "cell": "xor_converges"}],
                                     "sandbox_events": [{"kind": "write", "target": "x", "cell": None}]}
    submit(course, "correct", forged)
    submit(course, "not_a_notebook", "def sigmoid(z): return z\n")
    # Long enough for correct work on a busy machine; a function that never returns costs one time limit.
    add_config(course, "c.Execute.timeout = 20\nc.RobustExecute.interrupt_grace_seconds = 2")
    scratchnet(course, "autograde", ASSIGNMENT, "--jobs", "2")
    events = autograded_notebook(course, "exits").metadata["scratchnet"]["grading_events"]
    assert {"kind": "kernel_died", "cell": "backward_shapes"} in events
    result = scratchnet(course, "report", ASSIGNMENT)
    assert result.returncode == 0, result.stderr
    with open(course / "reports" / "scratchnet-report.csv", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert rows["loops"]["broken"] == "timeout"
    assert rows["exits"]["broken"].startswith("kernel_died")
    assert rows["not_a_notebook"]["broken"] == "unreadable" and rows["not_a_notebook"]["score"] == "0"
    # What a submission wrote into its own metadata is not the grader's record.
    assert rows["correct"]["broken"] == "" and rows["correct"]["sandbox_attempts"] == "0"
    assert rows["correct"]["score"] == "100" and rows["correct"]["follow_up"] == ""
