"""`make demo`: release both assignments, grade a small sample class in each, and show the results.

The sample students (ids starting "demo-") hand in the instructor's answers from source/: as they are, with
one mistake made on purpose, only some functions done, or the released notebook untouched. The demo reads
nothing else (no test data), and only ever writes those students' folders, so running it in a course with
real submissions loses nothing.
"""
import sys
from dataclasses import dataclass
from pathlib import Path

from scratchnet_solution.course.folder import ASSIGNMENT, NbgraderFailed, course_root, run_nbgrader
from scratchnet_solution.commands.report import write_report
from scratchnet_solution.batch.scores import function_scores, score_table
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import answers_in_source, solution_function, with_answers, write_submission

DEEP = "scratchnet_deep"


@dataclass(frozen=True)
class SampleStudent:
    """What a sample student hands in: the instructor's answers with `edits` made ((old, new) replacements),
    only the solution cells named in `done` (None: all of them), or nothing at all (`untouched`)."""

    description: str
    edits: tuple = ()
    done: tuple | None = None
    untouched: bool = False


# assignment -> student id -> what they hand in.
SAMPLE_CLASSES = {
    ASSIGNMENT: {
        "demo-correct": SampleStudent("every function right"),
        "demo-backward-bug": SampleStudent("backward sums the gradients over the batch instead of averaging", (
            ("a1.T @ dz2 / m", "a1.T @ dz2"), ("X.T @ dz1 / m", "X.T @ dz1"), ("keepdims=True) / m", "keepdims=True)"))),
        "demo-partial": SampleStudent("only sigmoid and forward done", done=("sigmoid", "forward")),
        "demo-stub": SampleStudent("the released notebook handed in untouched", untouched=True),
    },
    DEEP: {
        "demo-deep-correct": SampleStudent("every function right"),
        "demo-deep-sum": SampleStudent("dW summed over the batch, not averaged", (
            ("return dZ @ W.T, A_prev.T @ dZ / m,", "return dZ @ W.T, A_prev.T @ dZ,"),)),
        "demo-deep-stub": SampleStudent("the released notebook handed in untouched", untouched=True),
    },
}
# student id -> (first name, last name): the formgrader lists students by name ("None, None" without one).
SAMPLE_NAMES = {
    "demo-correct": ("Ada", "Lovelace"),
    "demo-backward-bug": ("Alan", "Turing"),
    "demo-partial": ("Grace", "Hopper"),
    "demo-stub": ("Edsger", "Dijkstra"),
    "demo-deep-correct": ("Katherine", "Johnson"),
    "demo-deep-sum": ("John", "von Neumann"),
    "demo-deep-stub": ("Barbara", "Liskov"),
}
CANVAS_EXPORTER = "scratchnet_solution.plugins.CanvasGradebookExport"


def nbgrader(root, *args):
    """Run an nbgrader command in the course folder; on failure show its last lines and stop."""
    try:
        return run_nbgrader(root, *args)
    except NbgraderFailed as failure:
        raise SystemExit(str(failure)) from None


def add_sample_students(root):
    """Put the sample students in the gradebook with their names (kept if they are there already)."""
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "sample_class.csv"
        with roster.open("w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["id", "first_name", "last_name"])
            writer.writerows([student, *names] for student, names in SAMPLE_NAMES.items())
        nbgrader(root, "db", "student", "import", str(roster))


def write_sample_class(root, assignment):
    """Hand in each sample student's notebook for `assignment` (submitted/<student>/<assignment>/)."""
    source = read_notebook(root / "source" / assignment / f"{assignment}.ipynb")
    release = read_notebook(root / "release" / assignment / f"{assignment}.ipynb")
    for student, sample in SAMPLE_CLASSES[assignment].items():
        answers = {} if sample.untouched else answers_in_source(source, sample.edits)
        if sample.done is not None:
            answers = {cell: code for cell, code in answers.items() if solution_function(cell) in sample.done}
        write_submission(root, student, with_answers(release, answers), assignment=assignment)
        print(f"  {student:<18} {sample.description}")


def run(args=None):
    from rich.console import Console

    root = course_root()
    console = Console(width=max(Console().width, 110))  # the score table needs room
    console.print(f"[bold]1. Release[/bold]: nbgrader generate_assignment {ASSIGNMENT} (source/ -> release/)")
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    console.print("[bold]2. A sample class hands in[/bold] (submitted/):")
    add_sample_students(root)
    write_sample_class(root, ASSIGNMENT)
    console.print("[bold]3. Autograde[/bold]: nbgrader autograde (autograded/, gradebook.db)")
    nbgrader(root, "autograde", ASSIGNMENT, "--student", "demo-*", "--force")
    console.print("[bold]4. Feedback[/bold]: nbgrader generate_feedback (feedback/)")
    nbgrader(root, "generate_feedback", ASSIGNMENT, "--student", "demo-*", "--force")
    console.print("[bold]5. Export[/bold]: nbgrader export (grades.csv; reports/canvas_grades.csv for Canvas)")
    nbgrader(root, "export", "--to", "grades.csv")
    (root / "reports").mkdir(exist_ok=True)
    nbgrader(root, "export", f"--exporter={CANVAS_EXPORTER}", "--to", str(Path("reports") / "canvas_grades.csv"))
    scores = {s: by_topic for s, by_topic in function_scores(root).items() if s in SAMPLE_CLASSES[ASSIGNMENT]}
    console.print(score_table(scores, title="Sample class: points per function"))
    console.print("Open autograded/<student>/ or feedback/<student>/ to see what each student gets back.")
    console.print(f"[bold]6. Class report[/bold]: scratchnet report {ASSIGNMENT} (every student of the course)")
    summary, html_path, csv_path = write_report([root], ASSIGNMENT, root / "reports")
    console.print(f"  {len(summary.students)} students, {len(summary.follow_up)} to follow up: "
                  f"{html_path.relative_to(root)} and {csv_path.relative_to(root)}")
    console.print(f"[bold]7. The second assignment[/bold], {DEEP}: release, hand in, autograde, feedback")
    nbgrader(root, "generate_assignment", DEEP, "--force")
    write_sample_class(root, DEEP)
    nbgrader(root, "autograde", DEEP, "--student", "demo-deep-*", "--force")
    nbgrader(root, "generate_feedback", DEEP, "--student", "demo-deep-*", "--force")
    scores = {s: by_topic for s, by_topic in function_scores(root, DEEP).items() if s in SAMPLE_CLASSES[DEEP]}
    console.print(score_table(scores, title=f"{DEEP}: points per function"))
    return 0


def register(subparsers):
    parser = subparsers.add_parser("demo", help="release both assignments and grade a sample class in each")
    parser.set_defaults(run=run)


if __name__ == "__main__":
    sys.exit(run())
