"""Per-function scores read from nbgrader's gradebook, and the table instructors see."""
from dataclasses import dataclass

from nbgrader.api import Gradebook, MissingEntry

from .network import STUDENT_FUNCTIONS
from .course import ASSIGNMENT

# Every autograded test cell's grade_id starts with one of these.
TOPICS = STUDENT_FUNCTIONS + ("xor",)


@dataclass
class Score:
    points: float
    max_points: float


def topic_of(grade_id, topics=TOPICS):
    """The topic a test cell belongs to: the longest topic its grade_id starts with."""
    return next((t for t in sorted(topics, key=len, reverse=True) if grade_id.startswith(t)), None)


def function_scores(course_root, assignment=ASSIGNMENT, notebook=None):
    """{student: {topic: Score}} for every graded submission of the assignment (its notebook has its name)."""
    from .assignments import topics as assignment_topics

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


def score_table(scores, title="Scores per function"):
    """A rich Table: one row per student, one column per topic, and the total."""
    from rich.table import Table

    topics = list(next(iter(scores.values()), {})) or TOPICS
    table = Table(title=title)
    table.add_column("student")
    for topic in topics:
        table.add_column(topic, justify="right")
    table.add_column("total", justify="right")
    for student, by_topic in sorted(scores.items()):
        cells = [f"{by_topic[t].points:g}/{by_topic[t].max_points:g}" for t in topics]
        total = sum(s.points for s in by_topic.values())
        table.add_row(student, *cells, f"{total:g}/{sum(s.max_points for s in by_topic.values()):g}")
    return table
