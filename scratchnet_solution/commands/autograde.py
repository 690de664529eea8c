"""`scratchnet autograde ASSIGNMENT`: grade a whole class in parallel (the work is in batch/autograde.py)."""
import os
import time

from rich.console import Console

from scratchnet_solution.batch.autograde import find_students, grade_class, new_log, prepare_course, print_table, say, summarise
from scratchnet_solution.commands.cli import positive_int
from scratchnet_solution.course.folder import ASSIGNMENT, CourseNotFound, course_root


def register(subparsers):
    parser = subparsers.add_parser(
        "autograde", help="grade every submission of an assignment, in parallel, into nbgrader's gradebook",
        description="Grade the submissions in submitted/ into gradebook.db and autograded/, as `nbgrader autograde` "
                    "does, several at a time. Already graded submissions are kept unless --force is given.")
    parser.add_argument("assignment", nargs="?", default=ASSIGNMENT, help=f"the assignment to grade (default: {ASSIGNMENT})")
    parser.add_argument("--jobs", "-j", type=positive_int, default=len(os.sched_getaffinity(0)),
                        help="submissions graded at once (default: one per core, here %(default)s)")
    parser.add_argument("--student", nargs="+", action="extend", default=[], metavar="ID",
                        help="grade only these students (default: everyone in submitted/)")
    parser.add_argument("--force", action="store_true", help="grade again submissions that are already graded")
    parser.set_defaults(run=run)


def run(args):
    err = Console(stderr=True, soft_wrap=True)  # messages name paths: never break one across lines
    try:
        root = course_root()
    except CourseNotFound as error:
        err.print(f"[red]{error}[/red]")
        return 2
    log_path = new_log(root)
    problem = prepare_course(root, args.assignment, err, log_path)
    if problem:
        say(err, log_path, f"Cannot grade: {problem}.", "red")
        return 2
    students, problem = find_students(root, args.assignment, args.student)
    if problem:
        say(err, log_path, problem, "red")
        return 2
    jobs = min(args.jobs, len(students))
    started = time.monotonic()
    results = grade_class(root, args.assignment, students, jobs, args.force, log_path, err)
    if results is None:
        return 2
    print_table(results, Console())
    return summarise(results, args.assignment, time.monotonic() - started, jobs, log_path, err)
