"""The first assignment's given helpers, and how the checks tell that a notebook's copy still does its job.

The notebook gives `_testing` (the visible tests' tool), `initialize_weights`, `train` and the gradient-check
helpers; tests use them, and a later definition in the notebook replaces the given cell's. A helper redefined so
that it behaves differently voids the tests of the topics that use it (grading/integrity.helper_problems).
"""
import sys

import numpy as np

from scratchnet_solution.assignments.scratchnet import network, training
from scratchnet_solution.assignments.scratchnet.network import STUDENT_FUNCTIONS
from scratchnet_solution.grading import integrity

# The given helpers each topic's visible tests rely on. The gradient-checking helpers feed only the
# 0-point self-check cell, so redefining them is reported there and costs nothing.
HELPERS_BY_TOPIC = {
    "sigmoid": ("_testing",),
    "forward": ("_testing", "initialize_weights"),
    "compute_loss": ("_testing",),
    "backward": ("_testing", "initialize_weights"),
    "update_weights": ("_testing",),
    "xor": ("_testing", "initialize_weights", "train"),
}
GRADCHECK_HELPERS = integrity.GRADCHECK_HELPERS


def _same_arrays(a, b):
    try:
        return len(a) == len(b) and all(np.shape(x) == np.shape(y) and np.allclose(x, y, rtol=1e-12, atol=1e-14)
                                        for x, y in zip(a, b))
    except Exception:
        return False


def _initialize_weights_ok(namespace):
    given = namespace["initialize_weights"]
    cases = [((2, 4, 1), {"seed": 1}), ((2, 4, 1), {"seed": 3}), ((3, 5, 1), {"seed": 5})]
    return all(_same_arrays(given(*args, **kw), network.initialize_weights(*args, **kw)) for args, kw in cases)


def _train_ok(namespace):
    rng = np.random.default_rng(11)
    X, y = rng.standard_normal((5, 3)), rng.integers(0, 2, size=(5, 1)).astype(float)
    names = (*STUDENT_FUNCTIONS, "initialize_weights")
    saved = {name: namespace[name] for name in names if name in namespace}
    namespace.update({name: getattr(network, name) for name in names})
    try:
        params, losses = namespace["train"](X, y, n_hidden=3, lr=0.3, epochs=4, seed=7, verbose=False)
    finally:
        for name in names:
            namespace.pop(name, None)
        namespace.update(saved)
    expected_params, history = training.train(X, y, 3, 0.3, 4, 7)
    return _same_arrays(params, expected_params) and _same_arrays([losses], [history.loss])


def _testing_tool_ok(namespace):
    """The test tool swaps only sigmoid, hides stderr, lets errors through and puts everything back."""
    tool, before = namespace["_testing"], dict(namespace)
    probe = np.array([-1000.0, -1.0, 0.0, 2.0, 1000.0])
    for function in ("forward", "sigmoid"):
        outer_stderr = sys.stderr
        with tool(function):
            inside = dict(namespace)
            stderr_hidden = sys.stderr is not outer_stderr
            print("probe", file=sys.stderr)
        changed = {name for name in set(before) | set(inside) if inside.get(name) is not before.get(name)}
        if function == "forward":
            with np.errstate(all="ignore"):
                right = np.allclose(inside["sigmoid"](probe), network.sigmoid(probe))
            if changed != {"sigmoid"} or not right:
                return False
        elif changed:
            return False
        if not stderr_hidden or any(namespace.get(name) is not before.get(name) for name in before):
            return False
    # An unfinished function fails every test that calls it. (Only while nbgrader validates does the given tool
    # let later tests pass quietly, leaving the list to the XOR test; a notebook that switches that on while
    # graded would earn the points of tests it never ran.)
    for _ in range(2):
        try:
            with tool("forward"):
                raise NotImplementedError()
        except (NotImplementedError, AssertionError):
            pass
        else:
            return False
    try:
        with tool("forward"):
            raise LookupError("probe")
    except Exception as error:  # the error itself, or the test failure that tells it in a line
        told = isinstance(error, LookupError) or isinstance(error, AssertionError) and "LookupError: probe" in str(error)
        return told and all(namespace.get(name) is before.get(name) for name in before)
    return False


PROBES = {
    "_testing": _testing_tool_ok,
    "initialize_weights": _initialize_weights_ok,
    "train": _train_ok,
    **integrity.GRADIENT_CHECK_PROBES,
}
