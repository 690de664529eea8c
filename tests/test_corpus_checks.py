"""The hidden checks on the corpus, in this process (fast): each mistake fails its own function's check with
a message naming the cause, and passes every other function's; correct work passes all five."""
import pytest

from course_helpers import REPO
from scratchnet_solution.corpus import run as corpus_run
from scratchnet_solution.assignments.scratchnet.checks import STUDENT_FUNCTIONS
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.corpus.report import mentions
from scratchnet_solution.assignments.scratchnet.rubric import RUBRICS

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
    assert message.startswith(f"{entry.target}") and mentions(message, entry.cause), message


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind == "mistake"], ids=lambda e: e.name)
def test_a_mistake_costs_no_other_function_its_check(verdicts, entry):
    others = {name: message for name, (ok, message, *_) in verdicts[entry.name].items() if name != entry.target and not ok}
    assert not others


def test_the_mistakes_cover_every_function():
    counts = {name: sum(1 for e in ENTRIES if e.target == name) for name in STUDENT_FUNCTIONS}
    assert sum(counts.values()) >= 30 and min(counts.values()) >= 5, counts
    assert sum(1 for e in ENTRIES if e.kind == "correct") >= 10


def test_the_cause_comes_first_and_no_line_is_longer_than_100_characters(verdicts):
    """The feedback page, the notebook and the formgrader show these messages as they are: the first line
    names the cause, and no line needs sideways scrolling."""
    messages = {e.name: verdicts[e.name][e.target][1] for e in ENTRIES if e.kind == "mistake"}
    # As shown: the notebook and the feedback page put "AssertionError: " in front of the first line.
    longest = max((line for message in messages.values() for line in f"AssertionError: {message}".splitlines()),
                  key=len)
    print(f"longest line of a hidden check's message, as shown: {len(longest)} characters")
    assert len(longest) <= 100, longest
    cause_later = [name for name, message in messages.items() if "relative error" in message.splitlines()[0]
                   and "\n" in message]
    assert not cause_later, cause_later
    # However the lines fall, and in a partial-credit summary too: the cause comes before the numbers.
    flat = {name: " ".join(message.split()).lower() for name, message in messages.items()}
    causes = {e.name: " ".join(e.cause.split()).lower() for e in ENTRIES if e.kind == "mistake"}
    numbers_first = [name for name, message in flat.items()
                     if -1 < min((i for i in (message.find(" is wrong in "), message.find("relative error")) if i >= 0),
                                 default=-1) < message.find(causes[name])]
    assert not numbers_first, numbers_first


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind == "mistake"], ids=lambda e: e.name)
def test_a_mistake_s_deductions_carry_its_cause_id(verdicts, entry):
    """The class report counts causes by these ids (verdict records), so each mistake must get its own."""
    _, _, points, cause_ids, _ = verdicts[entry.name][entry.target]
    assert entry.cause_id in cause_ids and points < RUBRICS[entry.target].max_points


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind != "mistake"], ids=lambda e: e.name)
def test_correct_work_earns_every_rubric_point(verdicts, entry):
    assert {name: v[2] for name, v in verdicts[entry.name].items()} == {
        name: RUBRICS[name].max_points for name in STUDENT_FUNCTIONS}
