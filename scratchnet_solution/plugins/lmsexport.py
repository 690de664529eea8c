"""Grade exports an LMS imports as they are: `nbgrader export --exporter=...`.

- `CanvasGradebookExport`: Canvas's gradebook import CSV. Columns, in Canvas's order: Student, ID,
  SIS User ID, SIS Login ID, Section, then one column per assignment named "<name> (<Canvas
  assignment id>)". Canvas matches rows on ID, SIS User ID or SIS Login ID. Give it `roster`, the
  CSV Canvas exports from its gradebook ("Export entire gradebook"): each student's identity columns
  are copied from there, matched on any of the three ids, and an assignment column of the same name
  is reused. Without a roster, a numeric student id goes to ID (Canvas's user id, as LmsCollector
  collects it) and any other id to SIS Login ID.
- `MoodleGradeExport`: Moodle's grade import CSV ("Import grades" > "CSV file"): an identifier column
  Moodle maps to a user field ("Email address", "Username" or "ID number") and one column per
  assignment, named like the grade item, holding the points.

Scores are nbgrader's: the points minus any late penalty, never below 0; a student in the gradebook
without a submission gets 0, as in `nbgrader export`.
"""
import csv
import re

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Dict, Enum, Unicode

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_IDS = ("ID", "SIS User ID", "SIS Login ID")
MOODLE_IDENTIFIERS = {"email": "Email address", "username": "Username", "idnumber": "ID number"}


class ExportError(Exception):
    """The export cannot be written as asked; the message says what to change."""


def final_score(gradebook, assignment, student):
    """What the student gets: the points minus the late penalty, at least 0; 0 without a submission."""
    try:
        submission = gradebook.find_submission(assignment, student)
    except MissingEntry:
        return 0.0
    return max(0.0, submission.score - (submission.late_submission_penalty or 0.0))


def points(value):
    return f"{value:g}"


class LmsExport(ExportPlugin):
    """What both exports share: which assignments and students, and where to write."""

    default_file = "grades.csv"

    def chosen(self, gradebook):
        assignments = [a.name for a in gradebook.assignments if not self.assignment or a.name in self.assignment]
        students = [s for s in gradebook.students if not self.student or s.id in self.student]
        return assignments, students

    def export(self, gradebook):
        try:
            header, rows = self.table(gradebook)
        except ExportError as error:
            if hasattr(self.parent, "fail"):
                self.parent.fail(str(error))  # nbgrader's way out: the message, exit code 1, no traceback
            raise
        destination = self.to or self.default_file
        self.log.info("Exporting grades to %s", destination)
        with open(destination, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)


class CanvasGradebookExport(LmsExport):
    """Canvas gradebook import CSV."""

    default_file = "canvas_grades.csv"
    roster = Unicode("", help="The CSV Canvas exported from its gradebook, for each student's identity columns.").tag(config=True)
    assignment_columns = Dict(
        {}, help="nbgrader assignment -> Canvas column, e.g. {'scratchnet': 'scratchnet (12345)'}.").tag(config=True)

    def read_roster(self):
        if not self.roster:
            return [], []
        with open(self.roster, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = [row for row in reader if (row.get("Student") or "").strip() not in ("Points Possible", "")]
            columns = reader.fieldnames or []
        missing = [column for column in CANVAS_IDENTITY if column not in columns]
        if missing:
            raise ExportError(f"{self.roster} is not a Canvas gradebook export: it has no {', '.join(missing)} column.")
        return rows, columns

    def column(self, assignment, roster_columns):
        if assignment in self.assignment_columns:
            return self.assignment_columns[assignment]
        pattern = re.compile(rf"{re.escape(assignment)} \(\d+\)$")
        return next((column for column in roster_columns if pattern.match(column.strip())), assignment)

    def identity(self, student, by_id):
        row = by_id.get(student.id)
        if row is not None:
            return [row.get(column, "") for column in CANVAS_IDENTITY]
        name = ", ".join(part for part in (student.last_name, student.first_name) if part) or student.id
        if student.id.isdigit():
            return [name, student.id, "", "", ""]
        return [name, "", "", student.id, ""]

    def table(self, gradebook):
        assignments, students = self.chosen(gradebook)
        roster, roster_columns = self.read_roster()
        by_id = {row[column].strip(): row for row in roster for column in CANVAS_IDS if (row.get(column) or "").strip()}
        if roster:
            unknown = [student.id for student in students if student.id not in by_id]
            if unknown:
                raise ExportError(f"{len(unknown)} student(s) are not in {self.roster} under ID, SIS User ID or "
                                  f"SIS Login ID: {', '.join(unknown[:10])}. Canvas would not import them.")
        header = [*CANVAS_IDENTITY, *(self.column(a, roster_columns) for a in assignments)]
        rows = [[*self.identity(student, by_id), *(points(final_score(gradebook, a, student.id)) for a in assignments)]
                for student in students]
        return header, rows


class MoodleGradeExport(LmsExport):
    """Moodle grade import CSV."""

    default_file = "moodle_grades.csv"
    identifier = Enum(list(MOODLE_IDENTIFIERS), default_value="email",
                      help="The user field Moodle matches rows on: email, username or idnumber.").tag(config=True)
    grade_items = Dict({}, help="nbgrader assignment -> Moodle grade item name (default: the same name).").tag(config=True)

    def user_key(self, student):
        """The identifier Moodle matches on: the gradebook's email, or the nbgrader id for username/idnumber."""
        return (student.email or "") if self.identifier == "email" else student.id

    def table(self, gradebook):
        assignments, students = self.chosen(gradebook)
        missing = [student.id for student in students if not self.user_key(student)]
        if missing:
            raise ExportError(f"No email in the gradebook for {', '.join(missing[:10])}: add them (nbgrader db student "
                              "import) or export with --MoodleGradeExport.identifier=username.")
        header = [MOODLE_IDENTIFIERS[self.identifier], *(self.grade_items.get(a, a) for a in assignments)]
        rows = [[self.user_key(student), *(points(final_score(gradebook, a, student.id)) for a in assignments)]
                for student in students]
        return header, rows
