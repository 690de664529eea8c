"""Real `nbgrader autograde` of the deep assignment's whole corpus (tests/corpus_deep) as one class (issue 12).

Every entry's every per-function grade is asserted (its EXPECTED, what a TA gives: a mistake costs its own
function's rubric parts, and the end-to-end training too when the network then no longer learns), every failing function's
verdict carries the entry's cause id, and the feedback names the cause without showing a hidden test.
The class is split over two courses graded side by side, as tests/test_autograde.py grades the first corpus.
"""
import dataclasses
import re
import time

import pytest

from course_helpers import REPO
from scratchnet_solution.assignments import topic_of
from scratchnet_solution.assignments.scratchnet_deep import TOPICS
from scratchnet_solution.corpus import grading as corpus_grading
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook

pytestmark = pytest.mark.slow

ASSIGNMENT = "scratchnet_deep"
CORPUS = load_corpus(REPO / "tests" / "corpus_deep", ASSIGNMENT)
SHARDS = 2
GRADED_CELLS = {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"]
                for c in read_notebook(REPO / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").cells
                if nbgrader_meta(c).get("grade") and c.cell_type == "code"}
FULL_MARKS = {topic_of(cell, TOPICS): points for cell, points in GRADED_CELLS.items()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    started = time.monotonic()
    result = corpus_grading.grade(CORPUS, tmp_path_factory.mktemp("corpus_deep"), shards=SHARDS)
    print(f"\n{len(CORPUS) + 1} deep submissions graded by nbgrader in {time.monotonic() - started:.0f} s")
    return result


@pytest.fixture(scope="module")
def feedback(graded):
    """Feedback pages of the first course's half of the class (every kind of entry is in it): nbconvert's HTML
    costs about as much as grading, and the other half goes through the same preprocessors."""
    return corpus_grading.generate_feedback(dataclasses.replace(graded, courses=graded.courses[:1]))


def test_grading_raises_no_error_and_the_reference_gets_full_marks(graded):
    for returncode, log in graded.autograde_logs:
        assert returncode == 0 and "[AutogradeApp | ERROR]" not in log, log[-3000:]
    scores = graded.scores[corpus_grading.REFERENCE_STUDENT]
    assert {t: s.points for t, s in scores.items()} == FULL_MARKS == next(
        e.expected for e in CORPUS if e.name == "correct_reference")
    assert sum(FULL_MARKS.values()) == 100


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.name)
def test_every_function_gets_the_grade_the_entry_names(graded, entry):
    got = {topic: graded.scores[entry.name][topic].points for topic in TOPICS}
    assert got == entry.expected, f"{entry.description}\nmessages: {graded.messages[entry.name]}"


@pytest.mark.parametrize("entry", [e for e in CORPUS if e.cause_id], ids=lambda entry: entry.name)
def test_the_verdict_names_the_cause_id(graded, entry):
    """The class report counts causes by id: the failing function's cell must hold it (any cell, for integrity)."""
    function = entry.target or entry.cause_id.partition(".")[0]
    ids = {item["id"] for grade_id, records in graded.verdicts[entry.name].items()
           if function == "integrity" or topic_of(grade_id, TOPICS) == function
           for record in records for item in record["deductions"] + record["integrity"]}
    assert entry.cause_id in ids, (ids, graded.messages[entry.name])


def test_every_graded_cell_has_one_verdict_with_the_points_nbgrader_recorded(graded):
    for student, by_cell in graded.verdicts.items():
        assert sorted(by_cell) == sorted(GRADED_CELLS), student
        for grade_id, records in by_cell.items():
            assert len(records) == 1, (student, grade_id, records)
            assert records[0]["points"] == graded.scores[student][topic_of(grade_id, TOPICS)].points, (student, grade_id)


def html_text(path):
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def test_the_feedback_names_the_cause_and_shows_no_hidden_test(graded, feedback):
    """Each failing function's message (the verdict's) reaches the student's feedback page; the hidden
    region's one call, and the grader's package, do not."""
    first_course = [entry for entry in CORPUS if (graded.courses[0] / "submitted" / entry.name).exists()]
    assert set(feedback) == {entry.name for entry in first_course} | {corpus_grading.REFERENCE_STUDENT}
    assert sum(entry.kind == "mistake" for entry in first_course) >= 20
    for entry in first_course:
        text = " ".join(html_text(feedback[entry.name]).split())
        for marker in ("hidden_cell", "BEGIN HIDDEN", "_stale"):
            assert marker not in text, (entry.name, marker)
        if entry.kind == "mistake":
            (record,) = graded.verdicts[entry.name][f"{entry.target}_checks"]
            message = next(d["message"] for d in record["deductions"] + record["integrity"])
            # The start of the message, as the page wraps it (at most 100 characters a line); a partly right
            # function's feedback lists it as "<message without its full stop>: -3 of 10".
            assert " ".join(message.rstrip(". ").split())[:60] in text, (entry.name, message)
