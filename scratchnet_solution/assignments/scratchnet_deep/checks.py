"""The deep assignment's hidden checks: each student function against the reference, one Report each.

Every check runs its function on several small problems, with the student's other functions swapped for
the reference (grading/isolation.py), so a mistake costs its own function only; `convergence` alone
trains with everything the student wrote. Differences are named by grading/comparison.py, cause first.
A cache is judged by what it is for: the reference's backward step must get the same gradients from it.
"""
import numpy as np

from scratchnet_solution.grading import calls, integrity
from scratchnet_solution.grading.report import CheckFailed, Report
from scratchnet_solution.grading.gradcheck import numerical_gradient, relative_error
from scratchnet_solution.grading.comparison import as_array, difference
from scratchnet_solution.grading.isolation import others_from_reference
from scratchnet_solution.assignments.scratchnet_deep import STUDENT_FUNCTIONS, data, network, optimizers, training

# (layer sizes, batch size m): two hidden layers, a single sample, and a deeper odd-sized net. m differs
# from every layer size in the first, so a gradient divided by the wrong count shows.
ARCHITECTURES = (([3, 4, 2], 5), ([2, 3, 1], 1), ([4, 6, 5, 3, 1], 7))
# The analytic gradient must agree with centred finite differences of the cost this closely.
GRADIENT_TOLERANCE = 1e-5
# Initialisation is checked by its sample standard deviation on a layer of 500 x 400 draws: within 3%.
INIT_LAYERS = [500, 400, 1]
INIT_STD_TOLERANCE = 0.03
# The convergence runs: settings on which the reference reaches 99-100% training accuracy on each problem.
CONVERGENCE_RUNS = (("moons", [2, 8, 8, 1]), ("spirals", [2, 16, 16, 1]))
CONVERGENCE_SETTINGS = dict(optimizer="adam", learning_rate=0.02, epochs=60, batch_size=64, seed=0)
CONVERGENCE_ACCURACY = 0.95
CONVERGENCE_SECONDS = 60.0


def call_student(name, fn, *args, **options):
    """grading.calls.call_student with this assignment's functions. No runtime tripwire: the reference is found in
    a student function's code (integrity.grader_references) before any check runs."""
    return calls.call_student(name, fn, *args, functions=STUDENT_FUNCTIONS, **options)


class Reference:
    """The reference functions by their notebook names (network.py and optimizers.py together)."""

    def __getattr__(self, name):
        return getattr(network, name, None) or getattr(optimizers, name)


REFERENCE = Reference()


def fail(topic, found):
    """Stop the check at a comparison's Difference, with the cause id `<topic>.<cause>`."""
    raise CheckFailed(found.message, f"{topic}.{found.cause}")


def expect(topic, name, actual, expected, m=None):
    found = difference(name, actual, expected, m)
    if found:
        fail(topic, found)


def problem(rng, layer_dims, m, activation="relu"):
    """Inputs, 0/1 targets, parameters with nonzero biases, and the reference forward pass's caches."""
    X = rng.standard_normal((m, layer_dims[0]))
    Y = (rng.random((m, layer_dims[-1])) > 0.5).astype(float)
    parameters = network.initialize_parameters(layer_dims, "he", int(rng.integers(1000)))
    for name in parameters:
        if name.startswith("b"):  # away from ReLU's kink, where no derivative exists
            parameters[name] = rng.uniform(0.1, 0.5, parameters[name].shape) * rng.choice([-1, 1], parameters[name].shape)
    AL, caches = network.model_forward(X, parameters, activation)
    return X, Y, parameters, AL, caches


def unpacked(topic, result, count, what):
    """The result as a tuple of `count` items, or a CheckFailed saying what to return."""
    if not isinstance(result, (tuple, list)) or len(result) != count:
        raise CheckFailed(f"{topic} should return {what}; got {type(result).__name__}.", f"{topic}.returns")
    return tuple(result)


def check_initialize_parameters(fn):
    for layer_dims in ([2, 3, 1], [5, 4, 3, 2]):
        for method in network.INIT_GAINS:
            parameters = call_student("initialize_parameters", fn, list(layer_dims), method, 1)
            reference = network.initialize_parameters(layer_dims, method, 1)
            if not isinstance(parameters, dict) or sorted(parameters) != sorted(reference):
                keys = sorted(parameters) if isinstance(parameters, dict) else type(parameters).__name__
                raise CheckFailed(f"initialize_parameters should return a dict with keys {sorted(reference)}; got {keys}.",
                                  "initialize_parameters.keys")
            for name, value in reference.items():
                if np.shape(parameters[name]) != value.shape:
                    expect("initialize_parameters", f"{name} for layer_dims={layer_dims}", parameters[name], value)
                if name.startswith("b") and np.any(parameters[name]):
                    raise CheckFailed(f"{name} should start at zero.", "initialize_parameters.bias_not_zero")
            again = call_student("initialize_parameters", fn, list(layer_dims), method, 1)
            if any(not np.array_equal(again[name], parameters[name]) for name in reference):
                raise CheckFailed("initialize_parameters gave different weights for the same seed: draw from "
                                  "np.random.default_rng(seed).", "initialize_parameters.not_seeded")
            # A generator seeded with a constant passes the test above: another seed must give other weights.
            other = call_student("initialize_parameters", fn, list(layer_dims), method, 2)
            if isinstance(other, dict) and np.array_equal(np.asarray(other.get("W1"), dtype=float), parameters["W1"]):
                raise CheckFailed("initialize_parameters gave the same weights for seeds 1 and 2: seed the generator "
                                  "with the `seed` argument, np.random.default_rng(seed).",
                                  "initialize_parameters.seed_ignored")
    for method, gain in network.INIT_GAINS.items():
        W1 = np.asarray(call_student("initialize_parameters", fn, list(INIT_LAYERS), method, 2)["W1"], dtype=float)
        std, n_prev, n = W1.std(), INIT_LAYERS[0], INIT_LAYERS[1]
        if abs(std / np.sqrt(gain / n_prev) - 1) > INIT_STD_TOLERANCE:
            other = {"he": "xavier", "xavier": "he"}[method]
            causes = [(np.sqrt(network.INIT_GAINS[other] / n_prev), "he_xavier_swapped",
                       f"{method} weights have the std of {other}: he uses sqrt(2 / n_prev), xavier sqrt(1 / n_prev)."),
                      (np.sqrt(gain / n), "fan_out", f"{method} weights are scaled by the layer's own size; "
                                                     "use the previous layer's, n_prev."),
                      (gain / n_prev, "no_sqrt", f"{method} weights have std {std:.3g}: take the square root.")]
            for expected, cause, message in causes:
                if abs(std / expected - 1) <= INIT_STD_TOLERANCE:
                    raise CheckFailed(message, f"initialize_parameters.{cause}")
            raise CheckFailed(f"{method} weights have std {std:.3g} for n_prev = {n_prev}; expected "
                              f"sqrt({gain:g} / n_prev) = {np.sqrt(gain / n_prev):.3g}.", "initialize_parameters.scale")


def check_linear_forward(fn):
    rng = np.random.default_rng(11)
    for layer_dims, m in ARCHITECTURES:
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        Z, cache = unpacked("linear_forward", call_student("linear_forward", fn, A_prev.copy(), W.copy(), b.copy()), 2,
                            "(Z, cache)")
        expected, reference_cache = network.linear_forward(A_prev, W, b)
        expect("linear_forward", "Z", Z, expected)
        usable_cache("linear_forward", lambda c: network.linear_backward(np.ones_like(expected), c), cache, reference_cache)


def usable_cache(topic, backward, cache, reference_cache):
    """The reference's backward step must give the same gradients from the student's cache as from its own."""
    try:
        got = backward(cache)
    except Exception:
        got = None
    expected = backward(reference_cache)
    if got is None or any(difference("", g, e) for g, e in zip(got, expected)):
        raise CheckFailed(f"{topic}'s cache is not what the backward step needs: see the docstring for what it holds, "
                          "in order.", f"{topic}.cache")


def check_activation_forward(fn):
    rng = np.random.default_rng(12)
    Z = np.r_[rng.standard_normal((4, 3)) * 3, [[-1000.0, 0.0, 1000.0]]]
    for activation in network.ACTIVATIONS:
        A = call_student("activation_forward", fn, Z.copy(), activation)
        expect("activation_forward", f"{activation}(Z)", A, network.activation_forward(Z, activation))


def check_linear_activation_forward(fn):
    rng = np.random.default_rng(13)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        A, cache = unpacked("linear_activation_forward", call_student(
            "linear_activation_forward", fn, A_prev.copy(), W.copy(), b.copy(), activation), 2, "(A, cache)")
        expected, reference_cache = network.linear_activation_forward(A_prev, W, b, activation)
        expect("linear_activation_forward", f"A ({activation})", A, expected)
        usable_cache("linear_activation_forward", lambda c: network.linear_activation_backward(
            np.ones_like(expected), c, activation), cache, reference_cache)


def check_model_forward(fn):
    rng = np.random.default_rng(14)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        X, Y, parameters, expected, reference_caches = problem(rng, layer_dims, m, activation)
        AL, caches = unpacked("model_forward", call_student(
            "model_forward", fn, X.copy(), {k: v.copy() for k, v in parameters.items()}, activation), 2, "(AL, caches)")
        expect("model_forward", f"AL ({len(layer_dims) - 1} layers, {activation})", AL, expected)
        if not isinstance(caches, (list, tuple)) or len(caches) != len(layer_dims) - 1:
            raise CheckFailed(f"model_forward should return one cache per layer ({len(layer_dims) - 1}), first layer "
                              "first.", "model_forward.caches")
        usable_cache("model_forward", lambda c: tuple(network.model_backward(expected, Y, c, activation).values()),
                     caches, reference_caches)


def check_compute_cost(fn):
    rng = np.random.default_rng(15)
    cases = []
    for n_out, m in ((1, 6), (2, 5), (1, 1)):
        AL, Y = rng.uniform(0.05, 0.95, (m, n_out)), (rng.random((m, n_out)) > 0.5).astype(float)
        cases.append((call_student("compute_cost", fn, AL.copy(), Y.copy()), network.compute_cost(AL, Y), m, n_out))
    # The cost is one number, so a ratio to the reference means something only when the problems agree on it.
    differing = [(got, expected, n_out) for got, expected, m, n_out in cases if difference("", got, expected, m)]
    values = [(as_array(got), expected) for got, expected, _ in differing]
    ratios = [float(value) / expected for value, expected in values
              if value is not None and value.shape == () and np.isfinite(value) and expected != 0]
    if len(ratios) == len(differing) == 1 and differing[0][2] > 1 and np.isclose(ratios[0], 1 / differing[0][2]):
        raise CheckFailed(f"the cost is divided by the number of outputs ({differing[0][2]}) as well: sum over the "
                          "outputs, average over the samples only.", "compute_cost.averaged_outputs")
    if len(ratios) == len(differing) > 1 and np.allclose(ratios, ratios[0], rtol=1e-5):
        found = difference("the cost", *differing[0][:2], cases[0][2])
        if found.cause == "wrong":
            raise CheckFailed(f"the cost is off by the constant factor {ratios[0]:.4g} on every problem.",
                              "compute_cost.scaled")
    for got, expected, m, _ in cases:
        expect("compute_cost", "the cost", got, expected, m)
    AL, Y = np.array([[0.0], [1.0], [1.0], [0.0]]), np.array([[0.0], [1.0], [0.0], [1.0]])
    cost = call_student("compute_cost", fn, AL.copy(), Y.copy())
    found = difference("the cost with predictions of exactly 0 and 1", cost, network.compute_cost(AL, Y), 4)
    if found:
        raise CheckFailed(f"{found.message} Clip the predictions to [1e-15, 1 - 1e-15] before the logarithm.",
                          "compute_cost.clipping")


def check_activation_backward(fn):
    rng = np.random.default_rng(16)
    Z, dA = rng.standard_normal((5, 3)) * 2, rng.standard_normal((5, 3))
    for activation in network.ACTIVATIONS:
        dZ = call_student("activation_backward", fn, dA.copy(), Z.copy(), activation)
        expect("activation_backward", f"dZ ({activation})", dZ, network.activation_backward(dA, Z, activation))


def expect_gradients(topic, got, expected, m):
    for name, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        expect(topic, name, g, e, m)


def check_linear_backward(fn):
    rng = np.random.default_rng(17)
    for layer_dims, m in ARCHITECTURES:
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        dZ = rng.standard_normal((m, layer_dims[1]))
        got = unpacked("linear_backward", call_student("linear_backward", fn, dZ.copy(), (A_prev, W, b)), 3,
                       "(dA_prev, dW, db)")
        expect_gradients("linear_backward", got, network.linear_backward(dZ, (A_prev, W, b)), m)


def check_linear_activation_backward(fn):
    rng = np.random.default_rng(18)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        _, cache = network.linear_activation_forward(A_prev, W, b, activation)
        dA = rng.standard_normal((m, layer_dims[1]))
        got = unpacked("linear_activation_backward", call_student(
            "linear_activation_backward", fn, dA.copy(), cache, activation), 3, "(dA_prev, dW, db)")
        expect_gradients("linear_activation_backward", got, network.linear_activation_backward(dA, cache, activation), m)


def check_model_backward(fn):
    rng = np.random.default_rng(19)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        X, Y, parameters, AL, caches = problem(rng, layer_dims, m, activation)
        grads = call_student("model_backward", fn, AL.copy(), Y.copy(), caches, activation)
        expected = network.model_backward(AL, Y, caches, activation)
        if not isinstance(grads, dict) or sorted(grads) != sorted(expected):
            keys = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
            raise CheckFailed(f"model_backward should return a dict with keys {sorted(expected)}; got {keys}.",
                              "model_backward.keys")
        for name in sorted(expected):
            expect("model_backward", f"{name} ({len(layer_dims) - 1} layers, {activation})", grads[name], expected[name], m)
        # The reference itself agrees with finite differences of the cost; so must the student's gradients.
        for name, value in parameters.items():
            numerical = numerical_gradient(lambda v, name=name: network.compute_cost(
                network.model_forward(X, {**parameters, name: v}, activation)[0], Y), value)
            if relative_error(grads[f"d{name}"], numerical) > GRADIENT_TOLERANCE:
                raise CheckFailed(f"d{name} differs from the finite-difference gradient of the cost.",
                                  "model_backward.gradient_check")


def check_update_parameters_momentum(fn):
    rng = np.random.default_rng(20)
    parameters = network.initialize_parameters([3, 4, 1], "he", 3)
    velocities = optimizers.initialize_velocity(parameters)
    expected_parameters, expected_velocities = parameters, velocities
    for step in range(2):
        grads = {f"d{name}": rng.standard_normal(value.shape) for name, value in parameters.items()}
        result = unpacked("update_parameters_momentum", call_student(
            "update_parameters_momentum", fn, copied(parameters), grads, copied(velocities), 0.1, 0.9), 2,
            "(parameters, velocities)")
        expected_parameters, expected_velocities = optimizers.update_parameters_momentum(
            parameters, grads, velocities, 0.1, 0.9)
        for name in sorted(expected_velocities):
            found = difference(f"velocity {name} after step {step + 1}", result[1].get(name), expected_velocities[name])
            if found and found.cause == "scaled" and step == 0 and np.isclose(
                    np.asarray(result[1].get(name)).ravel()[0] / expected_velocities[name].ravel()[0], 1 / (1 - 0.9)):
                raise CheckFailed(f"{found.message[:-1]}: 1 / (1 - beta). Weigh the new gradient by (1 - beta).",
                                  "update_parameters_momentum.no_one_minus_beta")
            if found:
                fail("update_parameters_momentum", found)
        for name in sorted(expected_parameters):
            expect_step("update_parameters_momentum", f"{name} after step {step + 1}", result[0].get(name),
                        expected_parameters[name], parameters[name])
        parameters, velocities = expected_parameters, expected_velocities


def expect_step(topic, name, got, expected, before):
    """The updated parameter `name` against the reference's; a step taken uphill is named as such."""
    found = difference(name, got, expected)
    if found and not difference("", got, 2 * np.asarray(before) - expected):  # before - step, not before + step
        raise CheckFailed(f"{name} moved up the gradient: subtract the step (P = P - learning_rate * ...).",
                          f"{topic}.sign")
    if found:
        fail(topic, found)


def copied(arrays):
    return {name: np.array(value, copy=True) for name, value in arrays.items()}


def check_update_parameters_adam(fn):
    rng = np.random.default_rng(21)
    parameters = network.initialize_parameters([3, 4, 1], "he", 4)
    m, v = optimizers.initialize_adam(parameters)
    for t in (1, 2, 3):
        grads = {f"d{name}": rng.standard_normal(value.shape) for name, value in parameters.items()}
        result = unpacked("update_parameters_adam", call_student(
            "update_parameters_adam", fn, copied(parameters), grads, copied(m), copied(v), t, 0.01), 3,
            "(parameters, m, v)")
        expected = optimizers.update_parameters_adam(parameters, grads, m, v, t, 0.01)
        for what, got, wanted in zip(("m", "v"), result[1:], expected[1:]):
            for name in sorted(wanted):
                expect("update_parameters_adam", f"{what}[{name!r}] at t = {t}", got.get(name), wanted[name])
        for name in sorted(expected[0]):
            if difference(name, result[0].get(name), expected[0][name]):
                uncorrected = {**expected[0]}
                step = expected[1][f"d{name}"] / (np.sqrt(expected[2][f"d{name}"]) + optimizers.ADAM_EPSILON)
                uncorrected[name] = parameters[name] - 0.01 * step
                if t > 0 and not difference(name, result[0].get(name), uncorrected[name]):
                    raise CheckFailed(f"{name} moved without the bias correction: divide m by (1 - beta1**t) and v by "
                                      "(1 - beta2**t) before the step.", "update_parameters_adam.no_bias_correction")
                expect_step("update_parameters_adam", f"{name} at t = {t}", result[0].get(name), expected[0][name],
                            parameters[name])
        parameters, m, v = expected


def check_convergence(functions):
    for name, layer_dims in CONVERGENCE_RUNS:
        X, Y = data.PROBLEMS[name](seed=0)
        run = call_student("model_forward", lambda: training.train(X, Y, layer_dims, functions=functions,
                                                                   **CONVERGENCE_SETTINGS),
                           trip=(), seconds=CONVERGENCE_SECONDS, needs=tuple(functions))
        accuracy = run.accuracy[-1] if run.accuracy else 0.0
        if not accuracy >= CONVERGENCE_ACCURACY:
            raise CheckFailed(f"Training on {name} with your functions reached {accuracy:.0%} accuracy (the reference "
                              f"reaches 99-100% with the same settings). Fix the functions whose own checks fail first.",
                              "convergence.not_learned")


CHECKS = {name: globals()[f"check_{name}"] for name in STUDENT_FUNCTIONS}


def check(topic, namespace, stale_modules=None, cell=None):
    """The Report of `topic` (a student function's name, or "convergence") for the student's namespace.

    Each function has one test cell with a hidden part, so `cell` (its grade_id) does not change the check.
    """
    names = STUDENT_FUNCTIONS if topic == "convergence" else (topic,)
    missing = [name for name in names if not callable(namespace.get(name))]
    if missing:
        return Report(topic, False, f"{missing[0]} is not defined: run its cell (and keep its name) first.",
                      cause=f"{missing[0]}.not_defined")
    with integrity.quiet():
        changed = integrity.tampering(namespace, [*(stale_modules or {}).values(), *integrity.grader_modules_in(namespace)])
        if changed:
            return Report(topic, False, changed, cause="integrity.grader_changed")
        for name in names:
            how = integrity.grader_references(namespace[name], skip=tuple(n for n in STUDENT_FUNCTIONS if n != name))
            if how:
                return Report(topic, False, integrity.reference_message(name, how), cause="integrity.reference_used")
        try:
            if topic == "convergence":
                check_convergence({name: namespace[name] for name in names})
            else:
                with others_from_reference(namespace, topic, STUDENT_FUNCTIONS, REFERENCE):
                    CHECKS[topic](namespace[topic])
        except CheckFailed as failure:
            return Report(topic, False, str(failure), cause=failure.cause or f"{topic}.wrong")
    # 1 of 1: the hidden checks decide the cell, all or nothing. A visible check that fails only because the
    # student's other functions are wrong (it calls them) then costs nothing here (preprocessors/gradefromverdicts.py).
    return Report(topic, True, f"{topic}: all hidden checks passed.", points=1.0, max_points=1.0)
