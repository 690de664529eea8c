"""The LMS both ways (issue 11): `nbgrader zip_collect` of Canvas and Moodle downloads, and grade exports.

The collector is run by real `nbgrader zip_collect` on bulk downloads laid out as each LMS lays them out;
the exports by real `nbgrader export --exporter=...`, checked column by column against the formats:
Canvas's gradebook import (Student, ID, SIS User ID, SIS Login ID, Section, then "<assignment> (<id>)")
and Moodle's grade import (an identifier column Moodle maps to a user field, then a column per grade item).
"""
import csv
import zipfile

import nbformat
import pytest

from grading_course import (  # course_template and course are fixtures
    course, course_template, add_config, nbgrader, submission)
from scratchnet_solution.corpus.synthetic_class import SyntheticStudent, write_class

ASSIGNMENT = "scratchnet"
CANVAS_EXPORTER = "scratchnet_solution.plugins.CanvasGradebookExport"
MOODLE_EXPORTER = "scratchnet_solution.plugins.MoodleGradeExport"


def canvas_download(course, files):
    """downloaded/scratchnet/archive/submissions.zip holding {file name in Canvas's format: notebook}."""
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "submissions.zip", "w") as bundle:
        for name, notebook in files.items():
            bundle.writestr(name, nbformat.writes(notebook))


def marked(course, text):
    """The reference submission with a marker comment, to tell uploads apart after collection."""
    notebook = submission(course)
    notebook.cells[0].source = f"<!-- {text} -->\n" + notebook.cells[0].source
    return notebook


def collected(course, student):
    path = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    return path.read_text() if path.exists() else None


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.reader(handle))


def test_canvas_download_keeps_the_latest_upload_and_takes_times_from_a_csv(course):
    canvas_download(course, {
        "lovelaceada_1001_5001_scratchnet.ipynb": marked(course, "ada first"),
        "lovelaceada_1001_5001_scratchnet-1.ipynb": marked(course, "ada second"),
        "lovelaceada_1001_5001_scratchnet-2.ipynb": marked(course, "ada third"),
        "babbagecharles_late_1002_5002_scratchnet.ipynb": marked(course, "charles"),
        "hoppergrace_1003_5003_notes.txt": marked(course, "not a notebook"),
    })
    (course / "times.csv").write_text("student_id,submitted_at\n1001,2026-12-01T10:00:00Z\n"
                                      "1002,2026-12-03 09:30:00+01:00\n")
    add_config(course, 'c.LmsCollector.times_csv = "times.csv"')
    result = nbgrader(course, "zip_collect", ASSIGNMENT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ada third" in collected(course, "1001")
    assert "charles" in collected(course, "1002")
    assert collected(course, "1003") is None
    assert (course / "submitted" / "1001" / ASSIGNMENT / "timestamp.txt").read_text() == "2026-12-01 10:00:00"
    assert (course / "submitted" / "1002" / ASSIGNMENT / "timestamp.txt").read_text() == "2026-12-03 08:30:00"


def test_without_times_the_collector_says_late_penalties_cannot_apply(course):
    canvas_download(course, {"babbagecharles_late_1002_5002_scratchnet.ipynb": marked(course, "charles")})
    result = nbgrader(course, "zip_collect", ASSIGNMENT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "late penalties will NOT apply" in result.stderr
    assert "Canvas marks student 1002 late" in result.stderr
    assert not (course / "submitted" / "1002" / ASSIGNMENT / "timestamp.txt").exists()


def test_a_plain_file_name_regex_collects_nothing_which_is_why_the_collector_has_its_own(course):
    canvas_download(course, {"lovelaceada_1001_5001_scratchnet.ipynb": marked(course, "ada")})
    add_config(course, 'c.ZipCollectApp.collector_plugin = "nbgrader.plugins.FileNameCollectorPlugin"\n'
                       r'c.FileNameCollectorPlugin.named_regexp = r"[a-z]+_(?P<student_id>\d+)_\d+_(?P<file_id>\w+)"')
    assert nbgrader(course, "zip_collect", ASSIGNMENT).returncode == 0
    assert collected(course, "1001") is None


def test_moodle_download_in_folders_and_flat_with_the_grading_worksheet(course):
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "moodle.zip", "w") as bundle:
        bundle.writestr("Ada Lovelace_2001_assignsubmission_file_/scratchnet.ipynb",
                        nbformat.writes(marked(course, "ada")))
        bundle.writestr("Charles Babbage_2002_assignsubmission_file_scratchnet.ipynb",
                        nbformat.writes(marked(course, "charles")))
    (course / "worksheet.csv").write_text(
        "Identifier,Full name,Email address,Status,Grade,Maximum grade,Last modified (submission)\n"
        'Participant 2001,Ada Lovelace,ada@example.org,Submitted,,100,"Tuesday, 1 December 2026, 11:59 PM"\n'
        "Participant 2002,Charles Babbage,cb@example.org,Submitted,,100,-\n")
    add_config(course, 'c.LmsCollector.lms = "moodle"\nc.LmsCollector.times_csv = "worksheet.csv"\n'
                       'c.LmsCollector.time_zone = "Europe/Paris"')
    result = nbgrader(course, "zip_collect", ASSIGNMENT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ada" in collected(course, "2001") and "charles" in collected(course, "2002")
    assert (course / "submitted" / "2001" / ASSIGNMENT / "timestamp.txt").read_text() == "2026-12-01 22:59:00"
    assert "No submission time for student 2002" in result.stderr


def test_a_times_csv_without_the_columns_gets_a_message_not_a_traceback(course):
    canvas_download(course, {"lovelaceada_1001_5001_scratchnet.ipynb": marked(course, "ada")})
    (course / "times.csv").write_text("user,when\n1001,2026-12-01\n")
    add_config(course, 'c.LmsCollector.times_csv = "times.csv"')
    result = nbgrader(course, "zip_collect", ASSIGNMENT)
    assert result.returncode != 0
    assert "needs the columns 'student_id' and 'submitted_at'" in result.stderr and "Traceback" not in result.stderr


# --- exports ---------------------------------------------------------------------------------------

@pytest.fixture
def graded(course):
    write_class(course, [SyntheticStudent("1001"), SyntheticStudent("ada.l", lost={
        "backward_matches_reference": [("backward.forgets_mean", 25.0)]})])
    return course


def test_canvas_export_without_a_roster(graded):
    result = nbgrader(graded, "export", f"--exporter={CANVAS_EXPORTER}", "--to", "canvas.csv")
    assert result.returncode == 0, result.stderr[-3000:]
    header, *rows = read_csv(graded / "canvas.csv")
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "scratchnet"]
    # A numeric id is Canvas's user id (ID); any other id is taken for the SIS login.
    assert sorted(rows) == [["1001", "1001", "", "", "", "100"], ["ada.l", "", "", "ada.l", "", "75"]]


def test_canvas_export_takes_identities_and_the_assignment_column_from_canvas_own_export(graded):
    (graded / "gradebook_export.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,scratchnet (777),Current Score\n"
        "    Points Possible,,,,,100,\n"
        '"Lovelace, Ada",1001,S-1,ada.lovelace,Section A,,\n'
        '"Byron, Ada",1009,S-9,ada.l,Section B,,\n')
    add_config(graded, 'c.CanvasGradebookExport.roster = "gradebook_export.csv"')
    result = nbgrader(graded, "export", f"--exporter={CANVAS_EXPORTER}", "--to", "canvas.csv")
    assert result.returncode == 0, result.stderr[-3000:]
    header, *rows = read_csv(graded / "canvas.csv")
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "scratchnet (777)"]
    assert sorted(rows) == [["Byron, Ada", "1009", "S-9", "ada.l", "Section B", "75"],
                            ["Lovelace, Ada", "1001", "S-1", "ada.lovelace", "Section A", "100"]]


def test_canvas_export_refuses_students_canvas_would_not_import(graded):
    (graded / "gradebook_export.csv").write_text("Student,ID,SIS User ID,SIS Login ID,Section\n"
                                                 '"Lovelace, Ada",1001,S-1,ada.lovelace,Section A\n')
    add_config(graded, 'c.CanvasGradebookExport.roster = "gradebook_export.csv"')
    result = nbgrader(graded, "export", f"--exporter={CANVAS_EXPORTER}", "--to", "canvas.csv")
    assert result.returncode != 0 and "are not in gradebook_export.csv" in result.stderr and "ada.l" in result.stderr
    assert "Traceback" not in result.stderr and not (graded / "canvas.csv").exists()


def test_moodle_export_by_email_and_by_username(graded):
    from nbgrader.api import Gradebook

    result = nbgrader(graded, "export", f"--exporter={MOODLE_EXPORTER}", "--to", "moodle.csv")
    assert result.returncode != 0 and "No email in the gradebook for 1001, ada.l" in result.stderr
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gb:
        gb.update_or_create_student("1001", email="c.babbage@example.org")
        gb.update_or_create_student("ada.l", email="ada@example.org")
    assert nbgrader(graded, "export", f"--exporter={MOODLE_EXPORTER}", "--to", "moodle.csv").returncode == 0
    header, *rows = read_csv(graded / "moodle.csv")
    assert header == ["Email address", "scratchnet"]
    assert sorted(rows) == [["ada@example.org", "75"], ["c.babbage@example.org", "100"]]
    add_config(graded, 'c.MoodleGradeExport.identifier = "username"\n'
                       'c.MoodleGradeExport.grade_items = {"scratchnet": "Assignment 1: XOR from scratch"}')
    assert nbgrader(graded, "export", f"--exporter={MOODLE_EXPORTER}", "--to", "moodle.csv").returncode == 0
    header, *rows = read_csv(graded / "moodle.csv")
    assert header == ["Username", "Assignment 1: XOR from scratch"]
    assert sorted(rows) == [["1001", "100"], ["ada.l", "75"]]


@pytest.mark.slow
def test_late_penalties_apply_from_collection_to_the_canvas_export(course):
    """A Canvas download with times: the late student's penalty reaches autograde and the export."""
    canvas_download(course, {"lovelaceada_1001_5001_scratchnet.ipynb": submission(course),
                             "babbagecharles_late_1002_5002_scratchnet.ipynb": submission(course)})
    (course / "times.csv").write_text("student_id,submitted_at\n1001,2026-12-01T10:00:00Z\n1002,2026-12-03T10:00:00Z\n")
    add_config(course, 'c.LmsCollector.times_csv = "times.csv"\nc.LateSubmissionPlugin.penalty_method = "zero"')
    assert nbgrader(course, "db", "assignment", "add", ASSIGNMENT, "--duedate=2026-12-02 12:00:00 UTC").returncode == 0
    assert nbgrader(course, "zip_collect", ASSIGNMENT).returncode == 0
    result = nbgrader(course, "autograde", ASSIGNMENT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert nbgrader(course, "export", f"--exporter={CANVAS_EXPORTER}", "--to", "canvas.csv").returncode == 0
    _, *rows = read_csv(course / "canvas.csv")
    assert sorted(rows) == [["1001", "1001", "", "", "", "100"], ["1002", "1002", "", "", "", "0"]]
