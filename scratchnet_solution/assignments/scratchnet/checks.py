"""The hidden checks: each student function against the reference, one report per function.

The notebook's hidden test regions and `pytest tests/hidden` both call these, so a grade has one
source. Every check

- looks at integrity first (integrity.py): the reference taken or wrapped, numpy, a given helper or
  the grader itself changed by the notebook. Any of these earns no points, and the message says why;
- isolates its function: while it runs, the student's other four functions are swapped for the
  reference in the student's namespace, so a wrong `sigmoid` costs only the sigmoid points. Only
  `check_xor` trains with everything the student wrote;
- runs quietly: what student code prints, warns or logs is discarded, because in a test cell any
  stderr text would cost the cell its points;
- on a mismatch says what is off (shape, which entries, by how much) and, through diagnosis.py, the
  likely cause;
- grades its function by its rubric (rubric.py): the parts that are right earn their points, and every
  part taken off is a deduction with its cause id. check_own_work only looks at integrity.
"""
import contextlib
import itertools
import time
from dataclasses import dataclass

import numpy as np

from scratchnet_solution.assignments.scratchnet import diagnosis, given_helpers, network, rubric, training

from scratchnet_solution.grading import calls, hard_coded, integrity
from scratchnet_solution.grading.calls import CALL_TIME_LIMIT_SECONDS, wall_backstop
from scratchnet_solution.assignments.scratchnet.data import xor_data
from scratchnet_solution.grading.gradcheck import relative_error
from scratchnet_solution.grading.isolation import others_from_reference
from scratchnet_solution.grading.report import CallTimedOut, CheckFailed, NotComputed, ReferenceUsed, Report
from scratchnet_solution.assignments.scratchnet.network import STUDENT_FUNCTIONS
GRADIENT_NAMES = ("dW1", "db1", "dW2", "db2")
PARAMETER_NAMES = ("W1", "b1", "W2", "b2")
FORWARD_NAMES = ("z1", "a1", "z2", "a2")
BACKWARD_INPUT_NAMES = ("X", "y", *FORWARD_NAMES, "W1", "W2")

# Values must match the reference this closely; any correct float64 formula is far inside it.
RTOL = 1e-6
ATOL = 1e-9
# Shapes (m, n_in, n_hidden, n_out) the comparisons run on: the XOR net, a single sample, odd sizes.
# m differs from n_in in the first, so a gradient divided by the wrong one shows.
PROBLEM_SHAPES = ((4, 2, 4, 1), (1, 3, 5, 1), (7, 3, 2, 1), (16, 5, 8, 1))
# The XOR run: seeds on which the reference reaches 100% with the tutorial's settings, on XOR and on XNOR.
XOR_SEEDS = (0,)
# Both runs (XOR and XNOR) together, in CPU seconds of the kernel (see "Limits" below).
XOR_TIME_LIMIT_SECONDS = 40.0
# Where check_xor leaves its passing seed-0 XOR run ((params, losses)) in the student's namespace: the visible
# part of the same cell trains exactly that run (the given loop, seed 0) and takes it from there instead of
# training a fourth time. The visible part's outcome never changes the cell's points once the hidden check
# has passed (verdict_grading: the rubric decides), so a value student code fakes there gains nothing.
SHARED_XOR_RUN = "_hidden_xor_run"
@dataclass
class Score:
    """What a rubric body found: the deductions (points, cause id, message) from the rubric's maximum."""

    deductions: list
    first_failure: str = ""  # the message of the first difference, for a function that earns nothing


def reference_for_others(namespace, under_test):
    """Point the names of the other student functions in the namespace at the reference for a while."""
    return others_from_reference(namespace, under_test, STUDENT_FUNCTIONS, network)


def call_student(name, fn, *args, **options):
    """grading.calls.call_student with this assignment's functions, its reference's tripwire and its crash names."""
    return calls.call_student(name, fn, *args, functions=STUDENT_FUNCTIONS, reference=network, **options)


def tampering_finding(message):
    """The Finding for a message of integrity.tampering (numpy or the grader changed), or None."""
    if not message:
        return None
    kind = "numpy_changed" if message.startswith("Your notebook changes numpy") else "grader_changed"
    return rubric.Finding(f"integrity.{kind}", message)


def integrity_problem(topic, functions, namespace, stale_modules, helpers=None):
    """The first reason not to trust this topic's tests, as a rubric.Finding; None when there is none."""
    changed = integrity.tampering(namespace, [*(stale_modules or {}).values(), *integrity.grader_modules_in(namespace)])
    if changed:
        return tampering_finding(changed)
    for name, fn in functions.items():
        # Each function is judged on its own work: the other student functions it calls are not followed.
        skip = () if topic == "xor" else tuple(n for n in STUDENT_FUNCTIONS if n != name)
        how = integrity.grader_references(fn, skip=skip)
        if how:
            message = integrity.reference_message(name, how)
            message = message if topic != "xor" else f"{message} The XOR run uses it, so it earns no points either."
            return rubric.Finding("integrity.reference_used", message)
    return helper_finding(topic, namespace, helpers)


def helper_finding(topic, namespace, helpers=None):
    """The finding for a given helper of this topic that no longer does its job, or None."""
    if namespace is None:
        return None
    names = given_helpers.HELPERS_BY_TOPIC[topic] if helpers is None else helpers
    replaced = integrity.helper_problems(namespace, names, given_helpers.PROBES)
    return rubric.Finding("integrity.helper_redefined", integrity.helper_message(topic, replaced)) if replaced else None


def void(topic, finding, graded):
    """The Report of a function whose work cannot be trusted: no points, and the finding says why."""
    points = dict(points=0, max_points=rubric.RUBRICS[topic].max_points) if graded else {}
    return Report(topic, False, finding.message, integrity=[finding], **points)


def scored(topic, score):
    """The Report for a rubric body's Score: the points left after the deductions, never below 0."""
    full = rubric.RUBRICS[topic].max_points
    lost = sum(d.points for d in score.deductions)
    points = max(full - lost, 0)
    if points == 0:
        return Report(topic, False, score.first_failure or score.deductions[0].message, 0, full, score.deductions)
    if not score.deductions:
        return Report(topic, True, f"{topic}: all hidden checks passed.", full, full)
    return Report(topic, False, rubric.summary(topic, points, full, score.deductions), points, full, score.deductions)


def run_check(topic, functions, body, stale_modules=None, helpers=None):
    """Integrity, then the body (quiet, with the other functions swapped for the reference), as one Report.

    A body graded by a rubric returns a Score; a body that returns None passes (check_own_work). A
    CheckFailed costs all of the rubric's points, with its cause as the one deduction.
    """
    first = next(iter(functions.values()))
    namespace = getattr(first, "__globals__", None)
    graded = topic in rubric.RUBRICS and helpers is None and body.__name__ != "own_work"
    with integrity.quiet():
        before = integrity.package_fingerprints()
        finding = integrity_problem(topic, functions, namespace, stale_modules, helpers)
        if finding:
            return void(topic, finding, graded)
        try:
            with reference_for_others(namespace if topic in STUDENT_FUNCTIONS else None, topic):
                score = body()
        except (ReferenceUsed, NotComputed) as failure:
            finding = "integrity.reference_used" if isinstance(failure, ReferenceUsed) else hard_coded.FINDING
            report = void(topic, rubric.Finding(finding, str(failure)), graded)
        except CheckFailed as failure:
            full = rubric.RUBRICS[topic].max_points if graded else None
            deduction = rubric.Deduction(failure.cause or f"{topic}.wrong", full, str(failure)) if graded else None
            report = Report(topic, False, str(failure), 0 if graded else None, full, [deduction] if deduction else [])
        else:
            report = scored(topic, score) if graded else Report(topic, True, f"{topic}: all hidden checks passed.")
        # Student code ran meanwhile: it must not have changed numpy or the grader either, nor a given helper
        # (a student function can swap `train` the first time the grader calls it, after the check above).
        changed = integrity.tampering(namespace, changed=integrity.changed_since(before))
        if changed:
            return void(topic, tampering_finding(changed), graded)
        swapped = helper_finding(topic, namespace, helpers)
        if swapped:
            return void(topic, swapped, graded)
    return report


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
    """The result must hold one array per name: a tuple, a list or another sequence of them."""
    if result is not None and not isinstance(result, (tuple, list, np.ndarray, str, bytes, dict)):
        try:
            result = list(result)
        except TypeError:
            pass
    if isinstance(result, np.ndarray) and result.dtype == object and result.ndim == 1:
        result = list(result)
    if isinstance(result, (tuple, list)) and len(result) == len(names):
        return list(result)
    if result is None:
        got, cause = "None", "Did you forget the `return` line?"
        if function == "update_weights":
            cause = "If you update in place (W1 -= lr * dW1), still return W1, b1, W2, b2 at the end."
    elif isinstance(result, (tuple, list)):
        got, cause = f"{type(result).__name__} of length {len(result)}", ""
    else:
        got, cause = f"{type(result).__name__} of shape {np.shape(result)}", ""
    cause = cause or f"Return all {len(names)}, in this order: return {', '.join(names)}."
    raise CheckFailed(f"{function} must return {len(names)} values ({', '.join(names)}); it returned {got}. {cause}",
                      f"{function}.wrong_outputs")


def difference(actual, expected):
    """None when actual matches expected; else what is off: the shape, nan, or which entries by how much."""
    try:
        actual = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return f"is not an array of numbers (it is a {type(actual).__name__})."
    expected = np.asarray(expected, dtype=float)
    if actual.shape != expected.shape:
        return f"has shape {actual.shape}, expected {expected.shape}."
    if not np.all(np.isfinite(actual)) and np.all(np.isfinite(expected)):
        return f"contains nan or inf ({int(np.sum(~np.isfinite(actual)))} of {actual.size} entries)."
    if np.allclose(actual, expected, rtol=RTOL, atol=ATOL):
        return None
    if actual.ndim == 0:
        return f"is {float(actual):.6g}, expected {float(expected):.6g}."
    wrong = ~np.isclose(actual, expected, rtol=RTOL, atol=ATOL)
    where = tuple(int(i) for i in np.argwhere(wrong)[0])
    return (f"is wrong in {int(wrong.sum())} of {wrong.size} entries; e.g. at {where} it is {actual[where]:.6g}, "
            f"expected {expected[where]:.6g} (relative error {relative_error(actual, expected):.2g}).")


def expect_not_fixed(function, fn, names, first_result, other_args):
    """A wrong result that stays the same when the inputs change was fixed in the code: say so."""
    try:
        again = expect_outputs(function, call_student(function, fn, *other_args), names)
    except ReferenceUsed:
        raise
    except CheckFailed:
        return
    if diagnosis.all_match(again, first_result):
        raise hard_coded.not_computed(function)


def reshaped_match(actual, expected):
    """The actual values, put into the expected shape, when that makes them right (flat, transposed); else None."""
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return None
    if a.shape == expected.shape or a.size != expected.size:
        return None
    for candidate in (a.reshape(expected.shape), a.T.reshape(expected.shape) if a.ndim == 2 else None):
        if candidate is not None and difference(candidate, expected) is None:
            return candidate
    return None


@dataclass
class Trial:
    """One call of the student's function: its inputs, outputs, the reference's, and where (for messages)."""

    inputs: dict
    actual: list
    expected: list
    where: str = ""
    context: dict = None
    whole: tuple = None  # (actual, expected, names) to diagnose and describe, when the outputs are parts of these


class Tally:
    """The outputs of a function over several trials, output by output: right, right but misshapen, or wrong.

    `order` is the permutation of the outputs when they came back right but in another order.
    """

    def __init__(self, function, names):
        self.function, self.names = function, list(names)
        self.trials, self.wrong, self.misshapen, self.changed = [], {}, {}, {}
        self.order = None

    def add(self, trial):
        trial.expected = [np.asarray(e, dtype=float) for e in trial.expected]
        if self.order is None and len(self.names) > 1:
            self.order = self._permutation(trial)
        actual = [trial.actual[i] for i in self.order] if self.order else trial.actual
        for name, a, e in zip(self.names, actual, trial.expected):
            problem = difference(a, e)
            if problem is None or name in self.wrong:
                continue
            if reshaped_match(a, e) is not None:
                self.misshapen.setdefault(name, (trial, np.shape(a), e.shape))
            else:
                self.wrong[name] = (trial, problem)
                self.misshapen.pop(name, None)
        self.trials.append(trial)

    def _permutation(self, trial):
        cause = diagnosis._order(self.function, trial.actual, trial.expected, self.names)
        if cause is None:
            return None
        for permutation in itertools.permutations(range(len(self.names))):
            if diagnosis.all_match([trial.actual[i] for i in permutation], trial.expected):
                self.order_cause = cause
                return list(permutation)
        return None

    def input_changed(self, name):
        self.changed.setdefault(name, True)

    def first_failure(self):
        """The message for the first wrong output: which, where, by how much, and the likely cause."""
        name, (trial, problem) = next((n, self.wrong[n]) for n in self.names if n in self.wrong)
        if trial.whole:
            actual, expected, names = trial.whole
            name, problem = names[0], difference(actual[0], expected[0]) or problem
            cause = diagnosis.diagnose(self.function, trial.inputs, actual, expected, names, trial.context)
        else:
            cause = diagnosis.diagnose(self.function, trial.inputs, trial.actual, trial.expected, self.names, trial.context)
        # The cause first: it is what the student acts on; the numbers back it up.
        if cause:
            return f"{self.function}: {cause.text}\n{name}{trial.where} {problem}", cause
        return f"{self.function}: {name}{trial.where} {problem}", cause

    def value_cause(self):
        """The diagnosis of the wrong values, with misshapen-but-right outputs put into shape first."""
        trial = self.wrong[next(n for n in self.names if n in self.wrong)][0]
        if trial.whole:
            actual, expected, names = trial.whole
            return diagnosis.diagnose(self.function, trial.inputs, actual, expected, names, trial.context)
        actual = [trial.actual[i] for i in self.order] if self.order else list(trial.actual)
        actual = [reshaped_match(a, e) if reshaped_match(a, e) is not None else a for a, e in zip(actual, trial.expected)]
        return diagnosis.diagnose(self.function, trial.inputs, actual, trial.expected, self.names, trial.context)

    def shape_cause(self):
        """The diagnosis of the wrong shapes, with wrong values put right first (so only the shapes differ)."""
        trial = next(iter(self.misshapen.values()))[0]
        actual = [trial.actual[i] for i in self.order] if self.order else list(trial.actual)
        actual = [e if name in self.wrong else a for name, a, e in zip(self.names, actual, trial.expected)]
        return diagnosis.diagnose(self.function, trial.inputs, actual, trial.expected, self.names, trial.context)


@contextlib.contextmanager
def earlier_findings_first(tally):
    """A crash on a later shape, after wrong values on an earlier one: the earlier finding says more."""
    try:
        yield
    except (ReferenceUsed, NotComputed):
        raise
    except CheckFailed:
        if not tally.wrong:
            raise
        message, cause = tally.first_failure()
        raise CheckFailed(message, cause.id if cause else f"{tally.function}.wrong_values") from None


def listed(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def rubric_score(tally, value_parts):
    """Deductions for the rubric of tally.function from what the tally saw.

    value_parts: {output name: rubric part key} for the outputs whose values earn points.
    """
    function = tally.function
    parts = rubric.RUBRICS[function]
    deductions = []
    wrong = [n for n in tally.names if n in tally.wrong and n in value_parts]
    earned = {value_parts[n] for n in tally.names if n in value_parts} - {value_parts[n] for n in wrong}
    if not any(parts.part(key).core for key in earned):
        message, cause = tally.first_failure()
        total = parts.max_points
        return Score([rubric.Deduction(cause.id if cause else f"{function}.wrong_values", total, message)], message)
    if wrong:
        cause = tally.value_cause()
        lost = sum(parts.part(key).points for key in {value_parts[n] for n in wrong})
        trial, first_problem = tally.wrong[wrong[0]]
        if trial.whole:
            first_problem = difference(trial.whole[0][0], trial.whole[1][0]) or first_problem
        verb = "is" if len(wrong) == 1 else "are"
        # The cause first, as in every message: it is what the student acts on.
        message = (f"{cause.text.rstrip('. ')} ({listed(wrong)} {verb} wrong)" if cause else
                   f"{listed(wrong)} {verb} wrong: {wrong[0]}{trial.where} {first_problem}")
        deductions.append(rubric.Deduction(cause.id if cause else f"{function}.{'_'.join(wrong)}_values", lost,
                                           message))
    if "form" in {p.key for p in parts.parts}:
        if tally.order:
            deductions.append(rubric.Deduction(tally.order_cause.id, parts.part("form").points, tally.order_cause.text))
        elif tally.misshapen:
            cause = tally.shape_cause()
            shapes = [f"{name} has shape {got} instead of {want}" for name, (_, got, want) in tally.misshapen.items()]
            message = f"{cause.text.rstrip('. ')} ({'; '.join(shapes)})" if cause else "; ".join(shapes)
            deductions.append(rubric.Deduction(cause.id if cause else f"{function}.shapes", parts.part("form").points,
                                               message))
    if tally.changed and "inputs" in {p.key for p in parts.parts}:
        names = list(tally.changed)
        deductions.append(rubric.Deduction(f"{function}.mutates_input", parts.part("inputs").points,
                                           f"{function} changed its input {listed(names)}. "
                                           + diagnosis.mutation_cause(function, names[0])))
    return Score(deductions)


def note_changed_inputs(tally, originals, passed, names):
    for name, original, copy in zip(names, originals, passed):
        if not np.array_equal(original, copy):
            tally.input_changed(name)


LARGE_Z = 30.0  # beyond this |z| the sigmoid is 0 or 1 to float64 precision, and naive formulas overflow


def check_sigmoid(sigmoid, stale_modules=None):
    """sigmoid matches the reference on arrays of several shapes, including |z| up to 1000 (rubric graded)."""

    def body():
        rng = np.random.default_rng(1)
        inputs = [rng.standard_normal(5) * 5, rng.standard_normal((3, 4)) * 5, rng.standard_normal((2, 3, 2)),
                  np.array([-1000.0, -50.0, -1.0, 0.0, 1.0, 50.0, 1000.0])]
        tally = Tally("sigmoid", SIGMOID_PARTS)
        for z in inputs:
            passed = z.copy()
            with earlier_findings_first(tally):
                out = call_student("sigmoid", sigmoid, passed)
            expected = network.sigmoid(z)
            where = f" for z of shape {z.shape}"
            try:
                values = np.asarray(out, dtype=float)
            except (TypeError, ValueError):
                values = None
            if values is None or values.shape != z.shape:
                tally.add(Trial({"z": z}, [out, out], [expected, expected], where))
                continue
            large = np.abs(z) > LARGE_Z
            tally.add(Trial({"z": z}, [values[~large], values[large]], [expected[~large], expected[large]], where,
                            whole=([values], [expected], ["sigmoid(z)"])))
            note_changed_inputs(tally, [z], [passed], ["z"])
        return rubric_score(tally, dict(zip(SIGMOID_PARTS, ("values", "large_z"))))

    return run_check("sigmoid", {"sigmoid": sigmoid}, body, stale_modules)


SIGMOID_PARTS = ("sigmoid(z)", "sigmoid(z) for large |z|")


def forward_problems(rng):
    """Random problems of every shape, then the XOR inputs (a forward fixed for them shows there)."""
    for shape in PROBLEM_SHAPES:
        X, _, params = random_problem(rng, *shape)
        yield shape, X, params
    X = xor_data()[0]
    _, _, params = random_problem(rng, 4, 2, 4, 1)
    yield "the XOR inputs", X, params


def check_forward(forward, stale_modules=None):
    """forward matches the reference for several network sizes and the XOR inputs (rubric graded)."""

    def body():
        rng = np.random.default_rng(2)
        tally = Tally("forward", FORWARD_NAMES)
        for shape, X, params in forward_problems(rng):
            args = [X, *params]
            passed = [a.copy() for a in args]
            with earlier_findings_first(tally):
                result = expect_outputs("forward", call_student("forward", forward, *passed), FORWARD_NAMES)
            where = f" (m, n_in, n_hidden, n_out = {shape})" if isinstance(shape, tuple) else f" (for {shape})"
            expected = network.forward(*args)
            if not diagnosis.all_match(result, expected):
                other = [X, *(p + rng.standard_normal(p.shape) for p in params)]
                expect_not_fixed("forward", forward, FORWARD_NAMES, result, other)
            tally.add(Trial(dict(zip(("X", *PARAMETER_NAMES), args)), result, expected, where,
                            {"m": X.shape[0], "n_in": X.shape[1]}))
            note_changed_inputs(tally, args, passed, ["X", *PARAMETER_NAMES])
        return rubric_score(tally, {name: name for name in FORWARD_NAMES})

    return run_check("forward", {"forward": forward}, body, stale_modules)


def check_compute_loss(compute_loss, stale_modules=None):
    """compute_loss matches the reference, returns one number, and stays finite at predictions of 0 and 1 (rubric)."""

    def body():
        rng = np.random.default_rng(3)
        cases = []
        for m in (4, 1, 9):
            cases.append((rng.integers(0, 2, size=(m, 1)).astype(float), rng.uniform(0.01, 0.99, size=(m, 1))))
        cases[0][0][:2] = [[0.0], [1.0]]  # both kinds of target in the first batch, so a missing term shows
        cases.append((np.array([[1.0], [0.0], [1.0], [0.0]]), np.array([[1.0], [0.0], [0.0], [1.0]])))
        tally = Tally("compute_loss", ["the loss", "the loss at predictions of exactly 0 and 1"])
        arrays = []
        for index, (y_true, y_pred) in enumerate(cases):
            passed = [y_true.copy(), y_pred.copy()]
            with earlier_findings_first(tally):
                loss = call_student("compute_loss", compute_loss, *passed)
            if np.ndim(loss) != 0:
                if np.size(loss) != 1:
                    raise CheckFailed(f"compute_loss must return a single number; it returned {type(loss).__name__} of "
                                      f"shape {np.shape(loss)}. " + loss_shape_cause(np.shape(loss), y_true.shape),
                                      "compute_loss.per_example" if np.shape(loss) == y_true.shape else "compute_loss.not_one_number")
                arrays.append(np.shape(loss))
                loss = np.asarray(loss, dtype=float).reshape(())
            label = f" for y_true = {y_true.ravel().astype(int).tolist()}, y_pred = {y_pred.ravel().round(3).tolist()}"
            expected = network.compute_loss(y_true, y_pred)
            clipped = index == len(cases) - 1
            tally.add(Trial({"y_true": y_true, "y_pred": y_pred}, [expected if clipped else loss, loss if clipped else expected],
                            [expected, expected], "", {"m": y_true.shape[0]},
                            whole=([loss], [expected], [f"the loss{label},"])))
            note_changed_inputs(tally, [y_true, y_pred], passed, ["y_true", "y_pred"])
        score = rubric_score(tally, {"the loss": "loss", "the loss at predictions of exactly 0 and 1": "clipping"})
        if arrays and score.first_failure == "":
            score.deductions.append(rubric.Deduction(
                "compute_loss.array_of_one_number", rubric.RUBRICS["compute_loss"].part("one_number").points,
                f"compute_loss returned an array of shape {arrays[0]}, not a number. "
                + loss_shape_cause(arrays[0], (0,))))
        return score

    return run_check("compute_loss", {"compute_loss": compute_loss}, body, stale_modules)


def loss_shape_cause(shape, target_shape):
    if shape == target_shape:
        return "It holds one loss per example: average them into one number (np.mean, or np.sum(...) / m)."
    if int(np.prod(shape)) == 1:
        return "It is an array holding one number: return the number itself, for example float(loss)."
    return "Average the per-example losses over the batch into one number."


def check_backward(backward, stale_modules=None):
    """backward matches the reference gradients on networks of several sizes (rubric graded).

    The reference itself agrees with finite differences (tests/test_reference.py).
    """

    def body():
        rng = np.random.default_rng(4)
        tally = Tally("backward", GRADIENT_NAMES)
        for shape in PROBLEM_SHAPES:
            X, y, (W1, b1, W2, b2) = random_problem(rng, *shape)
            args = [X, y, *network.forward(X, W1, b1, W2, b2), W1, W2]
            passed = [a.copy() for a in args]
            with earlier_findings_first(tally):
                result = expect_outputs("backward", call_student("backward", backward, *passed), GRADIENT_NAMES)
            tally.add(Trial(dict(zip(BACKWARD_INPUT_NAMES, args)), result, network.backward(*args),
                            f" (m, n_in, n_hidden, n_out = {shape})", {"m": shape[0], "n_in": shape[1]}))
            note_changed_inputs(tally, args, passed, BACKWARD_INPUT_NAMES)
        return rubric_score(tally, {name: name for name in GRADIENT_NAMES})

    return run_check("backward", {"backward": backward}, body, stale_modules)


def check_update_weights(update_weights, stale_modules=None):
    """update_weights takes one gradient-descent step on all four parameters with the given rate (rubric graded)."""

    def body():
        rng = np.random.default_rng(5)
        tally = Tally("update_weights", PARAMETER_NAMES)
        for shape, lr in zip(PROBLEM_SHAPES, (0.5, 0.1, 1.0, 0.05)):
            _, _, params = random_problem(rng, *shape)
            grads = [rng.standard_normal(p.shape) for p in params]
            # Updating in place is allowed, so the student gets copies and we compare what comes back.
            passed = [a.copy() for a in (*params, *grads)]
            with earlier_findings_first(tally):
                result = expect_outputs("update_weights", call_student("update_weights", update_weights, *passed, lr),
                                        PARAMETER_NAMES)
            expected = network.update_weights(*params, *grads, lr)
            if not diagnosis.all_match(result, expected):
                other = [p + 1.0 for p in params] + [g * 2.0 for g in grads] + [lr / 2]
                expect_not_fixed("update_weights", update_weights, PARAMETER_NAMES, result, other)
            inputs = dict(zip((*PARAMETER_NAMES, *GRADIENT_NAMES, "lr"), (*params, *grads, lr)))
            tally.add(Trial(inputs, result, expected, f" (lr = {lr})", {"lr": lr}))
        return rubric_score(tally, {name: name for name in PARAMETER_NAMES})

    return run_check("update_weights", {"update_weights": update_weights}, body, stale_modules)


def check_xor(forward, compute_loss, backward, update_weights, seeds=XOR_SEEDS, stale_modules=None):
    """The student's own functions, trained with the tutorial's settings, classify all four XOR points.

    They also train, the same way, on XNOR (the same inputs, labels flipped): a network whose outputs
    are fixed for these four inputs cannot get both right, and every correct network does.
    """
    functions = {"forward": forward, "compute_loss": compute_loss, "backward": backward, "update_weights": update_weights}
    namespace = getattr(forward, "__globals__", None)
    if isinstance(namespace, dict):
        namespace.pop(SHARED_XOR_RUN, None)  # only a run this check made may be shared, never one left before it

    def body():
        X, y = xor_data()
        # CPU time decides (see "Limits"); the clock only stops code that sleeps or waits.
        cpu_deadline = time.process_time() + XOR_TIME_LIMIT_SECONDS
        started = time.monotonic()
        wall_deadline = started + wall_backstop(XOR_TIME_LIMIT_SECONDS)
        waited = []

        def out_of_time(epoch, history, params):
            now = time.monotonic()
            if now > wall_deadline:
                waited.append(True)
                return True
            # A single thread cannot use more CPU seconds than have passed, so the CPU clock (a system call here,
            # ten times the cost of the wall clock's) is read only once the limit has passed on the wall clock.
            return now - started > XOR_TIME_LIMIT_SECONDS and time.process_time() > cpu_deadline

        shared = None
        for seed in seeds:
            for problem, labels in (("XOR", y), ("XNOR", 1 - y)):
                # The global random state is fixed for the run and restored after, whatever the student's code does to it.
                state = np.random.get_state()
                np.random.seed(seed)
                try:
                    params, history = call_student("the training loop", training.train, X, labels, training.HIDDEN_UNITS,
                                                   training.LEARNING_RATE, training.EPOCHS, seed, functions, out_of_time,
                                                   True, trip=STUDENT_FUNCTIONS, needs=functions,  # loss_only
                                                   seconds=XOR_TIME_LIMIT_SECONDS + CALL_TIME_LIMIT_SECONDS)
                    final = call_student("forward", forward, X, *params, trip=STUDENT_FUNCTIONS)
                finally:
                    np.random.set_state(state)
                if len(history.loss) < training.EPOCHS:
                    took = (f"took longer than {wall_backstop(XOR_TIME_LIMIT_SECONDS):g} s on the clock while using "
                            "little CPU. Do your functions wait or sleep?" if waited else
                            f"used more than the {XOR_TIME_LIMIT_SECONDS:g} s of CPU time allowed. Are your functions "
                            "vectorised?")
                    raise CheckFailed(f"XOR training stopped after {len(history.loss)} of {training.EPOCHS} epochs: it {took}",
                                      "xor.too_slow")
                acc = training.accuracy(labels, np.asarray(expect_outputs("forward", final, FORWARD_NAMES)[3], dtype=float))
                # A network whose parameters changed shape and fails is broken, not hard-coded: say that instead.
                # (Some such networks still learn both, and keep their points.)
                grown = [f"{name} has shape {np.shape(value)} instead of {np.shape(start)}" for name, value, start in zip(
                    PARAMETER_NAMES, params, network.initialize_weights(X.shape[1], training.HIDDEN_UNITS, 1, seed=seed))
                    if np.shape(value) != np.shape(start)]
                if grown and acc < 1.0:
                    raise CheckFailed(f"after training, {'; '.join(grown)}: a gradient of the wrong shape broadcasts "
                                      "into its parameter. Fix the functions whose own checks fail first.",
                                      "xor.parameter_shapes_changed")
                if acc < 1.0 and problem == "XNOR":
                    raise NotComputed(
                        "your network learns XOR but not XNOR (the same four inputs with the labels flipped), trained the "
                        f"same way: its accuracy there is {acc:.0%}. A correct network learns both, so its outputs must not "
                        "be fixed (hard-coded) anywhere for these inputs; results that were not computed earn no points.")
                if acc < 1.0:
                    raise CheckFailed(
                        f"after {training.EPOCHS} epochs (lr {training.LEARNING_RATE}, {training.HIDDEN_UNITS} hidden units, "
                        f"seed {seed}) XOR accuracy is {acc:.0%}, loss went from {history.loss[0]:.4f} to "
                        f"{history.loss[-1]:.4f}. Fix the functions whose own checks fail first.", "xor.not_learned")
                if problem == "XOR" and seed == 0:
                    shared = (params, list(history.loss))

        if isinstance(namespace, dict) and shared is not None:  # every run passed
            namespace[SHARED_XOR_RUN] = shared
        return Score([])

    return run_check("xor", functions, body, stale_modules)


# One small input per function, for the tripwire probe of check_own_work.
def _probe_arguments(function):
    X, y, (W1, b1, W2, b2) = random_problem(np.random.default_rng(6), 3, 2, 4, 1)
    z1, a1, z2, a2 = network.forward(X, W1, b1, W2, b2)
    return {"sigmoid": (z1,), "forward": (X, W1, b1, W2, b2), "compute_loss": (y, a2),
            "backward": (X, y, z1, a1, z2, a2, W1, W2),
            "update_weights": (W1, b1, W2, b2, W1 * 0.1, b1 * 0.1, W2 * 0.1, b2 * 0.1, 0.5)}[function]


def check_own_work(topic, fn, stale_modules=None, helpers=None):
    """Integrity alone, for test cells whose points are earned by their visible part.

    fn is also called once with the tripwire set; any other result or error is the visible tests' business.
    """

    def own_work():
        arguments = [a.copy() if isinstance(a, np.ndarray) else a for a in _probe_arguments(topic)]
        try:
            call_student(topic, fn, *arguments)
        except (ReferenceUsed, CallTimedOut):  # the visible part would wait for the cell's whole time-out
            raise
        except CheckFailed:
            pass

    report = run_check(topic, {topic: fn}, own_work, stale_modules, helpers)
    report.message = report.message if not report.ok else f"{topic}: nothing to report."
    return report


# The check behind each function's hidden rubric cell (rubric.RUBRICS[function].cell).
FULL_CHECKS = {"sigmoid": check_sigmoid, "forward": check_forward, "compute_loss": check_compute_loss,
               "backward": check_backward, "update_weights": check_update_weights}
# What the XOR test trains with (the student's sigmoid through their forward).
XOR_FUNCTIONS = ("forward", "compute_loss", "backward", "update_weights")
# The 0-point gradient check cell also uses the given finite-difference helpers: they must still do their job.
GRADIENT_CHECK_CELL = "backward_gradcheck"


def check(topic, namespace, stale_modules=None, cell=None):
    """The Report for test cell `cell` of `topic` (a student function's name, or "xor"), from the student's namespace.

    The rubric cell of a function runs its full check; "xor" trains with all four of the student's functions;
    every other test cell earns its points by its visible part, and its hidden part looks at integrity alone.
    """
    names = XOR_FUNCTIONS if topic == "xor" else (topic,)
    missing = [name for name in names if not callable(namespace.get(name))]
    if missing:
        return Report(topic, False, f"{missing[0]} is not defined: run its cell (and keep its name) first.")
    if topic == "xor":
        return check_xor(*(namespace[name] for name in names), stale_modules=stale_modules)
    if cell == rubric.RUBRICS[topic].cell:
        return FULL_CHECKS[topic](namespace[topic], stale_modules=stale_modules)
    helpers = integrity.GRADCHECK_HELPERS if cell == GRADIENT_CHECK_CELL else None
    return check_own_work(topic, namespace[topic], stale_modules=stale_modules, helpers=helpers)
