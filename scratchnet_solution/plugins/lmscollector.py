"""`nbgrader zip_collect` for Canvas and Moodle bulk downloads, with submission times from a CSV.

nbgrader's FileNameCollectorPlugin matches its regex against the FULL path of each extracted file
(so a plain file-name regex collects nothing), fails on two files of one student without times, and
Canvas file names carry no time at all, so late penalties silently never apply. `LmsCollector`
knows both layouts:

- Canvas: `extracted/<name>_[late_]<user id>_<submission id>_<file>[-N].ipynb`. Canvas adds `-1`,
  `-2`, ... when a student uploads a file of the same name again; only the highest N is kept. The
  student id is Canvas's numeric user id (the "ID" column of its gradebook).
- Moodle ("Download all submissions", with or without "in folders"):
  `extracted/<Full Name>_<participant id>_assignsubmission_file_[/]<file>.ipynb`; the student id is
  the participant id.

Times come from `times_csv`, one row per student: a column with the student id (`id_column`) and
one with the time of the submission (`time_column`). Moodle's grading worksheet ("Download grading
worksheet") works as it is with `lms = "moodle"`; for Canvas, a CSV of `student_id,submitted_at` (the
`submitted_at` field of Canvas's submissions API, for example). Without times, nbgrader cannot apply
late penalties, and the collector says so, naming the students the LMS marked late.
"""
import csv
import os
import re
from datetime import timezone
from pathlib import Path

from dateutil import parser as dateparser
from dateutil import tz
from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Enum, Unicode

# Named groups: student_id and file_id (nbgrader's), attempt (the resubmission number), late (Canvas's marker).
PATTERNS = {
    "canvas": r".*/[^/_]+_(?P<late>late_|LATE_)?(?P<student_id>\d+)_\d+_(?P<file_id>[^/]+?)(?:-(?P<attempt>\d+))?\.ipynb$",
    "moodle": r".*/[^/]+?_(?P<student_id>\d+)_assignsubmission_file_/?(?P<file_id>[^/]+?)\.ipynb$",
}
# The columns of the times CSV when none are configured: Canvas (our own two columns) and Moodle's worksheet.
TIME_COLUMNS = {"canvas": ("student_id", "submitted_at"), "moodle": ("Identifier", "Last modified (submission)")}
# Moodle's worksheet writes "Participant 123456"; other CSVs may prefix ids with words too.
ID_NUMBER = re.compile(r"(\d+)\s*$")


class LmsCollector(FileNameCollectorPlugin):
    """Collects Canvas or Moodle bulk downloads; keeps each student's latest upload; adds submission times."""

    lms = Enum(["canvas", "moodle"], default_value="canvas", help="Which LMS the download comes from.").tag(config=True)
    times_csv = Unicode("", help="CSV of submission times, one row per student (relative to the course folder).").tag(config=True)
    id_column = Unicode("", help="Column of times_csv holding the student id (default: per LMS).").tag(config=True)
    time_column = Unicode("", help="Column of times_csv holding the submission time (default: per LMS).").tag(config=True)
    time_zone = Unicode("UTC", help="Time zone of times written without one (Moodle writes local time).").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if not self.named_regexp:
            self.named_regexp = PATTERNS[self.lms]
        try:
            self.times = self.read_times() if self.times_csv else None
        except ValueError as error:
            if hasattr(self.parent, "fail"):
                self.parent.fail(str(error))  # nbgrader's way out: the message, exit code 1, no traceback
            raise
        if self.times is None:
            self.log.warning("No submission times (LmsCollector.times_csv is not set): late penalties will NOT "
                             "apply to these submissions. See the README, section 'Collecting from an LMS'.")
        self.late_without_time = []

    def read_times(self):
        """{student id: ISO time in UTC} from the times CSV; a clear failure when it cannot be used."""
        default_id, default_time = TIME_COLUMNS[self.lms]
        id_column, time_column = self.id_column or default_id, self.time_column or default_time
        local = tz.gettz(self.time_zone)
        path = Path(self.times_csv)
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise ValueError(f"LmsCollector.times_csv: cannot read {path}: {error.strerror}") from None
        if rows and (id_column not in rows[0] or time_column not in rows[0]):
            raise ValueError(f"{path} needs the columns '{id_column}' and '{time_column}' "
                             f"(it has: {', '.join(rows[0])}); set LmsCollector.id_column and time_column.")
        times = {}
        for number, row in enumerate(rows, start=2):
            text = (row[time_column] or "").strip()
            if not text or text == "-":  # Moodle writes "-" for students who submitted nothing
                continue
            try:
                moment = dateparser.parse(text)
            except (ValueError, OverflowError):
                raise ValueError(f"{path}, line {number}: '{text}' is not a time.") from None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=local)
            match = ID_NUMBER.search(row[id_column] or "")
            key = match.group(1) if match else (row[id_column] or "").strip()
            times[key] = moment.astimezone(timezone.utc).isoformat()
        return times

    def newer_upload_exists(self, path, found):
        """Whether the same folder holds a later upload (-N suffix) of the same student's file."""
        pattern = re.compile(self.named_regexp)
        attempt = int(found.get("attempt") or 0)
        folder = os.path.dirname(path)
        for name in os.listdir(folder):
            other = pattern.match(os.path.join(folder, name))
            if (other and other.group("student_id") == found["student_id"] and other.group("file_id") == found["file_id"]
                    and int(other.groupdict().get("attempt") or 0) > attempt):
                return True
        return False

    def collect(self, submitted_file):
        found = super().collect(submitted_file)
        if found is None:
            return None
        if self.newer_upload_exists(submitted_file, found):
            self.log.info("Skipped %s: the same student uploaded it again later.", submitted_file)
            return None
        student = found["student_id"]
        info = {"student_id": student, "file_id": found["file_id"] + ".ipynb"}
        if self.times is not None:
            if student in self.times:
                info["timestamp"] = self.times[student]
            else:
                self.log.warning("No submission time for student %s in %s: no late penalty for them.",
                                 student, self.times_csv)
        elif found.get("late") and student not in self.late_without_time:
            self.late_without_time.append(student)
            self.log.warning("Canvas marks student %s late, but with no submission time nbgrader cannot apply "
                             "the late penalty: set LmsCollector.times_csv.", student)
        return info
