"""Corpus entries run in this Python process: the students' self-check, and a quick imitation of grading.

- `public_outcomes`: what the student's own `pytest` (the visible test cells, source/scratchnet/
  test_selfcheck.py) says about a submission, cell by cell.
- `graded_outcomes`: every cell of the notebook in order, the test cells with their hidden parts, scored
  as nbgrader scores them (an error or any stderr text costs the cell its points). Real `nbgrader
  autograde` is the truth (tests/test_autograde.py); this is the fast way to the same answer.

Each entry runs in a forked process of its own: student code may change numpy or the grader (the
integrity entries do), and that must not leak into the next entry.
"""
import contextlib
import importlib
import importlib.util
import io
import multiprocessing
import os
import sys
import traceback

from scratchnet_solution.course.folder import ASSIGNMENT, course_root
from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions


def notebook_cells(root, assignment=ASSIGNMENT):
    """The loader students get with `assignment` (it lives beside the notebook, not in this package).

    Every assignment's folder has the same file, which reads the assignment.json beside it when imported: one
    module a folder, loaded from its path (the first assignment's is also importable as `notebook_cells`).
    """
    folder = root / "source" / assignment
    if assignment == ASSIGNMENT:
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
        import notebook_cells as module

        return module
    name = f"notebook_cells_{assignment}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, folder / "notebook_cells.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def filled_release(entry, root):
    assignment = entry.assignment
    return fill_solutions(read_notebook(root / "release" / assignment / f"{assignment}.ipynb"), entry.code_by_function)


def public_outcomes(entry, root=None):
    """{grade_id: None if the visible test passes, else its message}, as the student's pytest reports it."""
    root = root or course_root()
    cells = notebook_cells(root, entry.assignment)
    notebook = filled_release(entry, root)
    loaded = cells.load(notebook, root / "release" / entry.assignment)
    return {cell.grade_id: cells.visible_test_failure(cell, loaded) for cell in cells.test_cells(notebook)}


def _run_test_cell(source, namespace, label, python_source):
    """Run a test cell as a kernel would; return (passed, message). Any stderr text fails it, as in nbgrader."""
    stderr = io.StringIO()
    try:
        code = compile(python_source(source), f"<{label}>", "exec")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            exec(code, namespace)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 -- a test cell's error is its outcome
        return False, f"{type(error).__name__}: {error}"
    if stderr.getvalue():
        return False, f"stderr: {stderr.getvalue().strip().splitlines()[0][:200]}"
    return True, None


def graded_outcomes(entry, root=None):
    """{grade_id: (points, max points, message)} for every graded cell, the notebook run top to bottom."""
    root = root or course_root()
    cells = notebook_cells(root)
    source = read_notebook(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    full_tests = {nbgrader_meta(c).get("grade_id"): c.source for c in source.cells if nbgrader_meta(c).get("grade")}
    notebook = filled_release(entry, root)
    namespace = {"__name__": "__main__", "get_ipython": cells._QuietIPython}
    outcomes = {}
    previous = os.getcwd()
    os.chdir(root / "release" / ASSIGNMENT)
    try:
        for index, cell in enumerate(notebook.cells):
            meta = nbgrader_meta(cell)
            if cell.cell_type != "code" or cells.SKIP_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            grade_id = meta.get("grade_id", f"cell {index + 1}")
            if meta.get("grade") and not meta.get("solution"):
                passed, message = _run_test_cell(full_tests[grade_id], namespace, grade_id, cells.python_source)
                points = float(meta.get("points", 0))
                outcomes[grade_id] = (points if passed else 0.0, points, message)
            else:
                cells.run_source(cell.source, namespace, grade_id)
    finally:
        os.chdir(previous)
    return outcomes


def _call(job):
    function, entry, root = job
    try:
        return function(entry, root)
    except Exception:  # report, do not hang the pool
        return {"<error>": traceback.format_exc()}


def run_each(function, entries, root=None, processes=None):
    """function(entry, root) for every entry, each in a fresh process; results in entry order.

    The processes are forked from a clean server process (forkserver), not from the caller: a test process
    that has run other tests passes nothing on to an entry. (Forked straight from pytest's worker, every entry
    once failed with CPython 3.11.2's "AST constructor recursion depth mismatch", python/cpython#106905,
    fixed in later 3.11 releases; Debian 12's Python is 3.11.2.) `function` must be a module-level function.
    """
    root = root or course_root()
    context = multiprocessing.get_context("forkserver")
    # Imported once in the server, so each entry's process starts with them loaded.
    context.set_forkserver_preload(["numpy", __name__])
    with context.Pool(processes or os.cpu_count() or 1, maxtasksperchild=1) as pool:
        return pool.map(_call, [(function, entry, root) for entry in entries], chunksize=1)


def function_checks(entry, root=None):
    """{function: (ok, message, points, deduction ids, integrity ids)}: the five function checks on the entry's
    code, defined in a bare namespace.

    Fast (no notebook, no training); cell order and the given cells play no part, so integrity cases that
    depend on them are for graded_outcomes and nbgrader.
    """
    import warnings

    import numpy as np

    from scratchnet_solution.assignments.scratchnet import checks

    namespace = {"np": np, "__name__": "__main__"}
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        for name in checks.STUDENT_FUNCTIONS:
            source = entry.code_by_function.get(name, f"def {name}(*args):\n    raise NotImplementedError()\n")
            exec(compile(source, f"<{name}>", "exec"), namespace)
    reports = {name: getattr(checks, f"check_{name}")(namespace[name]) for name in checks.STUDENT_FUNCTIONS}
    return {name: (report.ok, report.message, report.points, [d.id for d in report.deductions],
                   [f.id for f in report.integrity]) for name, report in reports.items()}


def hidden_check_outcomes(entry, root=None):
    """{topic: (ok, cause id, message, points, max points, the cause ids of its deductions and findings)} for an
    entry of an assignment graded by `assignments/<id>/checks.check`: the filled release notebook run cell by
    cell in this process, each graded test cell replaced by its hidden check at the place it stands (as the
    cell's hidden region runs it), the visible asserts left out.

    Fast (no kernel, no nbgrader): for iterating on checks and corpus; real `nbgrader autograde` is the truth.
    """

    from scratchnet_solution.assignments import topic_of, topics

    root = root or course_root()
    assignment = entry.assignment
    checks = importlib.import_module(f"scratchnet_solution.assignments.{assignment}.checks")
    notebook = fill_solutions(read_notebook(root / "release" / assignment / f"{assignment}.ipynb"),
                              entry.code_by_function)
    namespace, outcomes = {"__name__": "__main__"}, {}
    graded = [i for i, cell in enumerate(notebook.cells) if nbgrader_meta(cell).get("grade")]
    # Cells after the last test cell cannot change a grade (and plotting there costs seconds): not run.
    for index, cell in enumerate(notebook.cells[:max(graded, default=-1) + 1]):
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code":
            continue
        if meta.get("grade") and not meta.get("solution"):
            topic = topic_of(meta["grade_id"], topics(assignment))
            report = checks.check(topic, namespace)
            ids = [item.id for item in [*report.deductions, *report.integrity]] or [report.cause]
            outcomes[topic] = (report.ok, report.cause, report.message, report.points, report.max_points, ids)
            continue
        try:  # a student cell that raises stops only itself, as in a notebook run with errors allowed
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(cell.source, f"<cell {index + 1}>", "exec"), namespace)
        except Exception:  # noqa: BLE001 -- the checks report what this leaves undefined
            pass
    return outcomes
