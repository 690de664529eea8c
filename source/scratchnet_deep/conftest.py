"""Prints a per-function summary after the self-check, so you see at a glance what is left to do."""
import textwrap
from collections import defaultdict

import notebook_cells

# Every line the self-check prints fits this many characters (a narrow terminal, a notebook's output area).
WIDTH = 100

_results = defaultdict(list)  # topic -> list of (grade_id, outcome, message)


def pytest_runtest_logreport(report):
    if report.when == "call" and "[" in report.nodeid:
        grade_id = report.nodeid.rsplit("[", 1)[1].rstrip("]")
        if report.failed:
            message = str(report.longrepr)
        elif report.skipped:  # a test waiting for an unfinished function: longrepr is (file, line, reason)
            message = str(report.longrepr[2]).removeprefix("Skipped: ")
        else:
            message = ""
        _results[notebook_cells.topic_of(grade_id)].append((grade_id, report.outcome, message))


def pytest_terminal_summary(terminalreporter):
    if not _results:
        return
    write = terminalreporter.write_line
    cells = _test_cells()
    unfinished = [topic for topic in notebook_cells.FUNCTIONS if _unfinished(topic)]
    # The names' column is as wide as the longest name (15 for the first assignment's update_weights).
    column = max(len(topic) for topic in notebook_cells.TOPICS) + 1
    indent = " " * (2 + column + 1)
    write("")
    write("Your functions, by their visible tests:")
    for topic in notebook_cells.TOPICS:
        results = _results.get(topic, [])
        if not results:
            continue
        passed = sum(outcome == "passed" for _, outcome, _ in results)
        failures = [message for _, outcome, message in results if outcome == "failed"]
        waiting = [message.removeprefix("waits for ") for _, outcome, message in results if outcome == "skipped"]
        if topic in unfinished:  # one line: the to-do is in the test's failure above
            points = sum(cells[grade_id].points for grade_id, _, _ in results if grade_id in cells)
            status = f"not implemented yet ({points:g} points)"
        elif failures:
            status = failures[0].splitlines()[0]
        elif waiting:
            needs = (unfinished if topic == notebook_cells.END_TO_END
                     else sorted(set(waiting), key=notebook_cells.FUNCTIONS.index))
            status = f"{len(waiting)} test{' waits' if len(waiting) == 1 else 's wait'} for {', '.join(needs)}"
        else:
            status = "all visible tests pass"
        # A long status goes on under itself, so no line is longer than WIDTH.
        start = f"  {topic:<{column}} {passed}/{len(results)}  "
        lines = textwrap.wrap(start + status, WIDTH, subsequent_indent=" " * len(start), break_long_words=False,
                              break_on_hyphens=False)
        for line in lines:
            write(line)
        if failures and topic not in unfinished:
            for line in textwrap.wrap(points_line(results, cells), WIDTH, initial_indent=indent,
                                      subsequent_indent=indent + "  ", break_long_words=False,
                                      break_on_hyphens=False):
                write(line)


def _unfinished(topic):
    """Whether the topic's failures all say that it is not implemented yet."""
    failures = [message for _, outcome, message in _results.get(topic, []) if outcome == "failed"]
    return bool(failures) and all(notebook_cells.unfinished_function(message) == topic for message in failures)


def _test_cells():
    try:
        return {cell.grade_id: cell for cell in notebook_cells.test_cells(notebook_cells.read(notebook_cells.NOTEBOOK))}
    except notebook_cells.NotebookUnreadable:
        return {}


def points_line(results, cells):
    """'points: backward_shapes 0/5, ..., backward_matches_reference ?/25 (hidden checks, part by part)'."""
    parts = []
    for grade_id, outcome, _ in results:
        cell = cells.get(grade_id)
        if cell is None:
            continue
        if cell.rubric:
            parts.append(f"{grade_id} ?/{cell.points:g} (hidden checks, part by part)")
        else:
            parts.append(f"{grade_id} {cell.points if outcome == 'passed' else 0:g}/{cell.points:g}")
    return "points: " + ", ".join(parts)
