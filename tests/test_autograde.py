"""Real `nbgrader autograde` on the corpus: every submission gets the grade its corpus file names.

Also: the released notebook with the reference filled in gets full marks, the untouched release gets
zero without a grading error, and `pytest tests/hidden` agrees with nbgrader on every function.
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from course_helpers import REPO, nbgrader
from scratchnet_solution.corpus import load_corpus
from scratchnet_solution.scores import TOPICS, function_scores
from scratchnet_solution.submissions import fill_solutions, read_notebook, reference_solutions, write_submission

pytestmark = pytest.mark.slow

CORPUS = load_corpus(REPO / "tests" / "corpus")
FULL_MARKS = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


@pytest.fixture(scope="module")
def graded(course_factory):
    """A course with the whole corpus and the reference solutions submitted and autograded."""
    course = course_factory("corpus")
    release = read_notebook(course / "release" / "scratchnet" / "scratchnet.ipynb")
    source = read_notebook(course / "source" / "scratchnet" / "scratchnet.ipynb")
    write_submission(course, "reference-filled", fill_solutions(release, reference_solutions(source)))
    for entry in CORPUS:
        write_submission(course, entry.name, fill_solutions(release, entry.code_by_function))
    result = nbgrader(course, "autograde", "scratchnet", "--force")
    return course, result, function_scores(course)


def test_the_reference_solutions_get_full_marks(graded):
    _, _, scores = graded
    assert {t: s.points for t, s in scores["reference-filled"].items()} == FULL_MARKS
    assert {t: s.max_points for t, s in scores["reference-filled"].items()} == FULL_MARKS


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.name)
def test_corpus_submission_gets_its_expected_grade(graded, entry):
    _, _, scores = graded
    got = {topic: scores[entry.name][topic].points for topic in TOPICS}
    assert got == entry.expected, entry.description


def test_grading_the_untouched_release_raises_no_error(graded):
    _, result, scores = graded
    assert result.returncode == 0
    assert "[AutogradeApp | ERROR]" not in result.stderr
    assert all(score.points == 0 for score in scores["untouched_stub"].values())


def test_pytest_hidden_agrees_with_nbgrader(graded, tmp_path):
    course, _, scores = graded
    report = tmp_path / "hidden.xml"
    subprocess.run([sys.executable, "-m", "pytest", str(REPO / "tests" / "hidden"), "-p", "no:cacheprovider",
                    "--submission", str(course / "submitted"), f"--junitxml={report}", "-q"],
                   cwd=REPO, capture_output=True, text=True, timeout=900)
    verdicts = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        topic, student = case.get("name").removeprefix("test_function[").rstrip("]").split("-", 1)
        verdicts[(student, topic)] = case.find("failure") is None
    assert len(verdicts) == len(scores) * len(TOPICS)
    for student, by_topic in scores.items():
        for topic, score in by_topic.items():
            assert verdicts[(student, topic)] == (score.points == score.max_points), (student, topic)
