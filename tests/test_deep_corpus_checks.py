"""The deep assignment's corpus (tests/corpus_deep) through its hidden checks, in this process (fast).

Each entry's notebook runs cell by cell with every test cell replaced by its hidden check where it stands
(corpus_run.hidden_check_outcomes). A function's check gives the points of its rubric (assignments/
scratchnet_deep/rubric.py), scaled to its cell's points as GradeFromVerdicts scales them; the convergence
check is all or nothing. Real `nbgrader autograde` of the same corpus is tests/test_deep_autograde.py.
"""
import pytest

from course_helpers import REPO
from scratchnet_solution.assignments.scratchnet_deep import STUDENT_FUNCTIONS, TOPICS
from scratchnet_solution.corpus import run as corpus_run
from scratchnet_solution.corpus.entries import load_corpus

ASSIGNMENT = "scratchnet_deep"
CORPUS = load_corpus(REPO / "tests" / "corpus_deep", ASSIGNMENT)
FULL_MARKS = next(e.expected for e in CORPUS if e.name == "correct_reference")


@pytest.fixture(scope="module")
def outcomes():
    """{entry: {topic: (ok, cause id, message)}}, each entry in a forked process of its own (cheats change things)."""
    results = corpus_run.run_each(corpus_run.hidden_check_outcomes, CORPUS, REPO, processes=2)
    return {entry.name: result for entry, result in zip(CORPUS, results)}


def test_the_corpus_is_as_large_as_the_issue_asks():
    """At least 10 right answers written differently and 40 mistakes, every function wrong in several ways."""
    counts = {name: sum(1 for e in CORPUS if e.target == name) for name in STUDENT_FUNCTIONS}
    assert sum(counts.values()) >= 40 and min(counts.values()) >= 3, counts
    assert sum(1 for e in CORPUS if e.kind == "correct") >= 10
    assert {e.kind for e in CORPUS} >= {"correct", "noise", "mistake", "cheat", "partial", "untouched"}
    assert sum(FULL_MARKS.values()) == 100 and tuple(FULL_MARKS) == TOPICS
    for entry in CORPUS:
        assert tuple(entry.expected) == TOPICS, entry.name
        assert all(0 <= entry.expected[t] <= FULL_MARKS[t] for t in TOPICS), entry.name
        assert entry.expected["convergence"] in (0, FULL_MARKS["convergence"]), f"{entry.name}: convergence is all or nothing"
        if entry.kind in ("correct", "noise"):
            assert entry.expected == FULL_MARKS, f"{entry.name}: right answers keep full marks"
    # Partial credit is used: some mistakes keep part of their function's points.
    assert any(0 < e.expected[e.target] < FULL_MARKS[e.target] for e in CORPUS if e.kind == "mistake")


def points(topic, outcome):
    """The cell's points from a check's outcome: its rubric's share of the cell, or all or nothing without one."""
    ok, _, _, earned, maximum, _ = outcome
    return earned / maximum * FULL_MARKS[topic] if maximum else (FULL_MARKS[topic] if ok else 0)


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.name)
def test_each_check_passes_exactly_where_the_entry_keeps_its_points(outcomes, entry):
    assert "<error>" not in outcomes[entry.name], outcomes[entry.name]["<error>"]
    got = {topic: points(topic, outcome) for topic, outcome in outcomes[entry.name].items()}
    messages = {topic: outcome[2] for topic, outcome in outcomes[entry.name].items() if not outcome[0]}
    assert got == entry.expected, f"{entry.description}\nfailing: {messages}"


@pytest.mark.parametrize("entry", [e for e in CORPUS if e.cause_id], ids=lambda entry: entry.name)
def test_the_failing_check_names_the_cause(outcomes, entry):
    function = entry.target or next(t for t in TOPICS if entry.expected[t] == 0)
    ok, cause, message, _, _, ids = outcomes[entry.name][function]
    assert not ok and entry.cause_id in ids, (ids, message)
    assert max(len(line) for line in message.splitlines()) <= 100, message


def test_only_the_cheats_are_integrity_findings(outcomes):
    """Hard-coded outputs and the reference used void a function; no honest entry, right or wrong, is flagged."""
    flagged = {name for name, by_topic in outcomes.items()
               if any(cause.startswith("integrity.") for outcome in by_topic.values() for cause in outcome[5])}
    assert flagged == {e.name for e in CORPUS if e.kind == "cheat"}
