"""`scratchnet report ASSIGNMENT`: what the class got wrong, as one HTML page and a CSV.

Reads the course's gradebook.db, autograded/ and submitted/ (see class_results.py); run it after
`scratchnet autograde` or `nbgrader autograde`. Writes reports/<assignment>-report.html and
reports/<assignment>-report.csv in the course folder unless --out says elsewhere.
"""
import sys
import time
from pathlib import Path

from scratchnet_solution.course.folder import ASSIGNMENT, CourseNotFound, course_root


def register(subparsers):
    parser = subparsers.add_parser(
        "report", help="write a class report (HTML and CSV): scores, mistakes by cause, who to follow up",
        description="Summarise a graded assignment: the score distribution, per-function pass rates, the most "
                    "common mistakes by cause, integrity findings, blocked sandbox attempts, notebooks that broke "
                    "and the students to follow up.")
    parser.add_argument("assignment", nargs="?", default=ASSIGNMENT, help=f"the graded assignment (default: {ASSIGNMENT})")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="folder for the report files (default: reports/ in the course folder)")
    parser.add_argument("--follow-up-below", type=float, default=50.0, metavar="PERCENT",
                        help="list students scoring below this share of the full marks (default: %(default)s)")
    parser.set_defaults(run=run)


def write_report(courses, assignment, out, follow_up_below=50.0):
    """Write the HTML page and the CSV for a class graded in `courses`; returns (summary, html path, csv path)."""
    from scratchnet_solution.batch.class_report import summarise, write_csv
    from scratchnet_solution.batch.class_results import class_results
    from scratchnet_solution.batch.report_html import render

    summary = summarise(class_results(courses, assignment), assignment, follow_up_below / 100)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = out / f"{assignment}-report.html", out / f"{assignment}-report.csv"
    html_path.write_text(render(summary), encoding="utf-8")
    write_csv(summary, csv_path)
    return summary, html_path, csv_path


def run(args):
    try:
        root = course_root()
    except CourseNotFound as error:
        print(error, file=sys.stderr)
        return 2
    if not (root / "gradebook.db").is_file():
        print(f"No gradebook.db in {root}: grade the class first (`scratchnet autograde {args.assignment}`).",
              file=sys.stderr)
        return 2
    started = time.monotonic()
    summary, html_path, csv_path = write_report([root], args.assignment, args.out or root / "reports",
                                                args.follow_up_below)
    if not summary.students:
        print(f"No submissions or grades of '{args.assignment}' in {root}: nothing to report.", file=sys.stderr)
        return 2
    print(f"{len(summary.students)} students ({len(summary.graded)} graded), {len(summary.causes)} causes of lost "
          f"points, {len(summary.follow_up)} to follow up; written in {time.monotonic() - started:.1f} s:")
    print(f"  {html_path}\n  {csv_path}")
    return 0
