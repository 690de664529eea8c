"""What a class got wrong: the figures of `scratchnet report`, worked out from StudentResults.

`summarise` counts; `write_csv` writes one row per student; report_html.py renders the page.
"""
import csv
from collections import Counter
from dataclasses import dataclass, field

from scratchnet_solution.assignments import topics as assignment_topics

# A student below this share of the full marks is listed to follow up.
FOLLOW_UP_BELOW = 0.5
# The score distribution's bins, in percent of the full marks.
SCORE_BINS = tuple(range(0, 101, 10))

BROKEN_WORDING = {
    "timeout": "a cell timed out",
    "kernel_died": "the kernel died",
    "kernel_replaced": "the kernel ignored an interrupt",
    "not_run": "cells not run (the kernel kept dying)",
    "unreadable": "unreadable file",
    "not_graded": "not graded",
}


@dataclass
class Cause:
    """One cause of lost points (or one integrity finding) across the class."""

    id: str
    students: list
    points: float = 0.0  # points it cost, summed over the class
    message: str = ""  # one student's message, as an example

    @property
    def count(self):
        return len(self.students)


@dataclass
class TopicSummary:
    topic: str
    max_points: float
    passed: int  # students with every point of this topic
    mean_points: float


@dataclass
class ClassSummary:
    assignment: str
    students: dict  # student -> StudentResults
    max_score: float
    topics: list  # TopicSummary
    causes: list  # Cause, most common first
    integrity: list  # Cause
    sandbox: dict = field(default_factory=dict)  # student -> events
    broken: dict = field(default_factory=dict)  # student -> [{"kind", "cell", "detail"}]
    follow_up: dict = field(default_factory=dict)  # student -> [reason]

    @property
    def graded(self):
        return [record for record in self.students.values() if record.graded]

    def percent(self, record):
        return 100.0 * record.score / self.max_score if self.max_score else 0.0

    def histogram(self):
        """[(low, high, count)]: students per 10% of the full marks (100% in the last bin)."""
        counts = Counter(min(int(self.percent(record) // 10), 9) for record in self.students.values())
        return [(low, low + 10, counts.get(index, 0)) for index, low in enumerate(SCORE_BINS[:-1])]


def group_findings(records, attribute):
    """[Cause] for every finding id, most students first (then by id, so the order is fixed)."""
    by_id = {}
    for record in records:
        seen = set()
        for finding in getattr(record, attribute):
            cause = by_id.setdefault(finding.id, Cause(finding.id, [], 0.0, finding.message))
            cause.points += finding.points
            if finding.id not in seen:
                cause.students.append(record.student)
                seen.add(finding.id)
    return sorted(by_id.values(), key=lambda cause: (-cause.count, cause.id))


def follow_up_reasons(record, max_score, below):
    reasons = []
    if record.integrity:
        reasons.append("integrity: " + ", ".join(sorted({finding.id for finding in record.integrity})))
    if record.sandbox_events:
        reasons.append(f"{len(record.sandbox_events)} blocked sandbox attempt(s)")
    for kind in dict.fromkeys(event["kind"] for event in record.broken):
        reasons.append(BROKEN_WORDING.get(kind, kind))
    if max_score and record.score < below * max_score:
        reasons.append(f"score {record.score:g} of {max_score:g}")
    return reasons


def summarise(students, assignment, follow_up_below=FOLLOW_UP_BELOW):
    """The class's figures from {student: StudentResults}."""
    records = list(students.values())
    all_topics = assignment_topics(assignment)
    topic_max = {topic: max((record.topics[topic][1] for record in records), default=0.0) for topic in all_topics}
    max_score = max((record.max_score for record in records), default=0.0)
    topics = []
    for topic in all_topics:
        points = [record.topics[topic][0] for record in records]
        passed = sum(1 for value in points if topic_max[topic] and value >= topic_max[topic])
        topics.append(TopicSummary(topic, topic_max[topic], passed, sum(points) / len(points) if points else 0.0))
    follow_up = {}
    for record in records:
        reasons = follow_up_reasons(record, max_score, follow_up_below)
        if reasons:
            follow_up[record.student] = reasons
    return ClassSummary(
        assignment, students, max_score, topics,
        causes=group_findings(records, "deductions"), integrity=group_findings(records, "integrity"),
        sandbox={r.student: r.sandbox_events for r in records if r.sandbox_events},
        broken={r.student: r.broken for r in records if r.broken}, follow_up=follow_up)


def csv_columns(topics):
    """The CSV's header for an assignment with these topics (one points column each)."""
    return ("student", "score", "max_score", *(f"{topic}_points" for topic in topics), "causes",
            "integrity", "sandbox_attempts", "broken", "follow_up")


# The first assignment's columns.
CSV_COLUMNS = csv_columns(assignment_topics("scratchnet"))


def write_csv(summary, path):
    """One row per student: scores, the cause ids that cost points, findings and why to follow up."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        topics = [summary_topic.topic for summary_topic in summary.topics]
        writer.writerow(csv_columns(topics))
        for student, record in sorted(summary.students.items()):
            writer.writerow([
                student, f"{record.score:g}", f"{summary.max_score:g}",
                *(f"{record.topics[topic][0]:g}" for topic in topics),
                ";".join(dict.fromkeys(finding.id for finding in record.deductions)),
                ";".join(dict.fromkeys(finding.id for finding in record.integrity)),
                len(record.sandbox_events),
                ";".join(dict.fromkeys(event["kind"] for event in record.broken)),
                "; ".join(summary.follow_up.get(student, [])),
            ])
