"""The hidden checks on the corpus, in this process (fast): each mistake fails its own function's check with
a message naming the cause, and passes every other function's; correct work passes all five."""
import pytest

from course_helpers import REPO
from scratchnet_solution import corpus_run
from scratchnet_solution.checks import STUDENT_FUNCTIONS
from scratchnet_solution.corpus import load_corpus
from scratchnet_solution.rubric import RUBRICS

ENTRIES = [e for e in load_corpus(REPO / "tests" / "corpus") if e.kind in ("correct", "noise", "mistake")]


@pytest.fixture(scope="module")
def verdicts():
    """{entry name: {function: (ok, message)}}, each entry checked in a forked process of its own."""
    return {e.name: result for e, result in zip(ENTRIES, corpus_run.run_each(corpus_run.function_checks, ENTRIES, REPO))}


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind != "mistake"], ids=lambda e: e.name)
def test_correct_work_passes_every_check(verdicts, entry):
    failing = {name: message for name, (ok, message, *_) in verdicts[entry.name].items() if not ok}
    assert not failing


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind == "mistake"], ids=lambda e: e.name)
def test_a_mistake_fails_its_own_check_and_names_the_cause(verdicts, entry):
    ok, message, *_ = verdicts[entry.name][entry.target]
    assert not ok
    assert message.startswith(f"{entry.target}") and entry.cause.lower() in " ".join(message.lower().split()), message


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind == "mistake"], ids=lambda e: e.name)
def test_a_mistake_costs_no_other_function_its_check(verdicts, entry):
    others = {name: message for name, (ok, message, *_) in verdicts[entry.name].items() if name != entry.target and not ok}
    assert not others


def test_the_mistakes_cover_every_function():
    counts = {name: sum(1 for e in ENTRIES if e.target == name) for name in STUDENT_FUNCTIONS}
    assert sum(counts.values()) >= 30 and min(counts.values()) >= 5, counts
    assert sum(1 for e in ENTRIES if e.kind == "correct") >= 10


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind == "mistake"], ids=lambda e: e.name)
def test_a_mistake_s_deductions_carry_its_cause_id(verdicts, entry):
    """The class report counts causes by these ids (verdict records), so each mistake must get its own."""
    _, _, points, cause_ids, _ = verdicts[entry.name][entry.target]
    assert entry.cause_id in cause_ids and points < RUBRICS[entry.target].max_points


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind != "mistake"], ids=lambda e: e.name)
def test_correct_work_earns_every_rubric_point(verdicts, entry):
    assert {name: v[2] for name, v in verdicts[entry.name].items()} == {
        name: RUBRICS[name].max_points for name in STUDENT_FUNCTIONS}
