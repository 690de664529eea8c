"""nbgrader plugins (as nbgrader's nbgrader/plugins/): the LMS collector for `nbgrader zip_collect` and the
gradebook exports for `nbgrader export`. They run in nbgrader's process."""
from scratchnet_solution.plugins.lmscollector import LmsCollector
from scratchnet_solution.plugins.lmsexport import CanvasGradebookExport, LmsExport, MoodleGradeExport

__all__ = ["CanvasGradebookExport", "LmsCollector", "LmsExport", "MoodleGradeExport"]
