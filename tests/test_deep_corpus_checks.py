"""The deep assignment's corpus (tests/corpus_deep) through its hidden checks, in this process (fast).

Each entry's notebook runs cell by cell with every test cell replaced by its hidden check where it stands
(corpus_run.hidden_check_outcomes); the checks are all-or-nothing per cell, so an entry's EXPECTED points say
exactly which checks must pass. Real `nbgrader autograde` of the same corpus is tests/test_deep_autograde.py.
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
        assert all(entry.expected[t] in (0, FULL_MARKS[t]) for t in TOPICS), f"{entry.name}: the cells are all or nothing"


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.name)
def test_each_check_passes_exactly_where_the_entry_keeps_its_points(outcomes, entry):
    assert "<error>" not in outcomes[entry.name], outcomes[entry.name]["<error>"]
    got = {topic: FULL_MARKS[topic] if ok else 0 for topic, (ok, _, _) in outcomes[entry.name].items()}
    messages = {topic: message for topic, (ok, _, message) in outcomes[entry.name].items() if not ok}
    assert got == entry.expected, f"{entry.description}\nfailing: {messages}"


@pytest.mark.parametrize("entry", [e for e in CORPUS if e.cause_id], ids=lambda entry: entry.name)
def test_the_failing_check_names_the_cause(outcomes, entry):
    function = entry.target or next(t for t in TOPICS if entry.expected[t] == 0)
    ok, cause, message = outcomes[entry.name][function]
    assert not ok and cause == entry.cause_id, message
    assert max(len(line) for line in message.splitlines()) <= 100, message
