"""Diagnosis names a mistake only when the numbers show it, and says nothing when they do not."""
import math
import re

import numpy as np
import pytest

from scratchnet_solution.assignments.scratchnet import checks, diagnosis, network

RNG = np.random.default_rng(0)
X, Y, PARAMS = checks.random_problem(RNG, 4, 2, 4, 1)
FORWARD = network.forward(X, *PARAMS)
BACKWARD_INPUTS = dict(zip(checks.BACKWARD_INPUT_NAMES, [X, Y, *FORWARD, PARAMS[0], PARAMS[2]]))
GRADS = network.backward(*BACKWARD_INPUTS.values())
CONTEXT = {"m": 4, "n_in": 2}


def explain_backward(actual):
    return diagnosis.explain("backward", BACKWARD_INPUTS, actual, GRADS, checks.GRADIENT_NAMES, CONTEXT)


def test_every_backward_model_is_recognised_from_its_own_numbers():
    for _, kwargs, cause in diagnosis.BACKWARD_MODELS:
        actual = diagnosis._backward(**BACKWARD_INPUTS, **kwargs)
        assert explain_backward(actual) == cause.format(**CONTEXT)


def test_a_factor_on_some_gradients_is_told_for_those():
    dW1, db1, dW2, db2 = GRADS
    message = explain_backward([dW1 * 4, db1, dW2 * 4, db2])
    assert message == ("dW1 and dW2 are exactly m = 4 times too large: did you forget to divide by the batch size m? "
                       "(db1 and db2 are right).")


@pytest.mark.parametrize("db1, story", [
    (np.float64(0.3), "is a single number"),
    (np.zeros(4), "keepdims=True"),
    (np.zeros((4, 1)), "summed over axis 1"),
    (np.zeros((4, 4)), "one row per example"),
])
def test_a_bias_gradient_s_shape_tells_how_it_was_summed(db1, story):
    dW1, _, dW2, db2 = GRADS
    assert story in explain_backward([dW1, db1, dW2, db2])


def test_outputs_in_another_order_are_named():
    dW1, db1, dW2, db2 = GRADS
    assert "in the order (dW2, db2, dW1, db1)" in explain_backward([dW2, db2, dW1, db1])


def test_a_transposed_gradient_is_named():
    dW1, db1, dW2, db2 = GRADS
    assert "transpose" in explain_backward([dW1, db1, dW2.T, db2])


def test_unrelated_numbers_get_no_made_up_cause():
    assert explain_backward([g + RNG.standard_normal(np.shape(g)) for g in GRADS]) is None


@pytest.mark.parametrize("c, words", [(-1, "wrong sign"), (4, "forget to divide by the batch size"),
                                      (0.25, "divide by m twice"), (2, "X.shape[1]"),
                                      (1 / math.log(10), "base 10"), (3.7, "exactly 3.7 times")])
def test_constant_factors_are_named(c, words):
    verb, phrase = diagnosis.name_factor(c, CONTEXT)
    assert words in phrase


def test_sigmoid_nan_at_large_inputs_is_explained():
    z = np.array([-1000.0, 0.0, 1000.0])
    with np.errstate(all="ignore"):
        actual = np.exp(z) / (1 + np.exp(z))
    message = diagnosis.explain("sigmoid", {"z": z}, [actual], [network.sigmoid(z)], ["sigmoid(z)"])
    assert "large positive z" in message and "overflows" in message


@pytest.mark.parametrize("error, words", [
    (TypeError("only 0-dimensional arrays can be converted to Python scalars"), "math.exp"),
    (ValueError("matmul: Input operand 1 has a mismatch in its core dimension 0"), "transpose"),
    (ValueError("operands could not be broadcast together with shapes (4,1) (2,4)"), "elementwise"),
    (KeyError("x"), None),
])
def test_usual_crashes_are_explained(error, words):
    message = diagnosis.explain_crash("forward", error)
    assert (message is None) if words is None else (words in message)


def test_every_cause_has_a_stable_dotted_id_of_its_function():
    tables = {"forward": diagnosis.FORWARD_MODELS, "compute_loss": diagnosis.LOSS_MODELS,
              "backward": diagnosis.BACKWARD_MODELS, "update_weights": diagnosis.UPDATE_MODELS}
    for function, table in tables.items():
        assert all(cause_id.startswith(function + ".") for cause_id, _, _ in table), function
    assert all(i.startswith("sigmoid.") for i, _, _ in diagnosis._sigmoid_models())
    for cause_id in diagnosis.cause_ids():
        assert re.fullmatch(r"(sigmoid|forward|compute_loss|backward|update_weights)\.[A-Za-z0-9_]+", cause_id), cause_id


def test_the_id_goes_with_the_sentence():
    dW1, db1, dW2, db2 = GRADS
    cause = diagnosis.diagnose("backward", BACKWARD_INPUTS, [dW1, db1.ravel(), dW2, db2], GRADS, checks.GRADIENT_NAMES,
                               CONTEXT)
    assert cause.id == "backward.bias_grad_shape_flat" and "keepdims=True" in cause.text
    cause = diagnosis.diagnose("backward", BACKWARD_INPUTS, diagnosis._backward(**BACKWARD_INPUTS, scale="none"), GRADS,
                               checks.GRADIENT_NAMES, CONTEXT)
    assert cause.id == "backward.forgets_mean" and "m = 4 times too large" in cause.text
