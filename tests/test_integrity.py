"""Integrity: each defence flags the shortcut it is for, and leaves honest work alone."""
import ast
import contextlib
import re
import sys
import types

import numpy as np
import pytest

from course_helpers import REPO
from scratchnet_solution.assignments.scratchnet import checks, given_helpers, network
from scratchnet_solution.grading import integrity
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import reference_solutions

SOURCE = read_notebook(REPO / "source" / "scratchnet" / "scratchnet.ipynb")
SOLUTIONS = reference_solutions(SOURCE)


def notebook(**overrides):
    """A namespace like the kernel's: the given cells, then the student's code (reference answers by default)."""
    namespace = {"__name__": "__main__"}
    for cell in SOURCE.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("locked") and not meta.get("grade") and meta.get("grade_id") != "training_run":
            exec(cell.source, namespace)
    for name in checks.STUDENT_FUNCTIONS:
        exec(overrides.get(name, SOLUTIONS[name]), namespace)
    return namespace


@contextlib.contextmanager
def replaced(module, name, value):
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


# --- The reference, taken or wrapped.

@pytest.mark.parametrize("source", [
    "from scratchnet_solution.assignments.scratchnet.network import sigmoid as _s\ndef sigmoid(z):\n    return _s(z)\n",
    "import scratchnet_solution.assignments.scratchnet.network as ref\ndef sigmoid(z):\n    return ref.sigmoid(z)\n",
    "import importlib\ndef sigmoid(z):\n    return importlib.import_module('scratchnet_solution.assignments.scratchnet.network').sigmoid(z)\n",
    "def sigmoid(z):\n    return __import__('scratchnet_solution').sigmoid(z)\n",
    "import functools, scratchnet_solution.assignments.scratchnet.network as ref\nsigmoid = functools.partial(ref.sigmoid)\n",
    "from scratchnet_solution.assignments.scratchnet.network import sigmoid\n",
    "def _helper(z):\n    import scratchnet_solution.assignments.scratchnet.network\n    return scratchnet_solution.assignments.scratchnet.network.sigmoid(z)\n"
    "def sigmoid(z):\n    return _helper(z)\n",
])
def test_a_function_reaching_the_reference_is_found_in_its_code(source):
    namespace = notebook(sigmoid=source)
    assert integrity.grader_references(namespace["sigmoid"])
    report = checks.check_sigmoid(namespace["sigmoid"])
    assert not report.ok and "grader's own reference solution" in report.message


def test_a_call_assembled_at_run_time_trips_the_wire():
    source = ("def sigmoid(z):\n    name = ''.join(['scratch', 'net_solution.assignments.scratchnet.network'])\n"
              "    return getattr(__import__(name, fromlist=['x']), 'sig' + 'moid')(z)\n")
    namespace = notebook(sigmoid=source)
    assert not integrity.grader_references(namespace["sigmoid"])  # the code does not spell it...
    report = checks.check_sigmoid(namespace["sigmoid"])
    assert not report.ok and "grader's own reference solution" in report.message  # ...the call does
    assert network.sigmoid(np.array([0.0]))[0] == 0.5  # and the reference works again afterwards


def test_honest_code_with_helpers_and_numpy_comparisons_is_not_flagged():
    source = ("EPS = 1e-15\ndef _clip(p):\n    return np.clip(p, EPS, 1 - EPS)\n"
              "def compute_loss(y_true, y_pred):\n    p = _clip(y_pred)\n    assert np.allclose(p, p)\n"
              "    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))\n")
    namespace = notebook(compute_loss=source)
    assert integrity.grader_references(namespace["compute_loss"]) == []
    assert checks.check_compute_loss(namespace["compute_loss"]).ok


def test_another_function_s_reference_use_is_not_held_against_this_one():
    namespace = notebook(sigmoid="from scratchnet_solution.assignments.scratchnet.network import sigmoid\n")
    assert checks.check_forward(namespace["forward"]).ok  # forward calls that sigmoid, but is the student's own
    report = checks.check_xor(*(namespace[n] for n in ("forward", "compute_loss", "backward", "update_weights")))
    assert not report.ok and "grader's own reference solution" in report.message


# --- numpy replaced.

@pytest.mark.parametrize("name", ["allclose", "isclose", "array_equal", "isfinite", "asarray"])
def test_a_replaced_numpy_function_is_found(name):
    namespace = notebook()
    assert integrity.numpy_problems(namespace) == []
    with replaced(np, name, lambda *args, **kwargs: True):
        assert integrity.numpy_problems(namespace) == [f"numpy.{name} was replaced"]
        report = checks.check_update_weights(namespace["update_weights"])
        assert not report.ok and "changes numpy" in report.message
    assert integrity.numpy_problems(namespace) == []


def test_a_wrapper_that_keeps_numpy_s_name_is_still_found():
    genuine = np.allclose
    fake = types.FunctionType((lambda *a, **k: True).__code__, {}, "allclose")
    fake.__module__ = "numpy"
    with replaced(np, "allclose", fake):
        assert integrity.numpy_problems() == ["numpy.allclose was replaced"]
    assert np.allclose is genuine


def test_numpy_s_own_function_under_another_name_is_found():
    with replaced(np, "allclose", np.array_equal):  # numpy's code, but not allclose
        assert integrity.numpy_problems() == ["numpy.allclose was replaced"]


def test_np_rebound_in_the_notebook_is_found():
    namespace = notebook()
    namespace["np"] = types.SimpleNamespace(allclose=lambda *a, **k: True)
    assert integrity.numpy_problems(namespace) == ["`np` is not numpy any more"]


def test_once_found_the_change_voids_every_later_check():
    namespace = notebook()
    with replaced(np, "allclose", lambda *a, **k: True):
        assert not checks.check_sigmoid(namespace["sigmoid"]).ok
    report = checks.check_forward(namespace["forward"])  # numpy is genuine again, but the notebook did change it
    assert not report.ok and "changes numpy" in report.message


def test_numpy_names_cover_what_the_tests_and_the_grader_use():
    used = set()
    sources = [cell.source for cell in SOURCE.cells if cell.metadata.get("nbgrader", {}).get("grade")
               or cell.metadata.get("nbgrader", {}).get("grade_id") == "setup"]
    sources += [(REPO / "scratchnet_solution" / f"{m}.py").read_text()
                for m in ("assignments/scratchnet/checks", "assignments/scratchnet/diagnosis", "grading/integrity",
                          "assignments/scratchnet/network", "assignments/scratchnet/training", "grading/gradcheck")]
    for source in sources:
        for node in ast.walk(ast.parse(re.sub(r"^\s*#.*$", "", source, flags=re.M))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "np":
                used.add(node.attr)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                    and isinstance(node.value.value, ast.Name) and node.value.value.id == "np":
                used.add(f"{node.value.attr}.{node.attr}")
    # Names whose replacement cannot change a verdict: constants and types, diagnosis wording, the global
    # random state (check_xor sets it itself), functions only the corpus's student code uses.
    cannot_change_a_verdict = {"ufunc", "finfo", "float64", "ndarray", "inf", "nan", "newaxis", "log10", "log2",
                         "random.get_state", "random.set_state", "random.seed", "median", "max", "min", "size",
                         "transpose", "prod", "ndenumerate", "empty_like", "integers", "log1p", "__file__"}
    missing = used - set(integrity.NUMPY_NAMES) - cannot_change_a_verdict
    assert not missing, f"add to integrity.NUMPY_NAMES: {sorted(missing)}"


# --- Given helpers redefined.

def test_given_helpers_pass_as_given_and_as_exact_copies():
    namespace = notebook()
    names = ("_testing", "initialize_weights", "train", "numerical_gradient", "relative_error")
    assert integrity.helper_problems(namespace, names, given_helpers.PROBES) == []
    copy = next(c.source for c in SOURCE.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "initialize_weights")
    exec(copy, namespace)  # a student pasting the given cell again changes nothing
    assert integrity.helper_problems(namespace, names, given_helpers.PROBES) == []


@pytest.mark.parametrize("name, source", [
    ("initialize_weights", "def initialize_weights(n_in=2, n_hidden=4, n_out=1, seed=0):\n"
                           "    return np.ones((n_in, n_hidden)), np.zeros((1, n_hidden)), np.ones((n_hidden, n_out)), np.zeros((1, n_out))\n"),
    ("train", "def train(X, y, **kwargs):\n    return (np.ones((2, 4)), np.zeros((1, 4)), np.ones((4, 1)), np.zeros((1, 1))), [0.0]\n"),
    ("relative_error", "def relative_error(a, b, floor=1e-8):\n    return 0.0\n"),
    ("_testing", "import contextlib\n_testing = lambda function: contextlib.nullcontext()\n"),
    # The given tool, switched to what it does under nbgrader's Validate: stubs pass quietly after the first.
    ("_testing", "_UNFINISHED['validating'] = True\n"),
    # A tool that fails a stub's test only the first time.
    ("_testing", "import contextlib\n_given, _seen = _testing, set()\n@contextlib.contextmanager\n"
                 "def _testing(function):\n    try:\n        with _given(function):\n            yield\n"
                 "    except AssertionError:\n        if function in _seen:\n            return\n"
                 "        _seen.add(function)\n        raise\n"),
])
def test_a_redefined_helper_that_behaves_differently_is_found(name, source):
    namespace = notebook()
    exec(source, namespace)
    assert integrity.helper_problems(namespace, (name,), given_helpers.PROBES) == [name]


def test_the_test_tool_swaps_only_sigmoid_and_hides_stderr():
    namespace = notebook(sigmoid="def sigmoid(z):\n    raise NotImplementedError()\n")
    student_sigmoid = namespace["sigmoid"]
    with namespace["_testing"]("forward"):
        print("noise", file=sys.stderr)
        assert namespace["sigmoid"] is not student_sigmoid
        assert np.allclose(namespace["forward"](np.zeros((1, 2)), np.zeros((2, 3)), np.zeros((1, 3)), np.zeros((3, 1)),
                                                np.zeros((1, 1)))[3], 0.5)
    assert namespace["sigmoid"] is student_sigmoid


def test_a_redefined_helper_costs_the_topics_that_use_it():
    namespace = notebook()
    exec("def initialize_weights(n_in=2, n_hidden=4, n_out=1, seed=0):\n"
         "    return np.ones((n_in, n_hidden)), np.zeros((1, n_hidden)), np.ones((n_hidden, n_out)), np.zeros((1, n_out))\n",
         namespace)
    assert not checks.check_forward(namespace["forward"]).ok
    assert "redefines `initialize_weights`" in checks.check_backward(namespace["backward"]).message
    assert checks.check_sigmoid(namespace["sigmoid"]).ok  # sigmoid's tests do not use it


# --- The grader's own package changed.

def test_a_changed_copy_of_the_grader_is_found_and_a_faithful_one_is_not():
    stale = types.ModuleType(checks.__name__)
    vars(stale).update(vars(checks))
    assert integrity.grader_changes([stale]) == []
    stale.check_sigmoid = lambda *args, **kwargs: checks.Report("sigmoid", True)
    stale.RTOL = 1.0
    assert integrity.grader_changes([stale]) == [f"{checks.__name__}.RTOL", f"{checks.__name__}.check_sigmoid"]


def test_a_change_made_while_student_code_runs_is_found():
    source = ("import importlib\ndef sigmoid(z):\n"
              "    importlib.import_module(''.join(['scratchnet', '_solution.assignments.scratchnet.checks'])).RTOL = 1.0\n"
              "    return 1 / (1 + np.exp(-z))\n")
    namespace = notebook(sigmoid=source)
    saved = checks.RTOL
    try:
        report = checks.check_sigmoid(namespace["sigmoid"])
    finally:
        checks.RTOL = saved
    assert not report.ok and "changes the grader's own package" in report.message


def test_snapshots_put_numpy_and_the_grader_back():
    before = integrity.snapshot_modules()
    genuine = np.allclose
    np.allclose = lambda *a, **k: True
    checks.RTOL = 1.0
    altered = integrity.restore_modules(before)
    assert np.allclose is genuine and checks.RTOL == 1e-6
    assert {"numpy", checks.__name__} <= set(altered)
    assert integrity.grader_changes([altered[checks.__name__]]) == [f"{checks.__name__}.RTOL"]


def test_messages_to_students_do_not_name_the_grader_s_modules():
    for message in (integrity.reference_message("sigmoid", ["scratchnet_solution.assignments.scratchnet.network.sigmoid"]),
                    integrity.grader_message(["scratchnet_solution.assignments.scratchnet.checks.check_sigmoid"])):
        assert "scratchnet_solution" not in message and "check_" not in message
