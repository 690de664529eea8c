"""Run a notebook's code in this Python process so that pytest can test the functions it defines.

Used by the self-check in this folder (`pytest`) and by the instructors' hidden checks. Test cells
(nbgrader's autograded cells) are not run while loading; everything else is, in order, in one
namespace, the way "Run All" would. A cell that fails is recorded and loading goes on, so one broken
cell does not hide the functions defined in the others.
"""
import contextlib
import io
import json
import os
import re
import signal
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

# This file is the same in every assignment's folder; what differs is in assignment.json beside it: the
# notebook's name, the functions students write (in notebook order) and the end-to-end test's topic.
ASSIGNMENT_FILE = Path(__file__).with_name("assignment.json")


def _assignment():
    """(notebook file name, functions, end-to-end topic, problem): the problem is None or why the file is unusable."""
    try:
        settings = json.loads(ASSIGNMENT_FILE.read_text(encoding="utf-8"))
        names = (settings["notebook"], tuple(settings["functions"]), settings["end_to_end"])
        if not all(isinstance(name, str) and name for name in (names[0], *names[1], names[2])):
            raise ValueError("every name must be a non-empty string")
        return (*names, None)
    except (OSError, ValueError, KeyError, TypeError) as error:  # missing, not JSON, a name missing or wrong
        return "", (), "", (f"{ASSIGNMENT_FILE.name} beside the notebook is missing or damaged "
                            f"({type(error).__name__}: {error}).")


NOTEBOOK_NAME, FUNCTIONS, END_TO_END, _ASSIGNMENT_PROBLEM = _assignment()
# The notebook this folder's self-check reads.
NOTEBOOK = Path(__file__).with_name(NOTEBOOK_NAME or "notebook.ipynb")
# nbgrader stops a cell after 60 s (nbgrader_config.py); the self-check does too, instead of hanging.
CELL_TIME_LIMIT_SECONDS = int(os.environ.get("SCRATCHNET_CELL_TIME_LIMIT", "60"))
# Functions that did not return in this session: later cells that call them fail at once.
HANGING = set()
# Test cells are named after what they test: a function, or the end-to-end training test (e.g. "xor_...").
TOPICS = FUNCTIONS + (END_TO_END,)
# Cells with this tag (the interactive trainer) are not run by the self-check.
SKIP_TAG = "selfcheck-skip"


class NotebookUnreadable(Exception):
    """The file is missing or is not a notebook; the message says which."""


@dataclass
class TestCell:
    """An autograded test cell: which function it tests, its points and its code."""

    grade_id: str
    topic: str
    points: float
    source: str
    rubric: bool = False  # graded part by part by hidden checks when submitted (the "rubric" tag)


@dataclass
class LoadedNotebook:
    """The namespace after running the notebook's code, and the cells that raised."""

    namespace: dict
    cell_errors: dict = field(default_factory=dict)  # cell label -> one-line description
    stubs: dict = field(default_factory=dict)  # name -> the function a cell defined as only `raise NotImplementedError()`

    def error_for(self, name):
        """The recorded error of the solution cell for `name`, if any."""
        return self.cell_errors.get(f"solution_{name}")

    def unfinished(self, name):
        """Whether `name` is still the stub the notebook came with (no later cell redefined it)."""
        return name in self.stubs and self.namespace.get(name) is self.stubs[name]


class _QuietIPython:
    """Stands in for get_ipython() so magics like %matplotlib in a cell do nothing instead of failing."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def read(path):
    """Read the notebook at path, or raise NotebookUnreadable with a plain explanation."""
    if _ASSIGNMENT_PROBLEM:
        raise NotebookUnreadable(_ASSIGNMENT_PROBLEM)
    path = Path(path)
    if not path.is_file():
        raise NotebookUnreadable(f"{path} does not exist.")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:  # broken JSON, wrong schema, bad encoding all mean the same to a student
        raise NotebookUnreadable(f"{path} is not a readable notebook ({type(error).__name__}: {error}).") from None


def nbgrader_meta(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def topic_of(grade_id):
    """The function (or END_TO_END) a test cell's grade_id names, or None."""
    return next((t for t in sorted(TOPICS, key=len, reverse=True) if grade_id.startswith(t)), None)


def test_cells(notebook):
    """The autograded test cells, in notebook order."""
    cells = []
    for cell in notebook.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            grade_id = meta.get("grade_id", "")
            rubric = "rubric" in cell.get("metadata", {}).get("tags", [])
            cells.append(TestCell(grade_id, topic_of(grade_id), float(meta.get("points", 0)), cell.source, rubric))
    return cells


def python_source(cell_source):
    """Cell source as plain Python: IPython turns magics and shell escapes into function calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(cell_source)


def cell_label(cell, index):
    return nbgrader_meta(cell).get("grade_id") or f"cell {index + 1}"


class CellTimeout(BaseException):
    """Raised into a cell that runs past CELL_TIME_LIMIT_SECONDS (`except Exception` in student code lets it by)."""


@contextlib.contextmanager
def time_limit(seconds):
    """Raise CellTimeout in the main thread after `seconds`, and every second after that."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum, frame):
        raise CellTimeout()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_source(source, namespace, label):
    """Run one cell's code in namespace; return None, or a one-line description of what it raised.

    A stub is reported as "<function> is not implemented yet", naming the function that raised. A cell
    that runs past CELL_TIME_LIMIT_SECONDS is stopped, and the function it was in is not run again.
    """
    hung = next((name for name in FUNCTIONS if name in HANGING and name in source), None)
    if hung:
        return f"{hung} did not return in an earlier test, so this one does not run it again"
    try:
        code = compile(python_source(source), f"<{label}>", "exec")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            with time_limit(CELL_TIME_LIMIT_SECONDS):
                exec(code, namespace)
    except CellTimeout as error:
        frames = traceback.extract_tb(error.__traceback__)
        culprit = next((f.name for f in reversed(frames) if f.name in FUNCTIONS), None)
        if culprit is None:
            return f"this cell did not finish within {CELL_TIME_LIMIT_SECONDS} s"
        HANGING.add(culprit)
        return f"{culprit} did not return within {CELL_TIME_LIMIT_SECONDS} s (an endless loop?)"
    except AssertionError as error:
        if hasattr(error, "_render_traceback_"):  # a test's own verdict: its message is the whole story
            return str(error)
        return _described(error, label)
    except NotImplementedError as error:
        frames = traceback.extract_tb(error.__traceback__)
        stub = next((f.name for f in reversed(frames) if f.name in FUNCTIONS), "a function")
        return f"{stub} is not implemented yet"
    except BaseException as error:  # SystemExit and KeyboardInterrupt from student code must not end pytest
        if isinstance(error, KeyboardInterrupt):
            raise
        return _described(error, label)
    return None


def _described(error, label):
    """The error in one line: its type, the line of the cell it came from, its message."""
    where = traceback.extract_tb(error.__traceback__)[-1:] or [None]
    line = f" (line {where[0].lineno})" if where[0] is not None and where[0].filename == f"<{label}>" else ""
    return f"{type(error).__name__}{line}: {error}"


def wrapped(message, width=100):
    """The message in lines of at most `width` characters (words are not split), so it fits where it is read."""
    import textwrap

    lines = []
    for paragraph in message.split("\n"):
        lines += textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def _mentions(source, name):
    """Whether the code names `name` as a whole word (linear_forward is not in linear_activation_forward)."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", source) is not None


def visible_test_failure(cell, loaded):
    """None when a visible test cell passes on the loaded notebook, else the message the self-check shows."""
    # The cell's own function first: a test of a missing function names that function, not a helper it uses.
    for name in sorted(FUNCTIONS, key=lambda name: name != cell.topic):
        if name not in loaded.namespace and (cell.topic in (name, END_TO_END) or _mentions(cell.source, name)):
            problem = loaded.error_for(name)
            why = f"its cell raised {problem}" if problem else "its cell is missing or was not run"
            return f"{name} is not defined: {why}."
    # An untouched stub fails its own tests with its to-do even where the test would first call another
    # unfinished function (model_backward's test runs model_forward first): each stub is named once.
    if loaded.unfinished(cell.topic):
        return wrapped(f"{cell.topic} is not implemented yet: {TO_DO}")
    # Each cell runs on a copy, so a test cell's own names cannot leak into the next test.
    error = run_source(cell.source, dict(loaded.namespace), cell.grade_id)
    if error and error.endswith("is not implemented yet"):
        error = f"{error}: {TO_DO}"
    return wrapped(error.removeprefix("AssertionError: ")) if error else None


# What to do about an unfinished function: the notebook's test tool (`_testing`) says the same.
TO_DO = "replace `raise NotImplementedError()` in its cell."


def unfinished_function(message):
    """The function a test failure says is not implemented yet, or None."""
    name, _, rest = (message or "").partition(" ")
    return name if name in FUNCTIONS and rest.startswith("is not implemented yet") else None


def stub_definitions(cell_source):
    """The functions of FUNCTIONS the cell defines with a body of only `raise NotImplementedError()`
    (a docstring and comments aside): the stubs the released notebook has in place of each answer."""
    import ast

    try:
        tree = ast.parse(python_source(cell_source))
    except SyntaxError:
        return []
    stubs = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in FUNCTIONS:
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if len(body) == 1 and isinstance(body[0], ast.Raise) and "NotImplementedError" in ast.unparse(body[0]):
                stubs.append(node.name)
    return stubs


def load(notebook, folder):
    """Run every code cell except test cells and trainer cells, as a fresh kernel would."""
    namespace = {"__name__": "__main__", "get_ipython": _QuietIPython}
    loaded = LoadedNotebook(namespace)
    previous_dir = os.getcwd()
    os.environ["SCRATCHNET_SELF_CHECK"] = "1"
    os.chdir(folder)  # notebooks run in their own folder
    try:
        for index, cell in enumerate(notebook.cells):
            meta = nbgrader_meta(cell)
            if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
                continue
            if SKIP_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            error = run_source(cell.source, namespace, cell_label(cell, index))
            if error:
                loaded.cell_errors[cell_label(cell, index)] = error
            for name in stub_definitions(cell.source):
                if callable(namespace.get(name)):
                    loaded.stubs[name] = namespace[name]
    finally:
        os.chdir(previous_dir)
        os.environ.pop("SCRATCHNET_SELF_CHECK", None)
    return loaded
