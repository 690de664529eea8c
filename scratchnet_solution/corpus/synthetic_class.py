"""A graded class made without running a kernel: for the report's tests and its benchmark.

Each synthetic student is a list of verdicts (what the hidden part of each test cell displays) plus,
optionally, grading and sandbox events. `write_class` puts their points into the course's
gradebook (nbgrader's API, as SaveAutoGrades would) and their autograded notebooks into
autograded/, so that `scratchnet report` reads them exactly as it reads a class nbgrader graded.
"""
import json
import random
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from scratchnet_solution.batch.class_results import SANDBOX_EVENTS_KEY, VERDICT_MIME
from scratchnet_solution.course.folder import ASSIGNMENT
from scratchnet_solution.preprocessors.robustexecute import EVENTS_KEY, METADATA_KEY
from scratchnet_solution.batch.scores import topic_of
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook


@dataclass
class SyntheticStudent:
    student: str
    lost: dict = field(default_factory=dict)  # grade_id -> [(cause id, points)]
    integrity: dict = field(default_factory=dict)  # grade_id -> [finding id]
    grading_events: list = field(default_factory=list)
    sandbox_events: list = field(default_factory=list)


def verdict_output(cell, function, points, max_points, deductions, integrity):
    verdict = {"cell": cell, "function": function, "points": points, "max_points": max_points,
               "deductions": [{"id": cause, "points": lost, "message": f"{cause} (synthetic)"} for cause, lost in deductions],
               "integrity": [{"id": finding, "message": f"{finding} (synthetic)"} for finding in integrity]}
    return {"output_type": "display_data", "metadata": {}, "data": {VERDICT_MIME: verdict, "text/plain": [""]}}


def autograded_notebook(release, student):
    """The release notebook with this student's verdicts as outputs of its test cells; {grade_id: points}."""
    notebook = json.loads(json.dumps(release))  # a deep copy as plain data
    points = {}
    for cell in notebook["cells"]:
        meta = nbgrader_meta(cell)
        if not meta.get("grade") or cell["cell_type"] != "code":
            continue
        grade_id, max_points = meta["grade_id"], float(meta.get("points", 0))
        lost = student.lost.get(grade_id, [])
        findings = student.integrity.get(grade_id, [])
        earned = 0.0 if findings else max(0.0, max_points - sum(points for _, points in lost))
        points[grade_id] = earned
        cell["outputs"] = [verdict_output(grade_id, topic_of(grade_id), earned, max_points, lost, findings)]
    notebook["metadata"][METADATA_KEY] = {EVENTS_KEY: student.grading_events, SANDBOX_EVENTS_KEY: student.sandbox_events}
    return notebook, points


def write_class(course, students, assignment=ASSIGNMENT):
    """Write every student's gradebook entries, submitted and autograded notebooks into the course."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    course = Path(course)
    release = read_notebook(course / "release" / assignment / f"{assignment}.ipynb")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            notebook, points = autograded_notebook(release, student)
            for folder in ("submitted", "autograded"):
                path = course / folder / student.student / assignment / f"{assignment}.ipynb"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(notebook), encoding="utf-8")
            gb.update_or_create_student(student.student)
            with warnings.catch_warnings():
                # nbgrader's own submission building trips SQLAlchemy's autoflush warning; the rows are right.
                warnings.simplefilter("ignore", SAWarning)
                submission = gb.update_or_create_submission(assignment, student.student)
            for submitted in submission.notebooks:
                for grade in submitted.grades:
                    grade.auto_score, grade.needs_manual_grade = points[grade.name], False
        gb.db.commit()


# Causes a synthetic class draws from, per test cell (ids in the verdicts' "<function>.<cause>" form).
SYNTHETIC_CAUSES = {
    "sigmoid_large_inputs": ["sigmoid.overflow_nan"],
    "forward_matches_reference": ["forward.transposed_weights", "forward.missing_bias"],
    "compute_loss_matches_reference": ["compute_loss.no_clip", "compute_loss.sum_not_mean"],
    "backward_matches_reference": ["backward.bias_grad_shape_flat", "backward.forgets_mean", "backward.no_sigmoid_derivative"],
    "update_weights_matches_reference": ["update_weights.adds_gradient"],
}


def random_class(size, seed=0):
    """`size` students with a plausible spread of mistakes, cheats and broken notebooks (seeded)."""
    generator = random.Random(seed)
    students = []
    for index in range(size):
        student = SyntheticStudent(f"student{index:04d}")
        for cell, causes in SYNTHETIC_CAUSES.items():
            if generator.random() < 0.2:
                student.lost[cell] = [(generator.choice(causes), 5.0)]
        if generator.random() < 0.03:
            student.integrity["backward_matches_reference"] = ["integrity.reference_import"]
        if generator.random() < 0.02:
            student.grading_events.append({"kind": "timeout", "cell": "xor_converges"})
            student.lost["xor_converges"] = [("xor.timeout", 20.0)]
        if generator.random() < 0.01:
            student.sandbox_events.append({"kind": "write", "target": "gradebook.db", "cell": None})
        students.append(student)
    return students
