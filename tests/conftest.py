"""Shared fixtures and the --submission option of tests/hidden."""
import pytest

from course_helpers import REPO, new_course


def pytest_addoption(parser):
    parser.addoption(
        "--submission", action="append", default=[], metavar="PATH",
        help="tests/hidden: a submitted notebook, or a folder searched for notebooks (may be repeated)",
    )


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def course_factory(tmp_path_factory):
    """Makes a fresh course folder per call: nbgrader state never leaks between tests."""
    return lambda name="course": new_course(tmp_path_factory.mktemp(name))


def pytest_ignore_collect(collection_path, config):
    """tests/hidden grades submissions; without --submission there is nothing for it to do."""
    if collection_path.name == "hidden" and not config.getoption("submission"):
        return True
    return None
