"""The hidden checks: pass the reference, fail a wrong function, and blame only that function."""

import numpy as np
import pytest

from course_helpers import REPO
from scratchnet_solution.grading import calls
from scratchnet_solution.assignments.scratchnet import checks, network, training
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import reference_solutions


# The reference answers as a student would type them into the notebook (the checks refuse the package's own
# functions: handing those in is exactly what integrity.py catches).
SOLUTIONS = reference_solutions(read_notebook(REPO / "source" / "scratchnet" / "scratchnet.ipynb"))


def in_namespace(**functions):
    """Define functions the way a notebook does: all in one namespace, calling each other by global name."""
    namespace = {"np": np, "__name__": "__main__"}
    for name in checks.STUDENT_FUNCTIONS:
        exec(functions.get(name, SOLUTIONS[name]), namespace)
    return namespace


def stub(name, args):
    return f"def {name}({args}):\n    raise NotImplementedError()\n"


WRONG_SIGMOID = "def sigmoid(z):\n    return np.tanh(z)\n"
FORWARD_VIA_GLOBAL_SIGMOID = (
    "def forward(X, W1, b1, W2, b2):\n"
    "    z1 = X @ W1 + b1\n    a1 = sigmoid(z1)\n    z2 = a1 @ W2 + b2\n    return z1, a1, z2, sigmoid(z2)\n"
)
BACKWARD_WITHOUT_MEAN = (
    "def backward(X, y, z1, a1, z2, a2, W1, W2):\n"
    "    dz2 = a2 - y\n    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)\n"
    "    return X.T @ dz1, dz1.sum(0, keepdims=True), a1.T @ dz2, dz2.sum(0, keepdims=True)\n"
)


@pytest.mark.parametrize("name", checks.STUDENT_FUNCTIONS)
def test_every_check_passes_the_reference(name):
    report = getattr(checks, f"check_{name}")(in_namespace()[name])
    assert report.ok, report.message


def test_xor_check_passes_the_reference():
    ns = in_namespace()
    report = checks.check_xor(ns["forward"], ns["compute_loss"], ns["backward"], ns["update_weights"])
    assert report.ok, report.message


@pytest.mark.parametrize("name", checks.STUDENT_FUNCTIONS)
def test_the_package_s_own_function_earns_nothing(name):
    report = getattr(checks, f"check_{name}")(getattr(network, name))
    assert not report.ok and "grader's own reference solution" in report.message


def test_a_wrong_sigmoid_costs_sigmoid_but_not_forward():
    ns = in_namespace(sigmoid=WRONG_SIGMOID, forward=FORWARD_VIA_GLOBAL_SIGMOID)
    assert not checks.check_sigmoid(ns["sigmoid"]).ok
    assert checks.check_forward(ns["forward"]).ok
    assert ns["sigmoid"] is not network.sigmoid, "the student's sigmoid must be put back after the check"


def test_backward_without_mean_fails_with_a_message_naming_the_gradient():
    ns = in_namespace(backward=BACKWARD_WITHOUT_MEAN)
    report = checks.check_backward(ns["backward"])
    assert not report.ok
    cause, _, numbers = report.message.partition("\n")
    assert cause.startswith("backward: All four gradients are exactly m = 4 times too large")  # the cause first
    assert "dW1" in numbers  # then the numbers


@pytest.mark.parametrize("name, args", [
    ("sigmoid", "z"), ("forward", "X, W1, b1, W2, b2"), ("compute_loss", "y_true, y_pred"),
    ("backward", "X, y, z1, a1, z2, a2, W1, W2"), ("update_weights", "W1, b1, W2, b2, dW1, db1, dW2, db2, lr"),
])
def test_a_stub_reads_as_not_implemented(name, args):
    ns = in_namespace(**{name: stub(name, args)})
    report = getattr(checks, f"check_{name}")(ns[name])
    assert not report.ok
    assert report.message.startswith(f"{name} is not implemented yet")


def test_xor_names_the_stub_that_stops_training():
    ns = in_namespace(backward=stub("backward", "X, y, z1, a1, z2, a2, W1, W2"))
    report = checks.check_xor(ns["forward"], ns["compute_loss"], ns["backward"], ns["update_weights"])
    assert report.message.startswith("backward is not implemented yet")


def test_a_check_reports_a_mutated_input():
    ns = in_namespace(sigmoid="def sigmoid(z):\n    np.negative(z, out=z)\n    np.exp(z, out=z)\n    return 1 / (1 + z)\n")
    report = checks.check_sigmoid(ns["sigmoid"])
    assert not report.ok and "changed its input z" in report.message


def test_xor_grade_does_not_depend_on_the_global_random_state():
    # Noise drawn from np.random decides how this training ends; the verdict and its figures must
    # still be the same whatever state the student's other cells left the generator in.
    noisy = in_namespace(update_weights=(
        "def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n"
        "    W1 = W1 - lr * dW1 + np.random.standard_normal(W1.shape)\n"
        "    return W1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2\n"))
    fns = [noisy[n] for n in ("forward", "compute_loss", "backward", "update_weights")]
    np.random.seed(1)
    first = checks.check_xor(*fns)
    np.random.seed(99)
    second = checks.check_xor(*fns)
    assert not first.ok and "loss went from" in " ".join(first.message.split())  # however it was wrapped
    assert second == first


def given_training_loop(namespace):
    """The notebook's given `train` (the loop the visible XOR test calls), defined in the namespace with the
    notebook's given initialize_weights."""
    given = [c.source for c in read_notebook(REPO / "source" / "scratchnet" / "scratchnet.ipynb").cells
             if c.cell_type == "code" and c.source.startswith(("def train(", "def initialize_weights("))]
    assert len(given) == 2
    for source in given:
        exec(source, namespace)  # noqa: S102 -- the notebook's own cells
    return namespace["train"]


def test_a_passing_xor_check_leaves_the_visible_part_exactly_its_run():
    # The visible part of xor_converges reuses this run instead of training again: it must be the very run
    # the given loop makes there (seed 0, XOR), and a value planted before the check must not survive it.
    ns = in_namespace()
    ns[checks.SHARED_XOR_RUN] = ((np.zeros((2, 4)), np.zeros((1, 4)), np.zeros((4, 1)), np.ones((1, 1))), [0.0])
    report = checks.check_xor(ns["forward"], ns["compute_loss"], ns["backward"], ns["update_weights"])
    assert report.ok, report.message
    params, losses = ns.pop(checks.SHARED_XOR_RUN)
    X, y = checks.xor_data()
    own_params, own_losses = given_training_loop(ns)(X, y, seed=0, verbose=False)
    assert len(losses) == 10_000 and losses == [float(loss) for loss in own_losses]
    assert all(np.array_equal(mine, theirs) for mine, theirs in zip(params, own_params))


def test_a_failing_xor_check_shares_nothing_and_removes_a_planted_run():
    ns = in_namespace(backward=BACKWARD_WITHOUT_MEAN.replace("return X.T", "return 0 * X.T"))
    ns[checks.SHARED_XOR_RUN] = ("planted", [0.0])
    report = checks.check_xor(ns["forward"], ns["compute_loss"], ns["backward"], ns["update_weights"])
    assert not report.ok
    assert checks.SHARED_XOR_RUN not in ns


def test_training_with_the_loss_alone_calls_the_functions_the_same_way():
    X, y = checks.xor_data()
    full_params, full = training.train(X, y, epochs=300, seed=3)
    lean_params, lean = training.train(X, y, epochs=300, seed=3, loss_only=True)
    assert lean.loss == full.loss and len(full.accuracy) == 300 and lean.accuracy == lean.grad_norm == []
    assert all(np.array_equal(a, b) for a, b in zip(full_params, lean_params))


def test_update_weights_in_place_is_accepted():
    ns = in_namespace(update_weights=(
        "def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n"
        "    W1 -= lr * dW1\n    b1 -= lr * db1\n    W2 -= lr * dW2\n    b2 -= lr * db2\n    return [W1, b1, W2, b2]\n"))
    assert checks.check_update_weights(ns["update_weights"]).ok


def test_a_function_that_never_returns_costs_one_time_limit_and_later_checks_fail_at_once(monkeypatch):
    import sys
    import time

    from scratchnet_solution.assignments.scratchnet import checks

    monkeypatch.setattr(checks, "CALL_TIME_LIMIT_SECONDS", 0.5)
    monkeypatch.setattr(sys, "_scratchnet_hanging_functions", set(), raising=False)

    hanging = ("def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n"
               "    while True:\n"
               "        try:\n"
               "            pass\n"
               "        except Exception:  # swallowing ordinary exceptions must not defeat the limit\n"
               "            pass\n")
    namespace = in_namespace(update_weights=hanging)
    update_weights = namespace["update_weights"]

    started = time.monotonic()
    report = checks.check_update_weights(update_weights)
    first = time.monotonic() - started
    assert not report.ok and "update_weights did not return within" in report.message
    # The notebook's own later calls (the given training run) stop at once too, as an interrupt would.
    with calls.time_limit(2), pytest.raises(KeyboardInterrupt, match="did not return"):  # a failure, not a hang
        namespace["update_weights"](*([None] * 9))
    started = time.monotonic()
    xor = checks.check_xor(namespace["forward"], namespace["compute_loss"], namespace["backward"], update_weights)
    again = time.monotonic() - started
    assert not xor.ok and "update_weights did not return" in xor.message and "not run again" in xor.message
    # Not a timing assertion on the machine's speed: the second check must not even start the function.
    assert again < first


def test_the_integrity_only_check_stops_a_function_that_never_returns(monkeypatch):
    import sys

    from scratchnet_solution.assignments.scratchnet import checks

    monkeypatch.setattr(checks, "CALL_TIME_LIMIT_SECONDS", 0.5)
    monkeypatch.setattr(sys, "_scratchnet_hanging_functions", set(), raising=False)
    namespace = in_namespace(update_weights="def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n"
                                           "    while True:\n        pass\n")
    report = checks.check_own_work("update_weights", namespace["update_weights"])
    assert not report.ok and "did not return" in report.message
