"""The kit's nbgrader extensions: one preprocessor a module, named after its class (as nbgrader's own
nbgrader/preprocessors/). They run in nbgrader's process, never in a kernel; nbgrader_config.py lists them.

Autograde, sanitizing: RepairCellMetadata, RemoveDuplicateIds, RestoreCells (a damaged submission is repaired,
not refused). Autograde, executing: RobustExecute (a dying or hanging kernel costs only its cell; output capped;
kernels in the sandbox), GradeFromVerdicts (each test cell's points from the hidden check's verdict).
Feedback: HideHiddenTests, RemoveGraderCode (no hidden test and no grader code reach a student), FitLongLines
(every output line fits 100 characters).
"""
from scratchnet_solution.preprocessors.base import FeedbackPreprocessor
from scratchnet_solution.preprocessors.fitlonglines import FitLongLines
from scratchnet_solution.preprocessors.gradefromverdicts import GradeFromVerdicts
from scratchnet_solution.preprocessors.hidehiddentests import HideHiddenTests
from scratchnet_solution.preprocessors.removeduplicateids import RemoveDuplicateIds
from scratchnet_solution.preprocessors.removegradercode import RemoveGraderCode
from scratchnet_solution.preprocessors.repaircellmetadata import RepairCellMetadata
from scratchnet_solution.preprocessors.restorecells import RestoreCells
from scratchnet_solution.preprocessors.robustexecute import RobustExecute

__all__ = ["FeedbackPreprocessor", "FitLongLines", "GradeFromVerdicts", "HideHiddenTests", "RemoveDuplicateIds", "RemoveGraderCode",
           "RepairCellMetadata", "RestoreCells", "RobustExecute"]
