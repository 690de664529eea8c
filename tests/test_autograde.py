"""Real `nbgrader autograde` on the corpus: every submission gets the grade its corpus file names.

Also: the released notebook with the reference filled in gets full marks, the untouched release gets zero
without a grading error, the feedback names each mistake's cause and shows no hidden test, and
`pytest tests/hidden` agrees with nbgrader. The corpus is split over two courses graded side by side.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from course_helpers import REPO
from scratchnet_solution.corpus import grading as corpus_grading
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.corpus.report import mentions
from scratchnet_solution.assignments.scratchnet.rubric import RUBRICS
from scratchnet_solution.batch.scores import TOPICS, topic_of
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook

pytestmark = pytest.mark.slow

CORPUS = load_corpus(REPO / "tests" / "corpus")
FULL_MARKS = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}
SHARDS = 2
GRADED_CELLS = {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"]
                for c in read_notebook(REPO / "source" / "scratchnet" / "scratchnet.ipynb").cells
                if nbgrader_meta(c).get("grade") and c.cell_type == "code"}


# What `pytest tests/hidden` grades beside nbgrader: correct work in four styles, noise, unfinished work and each
# function's first two mistakes. It is the same checks behind another front end, so a sample shows that the two
# agree; grading the whole corpus twice cost a third of this module's time.
HIDDEN_SAMPLE = {"correct_reference", "correct_loops_over_samples", "correct_einsum", "correct_in_place_update_lists",
                 "noise_stdout_prints", "partial_sigmoid_forward", "untouched_stub"} | {
    name for topic in TOPICS for name in sorted(e.name for e in CORPUS if e.kind == "mistake" and e.target == topic)[:2]}


@pytest.fixture(scope="module")
def graded_and_hidden(tmp_path_factory):
    """The whole corpus and the reference solutions, submitted and autograded; meanwhile (nbgrader spends
    much of its time waiting on kernels) `pytest tests/hidden` grades a sample of the same notebooks (see the
    last test)."""
    where = corpus_grading.submit(CORPUS, tmp_path_factory.mktemp("corpus"), shards=SHARDS)
    students = HIDDEN_SAMPLE | {corpus_grading.REFERENCE_STUDENT}
    report = tmp_path_factory.mktemp("hidden") / "hidden.xml"
    submissions = [arg for student in sorted(students)
                   for arg in ("--submission", str(where[student] / "submitted" / student))]
    hidden = subprocess.Popen([sys.executable, "-m", "pytest", str(REPO / "tests" / "hidden"), "-p", "no:cacheprovider",
                               "-n", str(SHARDS), "--dist", "loadgroup", *submissions, f"--junitxml={report}", "-q"],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    graded = corpus_grading.autograde(where)
    hidden.wait(timeout=900)
    return graded, students, report


@pytest.fixture(scope="module")
def graded(graded_and_hidden):
    return graded_and_hidden[0]


@pytest.fixture(scope="module")
def feedback(graded):
    return corpus_grading.generate_feedback(graded)


def test_the_reference_solutions_get_full_marks(graded):
    scores = graded.scores[corpus_grading.REFERENCE_STUDENT]
    assert {t: s.points for t, s in scores.items()} == FULL_MARKS
    assert {t: s.max_points for t, s in scores.items()} == FULL_MARKS


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.name)
def test_corpus_submission_gets_its_expected_grade(graded, entry):
    got = {topic: graded.scores[entry.name][topic].points for topic in TOPICS}
    assert got == entry.expected, f"{entry.description}\nmessages: {graded.messages[entry.name]}"


@pytest.mark.parametrize("entry", [e for e in CORPUS if e.cause], ids=lambda entry: entry.name)
def test_the_feedback_names_the_cause(graded, entry):
    messages = graded.messages[entry.name]
    assert any(mentions(message, entry.cause) for message in messages.values()), messages


@pytest.mark.parametrize("entry", [e for e in CORPUS if e.cause_id], ids=lambda entry: entry.name)
def test_the_verdicts_name_the_cause_id(graded, entry):
    """The class report counts causes by id: the failing function's cells (any cell, for integrity) must hold it."""
    function = entry.target or entry.cause_id.partition(".")[0]
    ids = {item["id"] for grade_id, records in graded.verdicts[entry.name].items()
           if function == "integrity" or topic_of(grade_id) == function
           for record in records for item in record["deductions"] + record["integrity"]}
    assert entry.cause_id in ids, ids


def test_every_graded_cell_has_one_verdict_with_the_points_nbgrader_recorded(graded):
    for student, by_cell in graded.verdicts.items():
        assert sorted(by_cell) == sorted(GRADED_CELLS), student
        totals = dict.fromkeys(TOPICS, 0.0)
        for grade_id, records in by_cell.items():
            assert len(records) == 1, (student, grade_id, records)
            (record,) = records
            assert record["cell"] == grade_id and record["function"] == topic_of(grade_id)
            assert record["max_points"] == GRADED_CELLS[grade_id]
            lost = sum(item["points"] for item in record["deductions"])
            assert record["integrity"] or lost == pytest.approx(record["max_points"] - record["points"]), record
            totals[record["function"]] += record["points"]
        assert totals == {t: s.points for t, s in graded.scores[student].items()}, student


def test_grading_raises_no_error(graded):
    for returncode, log in graded.autograde_logs:
        assert returncode == 0
        assert "[AutogradeApp | ERROR]" not in log
    assert all(score.points == 0 for score in graded.scores["untouched_stub"].values())


def hidden_test_lines():
    """Every line of the source notebook's hidden test regions (what feedback must never show)."""
    lines = set()
    for cell in read_notebook(REPO / "source" / "scratchnet" / "scratchnet.ipynb").cells:
        inside = False
        for line in cell.source.splitlines():
            inside = inside or "BEGIN HIDDEN TESTS" in line
            if inside and line.strip() and not line.strip().startswith("#"):
                lines.add(line.strip())
            inside = inside and "END HIDDEN TESTS" not in line
    assert len(lines) > 10
    return lines


def html_text(path):
    """The feedback's text as a reader sees it: tags stripped, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def test_feedback_shows_no_hidden_test(feedback):
    hidden = hidden_test_lines()
    assert set(feedback) >= {entry.name for entry in CORPUS}
    for entry in CORPUS:
        text = html_text(feedback[entry.name])
        assert not [line for line in hidden if line in text], entry.name
        own_code = "".join(entry.code_by_function.values())
        for marker in ("scratchnet_solution", "check_", "BEGIN HIDDEN", "_hidden_check", "_hidden_report", "_hidden_stale"):
            assert marker not in text or marker in own_code, (entry.name, marker)


def test_feedback_still_shows_the_failure_message(graded, feedback):
    text = html_text(feedback["mistake_backward_forgets_mean"])
    assert "All four gradients are exactly m = 4 times too large" in text
    failing_cells = [nbgrader_meta(c).get("grade_id") for c in read_notebook(
        next(c for c in graded.courses if (c / "autograded" / "mistake_backward_forgets_mean").exists())
        / "autograded" / "mistake_backward_forgets_mean" / "scratchnet" / "scratchnet.ipynb").cells
        if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    assert failing_cells == ["backward_gradcheck", "backward_matches_reference"]


def test_pytest_hidden_agrees_with_nbgrader(graded_and_hidden):
    """Same verdicts per function, and the same points for every rubric cell, on HIDDEN_SAMPLE (every kind but
    cheats, each function's mistakes among it, some losing only part of a rubric). Integrity cases are left out:
    pytest tests/hidden checks the notebook's final state after loading all of it, while nbgrader judges each
    test cell where it stands (a change made in a later cell cannot void an earlier cell's points there)."""
    graded, students, report = graded_and_hidden
    assert report.exists(), "pytest tests/hidden wrote no report: run it by hand to see why"
    verdicts, points = {}, {}
    for case in ET.parse(report).getroot().iter("testcase"):
        topic, student = case.get("name").removeprefix("test_function[").rstrip("]").split("-", 1)
        verdicts[(student, topic)] = case.find("failure") is None
        points[(student, topic)] = next(float(p.get("value")) for p in case.iter("property") if p.get("name") == "points")
    assert len(verdicts) == len(students) * len(TOPICS)
    assert {"correct", "noise", "partial", "untouched", "mistake"} <= {e.kind for e in CORPUS if e.name in students}
    assert {e.target for e in CORPUS if e.name in students and e.kind == "mistake"} == set(TOPICS) - {"xor"}
    for student in students:
        for topic, score in graded.scores[student].items():
            assert verdicts[(student, topic)] == (score.points == score.max_points), (student, topic)
            (cell_verdict,) = graded.verdicts[student][RUBRICS[topic].cell]
            assert points[(student, topic)] == cell_verdict["points"], (student, topic)


# --- the corpus as one class: `scratchnet report` (issue 11) ---------------------------------------

def cause_id(entry):
    """The CAUSE_ID = "<function>.<cause>" a corpus file names (issue 14 adds them), or None."""
    import ast

    tree = ast.parse((REPO / "tests" / "corpus" / f"{entry.name}.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "CAUSE_ID" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


@pytest.fixture(scope="module")
def class_report(graded, tmp_path_factory):
    from scratchnet_solution.commands.report import write_report

    return write_report(graded.courses, "scratchnet", tmp_path_factory.mktemp("report"))


def test_the_class_report_counts_what_the_corpus_labels_say(class_report):
    summary, html_path, csv_path = class_report
    students = {entry.name: entry for entry in CORPUS}
    assert set(summary.students) == set(students) | {corpus_grading.REFERENCE_STUDENT}
    for name, entry in students.items():
        assert summary.students[name].score == sum(entry.expected.values()), name
    topics = {t.topic: t for t in summary.topics}
    for topic in TOPICS:
        full = [name for name, entry in students.items() if entry.expected[topic] == FULL_MARKS[topic]]
        assert topics[topic].passed == len(full) + 1, topic  # + the reference solutions
        mean = (sum(entry.expected[topic] for entry in CORPUS) + FULL_MARKS[topic]) / (len(CORPUS) + 1)
        assert topics[topic].mean_points == pytest.approx(mean), topic
    histogram = summary.histogram()
    assert sum(count for _, _, count in histogram) == len(CORPUS) + 1
    assert histogram[-1][2] == 1 + sum(sum(e.expected.values()) >= 90 for e in CORPUS)
    low = {name for name, entry in students.items() if sum(entry.expected.values()) < 50}
    assert low <= set(summary.follow_up)
    # No corpus notebook kills its kernel or is unreadable. (On a loaded machine the ungraded training
    # cell of the noisiest entries has been seen to pass its time limit: that costs no points.)
    assert {event["kind"] for events in summary.broken.values() for event in events} <= {"timeout"}
    assert html_path.stat().st_size > 10_000 and csv_path.read_text().count("\n") == len(CORPUS) + 2


def test_the_class_report_counts_each_cause_as_the_corpus_labels_it(class_report):
    summary = class_report[0]
    labelled = {}
    for entry in CORPUS:
        if cause_id(entry):
            labelled.setdefault(cause_id(entry), set()).add(entry.name)
    if not labelled:
        pytest.skip("no corpus file names a CAUSE_ID yet (the per-cell verdicts of issue 14 bring them)")
    found = {cause.id: set(cause.students) for cause in summary.causes + summary.integrity}
    # A cheat's code can be wrong as well (and its mistake is then counted too); any other entry shows
    # exactly the cause its file names.
    cheats = {entry.name for entry in CORPUS if (cause_id(entry) or "").startswith("integrity.")}
    for cause, names in sorted(labelled.items()):
        assert names <= found.get(cause, set()), cause
        assert found[cause] - names <= cheats, cause


def output_lines(path):
    """Every line of the output areas of a feedback page, as a reader sees it (tags stripped, entities decoded)."""
    import html

    page = path.read_text()
    blocks = re.findall(r'<div class="[^"]*output_area[^"]*">(.*?)</div>\s*</div>', page, re.S)
    return [line for block in blocks for pre in re.findall(r"<pre>(.*?)</pre>", block, re.S)
            for line in html.unescape(re.sub(r"<[^>]+>", "", pre)).splitlines()]


def test_no_line_of_any_feedback_page_is_longer_than_100_characters(feedback):
    lines = {entry.name: output_lines(feedback[entry.name]) for entry in CORPUS}
    assert all(len(found) >= 5 for found in lines.values())  # every page's outputs were found
    longest = max(((len(line), name, line) for name, found in lines.items() for line in found))
    assert longest[0] <= 100, longest
