"""`scratchnet doctor [--fix]`: is this course folder ready to grade safely, and if not, how to fix it.

One line per check, OK or PROBLEM with how to fix it, wrapped at 80 columns whatever the terminal
(paths are never broken). `--fix` does what is safe to do unattended: it takes other users'
permissions off the private parts of the course folder and records the assignment in the gradebook
from an in-sync release/. It never removes, moves or rewrites a file. Exit code 0 when all is well,
1 when a problem remains.
"""
import sys
from dataclasses import dataclass
from pathlib import Path

from scratchnet_solution.course import permissions as course_permissions, readiness as assignment_setup
from scratchnet_solution.course.folder import ASSIGNMENT, CourseNotFound, course_root
from scratchnet_solution.grading.wrapping import fill

LABEL_WIDTH = 9  # "PROBLEM  "
OLDEST_PYTHON = (3, 11)
SANDBOX_DOCS = 'see "The sandbox" in README.md'


@dataclass
class Check:
    """The outcome of one check; `fix` says what to do, `repair` does it when that is safe."""

    name: str
    problem: str | None
    ok_text: str = ""
    fix: str = ""
    repair: object = None  # for --fix: a function of no arguments returning what it did


def wrapped(label, text):
    """A report line: the label in its column, then the text, continuation lines indented below it."""
    return fill(text, first=label.ljust(LABEL_WIDTH), rest=" " * LABEL_WIDTH)


def report(check):
    if check.problem is None:
        return wrapped("OK", f"{check.name}: {check.ok_text}")
    lines = [wrapped("PROBLEM", f"{check.name}: {check.problem}")]
    if check.fix:
        lines.append(wrapped("", f"fix: {check.fix}"))
    return "\n".join(lines)


def check_python(version=None):
    version = tuple(version or sys.version_info[:3])
    shown = ".".join(map(str, version))
    if version[:2] >= OLDEST_PYTHON:
        return Check("Python", None, ok_text=f"{shown} (the kit needs 3.11 or newer)")
    return Check("Python", f"{shown} is too old: the kit needs 3.11 or newer",
                 fix="install Python 3.11 or newer, then `rm -rf .venv && make setup PYTHON=python3.11`")


def sandbox_status(root):
    """(None, _) when grading kernels start in the sandbox, else (why not, how to fix it).

    The one place that asks scratchnet_solution.sandbox.kernelmanager, whose API may change; a failure to ask is
    itself a problem worth reporting, not a traceback.
    """
    try:
        from scratchnet_solution.sandbox import kernelmanager as sandbox

        settings = assignment_setup.course_directory(root).config.get("SandboxedKernelManager", {})
        if settings.get("sandbox") is False:
            return ("nbgrader_config.py sets c.SandboxedKernelManager.sandbox = False, so student code runs "
                    "NOT sandboxed", "remove that line")
        problem = sandbox.sandbox_problem(settings.get("bwrap", "bwrap"))
        fix = getattr(sandbox, "INSTALL_HINT", SANDBOX_DOCS)
        return problem and f"no sandbox starts here ({problem}), so grading refuses to run student code", fix
    except Exception as error:  # noqa: BLE001 -- whatever went wrong, say it in one line
        return f"it could not be checked ({type(error).__name__}: {error})", SANDBOX_DOCS


def check_sandbox(root):
    problem, fix = sandbox_status(root)
    return Check("sandbox", problem, ok_text="student code runs in the sandbox (it started here just now)", fix=fix)


def check_permissions(root):
    problem = course_permissions.problem(root)
    return Check("permissions", problem, ok_text="other users can read nothing private in the course folder",
                 fix=f"`scratchnet doctor --fix`, or in the course folder: `{course_permissions.fix_command(root)}`",
                 repair=lambda: repair_permissions(root))


def repair_permissions(root):
    closed, created = course_permissions.make_private(root)
    done = [f"took other users' access off {', '.join(closed)}"] if closed else []
    done += [f"created {', '.join(name + '/' for name in created)} private"] if created else []
    return " and ".join(done)


def repair_gradebook(root, assignment):
    assignment_setup.add_to_gradebook(root, assignment)
    return f"recorded '{assignment}' and its cells from release/"


def check_release(root, assignment):
    try:
        assignment_setup.check_release(root, assignment)
    except assignment_setup.NotReady as error:
        return Check("release", str(error))
    return Check("release", None, ok_text=f"release/{assignment}/ is what source/ generates")


def check_gradebook(root, assignment):
    try:
        problem = assignment_setup.gradebook_problem(root, assignment)
    except assignment_setup.NotReady as error:
        return Check("gradebook", str(error))
    return Check("gradebook", problem, ok_text=f"the gradebook knows '{assignment}' and its graded cells",
                 fix=f"`scratchnet doctor --fix` (records '{assignment}' from release/ when it is in sync with source/)",
                 repair=lambda: repair_gradebook(root, assignment))


CHECKS = (
    lambda root, assignment: check_python(),
    lambda root, assignment: check_sandbox(root),
    lambda root, assignment: check_permissions(root),
    check_release,
    check_gradebook,
)


def diagnose(root, assignment, fix, out):
    """Run every check (repairing what --fix may), print one report per check; the number of problems left."""
    problems = 0
    for make_check in CHECKS:
        check = make_check(root, assignment)
        if check.problem and fix and check.repair:
            try:
                done = check.repair()
            except (OSError, assignment_setup.NotReady) as error:
                print(wrapped("FAILED", f"{check.name}: could not fix it: {error}"), file=out)
            else:
                fixed = make_check(root, assignment)
                if fixed.problem is None:
                    print(wrapped("FIXED", f"{check.name}: {done}; {fixed.ok_text} now"), file=out)
                    continue
                check = fixed
        print(report(check), file=out)
        problems += check.problem is not None
    return problems


def register(subparsers):
    parser = subparsers.add_parser(
        "doctor", help="check that this course folder is ready to grade safely, and say how to fix what is not",
        description="Check the Python version, the sandbox, the permissions of the course folder, release/ "
                    "against source/, and the gradebook. With --fix, make the private parts private and record "
                    "the assignment in the gradebook (nothing is removed or rewritten).")
    parser.add_argument("assignment", nargs="?", default=ASSIGNMENT, help=f"the assignment (default: {ASSIGNMENT})")
    parser.add_argument("--fix", action="store_true", help="fix what can be fixed safely")
    parser.set_defaults(run=run)


def run(args, out=None):
    out = out or sys.stdout
    try:
        root = course_root()
    except CourseNotFound as error:
        print(wrapped("PROBLEM", f"course folder: {error}"), file=out)
        return 1
    print(fill(f"Checking the course folder {root}"), file=out)
    problems = diagnose(Path(root), args.assignment, args.fix, out)
    if problems:
        hint = "" if args.fix else " `scratchnet doctor --fix` fixes what it safely can."
        print(fill(f"{problems} problem(s) left.{hint}"), file=out)
    else:
        print("All is well.", file=out)
    return 1 if problems else 0
