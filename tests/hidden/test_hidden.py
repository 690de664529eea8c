"""The hidden checks, per function, for each notebook given with --submission.

A test passes when the function earns all the points of its rubric cell; its points (as nbgrader records them
for that cell, partial credit or all or nothing as nbgrader_config.py says) are in the table at the end and in
the junit report's `points` property.
"""
from pathlib import Path

import pytest

from scratchnet_solution.assignments.scratchnet import checks
from scratchnet_solution.preprocessors.gradefromverdicts import course_points, partial_credit_setting

TOPICS = (*checks.STUDENT_FUNCTIONS, "xor")
PARTIAL_CREDIT = partial_credit_setting(Path(__file__).resolve().parents[2])


def pytest_generate_tests(metafunc):
    if "topic" in metafunc.fixturenames:
        metafunc.parametrize("topic", TOPICS)


def test_function(loaded, topic, record_property):
    """One function of one submission against the reference (xor: all of them, trained together)."""
    names = checks.STUDENT_FUNCTIONS if topic == "xor" else (topic,)
    for name in names:
        if not callable(loaded.namespace.get(name)):
            problem = loaded.error_for(name)
            record_property("points", 0)
            pytest.fail(f"{name} is not defined" + (f": its cell raised {problem}" if problem else "."), pytrace=False)
    stale = getattr(loaded, "stale_modules", None)
    if topic == "xor":
        report = checks.check_xor(*(loaded.namespace[n] for n in ("forward", "compute_loss", "backward", "update_weights")),
                                  stale_modules=stale)
    else:
        report = getattr(checks, f"check_{topic}")(loaded.namespace[topic], stale_modules=stale)
    points = course_points(report.points, report.max_points, PARTIAL_CREDIT)
    record_property("points", points)
    loaded.points[topic] = (points, report.max_points)
    if not report.ok:
        pytest.fail(report.message, pytrace=False)
