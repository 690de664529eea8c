"""The hidden checks, per function, for each notebook given with --submission."""
import pytest

from scratchnet_solution import checks

TOPICS = (*checks.STUDENT_FUNCTIONS, "xor")


def pytest_generate_tests(metafunc):
    if "topic" in metafunc.fixturenames:
        metafunc.parametrize("topic", TOPICS)


def test_function(loaded, topic):
    """One function of one submission against the reference (xor: all of them, trained together)."""
    names = checks.STUDENT_FUNCTIONS if topic == "xor" else (topic,)
    for name in names:
        if not callable(loaded.namespace.get(name)):
            problem = loaded.error_for(name)
            pytest.fail(f"{name} is not defined" + (f": its cell raised {problem}" if problem else "."), pytrace=False)
    stale = getattr(loaded, "stale_modules", None)
    if topic == "xor":
        report = checks.check_xor(*(loaded.namespace[n] for n in ("forward", "compute_loss", "backward", "update_weights")),
                                  stale_modules=stale)
    else:
        report = getattr(checks, f"check_{topic}")(loaded.namespace[topic], stale_modules=stale)
    if not report.ok:
        pytest.fail(report.message, pytrace=False)
