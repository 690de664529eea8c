"""Diagnosis: name the likely mistake from the numbers a wrong function returned.

The mistakes students make most are written down as models: the reference with that one mistake in
it. When a student's outputs match a model's on the same inputs, the model's sentence names the cause.
Generic relations cover the rest: outputs in another order, a constant factor (m, -1, ...), a
transpose, a shape that tells its own story ((n,) for (1, n), one number for a row), nan where exp
overflows, a crash whose message points at math.exp or a matrix product. None means: no idea.

Every cause has a stable id, `<function>.<cause>` (e.g. `backward.forgets_mean`): the verdict records
and the class report count causes by id, never by the wording of the sentence.
"""
import itertools
import math

import numpy as np

from scratchnet_solution.assignments.scratchnet import network
from scratchnet_solution.grading.crashes import Cause, diagnose_crash

# As strict as the checks: a model only explains a result it reproduces to float64 rounding.
RTOL = 1e-6
ATOL = 1e-9


def sigmoid(z):
    return network.sigmoid(z)


def matches(actual, expected):
    """Same shape and the same values (nan and inf included) to float64 rounding."""
    try:
        actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return actual.shape == expected.shape and bool(np.allclose(actual, expected, rtol=RTOL, atol=ATOL, equal_nan=True))


def all_match(actual, expected):
    return len(actual) == len(expected) and all(matches(a, e) for a, e in zip(actual, expected))


# --- Models: (function of the inputs giving the outputs with one mistake in them, the sentence naming it).

def _forward(X, W1, b1, W2, b2, hidden=sigmoid, output=sigmoid, bias1=True, bias2=True, from_z1=False,
             bias_after=False, b1_column=False):
    z1 = X @ W1 + (0 if not bias1 or bias_after else (b1.T if b1_column else b1))
    a1 = hidden(z1) + (b1 if bias_after else 0)
    z2 = (z1 if from_z1 else a1) @ W2 + (0 if not bias2 or bias_after else b2)
    a2 = output(z2) + (b2 if bias_after else 0)
    return z1, a1, z2, a2


def _identity(z):
    return z


FORWARD_MODELS = [
    ("forward.no_biases", dict(bias1=False, bias2=False), "Both biases are missing: z1 = X @ W1 + b1 and z2 = a1 @ W2 + b2."),
    ("forward.no_bias_1", dict(bias1=False), "z1 is missing the bias: z1 = X @ W1 + b1."),
    ("forward.no_bias_2", dict(bias2=False), "z2 is missing the bias: z2 = a1 @ W2 + b2."),
    ("forward.no_activations", dict(hidden=_identity, output=_identity), "No sigmoid is applied: a1 = sigmoid(z1) and a2 = sigmoid(z2)."),
    ("forward.no_hidden_activation", dict(hidden=_identity), "a1 equals z1: the hidden layer needs its sigmoid, a1 = sigmoid(z1)."),
    ("forward.no_output_activation", dict(output=_identity), "a2 equals z2: the output needs its sigmoid too, a2 = sigmoid(z2)."),
    ("forward.z2_from_z1", dict(from_z1=True), "z2 is computed from z1; it should use the hidden activations: z2 = a1 @ W2 + b2."),
    ("forward.bias_after_activation", dict(bias_after=True), "The biases are added after the sigmoid; add them before it: z1 = X @ W1 + b1, "
                            "then a1 = sigmoid(z1) (and the same for the output layer)."),
    ("forward.tanh_hidden", dict(hidden=np.tanh), "a1 is tanh(z1); this network uses the sigmoid in both layers: a1 = sigmoid(z1)."),
    ("forward.relu_hidden", dict(hidden=lambda z: np.maximum(z, 0)), "a1 is max(0, z1), a ReLU; this network uses the sigmoid: a1 = sigmoid(z1)."),
    ("forward.bias_as_column", dict(b1_column=True), "b1 is added as a column (b1.T or a reshape): add the row vector b1 as it is, so that "
                           "it is added to every row of X @ W1."),
]


def _bce_loss(y_true, y_pred, eps=network.EPSILON, log=np.log, minus=True, mean=True, terms="both", clip=True):
    y, p = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    p = np.clip(p, eps, 1 - eps) if clip else p
    positive = y * log(p)
    negative = (1 - y) * log(1 - p)
    total = {"both": positive + negative, "positive": positive, "negative": negative,
             "swapped": y * log(1 - p) + (1 - y) * log(p)}[terms]
    loss = np.sum(total) / (y.shape[0] if mean else 1)
    return -loss if minus else loss


LOSS_MODELS = [
    ("compute_loss.no_clipping", dict(clip=False), "The loss is inf or nan when a prediction is exactly 0 or 1: clip y_pred to [1e-15, 1 - 1e-15] "
                       "with np.clip before taking the logs."),
    ("compute_loss.sum_not_mean", dict(mean=False), "The loss is exactly m = {m} times too large: it is summed over the batch; divide by the batch "
                       "size m (or use np.mean)."),
    ("compute_loss.missing_minus", dict(minus=False), "The loss is negative: cross-entropy has a minus sign in front, "
                        "L = -mean(y log(p) + (1 - y) log(1 - p))."),
    ("compute_loss.missing_negative_term", dict(terms="positive"), "Only the y * log(y_pred) term is there: add (1 - y) * log(1 - y_pred), which is what "
                             "the examples with target 0 contribute."),
    ("compute_loss.missing_positive_term", dict(terms="negative"), "Only the (1 - y) * log(1 - y_pred) term is there: add y * log(y_pred), which is what "
                             "the examples with target 1 contribute."),
    ("compute_loss.swapped_logs", dict(terms="swapped"), "The two logs are swapped: it is y * log(y_pred) + (1 - y) * log(1 - y_pred)."),
    ("compute_loss.log10", dict(log=np.log10), "The logarithm has base 10 (np.log10); cross-entropy uses the natural log, np.log."),
    ("compute_loss.log2", dict(log=np.log2), "The logarithm has base 2 (np.log2); cross-entropy uses the natural log, np.log."),
] + [
    ("compute_loss.wrong_epsilon", dict(eps=eps), f"The predictions are clipped at {eps:g} instead of 1e-15: np.clip(y_pred, 1e-15, 1 - 1e-15).")
    for eps in (1e-7, 1e-8, 1e-10, 1e-12, 1e-9, 1e-6, 1e-5, 1e-4, 1e-3, np.finfo(float).eps)
]


def _mse_loss(y_true, y_pred):
    return float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))


def _backward(X, y, z1, a1, z2, a2, W1, W2, scale="m", sign=1, hidden="a", output="bce", dW2_from="a1"):
    m = {"m": X.shape[0], "none": 1, "twice": X.shape[0] ** 2, "n_in": X.shape[1]}[scale]
    dz2 = sign * (a2 - y) * (a2 * (1 - a2) if output == "mse" else 1)
    dW2 = (z1 if dW2_from == "z1" else a1).T @ dz2 / m
    db2 = np.sum(dz2, axis=0, keepdims=True) / m
    da1 = dz2 @ W2.T
    derivative = {"a": a1 * (1 - a1), "z": z1 * (1 - z1), "sigmoid_of_a": sigmoid(a1) * (1 - sigmoid(a1)), "none": 1}
    dz1 = da1 * derivative[hidden]
    return X.T @ dz1 / m, np.sum(dz1, axis=0, keepdims=True) / m, dW2, db2


BACKWARD_MODELS = [
    ("backward.forgets_mean", dict(scale="none"), "All four gradients are exactly m = {m} times too large: divide each by the batch size "
                         "m = X.shape[0] (or average with np.mean)."),
    ("backward.mean_twice", dict(scale="twice"), "All four gradients are exactly m = {m} times too small: did you divide by m twice?"),
    ("backward.divides_by_n_in", dict(scale="n_in"), "The gradients are divided by X.shape[1] = n_in = {n_in}; divide by the batch size, "
                         "m = X.shape[0] = {m}."),
    ("backward.sign_flipped", dict(sign=-1), "All four gradients have the wrong sign: dz2 = a2 - y, not y - a2."),
    ("backward.derivative_at_z", dict(hidden="z"), "dz1 uses z1 * (1 - z1): the sigmoid's derivative is taken at the activations, "
                       "a1 * (1 - a1), because sigmoid'(z) = sigmoid(z) (1 - sigmoid(z)) and a1 = sigmoid(z1)."),
    ("backward.sigmoid_of_activation", dict(hidden="sigmoid_of_a"), "dz1 uses sigmoid(a1) * (1 - sigmoid(a1)): a1 is already sigmoid(z1), so the "
                                  "derivative is a1 * (1 - a1)."),
    ("backward.no_hidden_derivative", dict(hidden="none"), "dz1 leaves out the sigmoid's derivative: dz1 = (dz2 @ W2.T) * a1 * (1 - a1)."),
    ("backward.extra_output_derivative", dict(output="mse"), "dz2 has an extra factor a2 * (1 - a2): with cross-entropy and a sigmoid output, "
                         "dL/dz2 is simply a2 - y (that factor belongs to squared error)."),
    ("backward.dW2_from_z1", dict(dW2_from="z1"), "dW2 uses z1; it needs the hidden activations: dW2 = a1.T @ dz2 / m."),
]


def _update(W1, b1, W2, b2, dW1, db1, dW2, db2, lr, step=lambda p, g, lr: p - lr * g, biases=True, weights=True):
    return (step(W1, dW1, lr) if weights else W1, step(b1, db1, lr) if biases else b1,
            step(W2, dW2, lr) if weights else W2, step(b2, db2, lr) if biases else b2)


UPDATE_MODELS = [
    ("update_weights.uphill", dict(step=lambda p, g, lr: p + lr * g), "Every parameter moved uphill, along its gradient: gradient descent "
                                             "subtracts, W1 - lr * dW1."),
    ("update_weights.skips_biases", dict(biases=False), "b1 and b2 did not change: update the biases too, b1 - lr * db1 and b2 - lr * db2."),
    ("update_weights.skips_weights", dict(weights=False), "W1 and W2 did not change: update the weights too, W1 - lr * dW1 and W2 - lr * dW2."),
    ("update_weights.ignores_lr", dict(step=lambda p, g, lr: p - g), "The step ignores the learning rate: W1 - lr * dW1, not W1 - dW1."),
    ("update_weights.divides_by_lr", dict(step=lambda p, g, lr: p - g / lr), "The gradient is divided by the learning rate; multiply: W1 - lr * dW1."),
    ("update_weights.lr_squared", dict(step=lambda p, g, lr: p - lr * lr * g), "The learning rate is applied twice: W1 - lr * dW1."),
    ("update_weights.returns_step", dict(step=lambda p, g, lr: -lr * g), "It returns the steps -lr * dW rather than the new parameters W - lr * dW."),
    ("update_weights.returns_scaled_gradient", dict(step=lambda p, g, lr: lr * g), "It returns lr * dW rather than the new parameters W - lr * dW."),
    ("update_weights.nothing_changed", dict(step=lambda p, g, lr: p), "Nothing changed: every parameter must move, W1 - lr * dW1 and so on."),
]


def _sigmoid_models():
    return [
        ("sigmoid.sign_flipped", lambda z: 1 / (1 + np.exp(z)), "It equals sigmoid(-z) = 1 - sigmoid(z): check the sign of the exponent, "
                                        "sigmoid(z) = 1 / (1 + exp(-z))."),
        ("sigmoid.tanh", np.tanh, "It equals tanh(z); the sigmoid is 1 / (1 + exp(-z)) (which is 0.5 * (1 + tanh(z / 2)), if you "
                  "want tanh)."),
        ("sigmoid.returns_derivative", lambda z: sigmoid(z) * (1 - sigmoid(z)), "It equals sigmoid(z) * (1 - sigmoid(z)), the sigmoid's derivative: "
                                                  "return sigmoid(z) itself."),
        ("sigmoid.step", lambda z: (z > 0).astype(float), "It returns only 0 and 1, a step at z = 0; the sigmoid is smooth: "
                                          "1 / (1 + exp(-z))."),
        ("sigmoid.step", lambda z: (z >= 0).astype(float), "It returns only 0 and 1, a step at z = 0; the sigmoid is smooth: "
                                           "1 / (1 + exp(-z))."),
        ("sigmoid.relu", lambda z: np.maximum(z, 0), "It equals max(0, z), the ReLU; the sigmoid is 1 / (1 + exp(-z))."),
        ("sigmoid.wrong_denominator", lambda z: 1 / (1 - np.exp(-z)), "It equals 1 / (1 - exp(-z)): the denominator is 1 + exp(-z)."),
    ]


def _model_outputs(model, kwargs, inputs):
    with np.errstate(all="ignore"):
        try:
            return model(**inputs, **kwargs)
        except Exception:  # a mistake that cannot even run on these shapes is not this one
            return None


def _from_models(function, inputs, actual):
    if function == "sigmoid":
        for cause_id, model, cause in _sigmoid_models():
            with np.errstate(all="ignore"):
                if matches(actual[0], model(np.asarray(inputs["z"], dtype=float))):
                    return Cause(cause_id, cause)
        return None
    table = {"forward": (_forward, FORWARD_MODELS), "compute_loss": (_bce_loss, LOSS_MODELS),
             "backward": (_backward, BACKWARD_MODELS), "update_weights": (_update, UPDATE_MODELS)}
    if function not in table:
        return None
    model, variants = table[function]
    for cause_id, kwargs, cause in variants:
        outputs = _model_outputs(model, kwargs, inputs)
        if outputs is not None and all_match(actual, outputs if isinstance(outputs, tuple) else (outputs,)):
            return Cause(cause_id, cause)
    if function == "compute_loss":
        with np.errstate(all="ignore"):
            if matches(actual[0], _mse_loss(**inputs)):
                return Cause("compute_loss.mse", "This is the mean squared error; the assignment asks for binary "
                                                 "cross-entropy, -mean(y log(p) + (1 - y) log(1 - p)).")
    return None


# --- Generic relations.

def _order(function, actual, expected, names):
    """The order the outputs came in, when they are the right outputs in another order."""
    if len(names) < 2:
        return None
    for permutation in itertools.permutations(range(len(names))):
        if permutation != tuple(range(len(names))) and all_match(actual, [expected[i] for i in permutation]):
            got = ", ".join(names[i] for i in permutation)
            return Cause(f"{function}.wrong_order",
                         f"The outputs are right but in the order ({got}); return them as ({', '.join(names)}).")
    return None


def constant_factor(actual, expected):
    """c when actual == c * expected throughout (same shape, expected not all zero), else None."""
    try:
        actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return None
    if actual.shape != expected.shape or not np.all(np.isfinite(actual)):
        return None
    big = np.abs(expected) > 1e-8 * max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
    if not np.any(big):
        return None
    c = float(np.median(actual[big] / expected[big]))
    return c if np.allclose(actual, c * expected, rtol=RTOL, atol=ATOL) and not math.isclose(c, 1.0, rel_tol=1e-9) else None


def name_factor(c, context):
    """(verb, phrase) for `<output> <verb> <phrase>`, c times the right value, naming the usual culprit."""
    return _factor(c, context)[1:]


def _factor(c, context):
    """(cause suffix, verb, phrase) for c times the right value."""
    m, n_in = context.get("m"), context.get("n_in")
    close = lambda a, b: b is not None and math.isclose(a, b, rel_tol=1e-6)  # noqa: E731
    if close(c, -1):
        return "wrong_sign", "has", "the wrong sign (exactly -1 times the right value)"
    if m and m > 1 and close(c, m):
        return "factor_m", "is", f"exactly m = {m} times too large: did you forget to divide by the batch size m?"
    if m and m > 1 and close(c, 1 / m):
        return "factor_1_over_m", "is", f"exactly m = {m} times too small: did you divide by m twice?"
    if m and m > 1 and close(c, -m):
        return "wrong_sign_factor_m", "has", f"the wrong sign and is m = {m} times too large"
    if m and n_in and n_in != m and close(c, m / n_in):
        return "divided_by_n_in", "is", (f"{c:.3g} times too large, as if divided by n_in = X.shape[1] = {n_in} "
                                         f"instead of the batch size m = X.shape[0] = {m}")
    if close(c, 1 / math.log(10)):
        return "log10", "is", "1 / ln(10) times the right value: the log has base 10; use the natural log, np.log"
    if close(c, 1 / math.log(2)):
        return "log2", "is", "1 / ln(2) times the right value: the log has base 2; use the natural log, np.log"
    return "constant_factor", "is", f"exactly {c:.4g} times the right value"


def _shape_story(function, name, actual_shape, expected_shape, context):
    """What an output's wrong shape says about how it was computed."""
    m = context.get("m")
    cause = lambda suffix, text: Cause(f"{function}.{suffix}", text)  # noqa: E731
    if len(expected_shape) == 2 and expected_shape[0] == 1:  # a bias-shaped row (1, n)
        n = expected_shape[1]
        if actual_shape == ():
            return cause("bias_grad_shape_scalar",
                         f"{name} is a single number: a sum without axis adds up the whole matrix. Sum over the "
                         f"batch only and keep the row shape: np.sum(..., axis=0, keepdims=True) / m.")
        if actual_shape == (n,) and n != 1 or actual_shape == (1,) and n == 1:
            return cause("bias_grad_shape_flat",
                         f"{name} is flat, shape {actual_shape}; keep the row shape {expected_shape} with keepdims=True.")
        if m and actual_shape == (m, 1) and n != 1:
            return cause("bias_grad_summed_axis_1", f"{name} has shape {actual_shape}: it was summed over axis 1; "
                                                    "the batch is axis 0 (axis=0, keepdims=True).")
        if m and actual_shape == (m, n):
            return cause("bias_grad_not_summed", f"{name} has one row per example, shape {actual_shape}: sum (or "
                                                 "average) over the batch, axis 0.")
    if len(actual_shape) == 2 and actual_shape == expected_shape[::-1]:
        return cause("transposed_shape",
                     f"{name} has shape {actual_shape}, the transpose of {expected_shape}: check which factor of the "
                     "product is transposed (for example a1.T @ dz2, not dz2.T @ a1).")
    return None


def _per_output(function, names, actual, expected, context):
    """Shape stories, transposes and constant factors, output by output; several alike are told together."""
    factors = {}
    for name, a, e in zip(names, actual, expected):
        a_shape, e_shape = np.shape(a), np.shape(e)
        if a_shape != e_shape:
            story = _shape_story(function, name, a_shape, e_shape, context)
            if story:
                return story
            continue
        if len(e_shape) == 2 and e_shape[0] == e_shape[1] and e_shape[0] > 1 and matches(a, np.transpose(e)):
            return Cause(f"{function}.transposed", f"{name} is transposed.")
        if not matches(a, e):
            c = constant_factor(a, e)
            if c is None:
                continue
            suffix, verb, phrase = _factor(c, context)
            # Any single number is some multiple of another: only a factor with a name says something there.
            if np.size(e) > 1 or suffix != "constant_factor":
                factors.setdefault((suffix, verb, phrase), []).append(name)
    if not factors:
        return None
    (suffix, verb, phrase), which = max(factors.items(), key=lambda item: len(item[1]))
    right = [n for n, a, e in zip(names, actual, expected) if matches(a, e)]
    if len(names) == 1:
        return Cause(f"{function}.{suffix}", f"It {verb} {phrase}.")
    plural = {"is": "are", "has": "have"}[verb] if len(which) > 1 else verb
    subject = "All four" if len(which) == 4 else " and ".join(which)
    tail = f" ({' and '.join(right)} {'is' if len(right) == 1 else 'are'} right)" if right else ""
    return Cause(f"{function}.{suffix}", f"{subject} {plural} {phrase}{tail}.")


def _sigmoid_story(inputs, actual, expected):
    """nan where exp overflows, or values held away from 0 and 1 by clipping."""
    z = np.asarray(inputs["z"], dtype=float)
    a, e = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        return None
    bad = ~np.isfinite(a)
    if np.any(bad):
        worst = z[bad]
        side = "large positive" if np.all(worst > 0) else "large negative" if np.all(worst < 0) else "large"
        return Cause("sigmoid.overflow_nan",
                     f"It gives nan or inf for {side} z (e.g. z = {worst.flat[0]:g}): np.exp overflows there, and "
                     "inf / inf is nan. Compute exp of a non-positive number only: 1 / (1 + exp(-z)) for z >= 0 and "
                     "exp(z) / (1 + exp(z)) for z < 0 (np.where picks per entry).")
    wrong = ~np.isclose(a, e, rtol=RTOL, atol=ATOL)
    low = float(np.min(a))
    if np.any(wrong) and 0 < low < 0.01 and np.all((e[wrong] < low * 1.0001) | (e[wrong] > 1 - low * 1.0001)):
        return Cause("sigmoid.clipped_output",
                     f"Its values are held inside [{low:.3g}, 1 - {low:.3g}]: is the output clipped? Leave the "
                     "sigmoid exact; clipping belongs in compute_loss.")
    return None


def diagnose(function, inputs, actual, expected, names, context=None):
    """The likely cause of a mismatch (a Cause: id and sentence), or None."""
    context = dict(context or {})
    actual = list(actual)
    expected = list(expected)
    if function == "sigmoid":
        story = _sigmoid_story(inputs, actual[0], expected[0])
        if story:
            return story
    for attempt in (lambda: _order(function, actual, expected, names), lambda: _from_models(function, inputs, actual)):
        cause = attempt()
        if cause:
            return Cause(cause.id, cause.text.format(**context))
    if function == "compute_loss" and not np.all(np.isfinite(np.asarray(actual[0], dtype=float))):
        return Cause(LOSS_MODELS[0][0], LOSS_MODELS[0][2])
    return _per_output(function, names, actual, expected, context)


def explain(function, inputs, actual, expected, names, context=None):
    """One sentence naming the likely cause of a mismatch, or None."""
    cause = diagnose(function, inputs, actual, expected, names, context)
    return cause.text if cause else None


def explain_crash(function, error):
    """A sentence for the usual crashes, or None."""
    cause = diagnose_crash(function, error)
    return cause.text if cause else None


def mutation_cause(function, name):
    """Why an input might have changed, in the ways students usually change one."""
    return (f"An in-place operation wrote into {name}: `x -= ...`, `x *= ...`, `np.exp(x, out=x)` or "
            f"`np.clip(x, ..., out=x)` on an input, or `d = {name}` followed by `d -= ...` (that does not copy; "
            f"use `d = {name} - ...` or `{name}.copy()`).")


def cause_ids():
    """Every cause id a diagnosis can give, the generic ones as patterns with <function>."""
    models = [c for table in (FORWARD_MODELS, LOSS_MODELS, BACKWARD_MODELS, UPDATE_MODELS) for c, _, _ in table]
    return sorted({*models, *(c for c, _, _ in _sigmoid_models()), "compute_loss.mse", "sigmoid.overflow_nan",
                   "sigmoid.clipped_output"})
