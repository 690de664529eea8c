"""Is the assignment ready to grade: release/ in sync with source/, and known to the gradebook.

nbgrader grades against what `nbgrader generate_assignment` recorded in gradebook.db: the assignment
and its notebooks' grade and solution cells. A fresh clone has the committed release/ but no
gradebook, so the assignment is recorded from source/ once release/ is shown to be exactly what
source/ generates (then the gradebook matches what students got). Both steps run nbgrader's own
generate_assignment into a temporary folder, so release/ itself is never touched.
"""
import json
import os
import tempfile
from pathlib import Path

from scratchnet_solution.course.folder import NbgraderFailed, run_nbgrader

# What generate_assignment leaves behind that is not part of the release.
IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
RELEASE_FIX = "run `make release` (nbgrader generate_assignment {assignment} --force) and commit release/"


class NotReady(Exception):
    """The assignment cannot be graded yet; the message says why and what to run."""


def course_directory(root):
    """nbgrader's CourseDirectory as the course's nbgrader_config.py sets it up."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    return CourseDirectory(config=config, root=str(root))


def files_under(folder):
    """Relative names of the files a release consists of."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if path.is_file() and not IGNORED_PARTS & set(path.relative_to(folder).parts))


def same_file(first, second):
    """Notebooks are equal as JSON (nbgrader may write them with other whitespace), other files byte for byte."""
    if first.suffix == ".ipynb":
        return json.loads(first.read_text()) == json.loads(second.read_text())
    return first.read_bytes() == second.read_bytes()


def release_differences(committed, fresh):
    """Names of the files that differ between two releases (missing on either side counts)."""
    names = set(files_under(committed)) | set(files_under(fresh))
    return sorted(name for name in names
                  if not ((committed / name).is_file() and (fresh / name).is_file()
                          and same_file(committed / name, fresh / name)))


def generate(root, assignment, into, record):
    """`nbgrader generate_assignment` from source/ into the folder `into`; with record, into the gradebook too."""
    options = [f"--CourseDirectory.release_directory={into}"] + ([] if record else ["--no-db"])
    try:
        run_nbgrader(root, "generate_assignment", assignment, "--force", *options)
    except NbgraderFailed as failure:
        raise NotReady(f"nbgrader could not generate '{assignment}' from source/: {failure}") from None
    return Path(into) / assignment


def check_release(root, assignment):
    """Raise NotReady unless release/ is exactly what source/ generates today."""
    root = Path(root)
    fix = RELEASE_FIX.format(assignment=assignment)
    if not (root / "source" / assignment).is_dir():
        raise NotReady(f"there is no source/{assignment}/ to generate the assignment from: run this in the "
                       f"course folder (the clone of the kit), or put the assignment there and run "
                       f"`nbgrader generate_assignment {assignment}`")
    committed = root / "release" / assignment
    if not committed.is_dir():
        raise NotReady(f"release/{assignment}/ is missing: {fix}")
    with tempfile.TemporaryDirectory(prefix="scratchnet-release-") as scratch:
        differing = release_differences(committed, generate(root, assignment, scratch, record=False))
    if differing:
        shown = ", ".join(differing[:5]) + (", ..." if len(differing) > 5 else "")
        raise NotReady(f"release/{assignment}/ is not what source/ generates ({shown} differ): {fix}, "
                       f"and hand the new release out before grading")


def gradebook_problem(root, assignment):
    """None when the gradebook knows the assignment and its graded cells, else a sentence saying what is missing.

    Raises NotReady when the gradebook cannot be read at all.
    """
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SQLAlchemyError

    coursedir = course_directory(root)
    database = coursedir.db_url.removeprefix("sqlite:///")
    if coursedir.db_url.startswith("sqlite:///") and not Path(database).is_file():
        return f"there is no gradebook yet ({Path(database).name})"  # opening it would create it
    try:
        with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
            try:
                recorded = gradebook.find_assignment(assignment)
            except MissingEntry:
                return f"the gradebook has no assignment '{assignment}'"
            if not any(notebook.grade_cells for notebook in recorded.notebooks):
                return f"the gradebook knows '{assignment}' but none of its graded cells"
    except SQLAlchemyError as error:
        first_line = str(error).splitlines()[0]
        raise NotReady(f"{Path(database).name} cannot be read as an nbgrader gradebook ({first_line}): restore it "
                       f"from a backup, or move it aside to start an empty one") from None
    return None


def add_to_gradebook(root, assignment):
    """Record the assignment and its cells in the gradebook, once release/ is shown to be in sync.

    Raises NotReady (and records nothing) when it is not. Only adds; grades already there are kept.
    """
    check_release(root, assignment)
    create_private_gradebook(root)
    with tempfile.TemporaryDirectory(prefix="scratchnet-release-") as scratch:
        generate(root, assignment, scratch, record=True)


def create_private_gradebook(root):
    """An empty gradebook.db only its owner can read (SQLite takes an empty file as a new database).

    nbgrader would create it with the umask's mode, readable by every user of a shared server.
    """
    coursedir = course_directory(root)
    if coursedir.db_url.startswith("sqlite:///"):
        try:
            os.close(os.open(coursedir.db_url.removeprefix("sqlite:///"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass


def ensure_in_gradebook(root, assignment):
    """None when the gradebook already knew the assignment, else the sentence saying it was added.

    Raises NotReady when it is missing and cannot be added safely.
    """
    missing = gradebook_problem(root, assignment)
    if missing is None:
        return None
    try:
        add_to_gradebook(root, assignment)
    except NotReady as error:
        raise NotReady(f"{missing}, and it cannot be added: {error}") from None
    return f"{missing}: added '{assignment}' from release/, which is in sync with source/"
