"""Per-function scores read from nbgrader's gradebook, and the table instructors see."""
from dataclasses import dataclass

from nbgrader.api import Gradebook, MissingEntry

from scratchnet_solution.assignments import topic_of as topic_among, topics as assignment_topics
from scratchnet_solution.course.folder import ASSIGNMENT

# The first assignment's topics: every autograded test cell's grade_id starts with one of these.
TOPICS = assignment_topics(ASSIGNMENT)


@dataclass
class Score:
    points: float
    max_points: float


def topic_of(grade_id, topics=TOPICS):
    """The topic a test cell belongs to (the first assignment's topics unless `topics` are given)."""
    return topic_among(grade_id, topics)


def function_scores(course_root, assignment=ASSIGNMENT, notebook=None):
    """{student: {topic: Score}} for every graded submission of the assignment (its notebook has its name)."""
    from scratchnet_solution.assignments import topics as assignment_topics

    notebook = notebook or assignment
    topics = assignment_topics(assignment)
    table = {}
    with Gradebook(f"sqlite:///{course_root}/gradebook.db") as gradebook:
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission_notebook(notebook, assignment, student.id)
            except MissingEntry:
                continue
            scores = {topic: Score(0.0, 0.0) for topic in topics}
            for grade in submission.grades:
                topic = topic_of(grade.name, topics)
                if topic is not None:
                    scores[topic].points += grade.score
                    scores[topic].max_points += grade.max_score
            table[student.id] = scores
    return table


# Past this many topics a row per student no longer fits 110 columns: the table turns, a row per topic.
MAX_TOPIC_COLUMNS = 7


def score_table(scores, title="Scores per function"):
    """A rich Table of {student: {topic: Score}}: a row per student and a column per topic (and the total),
    or, for an assignment with many functions, a row per topic and a column per student."""
    from rich.table import Table

    topics = list(next(iter(scores.values()), {})) or TOPICS
    students = sorted(scores)
    table = Table(title=title)
    cell = lambda score: f"{score.points:g}/{score.max_points:g}"  # noqa: E731
    totals = {s: Score(sum(x.points for x in scores[s].values()), sum(x.max_points for x in scores[s].values()))
              for s in students}
    if len(topics) <= MAX_TOPIC_COLUMNS:
        table.add_column("student")
        for topic in topics:
            table.add_column(topic, justify="right")
        table.add_column("total", justify="right")
        for student in students:
            table.add_row(student, *(cell(scores[student][t]) for t in topics), cell(totals[student]))
        return table
    table.add_column("function")
    for student in students:
        table.add_column(student, justify="right")
    for topic in topics:
        table.add_row(topic, *(cell(scores[s][topic]) for s in students))
    table.add_row("total", *(cell(totals[s]) for s in students))
    return table
