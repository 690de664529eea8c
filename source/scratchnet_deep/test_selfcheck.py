"""Self-check: run the notebook's visible tests against the functions your notebook defines.

Run `pytest` in this folder. Each test is one test cell of the notebook (assignment.json names it); the
summary at the end groups them by function. Passing here is a good sign, not a guarantee: grading adds
hidden checks.
"""
import pytest

import notebook_cells

NOTEBOOK = notebook_cells.NOTEBOOK


def visible_test_cells():
    try:
        return notebook_cells.test_cells(notebook_cells.read(NOTEBOOK))
    except notebook_cells.NotebookUnreadable:
        return []  # test_notebook_is_readable says what is wrong


@pytest.fixture(scope="session")
def student():
    """Your notebook's code, run once for the whole session."""
    try:
        notebook = notebook_cells.read(NOTEBOOK)
    except notebook_cells.NotebookUnreadable as error:
        pytest.fail(str(error), pytrace=False)
    return notebook_cells.load(notebook, NOTEBOOK.parent)


def test_notebook_is_readable():
    """The notebook opens and still has its test cells."""
    try:
        notebook = notebook_cells.read(NOTEBOOK)
    except notebook_cells.NotebookUnreadable as error:
        pytest.fail(f"{error} Download a fresh copy and paste your functions back in.", pytrace=False)
    assert notebook_cells.test_cells(notebook), "The notebook has no test cells left: were they deleted?"


@pytest.fixture(scope="session")
def reported():
    """Functions a test already reported as not implemented yet."""
    return set()


@pytest.mark.parametrize("cell", visible_test_cells(), ids=lambda cell: cell.grade_id)
def test_cell(cell, student, reported):
    """One visible test cell of the notebook.

    An unfinished function fails its first test with a one-line to-do; its later tests (and the tests of
    functions that call it) are skipped as waiting for it, so the output stays a short to-do list.
    """
    failure = notebook_cells.visible_test_failure(cell, student)
    stub = notebook_cells.unfinished_function(failure)
    if stub in reported:
        pytest.skip(f"waits for {stub}")
    if failure:
        if stub:
            reported.add(stub)
        pytest.fail(failure, pytrace=False)
