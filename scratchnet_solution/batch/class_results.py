"""What a graded class did, student by student: the input of `scratchnet report`.

Every figure comes from a structured record written at grading time, never from message text:

- points per test cell: nbgrader's gradebook (the source of truth for grades);
- why a cell lost points, and integrity findings: the verdict each graded test cell's hidden part
  displays (mime type VERDICT_MIME), kept in the autograded notebook's outputs;
- what broke while the notebook ran (time-outs, kernel deaths): RobustExecute's record in the
  autograded notebook's metadata; what the sandbox blocked: the sandbox's record next to it;
- unreadable submissions: a file in submitted/ that does not read as a notebook.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

from scratchnet_solution.preprocessors.robustexecute import EVENTS_KEY, METADATA_KEY
from scratchnet_solution.assignments import topics as assignment_topics
from scratchnet_solution.batch.scores import topic_of
from scratchnet_solution.course.notebooks import NotebookError, read_notebook

VERDICT_MIME = "application/vnd.scratchnet.verdict+json"
SANDBOX_EVENTS_KEY = "sandbox_events"


@dataclass
class Finding:
    """One cause that cost a student points (a deduction) or an integrity finding."""

    id: str  # "<function>.<cause>", e.g. "backward.bias_grad_shape_flat"
    cell: str
    message: str = ""
    points: float = 0.0


@dataclass
class StudentResults:
    student: str
    graded: bool = False
    score: float = 0.0
    max_score: float = 0.0
    topics: dict = field(default_factory=dict)  # topic -> [points, max_points]
    deductions: list = field(default_factory=list)  # Finding
    integrity: list = field(default_factory=list)  # Finding
    sandbox_events: list = field(default_factory=list)  # {"kind", "target", "cell"}
    broken: list = field(default_factory=list)  # {"kind", "cell", "detail"}


def gradebook_scores(course, assignment):
    """{student: {grade_id: (score, max_score)}} and {student: late penalty}, in two queries."""
    from nbgrader.api import (Assignment, Grade, GradeCell, Gradebook, SubmittedAssignment, SubmittedNotebook)

    cells, penalties = {}, {}
    with Gradebook(f"sqlite:///{Path(course) / 'gradebook.db'}") as gb:
        rows = (gb.db.query(SubmittedAssignment.student_id, GradeCell.name, Grade.score, GradeCell.max_score)
                .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
                .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                .join(GradeCell, Grade.cell_id == GradeCell.id)
                .filter(Assignment.name == assignment))
        for student, name, score, max_score in rows:
            cells.setdefault(student, {})[name] = (float(score or 0.0), float(max_score or 0.0))
        late = (gb.db.query(SubmittedAssignment.student_id, SubmittedNotebook.late_submission_penalty)
                .join(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                .filter(Assignment.name == assignment))
        for student, penalty in late:
            penalties[student] = penalties.get(student, 0.0) + float(penalty or 0.0)
    return cells, penalties


def verdicts(notebook):
    """Every verdict a graded cell displayed, in notebook order."""
    found = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            verdict = output.get("data", {}).get(VERDICT_MIME)
            if isinstance(verdict, str):  # some writers store JSON mime data as text
                verdict = json.loads(verdict)
            if isinstance(verdict, dict):
                found.append(verdict)
    return found


def read_autograded(path, record):
    """Add what the autograded notebook records (verdicts, grading and sandbox events) to `record`."""
    # Plain JSON: nbgrader wrote this file, and skipping nbformat's validation keeps 1,000 students fast.
    with open(path, encoding="utf-8") as handle:
        notebook = json.load(handle)
    for verdict in verdicts(notebook):
        cell = str(verdict.get("cell", ""))
        for item in verdict.get("deductions", []):
            record.deductions.append(Finding(str(item["id"]), cell, item.get("message", ""), float(item.get("points", 0))))
        for item in verdict.get("integrity", []):
            record.integrity.append(Finding(str(item["id"]), cell, item.get("message", "")))
    meta = notebook.get("metadata", {}).get(METADATA_KEY, {})
    for event in meta.get(EVENTS_KEY, []):
        if event.get("kind") != "output_truncated":  # a long print is not a broken notebook
            record.broken.append({"kind": event["kind"], "cell": event.get("cell"), "detail": ""})
    record.sandbox_events.extend(meta.get(SANDBOX_EVENTS_KEY, []))


def student_results(course, assignment, notebook_name=None):
    """{student: StudentResults} for everyone with a submission or a grade in one course folder."""
    course = Path(course)
    notebook_name = notebook_name or assignment
    cells, penalties = gradebook_scores(course, assignment)
    submitted = {path.parent.name for path in (course / "submitted").glob(f"*/{assignment}") if path.is_dir()}
    topics = assignment_topics(assignment)
    results = {}
    for student in sorted(submitted | set(cells)):
        record = results[student] = StudentResults(student, topics={topic: [0.0, 0.0] for topic in topics})
        for name, (score, max_score) in cells.get(student, {}).items():
            topic = topic_of(name, topics)
            if topic is not None:
                record.topics[topic][0] += score
                record.topics[topic][1] += max_score
            record.score += score
            record.max_score += max_score
        record.score = max(0.0, record.score - penalties.get(student, 0.0))
        autograded = course / "autograded" / student / assignment / f"{notebook_name}.ipynb"
        if autograded.is_file():
            record.graded = True
            read_autograded(autograded, record)
            continue
        handed_in = course / "submitted" / student / assignment / f"{notebook_name}.ipynb"
        try:
            read_notebook(handed_in)
        except NotebookError as error:
            record.broken.append({"kind": "unreadable", "cell": None, "detail": str(error)})
        else:
            record.broken.append({"kind": "not_graded", "cell": None, "detail": "no autograded notebook"})
    return results


def class_results(courses, assignment, notebook_name=None):
    """One class from one or more course folders (the corpus is graded in several side by side)."""
    merged = {}
    for course in courses:
        merged.update(student_results(course, assignment, notebook_name))
    return merged
