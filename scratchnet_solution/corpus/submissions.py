"""Building submissions: the released notebook with chosen code in its solution cells.

Tests, the demo and the corpus all make submissions the same way: take the release notebook and put
code into the solution cell of each function (`grade_id` "solution_<function>"); cells left alone keep
the stub, exactly as a student who skipped that part would hand it in.
"""
import ast
import re
from pathlib import Path

import nbformat

from scratchnet_solution.assignments.scratchnet.network import STUDENT_FUNCTIONS
from scratchnet_solution.course.folder import ASSIGNMENT
from scratchnet_solution.course.notebooks import nbgrader_meta

SOLUTION_REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*\n?", re.M | re.S)


def solution_cell_id(function):
    return f"solution_{function}"


def solution_function(grade_id):
    """The function a solution cell's grade_id ("solution_<function>") is for."""
    return grade_id.removeprefix("solution_")


def reference_solutions(source_notebook):
    """{function: cell source} from the source notebook, with the solution markers removed."""
    solutions = {}
    for cell in source_notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if grade_id.startswith("solution_"):
            solutions[grade_id.removeprefix("solution_")] = SOLUTION_REGION.sub(r"\1", cell.source)
    return solutions


def fill_solutions(release_notebook, code_by_function):
    """A copy of the release notebook with each named function's solution cell replaced by the given code."""
    # The notebook says which functions are the students' (either assignment's notebook works here).
    functions = {nbgrader_meta(cell).get("grade_id", "").removeprefix("solution_") for cell in release_notebook.cells
                 if nbgrader_meta(cell).get("grade_id", "").startswith("solution_")}
    unknown = set(code_by_function) - functions
    if unknown:
        raise ValueError(f"not a student function: {', '.join(sorted(unknown))}")
    notebook = nbformat.from_dict(release_notebook)
    filled = set()
    for cell in notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        function = grade_id.removeprefix("solution_")
        if grade_id.startswith("solution_") and function in code_by_function:
            cell.source = code_by_function[function]
            filled.add(function)
    missing = set(code_by_function) - filled
    if missing:
        raise ValueError(f"the notebook has no solution cell for {', '.join(sorted(missing))}")
    return notebook


def split_submission(code, student_functions=STUDENT_FUNCTIONS):
    """Split a Python file into (prelude, {function: source}) for the student functions it defines.

    The prelude is everything else at the top level (imports, helpers, constants, prints), in order;
    a leading docstring describes the file, not the submission, and is left out.
    """
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    functions, prelude = {}, []
    for node in tree.body:
        start = (node.decorator_list[0].lineno if getattr(node, "decorator_list", None) else node.lineno) - 1
        text = "".join(lines[start:node.end_lineno])
        if isinstance(node, ast.FunctionDef) and node.name in student_functions:
            functions[node.name] = text
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node is tree.body[0]):
            prelude.append(text)
    return "".join(prelude), functions


# nbgrader's solution markers, with the indentation before them.
SOLUTION_MARKERS = re.compile(r"[ \t]*### (BEGIN|END) SOLUTION\n?")


def answers_in_source(source_notebook, edits=()):
    """{solution cell's grade_id: the instructor's answer without nbgrader's markers}, with `edits` made.

    edits: (old, new) replacements, each of which must apply to some answer (a mistake made on purpose).
    """
    answers = {nbgrader_meta(cell)["grade_id"]: SOLUTION_MARKERS.sub("", cell.source)
               for cell in source_notebook.cells if nbgrader_meta(cell).get("solution")}
    for old, new in edits:
        hits = [grade_id for grade_id, code in answers.items() if old in code]
        if not hits:
            raise ValueError(f"the edit {old!r} applies to no answer")
        answers[hits[0]] = answers[hits[0]].replace(old, new)
    return answers


def with_answers(release_notebook, answers):
    """A copy of the release notebook whose solution cells hold `answers` (by grade_id); the others stay stubs."""
    notebook = nbformat.from_dict(release_notebook)
    for cell in notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return notebook


def write_submission(course_root, student_id, notebook, assignment=ASSIGNMENT):
    """Put a notebook where nbgrader collects it: submitted/<student>/<assignment>/<assignment>.ipynb."""
    folder = Path(course_root) / "submitted" / student_id / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    nbformat.write(notebook, path)
    return path
