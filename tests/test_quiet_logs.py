"""Quiet logs (issue 11): grading a normal student logs nothing an instructor must skip over.

Autograde puts the instructor's test cells (with their hidden tests) back into every submission on
purpose, and stock nbgrader warned "Attribute 'checksum' for cell ... has changed!" for each of them,
14 lines per student; generate_feedback warned about a configuration option of HideHiddenTests. A
test cell the student really edited is still reported, in one line naming it.
"""
import pytest

from grading_course import (  # course_template and course are fixtures
    REPO, course, course_template, grade_cell, nbgrader, submission, submit)

ASSIGNMENT = "scratchnet"


def warnings_in(log):
    """Lines of an nbgrader log that warn. Without bwrap the kernel itself warns that it talks over TCP:
    that is the sandbox's business (a sandboxed kernel uses unix sockets), not the grader's log."""
    return [line for line in log.splitlines()
            if ("WARNING" in line or "Warning:" in line) and not line.startswith("[IPKernelApp]")]


def test_every_feedback_step_of_the_kit_takes_the_exporters_display_data_priority():
    """The HTML exporter configures display_data_priority for every step; a step that does not take it
    as configuration makes traitlets warn on every feedback run."""
    import importlib

    from traitlets.config import Config

    config = Config()
    exec(compile((REPO / "nbgrader_config.py").read_text(), "nbgrader_config.py", "exec"), {"get_config": lambda: config})
    steps = [name for name in config.GenerateFeedback.preprocessors if name.startswith("scratchnet_solution.")]
    assert len(steps) >= 1
    for name in steps:
        module, _, cls = name.rpartition(".")
        trait = getattr(importlib.import_module(module), cls).class_traits()["display_data_priority"]
        assert trait.metadata.get("config"), name


@pytest.mark.slow
def test_a_normal_student_and_their_feedback_log_no_warnings_and_an_edited_test_cell_is_named(course):
    submit(course, "normal", submission(course))
    edited = submission(course)
    grade_cell(edited, "forward_shapes").source += "\n# just checking\n"
    submit(course, "edited", edited)
    graded = nbgrader(course, "autograde", ASSIGNMENT, "--student", "normal")
    assert graded.returncode == 0, graded.stderr[-3000:]
    assert "has changed" not in graded.stderr and "restored" not in graded.stderr
    assert warnings_in(graded.stderr) == [], graded.stderr
    feedback = nbgrader(course, "generate_feedback", ASSIGNMENT, "--student", "normal")
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    assert "not recognized" not in feedback.stderr and warnings_in(feedback.stderr) == [], feedback.stderr

    changed = nbgrader(course, "autograde", ASSIGNMENT, "--student", "edited")
    assert changed.returncode == 0, changed.stderr[-3000:]
    lines = warnings_in(changed.stderr)
    assert len(lines) == 1 and "forward_shapes" in lines[0] and "restored" in lines[0], changed.stderr
