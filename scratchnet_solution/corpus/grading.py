"""The corpus graded by real `nbgrader autograde`: scores per function and the message of every failing test cell.

The entries are split over a few throwaway courses graded side by side (one `nbgrader autograde` per
course), which is the same grading as one course, only sooner.
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scratchnet_solution.course.folder import ASSIGNMENT, course_root, new_course, run_nbgrader
from scratchnet_solution.batch.scores import function_scores
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions, reference_solutions, write_submission
from scratchnet_solution.grading.verdicts import VERDICT_MIME

REFERENCE_STUDENT = "reference-filled"

def cell_messages(notebook_path):
    """{grade_id: message} for the graded cells that lost points: the error's text, or the stderr text, and the
    deductions and integrity findings their verdicts name."""
    messages = {}
    for cell in read_notebook(notebook_path).cells:
        meta = nbgrader_meta(cell)
        if not meta.get("grade") or cell.cell_type != "code":
            continue
        texts = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                texts.append(f"{output.get('ename')}: {output.get('evalue')}")
                break
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                texts.append(f"stderr: {output.get('text', '')[:300]}")
                break
        for verdict in cell_verdicts_of(cell):
            findings = verdict.get("deductions", []) + verdict.get("integrity", [])
            texts += [item["message"] for item in findings if item["message"] not in " ".join(texts)]
        if texts:
            messages[meta["grade_id"]] = " | ".join(texts)
    return messages


def cell_verdicts_of(cell):
    return [output["data"][VERDICT_MIME] for output in cell.get("outputs", [])
            if output.get("output_type") == "display_data" and VERDICT_MIME in output.get("data", {})]


def cell_verdicts(notebook_path):
    """{grade_id: [verdict record, ...]} of every graded cell (one each, when grading went right)."""
    return {nbgrader_meta(cell)["grade_id"]: cell_verdicts_of(cell) for cell in read_notebook(notebook_path).cells
            if nbgrader_meta(cell).get("grade") and cell.cell_type == "code"}


@dataclass
class GradedCorpus:
    courses: list
    scores: dict  # student -> {topic: Score}
    messages: dict  # student -> {grade_id: message}
    verdicts: dict  # student -> {grade_id: [verdict records]}
    autograde_logs: list  # (returncode, stderr) per course
    assignment: str = ASSIGNMENT


def assignment_of(entries):
    """The one assignment the entries are submissions of (the first assignment's, for no entries)."""
    assignments = {getattr(entry, "assignment", ASSIGNMENT) for entry in entries} or {ASSIGNMENT}
    if len(assignments) > 1:
        raise ValueError(f"one class is one assignment; these entries are of {', '.join(sorted(assignments))}")
    return assignments.pop()


def submit(entries, workdir, shards=2, root=None, with_reference=True):
    """Courses under workdir holding every entry's submission (and the reference solutions); {student: course}.

    The assignment is the entries' own (CorpusEntry.assignment)."""
    root = root or course_root()
    workdir = Path(workdir)
    assignment = assignment_of(entries)
    courses = [new_course(workdir / f"course-{i}", root, assignment) for i in range(shards)]
    release = read_notebook(courses[0] / "release" / assignment / f"{assignment}.ipynb")
    students = [(entry.name, entry.code_by_function) for entry in entries]
    if with_reference:
        source = read_notebook(root / "source" / assignment / f"{assignment}.ipynb")
        students.insert(0, (REFERENCE_STUDENT, reference_solutions(source)))
    where = {}
    for index, (student, code) in enumerate(students):
        course = courses[index % shards]
        write_submission(course, student, fill_solutions(release, code), assignment)
        where[student] = course
    return where


def autograde(where, assignment=ASSIGNMENT):
    """`nbgrader autograde` in every course at once; the scores and the failing cells' messages."""
    courses = sorted(set(where.values()))
    with ThreadPoolExecutor(len(courses)) as pool:
        logs = list(pool.map(lambda course: run_nbgrader(course, "autograde", assignment, "--force", check=False), courses))
    scores, messages, verdicts = {}, {}, {}
    for course in courses:
        scores.update(function_scores(course, assignment))
    for student, course in where.items():
        path = course / "autograded" / student / assignment / f"{assignment}.ipynb"
        messages[student] = cell_messages(path) if path.exists() else {"<notebook>": "not autograded"}
        verdicts[student] = cell_verdicts(path) if path.exists() else {}
    return GradedCorpus(courses, scores, messages, verdicts, [(log.returncode, log.stderr) for log in logs], assignment)


def grade(entries, workdir, shards=2, root=None, with_reference=True):
    """Submit every entry (and the reference solutions) into `shards` courses under workdir and autograde them."""
    return autograde(submit(entries, workdir, shards, root, with_reference), assignment_of(entries))


def generate_feedback(graded):
    """`nbgrader generate_feedback` in every course; {student: feedback HTML path}."""
    paths = {}
    assignment = graded.assignment
    with ThreadPoolExecutor(len(graded.courses)) as pool:
        list(pool.map(lambda course: run_nbgrader(course, "generate_feedback", assignment, "--force"), graded.courses))
    for course in graded.courses:
        for html in (course / "feedback").glob(f"*/{assignment}/{assignment}.html"):
            paths[html.parents[1].name] = html
    return paths
