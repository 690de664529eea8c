"""The students' own self-check (the visible test cells) over the corpus: no correct work fails it, and it
catches most mistakes before they are handed in. `python -m scratchnet_solution.corpus.report` prints the
same figures next to nbgrader's grades."""
import pytest

from course_helpers import REPO
from scratchnet_solution.corpus import run as corpus_run
from scratchnet_solution.corpus.report import mentions
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.batch.scores import topic_of

pytestmark = pytest.mark.slow

ENTRIES = [e for e in load_corpus(REPO / "tests" / "corpus") if e.kind in ("correct", "noise", "mistake")]


@pytest.fixture(scope="module")
def public():
    """{entry name: {grade_id: None or the message of the failing visible test}}."""
    return {e.name: outcomes for e, outcomes in zip(ENTRIES, corpus_run.run_each(corpus_run.public_outcomes, ENTRIES, REPO))}


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind != "mistake"], ids=lambda e: e.name)
def test_correct_work_passes_the_public_tests(public, entry):
    failing = {grade_id: message for grade_id, message in public[entry.name].items() if message}
    assert not failing


def test_the_public_tests_catch_most_mistakes(public):
    mistakes = [e for e in ENTRIES if e.kind == "mistake"]
    missed = [e.name for e in mistakes
              if not any(message and topic_of(grade_id) == e.target for grade_id, message in public[e.name].items())]
    assert len(missed) <= len(mistakes) // 10, f"not caught by the tests of their own function: {missed}"


def test_no_visible_test_of_another_function_fails_for_a_mistake(public):
    """The visible parts are isolated too: a mistake fails only its own function's tests (and XOR's, and the
    0-point gradient self-check, which uses the student's forward and loss on purpose)."""
    leaks = {}
    for entry in (e for e in ENTRIES if e.kind == "mistake"):
        others = [g for g, message in public[entry.name].items()
                  if message and topic_of(g) not in (entry.target, "xor") and g != "backward_gradcheck"]
        if others:
            leaks[entry.name] = others
    assert not leaks


def test_the_public_tests_name_the_cause_of_most_mistakes(public):
    """Before submission, the failing visible test of the mistaken function says what the hidden feedback
    says: the cause the corpus file names (CAUSE), not only that a number is off."""
    mistakes = [e for e in ENTRIES if e.kind == "mistake"]
    unnamed = [e.name for e in mistakes
               if not any(message and topic_of(grade_id) == e.target and mentions(message, e.cause)
                          for grade_id, message in public[e.name].items())]
    assert len(unnamed) <= len(mistakes) // 10, f"visible tests that do not name the cause: {unnamed}"


def test_every_line_of_a_visible_test_message_fits_in_100_characters(public):
    longest = max((line for outcomes in public.values() for message in outcomes.values() if message
                   for line in message.splitlines()), key=len)
    assert len(longest) <= 100, longest
