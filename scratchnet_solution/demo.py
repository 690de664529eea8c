"""`make demo`: release both assignments, grade a small sample class in each, and show the results.

The first assignment's sample students are corpus entries (tests/corpus) with ids starting "demo-";
the second's are the instructor's answers in source/, as they are or with one mistake made on purpose.
The demo only ever writes those students' folders, so running it in a course with real submissions
loses nothing.
"""
import sys
from pathlib import Path

from .corpus import load_entry
from .course import ASSIGNMENT, NbgraderFailed, course_root, run_nbgrader
from .report_command import write_report
from .scores import function_scores, score_table
from .submissions import answers_in_source, fill_solutions, read_notebook, with_answers, write_submission

# student id -> corpus entry: a complete answer, a bug in backward, a partial attempt, the untouched stub.
SAMPLE_CLASS = {
    "demo-correct": "correct_reference",
    "demo-backward-bug": "mistake_backward_forgets_mean",
    "demo-partial": "partial_sigmoid_forward",
    "demo-stub": "untouched_stub",
}
# The second assignment's sample class: student id -> (what they hand in, edits to the instructor's answers;
# None: the untouched notebook).
DEEP = "scratchnet_deep"
DEEP_SAMPLE_CLASS = {
    "demo-deep-correct": ("every function right", []),
    "demo-deep-sum": ("dW summed over the batch, not averaged", [("return dZ @ W.T, A_prev.T @ dZ / m,",
                                                                  "return dZ @ W.T, A_prev.T @ dZ,")]),
    "demo-deep-stub": ("the untouched notebook", None),
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
CANVAS_EXPORTER = "scratchnet_solution.lms_export.CanvasGradebookExport"


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


def write_sample_class(root):
    release = read_notebook(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    for student, entry_name in SAMPLE_CLASS.items():
        entry = load_entry(root / "tests" / "corpus" / f"{entry_name}.py")
        write_submission(root, student, fill_solutions(release, entry.code_by_function))
        print(f"  {student:<18} {entry.description.splitlines()[0]}")


def write_deep_class(root):
    source = read_notebook(root / "source" / DEEP / f"{DEEP}.ipynb")
    release = read_notebook(root / "release" / DEEP / f"{DEEP}.ipynb")
    for student, (description, edits) in DEEP_SAMPLE_CLASS.items():
        answers = {} if edits is None else answers_in_source(source, edits)
        write_submission(root, student, with_answers(release, answers), assignment=DEEP)
        print(f"  {student:<18} {description}")


def run(args=None):
    from rich.console import Console

    root = course_root()
    console = Console(width=max(Console().width, 110))  # the score table needs room
    console.print(f"[bold]1. Release[/bold]: nbgrader generate_assignment {ASSIGNMENT} (source/ -> release/)")
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    console.print("[bold]2. A sample class hands in[/bold] (submitted/):")
    add_sample_students(root)
    write_sample_class(root)
    console.print("[bold]3. Autograde[/bold]: nbgrader autograde (autograded/, gradebook.db)")
    nbgrader(root, "autograde", ASSIGNMENT, "--student", "demo-*", "--force")
    console.print("[bold]4. Feedback[/bold]: nbgrader generate_feedback (feedback/)")
    nbgrader(root, "generate_feedback", ASSIGNMENT, "--student", "demo-*", "--force")
    console.print("[bold]5. Export[/bold]: nbgrader export (grades.csv; reports/canvas_grades.csv for Canvas)")
    nbgrader(root, "export", "--to", "grades.csv")
    (root / "reports").mkdir(exist_ok=True)
    nbgrader(root, "export", f"--exporter={CANVAS_EXPORTER}", "--to", str(Path("reports") / "canvas_grades.csv"))
    scores = {s: by_topic for s, by_topic in function_scores(root).items() if s in SAMPLE_CLASS}
    console.print(score_table(scores, title="Sample class: points per function"))
    console.print("Open autograded/<student>/ or feedback/<student>/ to see what each student gets back.")
    console.print(f"[bold]6. Class report[/bold]: scratchnet report {ASSIGNMENT} (every student of the course)")
    summary, html_path, csv_path = write_report([root], ASSIGNMENT, root / "reports")
    console.print(f"  {len(summary.students)} students, {len(summary.follow_up)} to follow up: "
                  f"{html_path.relative_to(root)} and {csv_path.relative_to(root)}")
    console.print(f"[bold]7. The second assignment[/bold], {DEEP}: release, hand in, autograde, feedback")
    nbgrader(root, "generate_assignment", DEEP, "--force")
    write_deep_class(root)
    nbgrader(root, "autograde", DEEP, "--student", "demo-deep-*", "--force")
    nbgrader(root, "generate_feedback", DEEP, "--student", "demo-deep-*", "--force")
    scores = {s: by_topic for s, by_topic in function_scores(root, DEEP).items() if s in DEEP_SAMPLE_CLASS}
    console.print(score_table(scores, title=f"{DEEP}: points per function"))
    return 0


def register(subparsers):
    parser = subparsers.add_parser("demo", help="release both assignments and grade a sample class in each")
    parser.set_defaults(run=run)


if __name__ == "__main__":
    sys.exit(run())
