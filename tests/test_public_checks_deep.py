"""The second assignment's visible tests over its corpus (tests/corpus_deep), as tests/test_public_checks.py
does for the first: correct work passes them, they catch most mistakes in the mistaken function's own test
cell, that cell's message names the cause, and no other function's test fails for it.

Each mistake's corpus file names the cause id the hidden checks must give (CAUSE_ID) and the text its visible
test must contain (CAUSE), as the first assignment's corpus does.

`pytest tests/test_public_checks_deep.py -s` prints the two figures the README quotes.
"""
import pytest

from course_helpers import REPO
from scratchnet_solution.assignments import topic_of, topics
from scratchnet_solution.corpus import run as corpus_run
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.corpus.report import mentions

pytestmark = pytest.mark.slow

ASSIGNMENT = "scratchnet_deep"
TOPICS = topics(ASSIGNMENT)
ENTRIES = [e for e in load_corpus(REPO / "tests" / "corpus_deep", ASSIGNMENT) if e.kind in ("correct", "noise", "mistake")]
MISTAKES = [e for e in ENTRIES if e.kind == "mistake"]


@pytest.fixture(scope="module")
def public():
    """{entry name: {grade_id: None or the message of the failing visible test}}."""
    results = corpus_run.run_each(corpus_run.public_outcomes, ENTRIES, REPO, processes=2)
    return {e.name: outcomes for e, outcomes in zip(ENTRIES, results)}


def own_failures(public, entry):
    """The messages of the failing visible tests of the entry's own function."""
    return [message for grade_id, message in public[entry.name].items()
            if message and topic_of(grade_id, TOPICS) == entry.target]


def test_every_mistake_names_the_text_its_visible_test_must_give():
    assert [e.name for e in MISTAKES if not e.cause] == []


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind != "mistake"], ids=lambda e: e.name)
def test_correct_work_passes_the_public_tests(public, entry):
    assert "<error>" not in public[entry.name], public[entry.name]["<error>"]
    failing = {grade_id: message for grade_id, message in public[entry.name].items() if message}
    assert not failing


def test_the_public_tests_catch_most_mistakes(public):
    missed = [e.name for e in MISTAKES if not own_failures(public, e)]
    print(f"\ndeep mistakes caught by their own function's visible test: {len(MISTAKES) - len(missed)} of {len(MISTAKES)}")
    assert len(missed) <= len(MISTAKES) // 10, f"not caught by the tests of their own function: {missed}"


def test_the_public_tests_name_the_cause_of_most_mistakes(public):
    unnamed = [e.name for e in MISTAKES if not any(mentions(message, e.cause) for message in own_failures(public, e))]
    print(f"\ndeep mistakes whose visible test names the cause: {len(MISTAKES) - len(unnamed)} of {len(MISTAKES)}")
    assert len(unnamed) <= len(MISTAKES) // 10, f"visible tests that do not name the cause: {unnamed}"


def test_no_visible_test_of_another_function_fails_for_a_mistake(public):
    """Each function's test puts plain versions in place of the other functions; only the end-to-end
    training uses them all."""
    leaks = {}
    for entry in MISTAKES:
        others = [g for g, message in public[entry.name].items()
                  if message and topic_of(g, TOPICS) not in (entry.target, TOPICS[-1])]
        if others:
            leaks[entry.name] = others
    assert not leaks


def test_every_line_of_a_visible_test_message_fits_in_100_characters(public):
    longest = max((line for outcomes in public.values() for message in outcomes.values() if message
                   for line in message.splitlines()), key=len)
    assert len(longest) <= 100, longest
