"""The deep assignment's hidden checks: each student function against the reference, graded by its rubric.

Every check runs its function on several small problems, with the student's other functions swapped for
the reference (grading/isolation.py), so a mistake costs its own function only; `convergence` alone
trains with everything the student wrote. Each difference is named by grading/comparison.py, cause first,
and charged to the rubric part it belongs to (rubric.py): the parts that stay right keep their points.
A cache is judged by what it is for: the reference's backward step must get the same gradients from it.
An output that stays the same when the inputs change, where the reference's changes, was not computed:
an integrity finding (grading/hard_coded.py), no points.
"""
import numpy as np

from scratchnet_solution.grading import calls, hard_coded, integrity
from scratchnet_solution.grading.report import CheckFailed, NotComputed, Report
from scratchnet_solution.grading.gradcheck import numerical_gradient, relative_error
from scratchnet_solution.grading.comparison import as_array, close, difference
from scratchnet_solution.grading.isolation import others_from_reference
from scratchnet_solution.grading.rubric import summary
from scratchnet_solution.grading.verdicts import Deduction, Finding
from scratchnet_solution.assignments.scratchnet_deep import STUDENT_FUNCTIONS, data, network, optimizers, training
from scratchnet_solution.assignments.scratchnet_deep.rubric import RUBRICS

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


class Marks:
    """What a check found, part by part of its function's rubric: the first difference of each part that is wrong.

    A difference does not stop the check (the other parts may still be right); a crash, a wrong number of
    outputs and the like do (CheckFailed: no points). `fixed` watches for outputs that never change.
    """

    def __init__(self, topic):
        self.topic, self.rubric, self.found = topic, RUBRICS[topic], {}
        self.fixed = hard_coded.FixedOutputs(topic)

    def wrong(self, part, cause, message):
        self.found.setdefault(part, (f"{self.topic}.{cause}", message))

    def expect(self, part, name, actual, expected, m=None):
        """actual against expected, the difference charged to `part`; True when they match."""
        found = difference(name, actual, expected, m)
        if found:
            self.wrong(part, found.cause, found.message)
        return not found

    def expect_shaped(self, part, name, actual, expected, m=None):
        """As expect, with the shape its own part ("shapes"): right values in the wrong shape cost only that."""
        found = difference(name, actual, expected, m)
        if not found:
            return True
        array, expected = as_array(actual), np.asarray(expected, dtype=float)
        if array is not None and array.shape != expected.shape:
            self.wrong("shapes", found.cause, found.message)
            if array.size == expected.size and any(close(candidate, expected) for candidate in (
                    array.reshape(expected.shape), array.T.reshape(expected.shape))):
                return False
        self.wrong(part, found.cause, found.message)
        return False

    def report(self):
        """The Report: the points of the parts that are right, a deduction (with its cause id) for each cause."""
        full = self.rubric.max_points
        if not self.found:
            return Report(self.topic, True, f"{self.topic}: all hidden checks passed.", full, full)
        first_id, first_message = next(iter(self.found.values()))
        if not any(part.core for part in self.rubric.parts if part.key not in self.found):
            return Report(self.topic, False, first_message, 0, full, [Deduction(first_id, full, first_message)],
                          cause=first_id)
        lost = {}  # one deduction per cause: a flat db costs its shape once, whatever else it shows in
        for key, (cause, message) in self.found.items():
            points, first = lost.get(cause, (0, message))
            lost[cause] = (points + self.rubric.part(key).points, first)
        deductions = [Deduction(cause, points, message) for cause, (points, message) in lost.items()]
        points = full - sum(d.points for d in deductions)
        return Report(self.topic, False, summary(self.topic, points, full, deductions), points, full, deductions,
                      cause=deductions[0].id)


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


def check_initialize_parameters(fn, marks):
    for layer_dims in ([2, 3, 1], [5, 4, 3, 2]):
        for method in network.INIT_GAINS:
            parameters = call_student("initialize_parameters", fn, list(layer_dims), method, 1)
            reference = network.initialize_parameters(layer_dims, method, 1)
            if not isinstance(parameters, dict) or sorted(parameters) != sorted(reference):
                keys = sorted(parameters) if isinstance(parameters, dict) else type(parameters).__name__
                raise CheckFailed(f"initialize_parameters should return a dict with keys {sorted(reference)}; got {keys}.",
                                  "initialize_parameters.keys")
            marks.fixed.add(parameters, reference, method)
            for name, value in reference.items():
                part = "weights" if name.startswith("W") else "biases"
                if np.shape(parameters[name]) != value.shape:
                    marks.expect(part, f"{name} for layer_dims={layer_dims}", parameters[name], value)
                elif part == "biases" and np.any(parameters[name]):
                    marks.wrong("biases", "bias_not_zero", f"{name} should start at zero.")
            again = call_student("initialize_parameters", fn, list(layer_dims), method, 1)
            if not isinstance(again, dict) or any(not np.array_equal(again.get(name), parameters[name]) for name in reference):
                marks.wrong("seeded", "not_seeded", "initialize_parameters gave different weights for the same seed: draw "
                                                    "from np.random.default_rng(seed).")
            # A generator seeded with a constant passes the test above: another seed must give other weights.
            other = call_student("initialize_parameters", fn, list(layer_dims), method, 2)
            if isinstance(other, dict) and np.array_equal(np.asarray(other.get("W1"), dtype=float), parameters["W1"]):
                marks.wrong("seeded", "seed_ignored", "initialize_parameters gave the same weights for seeds 1 and 2: seed "
                                                      "the generator with the `seed` argument, np.random.default_rng(seed).")
    for method, gain in network.INIT_GAINS.items():
        parameters = call_student("initialize_parameters", fn, list(INIT_LAYERS), method, 2)
        W1 = as_array(parameters.get("W1")) if isinstance(parameters, dict) else None
        if W1 is None or W1.size != INIT_LAYERS[0] * INIT_LAYERS[1]:
            marks.wrong("scale", "scale", f"{method} weights W1 for layer_dims={INIT_LAYERS} should hold "
                                          f"{INIT_LAYERS[0]} x {INIT_LAYERS[1]} numbers.")
            continue
        std, n_prev, n = W1.std(), INIT_LAYERS[0], INIT_LAYERS[1]
        if abs(std / np.sqrt(gain / n_prev) - 1) > INIT_STD_TOLERANCE:
            other = {"he": "xavier", "xavier": "he"}[method]
            causes = [(np.sqrt(network.INIT_GAINS[other] / n_prev), "he_xavier_swapped",
                       f"{method} weights have the std of {other}: he uses sqrt(2 / n_prev), xavier sqrt(1 / n_prev)."),
                      (np.sqrt(gain / n), "fan_out", f"{method} weights are scaled by the layer's own size; "
                                                     "use the previous layer's, n_prev."),
                      (gain / n_prev, "no_sqrt", f"{method} weights have std {std:.3g}, the variance {gain:g} / n_prev: "
                                                 "take the square root.")]
            cause, message = next(((cause, message) for expected, cause, message in causes
                                   if abs(std / expected - 1) <= INIT_STD_TOLERANCE),
                                  ("scale", f"{method} weights have std {std:.3g} for n_prev = {n_prev}; expected "
                                            f"sqrt({gain:g} / n_prev) = {np.sqrt(gain / n_prev):.3g}."))
            marks.wrong("scale", cause, message)


def check_linear_forward(fn, marks):
    rng = np.random.default_rng(11)
    for layer_dims, m in ARCHITECTURES:
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        result = unpacked("linear_forward", call_student("linear_forward", fn, A_prev.copy(), W.copy(), b.copy()), 2,
                          "(Z, cache)")
        expected, reference_cache = network.linear_forward(A_prev, W, b)
        marks.fixed.add(result, (expected, reference_cache))
        marks.expect("Z", "Z", result[0], expected)
        usable_cache(marks, "cache", lambda c: network.linear_backward(np.ones_like(expected), c), result[1],
                     reference_cache)


def usable_cache(marks, part, backward, cache, reference_cache):
    """The reference's backward step must give the same gradients from the student's cache as from its own."""
    try:
        got = backward(cache)
    except Exception:
        got = None
    expected = backward(reference_cache)
    if got is None or any(difference("", g, e) for g, e in zip(got, expected)):
        marks.wrong(part, "cache", f"{marks.topic}'s cache is not what the backward step needs: see the docstring for "
                                   "what it holds, in order.")


def check_activation_forward(fn, marks):
    rng = np.random.default_rng(12)
    # Two inputs of different shapes: the second shows a result that does not follow Z.
    inputs = (np.r_[rng.standard_normal((4, 3)) * 3, [[-1000.0, 0.0, 1000.0]]], rng.standard_normal((2, 5)) * 3)
    for activation in network.ACTIVATIONS:
        for Z in inputs:
            A = call_student("activation_forward", fn, Z.copy(), activation)
            expected = network.activation_forward(Z, activation)
            marks.fixed.add(A, expected, activation)
            marks.expect(activation, f"{activation}(Z)", A, expected)


def check_linear_activation_forward(fn, marks):
    rng = np.random.default_rng(13)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        result = unpacked("linear_activation_forward", call_student(
            "linear_activation_forward", fn, A_prev.copy(), W.copy(), b.copy(), activation), 2, "(A, cache)")
        expected, reference_cache = network.linear_activation_forward(A_prev, W, b, activation)
        marks.fixed.add(result, (expected, reference_cache))
        marks.expect("A", f"A ({activation})", result[0], expected)
        usable_cache(marks, "cache", lambda c: network.linear_activation_backward(np.ones_like(expected), c, activation),
                     result[1], reference_cache)


def check_model_forward(fn, marks):
    rng = np.random.default_rng(14)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        X, Y, parameters, expected, reference_caches = problem(rng, layer_dims, m, activation)
        result = unpacked("model_forward", call_student(
            "model_forward", fn, X.copy(), {k: v.copy() for k, v in parameters.items()}, activation), 2, "(AL, caches)")
        marks.fixed.add(result, (expected, reference_caches))
        marks.expect("AL", f"AL ({len(layer_dims) - 1} layers, {activation})", result[0], expected)
        caches = result[1]
        if not isinstance(caches, (list, tuple)) or len(caches) != len(layer_dims) - 1:
            marks.wrong("caches", "caches", f"model_forward should return one cache per layer ({len(layer_dims) - 1}), "
                                            "first layer first.")
            continue
        usable_cache(marks, "caches", lambda c: tuple(network.model_backward(expected, Y, c, activation).values()),
                     caches, reference_caches)


def check_compute_cost(fn, marks):
    """The cost's own causes first (they need every problem); any wrong cost costs the function's core part."""
    rng = np.random.default_rng(15)
    cases = []
    for n_out, m in ((1, 6), (2, 5), (1, 1)):
        AL, Y = rng.uniform(0.05, 0.95, (m, n_out)), (rng.random((m, n_out)) > 0.5).astype(float)
        cases.append((call_student("compute_cost", fn, AL.copy(), Y.copy()), network.compute_cost(AL, Y), m, n_out))
        marks.fixed.add(cases[-1][0], cases[-1][1])
    # The cost is one number, so a ratio to the reference means something only when the problems agree on it.
    differing = [(got, expected, n_out) for got, expected, m, n_out in cases if difference("", got, expected, m)]
    values = [(as_array(got), expected) for got, expected, _ in differing]
    ratios = [float(value) / expected for value, expected in values
              if value is not None and value.shape == () and np.isfinite(value) and expected != 0]
    if len(ratios) == len(differing) == 1 and differing[0][2] > 1 and np.isclose(ratios[0], 1 / differing[0][2]):
        marks.wrong("cost", "averaged_outputs", f"the cost is divided by the number of outputs ({differing[0][2]}) as "
                                                "well: sum over the outputs, average over the samples only.")
    if len(ratios) == len(differing) > 1 and np.allclose(ratios, ratios[0], rtol=1e-5):
        found = difference("the cost", *differing[0][:2], cases[0][2])
        if found.cause == "wrong":
            marks.wrong("cost", "scaled", f"the cost is off by the constant factor {ratios[0]:.4g} on every problem.")
    for got, expected, m, _ in cases:
        marks.expect("cost", "the cost", got, expected, m)
    AL, Y = np.array([[0.0], [1.0], [1.0], [0.0]]), np.array([[0.0], [1.0], [0.0], [1.0]])
    cost = call_student("compute_cost", fn, AL.copy(), Y.copy())
    found = difference("the cost with predictions of exactly 0 and 1", cost, network.compute_cost(AL, Y), 4)
    if found:
        marks.wrong("clipping", "clipping", f"{found.message} Clip the predictions to [1e-15, 1 - 1e-15] before the "
                                            "logarithm.")


def check_activation_backward(fn, marks):
    rng = np.random.default_rng(16)
    inputs = ((rng.standard_normal((5, 3)) * 2, rng.standard_normal((5, 3))),
              (rng.standard_normal((2, 4)) * 2, rng.standard_normal((2, 4))))
    for activation in network.ACTIVATIONS:
        for Z, dA in inputs:
            dZ = call_student("activation_backward", fn, dA.copy(), Z.copy(), activation)
            expected = network.activation_backward(dA, Z, activation)
            marks.fixed.add(dZ, expected, activation)
            marks.expect(activation, f"dZ ({activation})", dZ, expected)


def expect_gradients(marks, got, expected, m):
    for name, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        marks.expect_shaped(name, name, g, e, m)


def check_linear_backward(fn, marks):
    rng = np.random.default_rng(17)
    for layer_dims, m in ARCHITECTURES:
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        dZ = rng.standard_normal((m, layer_dims[1]))
        got = unpacked("linear_backward", call_student("linear_backward", fn, dZ.copy(), (A_prev, W, b)), 3,
                       "(dA_prev, dW, db)")
        expected = network.linear_backward(dZ, (A_prev, W, b))
        marks.fixed.add(got, expected)
        expect_gradients(marks, got, expected, m)


def check_linear_activation_backward(fn, marks):
    rng = np.random.default_rng(18)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        A_prev, W, b = rng.standard_normal((m, layer_dims[0])), rng.standard_normal(layer_dims[:2]), rng.standard_normal(
            (1, layer_dims[1]))
        _, cache = network.linear_activation_forward(A_prev, W, b, activation)
        dA = rng.standard_normal((m, layer_dims[1]))
        got = unpacked("linear_activation_backward", call_student(
            "linear_activation_backward", fn, dA.copy(), cache, activation), 3, "(dA_prev, dW, db)")
        expected = network.linear_activation_backward(dA, cache, activation)
        marks.fixed.add(got, expected)
        expect_gradients(marks, got, expected, m)


def check_model_backward(fn, marks):
    rng = np.random.default_rng(19)
    for (layer_dims, m), activation in zip(ARCHITECTURES, network.ACTIVATIONS):
        X, Y, parameters, AL, caches = problem(rng, layer_dims, m, activation)
        grads = call_student("model_backward", fn, AL.copy(), Y.copy(), caches, activation)
        expected = network.model_backward(AL, Y, caches, activation)
        if not isinstance(grads, dict):
            raise CheckFailed(f"model_backward should return a dict with keys {sorted(expected)}; got "
                              f"{type(grads).__name__}.", "model_backward.keys")
        marks.fixed.add(grads, expected)
        L = len(layer_dims) - 1
        for name in sorted(expected):
            part = "output" if name[2:] == str(L) else "hidden"
            if name not in grads:  # a gradient missing costs its layer's part; the others may still be right
                marks.wrong(part, "keys", f"model_backward should return a dict with keys {sorted(expected)}; got "
                                          f"{sorted(grads)}.")
                continue
            if not marks.expect_shaped(part, f"{name} ({L} layers, {activation})", grads[name], expected[name], m):
                continue
            # The reference itself agrees with finite differences of the cost; so must the student's gradients.
            value = parameters[name[1:]]
            numerical = numerical_gradient(lambda v, key=name[1:]: network.compute_cost(
                network.model_forward(X, {**parameters, key: v}, activation)[0], Y), value)
            if relative_error(np.reshape(grads[name], value.shape), numerical) > GRADIENT_TOLERANCE:
                marks.wrong(part, "gradient_check", f"{name} differs from the finite-difference gradient of the cost.")


def state(value, like):
    """A student's optimiser state (a velocity, m or v) when it is numbers of the parameter's shape, else None."""
    array = as_array(value)
    return array if array is not None and array.shape == np.shape(like) else None


def updated(topic, result, count, what):
    """The result as `count` dicts (the parameters, then the optimiser's state), or a CheckFailed saying so."""
    result = unpacked(topic, result, count, what)
    if not all(isinstance(item, dict) for item in result):
        raise CheckFailed(f"{topic} should return {what}, each a dict; got "
                          f"{', '.join(type(item).__name__ for item in result)}.", f"{topic}.returns")
    return result


def check_update_parameters_momentum(fn, marks):
    rng = np.random.default_rng(20)
    parameters = network.initialize_parameters([3, 4, 1], "he", 3)
    velocities = optimizers.initialize_velocity(parameters)
    for step in range(2):
        grads = {f"d{name}": rng.standard_normal(value.shape) for name, value in parameters.items()}
        result = updated("update_parameters_momentum", call_student(
            "update_parameters_momentum", fn, copied(parameters), grads, copied(velocities), 0.1, 0.9), 2,
            "(parameters, velocities)")
        expected_parameters, expected_velocities = optimizers.update_parameters_momentum(
            parameters, grads, velocities, 0.1, 0.9)
        marks.fixed.add(result, (expected_parameters, expected_velocities))
        for name in sorted(expected_velocities):
            found = difference(f"velocity {name} after step {step + 1}", result[1].get(name), expected_velocities[name])
            if found and found.cause == "scaled" and step == 0 and np.isclose(
                    np.asarray(result[1].get(name)).ravel()[0] / expected_velocities[name].ravel()[0], 1 / (1 - 0.9)):
                marks.wrong("velocities", "no_one_minus_beta", f"{found.message[:-1]}: 1 / (1 - beta). Weigh the new "
                                                               "gradient by (1 - beta).")
            elif found:
                marks.wrong("velocities", found.cause, found.message)
        for name in sorted(expected_parameters):
            # The step is judged with the student's own velocity: a wrong velocity costs its own part only.
            v = state(result[1].get(f"d{name}"), parameters[name])
            own = expected_parameters[name] if v is None else parameters[name] - 0.1 * v
            expect_step(marks, f"{name} after step {step + 1}", result[0].get(name), own, parameters[name])
        parameters, velocities = expected_parameters, expected_velocities


def expect_step(marks, name, got, expected, before, part="step"):
    """The updated parameter `name` against the step it should take; a step taken uphill is named as such."""
    found = difference(name, got, expected)
    if found and not difference("", got, 2 * np.asarray(before) - expected):  # before - step, not before + step
        marks.wrong(part, "sign", f"{name} moved up the gradient: subtract the step (P = P - learning_rate * ...).")
    elif found:
        marks.wrong(part, found.cause, found.message)
    return not found


def copied(arrays):
    return {name: np.array(value, copy=True) for name, value in arrays.items()}


def adam_step(before, m, v, t, learning_rate, corrected=True):
    """The reference's Adam step from the moments m and v (bias-corrected for step t, or not)."""
    if corrected:
        m, v = m / (1 - optimizers.BETA1 ** t), v / (1 - optimizers.BETA2 ** t)
    with np.errstate(all="ignore"):  # a student's negative v gives nan here, as in the student's own step
        return before - learning_rate * m / (np.sqrt(v) + optimizers.ADAM_EPSILON)


def check_update_parameters_adam(fn, marks):
    rng = np.random.default_rng(21)
    parameters = network.initialize_parameters([3, 4, 1], "he", 4)
    m, v = optimizers.initialize_adam(parameters)
    for t in (1, 2, 3):
        grads = {f"d{name}": rng.standard_normal(value.shape) for name, value in parameters.items()}
        result = updated("update_parameters_adam", call_student(
            "update_parameters_adam", fn, copied(parameters), grads, copied(m), copied(v), t, 0.01), 3,
            "(parameters, m, v)")
        expected = optimizers.update_parameters_adam(parameters, grads, m, v, t, 0.01)
        marks.fixed.add(result, expected)
        for what, got, wanted in zip(("m", "v"), result[1:], expected[1:]):
            for name in sorted(wanted):
                marks.expect(what, f"{what}[{name!r}] at t = {t}", got.get(name), wanted[name])
        for name, before in parameters.items():
            # The step is judged with the student's own m and v: a wrong moment costs its own part only.
            own_m, own_v = (state(moments.get(f"d{name}"), before) for moments in result[1:])
            moments = (expected[1][f"d{name}"], expected[2][f"d{name}"]) if own_m is None or own_v is None else (
                own_m, own_v)
            got = result[0].get(name)
            if not difference(name, got, adam_step(before, *moments, t, 0.01, corrected=False)):
                marks.wrong("bias_correction", "no_bias_correction", f"{name} moved without the bias correction: divide "
                            "m by (1 - beta1**t) and v by (1 - beta2**t) before the step.")
            elif not expect_step(marks, f"{name} at t = {t}", got, adam_step(before, *moments, t, 0.01), before):
                # A wrong step hides whether its bias correction is right (unless it only went uphill): lost with it.
                if not marks.found["step"][0].endswith(".sign"):
                    marks.found.setdefault("bias_correction", marks.found["step"])
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


def void(topic, finding):
    """The Report of a function whose work cannot be trusted: no points, and the finding says why."""
    rubric = RUBRICS.get(topic)
    points = dict(points=0, max_points=rubric.max_points) if rubric else {}
    return Report(topic, False, finding.message, integrity=[finding], cause=finding.id, **points)


# What the notebook's given test-tools cell holds that computes a student function's result: the plain stand-ins
# its visible tests put in place of the other functions, and finite differences. A student function that calls one
# has not computed its result (tests/test_deep_checks.py checks that the notebook still defines each of them).
TEST_TOOL_ANSWERS = frozenset((
    "_GIVEN", "_plain_activation", "_given_linear_forward", "_given_linear_activation_forward", "_given_model_forward",
    "_given_activation_backward", "_given_linear_backward", "_given_linear_activation_backward", "_numerical_gradient",
    "_textbook_cost"))


def check(topic, namespace, stale_modules=None, cell=None):
    """The Report of `topic` (a student function's name, or "convergence") for the student's namespace.

    A function's Report gives the points of its rubric (RUBRICS[topic], the points of its test cell) and a
    deduction for each cause; the convergence cell's is all or nothing. Each function has one test cell with a
    hidden part, so `cell` (its grade_id) does not change the check.
    """
    names = STUDENT_FUNCTIONS if topic == "convergence" else (topic,)
    missing = [name for name in names if not callable(namespace.get(name))]
    if missing:
        return Report(topic, False, f"{missing[0]} is not defined: run its cell (and keep its name) first.",
                      cause=f"{missing[0]}.not_defined")
    with integrity.quiet():
        changed = integrity.tampering(namespace, [*(stale_modules or {}).values(), *integrity.grader_modules_in(namespace)])
        if changed:
            return void(topic, Finding("integrity.grader_changed", changed))
        for name in names:
            others = tuple(n for n in STUDENT_FUNCTIONS if n != name)  # judged on their own
            how = integrity.grader_references(namespace[name], skip=others)
            if how:
                return void(topic, Finding("integrity.reference_used", integrity.reference_message(name, how)))
            used = integrity.tools_used(namespace[name], TEST_TOOL_ANSWERS, skip=others)
            if used:
                return void(topic, Finding("integrity.test_tools_used", integrity.tools_message(name, used)))
        if topic == "convergence":
            try:
                check_convergence({name: namespace[name] for name in names})
            except CheckFailed as failure:
                return Report(topic, False, str(failure), cause=failure.cause or f"{topic}.wrong")
            # 1 of 1: the convergence cell is all or nothing. A visible check that fails only because the student's
            # other functions are wrong then costs nothing here (preprocessors/gradefromverdicts.py).
            return Report(topic, True, f"{topic}: all hidden checks passed.", points=1.0, max_points=1.0)
        marks = Marks(topic)
        try:
            with others_from_reference(namespace, topic, STUDENT_FUNCTIONS, REFERENCE):
                CHECKS[topic](namespace[topic], marks)
        except NotComputed as failure:
            return void(topic, Finding(hard_coded.FINDING, str(failure)))
        except CheckFailed as failure:  # a crash, a wrong number of outputs: nothing to grade part by part
            cause, full = failure.cause or f"{topic}.wrong", RUBRICS[topic].max_points
            return Report(topic, False, str(failure), 0, full, [Deduction(cause, full, str(failure))], cause=cause)
    return marks.report()
