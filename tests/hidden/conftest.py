"""`pytest tests/hidden --submission PATH`: grade submitted notebooks with the hidden checks.

Each submission's code is run in-process the way the self-check runs it (source/scratchnet/notebook_cells.py),
then every function is checked by the same scratchnet_solution.assignments.scratchnet.checks function that the notebook's hidden
test cells call. One test per submission and function; a table at the end.
"""
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "source" / "scratchnet"))
import notebook_cells  # noqa: E402  (lives with the assignment so students get the same loader)

from scratchnet_solution.grading import integrity  # noqa: E402

_outcomes = defaultdict(dict)  # submission label -> {topic: "pass" | "FAIL"}
_points = defaultdict(dict)  # submission label -> {topic: (points, max points) of its rubric cell}


def submission_notebooks(paths):
    """Every notebook named by --submission: files as given, folders searched recursively."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.exists():
            found.append(path)
        else:
            raise pytest.UsageError(f"--submission {raw}: no such file or folder.")
    return found


def submission_label(path):
    """submitted/<student>/<assignment>/<name>.ipynb is labelled <student>; other files by their path."""
    parts = path.resolve().parts
    return parts[-3] if len(parts) >= 3 and parts[-2] == path.stem else str(path)


def pytest_generate_tests(metafunc):
    if "submission" in metafunc.fixturenames:
        paths = submission_notebooks(metafunc.config.getoption("submission"))
        # With pytest-xdist (`-n 2 --dist loadgroup`), one worker loads each submission once.
        group = pytest.mark.xdist_group if metafunc.config.pluginmanager.hasplugin("xdist") else None
        params = [pytest.param(p, marks=[group(submission_label(p))] if group else []) for p in paths]
        metafunc.parametrize("submission", params, ids=[submission_label(p) for p in paths], scope="module")


@pytest.fixture(scope="module")
def loaded(submission):
    """The submission's code, run once per submission.

    Student code runs in this process, so what it does to numpy or to the grader's package must not
    reach the next submission: both are put back afterwards. The grader's package is put back at once,
    as nbgrader's hidden cells import it afresh, and the changed copy goes to the checks as evidence.
    """
    before = integrity.snapshot_modules()
    try:
        result = notebook_cells.load(notebook_cells.read(submission), submission.parent)
    except notebook_cells.NotebookUnreadable as error:
        integrity.restore_modules(before)
        pytest.fail(str(error), pytrace=False)
    grader = {name: saved for name, saved in before.items() if name.partition(".")[0] == integrity.PACKAGE}
    result.stale_modules = integrity.restore_modules(grader)
    result.points = _points[submission_label(submission)]
    yield result
    integrity.restore_modules(before)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    params = getattr(getattr(item, "callspec", None), "params", {})
    if report.when == "call" and "submission" in params and "topic" in params:
        label, topic = submission_label(params["submission"]), params["topic"]
        points = _points[label].get(topic)
        verdict = "pass" if report.passed else "FAIL"
        _outcomes[label][topic] = f"{verdict} {points[0]:g}/{points[1]:g}" if points else verdict
    return report


def pytest_terminal_summary(terminalreporter, config):
    if not config.getoption("submission"):
        terminalreporter.write_line("tests/hidden: nothing graded; pass --submission PATH (a notebook or a folder).")
        return
    topics = notebook_cells.TOPICS
    write = terminalreporter.write_line
    write("")
    write(f"{'submission':<24}" + "".join(f"{t:>16}" for t in topics))
    for label, by_topic in sorted(_outcomes.items()):
        write(f"{label[-24:]:<24}" + "".join(f"{by_topic.get(t, '-'):>16}" for t in topics))
