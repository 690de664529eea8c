"""`python -m scratchnet_solution.corpus.report CORPUS`: how the graders do on a corpus (the kit's: tests/corpus).

Grades every entry with real `nbgrader autograde` (throwaway courses under a temporary folder), runs
the students' own self-check (the visible test cells) on each, and prints one row per entry and a
summary:

- caught: mistakes for which the public self-check fails before the student hands in, and among them
  those whose visible test names the cause the hidden feedback names (CAUSE);
- isolated: mistakes that cost points only in their own function (and, maybe, the XOR run);
- false fails: a function graded below the points its corpus file says it must get;
- cause named: mistakes whose feedback contains the cause the corpus file names (CAUSE), and whose
  verdict records hold its id (CAUSE_ID);
- partial credit: each mistake's function under the rubric, next to what the same cells give when
  graded all or nothing (a rubric cell keeps its points only when every part is right).

Takes about two minutes on two cores.
"""
import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scratchnet_solution.corpus import grading as corpus_grading, run as corpus_run
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.course.folder import ASSIGNMENT, course_root
from scratchnet_solution.assignments import topic_of, topics as assignment_topics
from scratchnet_solution.course.notebooks import read_notebook


def full_marks(root=None, assignment=ASSIGNMENT):
    """{topic: points} the source notebook's test cells are worth."""
    root = root or course_root()
    marks = dict.fromkeys(assignment_topics(assignment), 0)
    cells = corpus_run.notebook_cells(root, assignment)
    for cell in cells.test_cells(read_notebook(root / "source" / assignment / f"{assignment}.ipynb")):
        marks[cell.topic] += cell.points
    return marks


@dataclass
class EntryResult:
    entry: object
    got: dict  # topic -> points from nbgrader
    messages: dict  # grade_id -> message of a failing graded cell
    public_failures: dict  # grade_id -> message of a failing visible test
    full: dict  # topic -> the points it is worth
    verdicts: dict = None  # grade_id -> [verdict records]

    @property
    def name(self):
        return self.entry.name

    @property
    def topics(self):
        """The functions of the entry's assignment, then its end-to-end test (the last)."""
        return assignment_topics(self.entry.assignment)

    def topic_of(self, grade_id):
        return topic_of(grade_id, self.topics)

    def below(self):
        return [t for t in self.topics if self.got[t] < self.entry.expected[t]]

    def above(self):
        return [t for t in self.topics if self.got[t] > self.entry.expected[t]]

    def caught_by_public(self):
        return bool(self.public_failures)

    def caught_at_target(self):
        return any(self.topic_of(grade_id) == self.entry.target for grade_id in self.public_failures)

    def cause_named_before_submission(self):
        """The visible tests of the mistaken function say what the hidden feedback says: the cause."""
        return bool(self.entry.cause) and any(
            mentions(message, self.entry.cause) for grade_id, message in self.public_failures.items()
            if self.topic_of(grade_id) == self.entry.target)

    def isolated(self):
        return all(self.got[t] == self.full[t] for t in self.topics[:-1] if t != self.entry.target)

    def cause_named(self):
        cause = self.entry.cause or ""
        return bool(cause) and any(mentions(message, cause) for message in self.messages.values())

    def cause_ids(self):
        return {item["id"] for records in (self.verdicts or {}).values() for record in records
                for item in record["deductions"] + record["integrity"]}

    def cause_id_recorded(self):
        return bool(self.entry.cause_id) and self.entry.cause_id in self.cause_ids()

    def all_or_nothing(self, topic):
        """The topic's points when every test cell earns all its points or none."""
        return sum(record["points"] if record["points"] == record["max_points"] else 0
                   for grade_id, records in (self.verdicts or {}).items() if self.topic_of(grade_id) == topic
                   for record in records)


def mentions(message, phrase):
    """phrase appears in message, whatever the case and however the message was wrapped into lines."""
    flat = lambda text: " ".join(text.split()).lower()  # noqa: E731
    return flat(phrase) in flat(message)


def public_failures(outcomes):
    return {grade_id: message for grade_id, message in outcomes.items() if message}


def collect(entries, workdir, shards=2, processes=None):
    """Grade with nbgrader and run the public self-check; one EntryResult per entry."""
    graded = corpus_grading.grade(entries, workdir, shards=shards, with_reference=False)
    public = corpus_run.run_each(corpus_run.public_outcomes, entries, processes=processes)
    assignment = entries[0].assignment
    topics = assignment_topics(assignment)
    results, full = [], full_marks(assignment=assignment)
    for entry, outcomes in zip(entries, public):
        got = {t: int(graded.scores[entry.name][t].points) for t in topics} if entry.name in graded.scores else \
            {t: 0 for t in topics}
        results.append(EntryResult(entry, got, graded.messages.get(entry.name, {}), public_failures(outcomes), full,
                                   graded.verdicts.get(entry.name, {})))
    return results


def summary(results):
    """The figures of the summary table, as (label, value) rows."""
    of = lambda kind: [r for r in results if r.entry.kind in kind]  # noqa: E731
    correct, mistakes, cheats = of(("correct", "noise")), of(("mistake",)), of(("cheat",))
    count = lambda rows, test: f"{sum(1 for r in rows if test(r))} of {len(rows)}"  # noqa: E731
    functions = results[0].topics[:-1] if results else ()
    per_function = ", ".join(f"{f} {sum(1 for r in mistakes if r.entry.target == f)}" for f in functions)
    return [
        ("entries", f"{len(results)}: {len(correct)} correct (incl. noise), {len(mistakes)} mistakes, "
                    f"{len(cheats)} integrity cases, {len(results) - len(correct) - len(mistakes) - len(cheats)} other"),
        ("mistakes per function", per_function),
        ("correct work, full marks from nbgrader", count(correct, lambda r: all(r.got[t] == r.full[t] for t in r.topics))),
        ("correct work, passes the public self-check", count(correct, lambda r: not r.caught_by_public())),
        ("mistakes caught by the public self-check", count(mistakes, EntryResult.caught_by_public)),
        ("  ... by the tests of the function itself", count(mistakes, EntryResult.caught_at_target)),
        ("  ... which name the cause before submission", count(mistakes, EntryResult.cause_named_before_submission)),
        ("mistakes isolated to their function (+ end to end)", count(mistakes, EntryResult.isolated)),
        ("mistakes whose feedback names the cause", count(mistakes, EntryResult.cause_named)),
        ("  ... whose verdicts hold the cause id", count(mistakes, EntryResult.cause_id_recorded)),
        ("mistakes earning partial credit in their function",
         count(mistakes, lambda r: 0 < r.got[r.entry.target] < r.full[r.entry.target])),
        ("  ... that all or nothing would give less", count(
            mistakes, lambda r: r.all_or_nothing(r.entry.target) < r.got[r.entry.target])),
        ("integrity cases graded as expected", count(cheats, lambda r: not r.below() and not r.above())),
        ("integrity cases whose feedback says why", count(cheats, EntryResult.cause_named)),
        ("  ... whose verdicts hold the finding's id", count(cheats, EntryResult.cause_id_recorded)),
        ("false fails (function below its expected points)", str(sum(len(r.below()) for r in results))),
        ("false passes (function above its expected points)", str(sum(len(r.above()) for r in results))),
    ]


def entry_rows(results):
    for r in results:
        total, expected = sum(r.got.values()), sum(r.entry.expected.values())
        public = "fails" if r.caught_by_public() else "passes"
        isolated = ("yes" if r.isolated() else "NO") if r.entry.kind == "mistake" else ""
        cause = ("yes" if r.cause_named() else "NO") if r.entry.cause else ""
        verdict = "ok" if not r.below() and not r.above() else f"below: {r.below()} above: {r.above()}"
        yield r.name, f"{total}/{expected}", public, isolated, cause, verdict


def partial_credit_rows(results):
    """(entry, function, all or nothing, rubric, of) for every mistake, the function it gets wrong."""
    for r in results:
        if r.entry.kind == "mistake":
            topic = r.entry.target
            yield r.name, topic, f"{r.all_or_nothing(topic):g}", f"{r.got[topic]:g}", f"{r.full[topic]:g}"


def print_table(rows, out):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip(), file=out)
    print(file=out)


def print_report(results, out=sys.stdout, per_entry=True):
    if per_entry:
        print_table([("entry", "points/expected", "public tests", "isolated", "cause named", "grade"),
                     *entry_rows(results)], out)
        print("Partial credit: each mistake's function, all or nothing and with the rubric", file=out)
        print_table([("entry", "function", "all or nothing", "rubric", "of"), *partial_credit_rows(results)], out)
    rows = summary(results)
    width = max(len(label) for label, _ in rows)
    print("Summary", file=out)
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}", file=out)


def run(args=None):
    parser = argparse.ArgumentParser(prog="python -m scratchnet_solution.corpus.report", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the folder of corpus entries (the kit's own: tests/corpus, tests/corpus_deep)")
    parser.add_argument("--assignment", default=ASSIGNMENT, help=f"the assignment the corpus is for (default: {ASSIGNMENT})")
    parser.add_argument("--shards", type=int, default=2, help="courses graded side by side (default 2)")
    parser.add_argument("--summary-only", action="store_true", help="leave out the row per entry")
    options = parser.parse_args(args)
    if not options.corpus.is_dir():
        parser.error(f"{options.corpus} is not a folder of corpus entries (the kit's own is tests/corpus)")
    try:
        assignment_topics(options.assignment)
    except KeyError as error:
        parser.error(str(error).strip('"'))
    entries = load_corpus(options.corpus, options.assignment)
    if not entries:
        parser.error(f"{options.corpus} holds no corpus entries (*.py files; see the README, \"The corpus\")")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="scratchnet-corpus-") as workdir:
        results = collect(entries, workdir, shards=options.shards)
    print_report(results, per_entry=not options.summary_only)
    print(f"({time.monotonic() - started:.0f} s)")
    return 0 if all(not r.below() and not r.above() for r in results) else 1


if __name__ == "__main__":
    sys.exit(run())
