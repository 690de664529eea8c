"""The hidden checks: each student function against the reference, one report per function.

The notebook's hidden test regions and `pytest tests/hidden` both call these, so a grade has one
source. Every check isolates its function: while it runs, the student's other four functions are
swapped for the reference ones in the student's namespace, so a wrong `sigmoid` costs only the
sigmoid points. Only `check_xor` trains with everything the student wrote.
"""
import contextlib
import time
import traceback
import warnings
from dataclasses import dataclass

import numpy as np

from . import network, training
from .data import xor_data
from .gradcheck import numerical_gradient, relative_error

STUDENT_FUNCTIONS = ("sigmoid", "forward", "compute_loss", "backward", "update_weights")
GRADIENT_NAMES = ("dW1", "db1", "dW2", "db2")
PARAMETER_NAMES = ("W1", "b1", "W2", "b2")
FORWARD_NAMES = ("z1", "a1", "z2", "a2")

# Values must match the reference this closely; any correct float64 formula is far inside it.
RTOL = 1e-6
ATOL = 1e-9
# Shapes (m, n_in, n_hidden, n_out) the comparisons run on: the XOR net, a single sample, odd sizes.
PROBLEM_SHAPES = ((4, 2, 4, 1), (1, 3, 5, 1), (7, 3, 2, 1), (16, 5, 8, 1))
# Centered differences in float64 agree with a correct analytic gradient to about 1e-9 here.
GRADCHECK_TOLERANCE = 1e-6
# The XOR run: seeds on which the reference reaches 100% with the tutorial's settings.
XOR_SEEDS = (0,)
XOR_TIME_LIMIT_SECONDS = 60.0


@dataclass
class Report:
    """Outcome of one check: `ok`, and a message a student can act on when it is not."""

    function: str
    ok: bool
    message: str = ""

    def __bool__(self):
        return self.ok


class CheckFailed(Exception):
    """Raised inside a check to stop at the first problem found."""


@contextlib.contextmanager
def reference_for_others(fn, under_test):
    """Point the names of the other student functions in fn's namespace at the reference for a while."""
    namespace = getattr(fn, "__globals__", None)
    saved = {}
    if namespace is not None:
        for name in STUDENT_FUNCTIONS:
            if name != under_test and name in namespace:
                saved[name] = namespace[name]
                namespace[name] = getattr(network, name)
    try:
        yield
    finally:
        namespace is not None and namespace.update(saved)


def call_student(name, fn, *args):
    """Call a student function; turn a stub or a crash into a CheckFailed with a readable message."""
    try:
        # Overflow warnings from a plain 1/(1+exp(-z)) are harmless here; do not let them count.
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args)
    except NotImplementedError as error:
        frames = traceback.extract_tb(error.__traceback__)
        stub = next((frame.name for frame in reversed(frames) if frame.name in STUDENT_FUNCTIONS), name)
        raise CheckFailed(f"{stub} is not implemented yet: replace `raise NotImplementedError()` with your code.") from None
    except Exception as error:  # any crash in student code is a finding, not a grader error
        raise CheckFailed(f"{name} raised {type(error).__name__}: {error}") from None


def run_check(name, body):
    """Run a check body and wrap the outcome in a Report."""
    try:
        body()
    except CheckFailed as failure:
        return Report(name, False, str(failure))
    return Report(name, True, f"{name}: all hidden checks passed.")


def random_problem(rng, m, n_in, n_hidden, n_out):
    """Inputs, 0/1 targets and parameters of the given sizes, drawn from rng."""
    X = rng.standard_normal((m, n_in))
    y = rng.integers(0, 2, size=(m, n_out)).astype(float)
    W1 = rng.standard_normal((n_in, n_hidden))
    b1 = rng.standard_normal((1, n_hidden)) * 0.5
    W2 = rng.standard_normal((n_hidden, n_out))
    b2 = rng.standard_normal((1, n_out)) * 0.5
    return X, y, (W1, b1, W2, b2)


def expect_outputs(function, result, names):
    """The result must be a tuple or list holding one array per name."""
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        got = f"{type(result).__name__} of length {len(result)}" if isinstance(result, (tuple, list)) else repr(type(result).__name__)
        raise CheckFailed(f"{function} must return {len(names)} values ({', '.join(names)}); it returned {got}.")
    return [np.asarray(value) for value in result]


def expect_close(function, label, actual, expected):
    """Shape first, then values, with a message saying which entries are off and by how much."""
    actual = np.asarray(actual, dtype=float) if np.asarray(actual).dtype != object else np.asarray(actual)
    if actual.shape != expected.shape:
        raise CheckFailed(f"{function}: {label} has shape {actual.shape}, expected {expected.shape}.")
    if not np.all(np.isfinite(actual)):
        raise CheckFailed(f"{function}: {label} contains nan or inf.")
    if not np.allclose(actual, expected, rtol=RTOL, atol=ATOL):
        wrong = ~np.isclose(actual, expected, rtol=RTOL, atol=ATOL)
        where = tuple(int(i) for i in np.argwhere(wrong)[0])
        raise CheckFailed(
            f"{function}: {label} is wrong in {int(wrong.sum())} of {wrong.size} entries; "
            f"e.g. at {where} it is {actual[where]:.6g}, expected {expected[where]:.6g} "
            f"(relative error {relative_error(actual, expected):.2g})."
        )


def expect_unchanged(function, originals, copies, names):
    """Inputs must come back exactly as they were passed."""
    for name, original, copy in zip(names, originals, copies):
        if not np.array_equal(original, copy):
            raise CheckFailed(f"{function} changed its input {name}; work on new arrays instead of modifying inputs.")


def check_sigmoid(sigmoid):
    """sigmoid matches the reference on arrays of several shapes, including |z| up to 1000."""

    def body():
        rng = np.random.default_rng(1)
        inputs = [rng.standard_normal(5) * 5, rng.standard_normal((3, 4)) * 5, rng.standard_normal((2, 3, 2)),
                  np.array([-1000.0, -50.0, -1.0, 0.0, 1.0, 50.0, 1000.0])]
        for z in inputs:
            passed = z.copy()
            expect_close("sigmoid", f"sigmoid(z) for z of shape {z.shape}", call_student("sigmoid", sigmoid, passed),
                         network.sigmoid(z))
            expect_unchanged("sigmoid", [passed], [z], ["z"])

    with reference_for_others(sigmoid, "sigmoid"):
        return run_check("sigmoid", body)


def check_forward(forward):
    """forward matches the reference for several network sizes, without modifying its inputs."""

    def body():
        rng = np.random.default_rng(2)
        for shape in PROBLEM_SHAPES:
            X, _, params = random_problem(rng, *shape)
            args = [X, *params]
            passed = [a.copy() for a in args]
            result = expect_outputs("forward", call_student("forward", forward, *passed), FORWARD_NAMES)
            for name, actual, expected in zip(FORWARD_NAMES, result, network.forward(*args)):
                expect_close("forward", f"{name} (m, n_in, n_hidden, n_out = {shape})", actual, expected)
            expect_unchanged("forward", passed, args, ["X", *PARAMETER_NAMES])

    with reference_for_others(forward, "forward"):
        return run_check("forward", body)


def check_compute_loss(compute_loss):
    """compute_loss matches the reference, returns one number, and stays finite at predictions of 0 and 1."""

    def body():
        rng = np.random.default_rng(3)
        cases = []
        for m in (1, 4, 9):
            cases.append((rng.integers(0, 2, size=(m, 1)).astype(float), rng.uniform(0.01, 0.99, size=(m, 1))))
        cases.append((np.array([[1.0], [0.0], [1.0], [0.0]]), np.array([[1.0], [0.0], [0.0], [1.0]])))
        for y_true, y_pred in cases:
            passed = [y_true.copy(), y_pred.copy()]
            loss = call_student("compute_loss", compute_loss, *passed)
            if np.ndim(loss) != 0:
                raise CheckFailed(f"compute_loss must return a single number; it returned an array of shape {np.shape(loss)}.")
            expect_close("compute_loss", f"the loss for y_pred = {y_pred.ravel().round(3).tolist()}",
                         np.asarray(loss, dtype=float), np.asarray(network.compute_loss(y_true, y_pred)))
            expect_unchanged("compute_loss", passed, [y_true, y_pred], ["y_true", "y_pred"])

    with reference_for_others(compute_loss, "compute_loss"):
        return run_check("compute_loss", body)


def expect_matches_finite_differences(X, y, params, gradients):
    """Each gradient agrees with a centered difference of the reference loss."""
    for index, (name, gradient) in enumerate(zip(GRADIENT_NAMES, gradients)):

        def loss_at(value):
            perturbed = list(params)
            perturbed[index] = value
            return network.compute_loss(y, network.forward(X, *perturbed)[3])

        error = relative_error(gradient, numerical_gradient(loss_at, params[index]))
        if error > GRADCHECK_TOLERANCE:
            raise CheckFailed(f"backward: {name} differs from a finite-difference gradient (relative error {error:.2g}).")


def check_backward(backward):
    """backward matches the reference and a finite-difference gradient of the loss."""

    def body():
        rng = np.random.default_rng(4)
        for shape in PROBLEM_SHAPES:
            X, y, (W1, b1, W2, b2) = random_problem(rng, *shape)
            args = [X, y, *network.forward(X, W1, b1, W2, b2), W1, W2]
            passed = [a.copy() for a in args]
            result = expect_outputs("backward", call_student("backward", backward, *passed), GRADIENT_NAMES)
            for name, actual, expected in zip(GRADIENT_NAMES, result, network.backward(*args)):
                expect_close("backward", f"{name} (m, n_in, n_hidden, n_out = {shape})", actual, expected)
            expect_unchanged("backward", passed, args, ["X", "y", *FORWARD_NAMES, "W1", "W2"])
            expect_matches_finite_differences(X, y, (W1, b1, W2, b2), result)

    with reference_for_others(backward, "backward"):
        return run_check("backward", body)


def check_update_weights(update_weights):
    """update_weights takes one gradient-descent step on all four parameters with the given rate."""

    def body():
        rng = np.random.default_rng(5)
        for shape, lr in zip(PROBLEM_SHAPES, (0.5, 0.1, 1.0, 0.05)):
            _, _, params = random_problem(rng, *shape)
            grads = [rng.standard_normal(p.shape) for p in params]
            # Updating in place is allowed, so the student gets copies and we compare what comes back.
            passed = [a.copy() for a in (*params, *grads)]
            result = expect_outputs("update_weights", call_student("update_weights", update_weights, *passed, lr),
                                    PARAMETER_NAMES)
            for name, actual, expected in zip(PARAMETER_NAMES, result, network.update_weights(*params, *grads, lr)):
                expect_close("update_weights", f"the new {name} (lr = {lr})", actual, expected)

    with reference_for_others(update_weights, "update_weights"):
        return run_check("update_weights", body)


def check_xor(forward, compute_loss, backward, update_weights, seeds=XOR_SEEDS):
    """The student's own functions, trained with the tutorial's settings, classify all four XOR points."""
    functions = {"forward": forward, "compute_loss": compute_loss, "backward": backward, "update_weights": update_weights}

    def body():
        X, y = xor_data()
        for seed in seeds:
            deadline = time.monotonic() + XOR_TIME_LIMIT_SECONDS

            def out_of_time(epoch, history, params):
                return time.monotonic() > deadline

            # The global random state is fixed for the run and restored after, whatever the student's code does to it.
            state = np.random.get_state()
            np.random.seed(seed)
            try:
                params, history = call_student("the training loop", training.train, X, y, training.HIDDEN_UNITS,
                                               training.LEARNING_RATE, training.EPOCHS, seed, functions, out_of_time)
            finally:
                np.random.set_state(state)
            if len(history.loss) < training.EPOCHS:
                raise CheckFailed(f"XOR training stopped after {len(history.loss)} of {training.EPOCHS} epochs: "
                                  f"it took longer than {XOR_TIME_LIMIT_SECONDS:.0f} s. Are your functions vectorised?")
            final = call_student("forward", forward, X, *params)
            predictions = np.asarray(final[3])
            acc = training.accuracy(y, predictions)
            if acc < 1.0:
                raise CheckFailed(
                    f"after {training.EPOCHS} epochs (lr {training.LEARNING_RATE}, {training.HIDDEN_UNITS} hidden units, "
                    f"seed {seed}) XOR accuracy is {acc:.0%}, loss went from {history.loss[0]:.4f} to "
                    f"{history.loss[-1]:.4f}. Fix the functions whose own checks fail first."
                )

    return run_check("xor", body)
