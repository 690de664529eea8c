"""A private course folder, `scratchnet doctor`, and a fresh clone that grades (issue 9, points 5 and 6).

Permissions are judged from mode bits, never access(), so these tests mean the same as root and as
an ordinary user. The slow tests run real nbgrader in course folders laid out like a fresh clone:
nbgrader_config.py, source/ and the committed release/, and no gradebook.
"""
import io
import os
import re
import shutil
import stat
from types import SimpleNamespace

import nbformat
import pytest

from grading_course import REPO, cell_scores, scratchnet, submission, submit, totals
from scratchnet_solution.course import permissions as course_permissions, readiness as assignment_setup
from scratchnet_solution.commands import doctor
from scratchnet_solution.commands.cli import main
from scratchnet_solution.course.folder import ASSIGNMENT

NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def files(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def others_bits(path):
    return stat.S_IMODE(path.stat().st_mode) & 0o077


def write(path, text="x", mode=0o644):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def open_course(root):
    """A course folder as a clone with umask 022 leaves it: everything readable by every user."""
    write(root / "nbgrader_config.py", "c = get_config()\n")
    write(root / "source" / ASSIGNMENT / NOTEBOOK, "solutions")
    write(root / "release" / ASSIGNMENT / NOTEBOOK, "stubs")
    write(root / "submitted" / "ada" / ASSIGNMENT / NOTEBOOK, "ada's work")
    write(root / "gradebook.db", "scores")
    for folder in [root, *(path for path in root.rglob("*") if path.is_dir())]:
        folder.chmod(0o755)
    return root


def fresh_clone(root):
    """The course folder of a fresh clone: config, source/ and the committed release/, no gradebook."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", root)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".pytest_cache")
    for folder in ("source", "release"):
        shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    root.chmod(0o755)
    return root


# --- permissions -------------------------------------------------------------------------------

def test_an_open_course_folder_names_what_others_can_read(tmp_path):
    root = open_course(tmp_path / "course")
    assert list(course_permissions.exposed_items(root)) == ["source", "gradebook.db", "submitted"]
    problem = course_permissions.problem(root)
    assert "source/ (the solutions)" in problem and "gradebook.db (everyone's scores)" in problem
    assert course_permissions.fix_command(root) == (
        "chmod -R go-rwx source gradebook.db submitted && mkdir -m 700 autograded feedback")
    assert "`scratchnet doctor --fix`" in course_permissions.warning(root)


def test_the_fix_closes_the_private_parts_and_nothing_else(tmp_path):
    root = open_course(tmp_path / "course")
    before = {path: path.read_bytes() for path in files(root)}
    release_modes = {path: path.stat().st_mode for path in [root, *(root / "release").rglob("*")]}

    closed, created = course_permissions.make_private(root)

    assert closed == ["source", "gradebook.db", "submitted"] and created == ["autograded", "feedback"]
    for name in ("source", "submitted", "gradebook.db", "autograded", "feedback"):
        for path in [root / name, *(root / name).rglob("*")]:
            assert others_bits(path) == 0, path
    assert {path: path.stat().st_mode for path in release_modes} == release_modes  # students get release/
    assert {path: path.read_bytes() for path in files(root)} == before  # no data lost or changed
    assert course_permissions.problem(root) is None and course_permissions.warning(root) is None


def test_a_closed_course_folder_keeps_everything_in_it_private(tmp_path):
    root = open_course(tmp_path / "course")
    root.chmod(0o700)
    assert course_permissions.exposed_items(root) == {} and course_permissions.problem(root) is None


def test_files_reachable_through_folders_others_cannot_list_still_count(tmp_path):
    root = open_course(tmp_path / "course")
    for folder in (root / "source", root / "source" / ASSIGNMENT, root / "submitted" / "ada"):
        folder.chmod(0o711)  # no listing, but a known name can be opened
    (root / "submitted").chmod(0o700)
    (root / "gradebook.db").chmod(0o600)
    exposed = course_permissions.exposed_items(root)
    assert exposed == {"source": root / "source" / ASSIGNMENT / NOTEBOOK}
    assert f"source/{ASSIGNMENT}/{NOTEBOOK} is -rw-r--r--" in course_permissions.problem(root)


def test_group_bits_count_only_when_the_group_is_shared(tmp_path, monkeypatch):
    root = open_course(tmp_path / "course")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o750 if path.is_dir() else 0o640)
    monkeypatch.setattr(course_permissions, "group_is_shared", lambda gid, uid: False)
    assert course_permissions.exposed_items(root) == {}
    monkeypatch.setattr(course_permissions, "group_is_shared", lambda gid, uid: True)
    assert list(course_permissions.exposed_items(root)) == ["source", "gradebook.db", "submitted"]


def test_a_group_is_shared_when_anyone_but_the_owner_is_in_it(monkeypatch):
    users = {1000: "ada", 1001: "bob"}
    groups = {100: ["bob"], 1000: [], 1002: ["ada"]}
    monkeypatch.setattr(course_permissions.pwd, "getpwuid", lambda uid: SimpleNamespace(pw_name=users[uid]))
    monkeypatch.setattr(course_permissions.pwd, "getpwall", lambda: [SimpleNamespace(pw_name="ada", pw_gid=1000),
                                                                     SimpleNamespace(pw_name="bob", pw_gid=1002)])
    monkeypatch.setattr(course_permissions.grp, "getgrgid", lambda gid: SimpleNamespace(gr_mem=groups[gid]))
    course_permissions.group_is_shared.cache_clear()
    try:
        assert course_permissions.group_is_shared(100, 1000)  # bob is a member
        assert not course_permissions.group_is_shared(1000, 1000)  # ada's private group
        assert course_permissions.group_is_shared(1002, 1000)  # ada is a member, and it is bob's primary group
        assert course_permissions.group_is_shared(4242, 1000)  # unknown: assume the worst
    finally:
        course_permissions.group_is_shared.cache_clear()


# --- scratchnet doctor, its checks on their own ------------------------------------------------

def test_python_3_11_2_is_supported_and_3_10_is_not():
    assert doctor.check_python((3, 11, 2)).problem is None
    too_old = doctor.check_python((3, 10, 12))
    assert "3.10.12 is too old" in too_old.problem and "3.11" in too_old.fix


def test_the_sandbox_check_reports_what_the_sandbox_module_says(tmp_path, monkeypatch):
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    from scratchnet_solution.sandbox import kernelmanager as sandbox

    monkeypatch.setattr(sandbox, "sandbox_problem", lambda *args: None)
    assert doctor.check_sandbox(tmp_path).problem is None
    monkeypatch.setattr(sandbox, "sandbox_problem", lambda *args: "`bwrap` cannot create namespaces here")
    assert "no sandbox starts here (`bwrap` cannot create namespaces here)" in doctor.check_sandbox(tmp_path).problem
    monkeypatch.delattr(sandbox, "sandbox_problem")  # the API was renamed: a problem line, not a traceback
    assert "could not be checked (AttributeError" in doctor.check_sandbox(tmp_path).problem
    monkeypatch.setattr(sandbox, "sandbox_problem", lambda *args: None, raising=False)
    with open(tmp_path / "nbgrader_config.py", "a") as config:
        config.write("\nc.SandboxedKernelManager.sandbox = False\n")
    assert "sandbox = False, so student code runs NOT sandboxed" in doctor.check_sandbox(tmp_path).problem


def fine_apart_from_permissions(monkeypatch):
    """Every check but the permissions one passes, so the test is about doctor's report and exit code."""
    monkeypatch.setattr(doctor, "sandbox_status", lambda root: (None, ""))
    monkeypatch.setattr(assignment_setup, "check_release", lambda root, assignment: None)
    monkeypatch.setattr(assignment_setup, "gradebook_problem", lambda root, assignment: None)


def fits_80_columns(line):
    """Only a path or a `command` alone on its line may stick out: breaking either would spoil a copy."""
    return len(line) <= 80 or " " not in line.strip() or re.fullmatch(r"`[^`]*`", line.strip())


def test_doctor_prints_a_line_per_check_within_80_columns_and_fix_clears_the_problem(tmp_path, monkeypatch, capsys):
    root = open_course(tmp_path / ("a-course-folder-with-a-long-name-" * 3))
    fine_apart_from_permissions(monkeypatch)
    monkeypatch.chdir(root)

    assert main(["doctor"]) == 1
    report = capsys.readouterr().out
    lines = report.splitlines()
    assert all(fits_80_columns(line) for line in lines), report
    verdicts = [line.split()[0] for line in lines if line.startswith(("OK ", "PROBLEM ", "FIXED ", "FAILED "))]
    assert verdicts == ["OK", "OK", "PROBLEM", "OK", "OK"]
    command = "`chmod -R go-rwx source gradebook.db submitted && mkdir -m 700 autograded feedback`"
    assert any(line.strip() == command for line in lines), report  # the command is never split
    assert others_bits(root / "source") != 0  # without --fix nothing changes

    assert main(["doctor", "--fix"]) == 0
    fixed = capsys.readouterr().out
    assert "FIXED permissions: took other users' access off source, gradebook.db, submitted" in " ".join(fixed.split())
    assert fixed.rstrip().endswith("All is well.") and others_bits(root / "source") == 0
    assert main(["doctor"]) == 0


# --- release/ in sync, the gradebook, a fresh clone (real nbgrader) --------------------------------

@pytest.mark.slow
def test_the_release_check_spots_what_source_no_longer_generates(tmp_path):
    root = fresh_clone(tmp_path / "course")
    assignment_setup.check_release(root, ASSIGNMENT)
    released = root / "release" / ASSIGNMENT / NOTEBOOK
    notebook = nbformat.read(released, as_version=4)
    notebook.cells[0].source += "\nAn edit made in release/ by hand."
    nbformat.write(notebook, released)
    (root / "release" / ASSIGNMENT / "stray.py").write_text("")
    edited = released.read_bytes()
    with pytest.raises(assignment_setup.NotReady) as error:
        assignment_setup.check_release(root, ASSIGNMENT)
    assert f"{NOTEBOOK}, stray.py differ" in str(error.value) and "make release" in str(error.value)
    assert released.read_bytes() == edited and not (root / "gradebook.db").exists()  # only looked


@pytest.mark.slow
def test_the_assignment_is_recorded_only_from_a_release_in_sync(tmp_path):
    from nbgrader.api import Gradebook

    root = fresh_clone(tmp_path / "course")
    released = root / "release" / ASSIGNMENT / NOTEBOOK
    in_sync = released.read_bytes()
    released.write_bytes(in_sync.replace(b"raise NotImplementedError()", b"pass", 1))
    with pytest.raises(assignment_setup.NotReady, match="make release"):
        assignment_setup.ensure_in_gradebook(root, ASSIGNMENT)
    assert not (root / "gradebook.db").exists()  # nothing recorded from a release students may not have

    released.write_bytes(in_sync)
    assert "no gradebook yet" in assignment_setup.gradebook_problem(root, ASSIGNMENT)
    assert "added 'scratchnet'" in assignment_setup.ensure_in_gradebook(root, ASSIGNMENT)
    assert assignment_setup.gradebook_problem(root, ASSIGNMENT) is None
    assert assignment_setup.ensure_in_gradebook(root, ASSIGNMENT) is None  # already there: nothing to do
    assert others_bits(root / "gradebook.db") == 0
    source = nbformat.read(root / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    points = {cell.metadata.nbgrader["grade_id"]: cell.metadata.nbgrader["points"] for cell in source.cells
              if cell.metadata.get("nbgrader", {}).get("grade")}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "scratchnet") as gradebook:
        recorded = gradebook.find_assignment(ASSIGNMENT).notebooks[0].grade_cells
        assert {cell.name: cell.max_score for cell in recorded} == points


@pytest.mark.slow
def test_a_fresh_clone_grades_and_stays_gradable_once_private(tmp_path):
    root = fresh_clone(tmp_path / "course")
    submit(root, "ada", submission(root))
    submit(root, "bob", submission(root, stubs=("sigmoid", "forward", "compute_loss", "backward", "update_weights")))

    first = scratchnet(root, "autograde", ASSIGNMENT)
    assert first.returncode == 0, first.stdout + first.stderr
    said = first.stderr.replace("\n", " ")
    assert "added 'scratchnet' from release/" in said
    assert "WARNING: other users on this machine can read source/ (the solutions)" in said
    assert "`scratchnet doctor --fix`" in said
    assert totals(root) == {"ada": 100, "bob": 0}
    log = root / "autograde.log"
    assert others_bits(log) == 0 and "WARNING: other users" in log.read_text()

    fixed = scratchnet(root, "doctor", "--fix")
    assert "FIXED    permissions" in fixed.stdout and "OK       gradebook" in fixed.stdout, fixed.stdout
    assert fixed.returncode == (0 if "OK       sandbox" in fixed.stdout else 1)
    scores = cell_scores(root)
    again = scratchnet(root, "autograde", ASSIGNMENT, "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "WARNING" not in again.stderr and cell_scores(root) == scores  # private, and grading still works
    assert others_bits(root / "autograded") == 0 and others_bits(root / "submitted") == 0


@pytest.mark.slow
def test_every_error_autograde_reports_is_in_its_log(tmp_path):
    root = fresh_clone(tmp_path / "course")
    submit(root, "ada", submission(root))
    released = root / "release" / ASSIGNMENT / NOTEBOOK
    in_sync = released.read_bytes()
    released.write_bytes(in_sync.replace(b"raise NotImplementedError()", b"pass", 1))
    out_of_sync = scratchnet(root, "autograde", ASSIGNMENT)
    assert out_of_sync.returncode == 2
    said = " ".join(out_of_sync.stderr.split())
    assert "Cannot grade: there is no gradebook yet (gradebook.db), and it cannot be added" in said
    assert f"{NOTEBOOK} differ" in said and "make release" in said
    logged = " ".join((root / "autograde.log").read_text().split())
    assert "Cannot grade: there is no gradebook yet" in logged and "make release" in logged

    released.write_bytes(in_sync)
    shutil.rmtree(root / "submitted")
    nobody = scratchnet(root, "autograde", ASSIGNMENT)
    assert nobody.returncode == 2 and "No submissions" in nobody.stderr
    assert "No submissions" in (root / "autograde.log").read_text()
    os.remove(root / "gradebook.db")
    (root / "gradebook.db").write_text("not a database")
    broken = scratchnet(root, "autograde", ASSIGNMENT)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "gradebook.db cannot be read as an nbgrader gradebook" in " ".join(broken.stderr.split())
    assert "cannot be read" in (root / "autograde.log").read_text()


def test_a_grading_process_that_cannot_start_is_explained_in_the_log_too(tmp_path, monkeypatch):
    from rich.console import Console

    from scratchnet_solution.batch import autograde as autograde_command

    class BrokenWorker:
        def __init__(self, *args):
            pass

        def ready_message(self):
            return {"ready": False, "error": "the gradebook has no assignment 'scratchnet'"}

        def stop(self):
            pass

    monkeypatch.setattr(autograde_command, "GradingWorker", BrokenWorker)
    log_path = autograde_command.new_log(tmp_path)
    console = Console(file=io.StringIO(), width=80)
    assert autograde_command.start_workers(None, tmp_path, ASSIGNMENT, log_path, 2, console) is None
    assert "Cannot grade: the gradebook has no assignment 'scratchnet'" in log_path.read_text()
    assert others_bits(log_path) == 0
