"""The deep assignment's hidden checks on right answers written differently and on common mistakes (issue 12).

Each submission here is the reference's own source with one change, run as student code (its own module
namespace, as a notebook's); the table says which check must fail and with which cause id, and every
other check must pass: a mistake costs its own function only. The notebook run through real
`nbgrader autograde` is the last test (slow).
"""
import inspect
import shutil

import pytest

from scratchnet_solution.assignments import scratchnet_deep as deep
from scratchnet_solution.assignments.scratchnet_deep import checks, network, optimizers

REFERENCE_SOURCE = inspect.getsource(network) + "\n" + inspect.getsource(optimizers)
TOPICS = (*deep.STUDENT_FUNCTIONS, "convergence")

# (name, [(old, new), ...]): right answers that look different from the reference.
RIGHT_ANSWERS = [
    ("relu_by_mask", [("return np.maximum(0.0, Z)", "return Z * (Z > 0)")]),
    ("sigmoid_with_clip", [("        return _sigmoid(Z)\n", "        return 1 / (1 + np.exp(-np.clip(Z, -500, 500)))\n")]),
    ("bias_by_mean", [("np.sum(dZ, axis=0, keepdims=True) / m", "dZ.mean(axis=0, keepdims=True)")]),
    ("cost_by_mean_of_sums", [("return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[0])",
                               "return float(np.mean(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P), axis=1)))")]),
    ("momentum_in_place", [("        new_velocities[f\"d{name}\"] = v\n        new_parameters[name] = value - learning_rate * v\n"
                            "    return new_parameters, new_velocities",
                            "        velocities[f\"d{name}\"] = v\n        parameters[name] = value - learning_rate * v\n"
                            "    return parameters, velocities")]),
    ("init_with_legacy_shapes_order", [("rng.standard_normal((n_prev, n)) * np.sqrt(INIT_GAINS[method] / n_prev)",
                                        "rng.normal(0.0, np.sqrt(INIT_GAINS[method] / n_prev), size=(n_prev, n))")]),
]

# (name, replacements, the check that fails, its cause id).
MISTAKES = [
    ("dW_not_averaged", [("A_prev.T @ dZ / m", "A_prev.T @ dZ")], "linear_backward", "linear_backward.factor_m"),
    ("db_flat", [("np.sum(dZ, axis=0, keepdims=True) / m", "np.sum(dZ, axis=0) / m")], "linear_backward",
     "linear_backward.flat_bias"),
    ("dA_prev_averaged", [("return dZ @ W.T, ", "return dZ @ W.T / m, ")], "linear_backward",
     "linear_backward.factor_inverse_m"),
    ("tanh_derivative_not_squared", [("1.0 - np.tanh(Z) ** 2", "1.0 - np.tanh(Z)")], "activation_backward",
     "activation_backward.wrong"),
    ("sigmoid_derivative_is_s", [("return dA * s * (1.0 - s)", "return dA * s")], "activation_backward",
     "activation_backward.wrong"),
    ("leaky_relu", [("return np.maximum(0.0, Z)", "return np.maximum(0.01 * Z, Z)")], "activation_forward",
     "activation_forward.wrong"),
    ("he_and_xavier_swapped", [('INIT_GAINS = {"he": 2.0, "xavier": 1.0}', 'INIT_GAINS = {"he": 1.0, "xavier": 2.0}')],
     "initialize_parameters", "initialize_parameters.he_xavier_swapped"),
    ("init_by_fan_out", [("np.sqrt(INIT_GAINS[method] / n_prev)", "np.sqrt(INIT_GAINS[method] / n)")],
     "initialize_parameters", "initialize_parameters.fan_out"),
    ("init_without_sqrt", [("np.sqrt(INIT_GAINS[method] / n_prev)", "(INIT_GAINS[method] / n_prev)")],
     "initialize_parameters", "initialize_parameters.no_sqrt"),
    ("biases_start_at_one", [('parameters[f"b{layer}"] = np.zeros((1, n))', 'parameters[f"b{layer}"] = np.ones((1, n))')],
     "initialize_parameters", "initialize_parameters.bias_not_zero"),
    ("unseeded", [("rng = np.random.default_rng(seed)\n    parameters = {}", "rng = np.random.default_rng()\n    parameters = {}")],
     "initialize_parameters", "initialize_parameters.not_seeded"),
    ("cost_not_clipped", [("P = np.clip(AL, EPSILON, 1 - EPSILON)", "P = np.asarray(AL, dtype=float)")], "compute_cost",
     "compute_cost.clipping"),
    ("cost_summed", [("/ Y.shape[0])\n\n\ndef activation_backward", ")\n\n\ndef activation_backward")], "compute_cost",
     "compute_cost.factor_m"),
    ("output_layer_not_sigmoid", [('activation = "sigmoid" if layer == L else hidden_activation',
                                   "activation = hidden_activation")], "model_forward", "model_forward.wrong"),
    ("output_gradient_sign", [("AL - np.asarray(Y, dtype=float)", "np.asarray(Y, dtype=float) - AL")], "model_backward",
     "model_backward.sign"),
    ("momentum_without_one_minus_beta", [('v = beta * velocities[f"d{name}"] + (1 - beta) * grads[f"d{name}"]',
                                          'v = beta * velocities[f"d{name}"] + grads[f"d{name}"]')],
     "update_parameters_momentum", "update_parameters_momentum.no_one_minus_beta"),
    ("adam_without_bias_correction", [("m_hat = first / (1 - beta1 ** t)", "m_hat = first"),
                                      ("v_hat = second / (1 - beta2 ** t)", "v_hat = second")],
     "update_parameters_adam", "update_parameters_adam.no_bias_correction"),
    ("cache_order_swapped", [("return activation_forward(Z, activation), (linear_cache, Z)",
                              "return activation_forward(Z, activation), (Z, linear_cache)")],
     "linear_activation_forward", "linear_activation_forward.cache"),
]


def student_namespace(replacements):
    """The reference's source with the replacements made, run as a student's notebook would define it."""
    source = REFERENCE_SOURCE
    for old, new in replacements:
        assert old in source, f"the corpus edit no longer applies: {old!r}"
        source = source.replace(old, new)
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student notebook>", "exec"), namespace)
    return namespace


def reports(namespace):
    return {topic: checks.check(topic, namespace) for topic in TOPICS}


@pytest.mark.parametrize("name, replacements", RIGHT_ANSWERS, ids=[entry[0] for entry in RIGHT_ANSWERS])
def test_a_right_answer_written_differently_passes_every_check(name, replacements):
    failed = {topic: report.message for topic, report in reports(student_namespace(replacements)).items() if not report.ok}
    assert failed == {}


@pytest.mark.parametrize("name, replacements, topic, cause", MISTAKES, ids=[entry[0] for entry in MISTAKES])
def test_a_mistake_fails_its_own_check_with_its_cause_and_costs_nothing_else(name, replacements, topic, cause):
    results = reports(student_namespace(replacements))
    assert not results[topic].ok and results[topic].cause == cause, (results[topic].cause, results[topic].message)
    # Only the function itself and, when the network no longer learns, the end-to-end run may fail.
    others = {t: r.cause for t, r in results.items() if not r.ok and t not in (topic, "convergence")}
    assert others == {}
    assert max(len(line) for line in results[topic].message.splitlines()) <= 100
    # Graded by the rubric: the points of the parts still right (never all of them), a deduction for the rest.
    report, full = results[topic], checks.RUBRICS[topic].max_points
    assert report.max_points == full and 0 <= report.points < full
    assert report.points + sum(d.points for d in report.deductions) == full and cause in [d.id for d in report.deductions]


def test_a_stub_fails_with_the_not_implemented_cause():
    stub = student_namespace([("    Z = A_prev @ W + b\n    return Z, (A_prev, W, b)",
                               "    raise NotImplementedError()")])
    report = checks.check("linear_forward", stub)
    assert report.cause == "linear_forward.not_implemented" and "not implemented" in report.message


def test_a_function_that_calls_the_reference_earns_nothing():
    cheat = student_namespace([])
    cheat["linear_backward"] = eval("lambda dZ, cache: reference.linear_backward(dZ, cache)",
                                    {"reference": network})
    report = checks.check("linear_backward", cheat)
    assert report.cause == "integrity.reference_used" and report.points == 0
    assert [f.id for f in report.integrity] == ["integrity.reference_used"]


def test_outputs_typed_in_are_an_integrity_finding_and_an_honest_constant_is_not():
    """Z the same on every problem is hard-coded; a ReLU that ignores Z's values but keeps its shape is not."""
    cheat = student_namespace([("    Z = A_prev @ W + b\n    return Z, (A_prev, W, b)",
                                "    return np.ones((5, 4)), (A_prev, W, b)")])
    report = checks.check("linear_forward", cheat)
    assert report.cause == "integrity.hard_coded_outputs" and report.points == 0 and "earn no points" in report.message
    zeros = student_namespace([("return np.maximum(0.0, Z)", "return np.zeros_like(Z)")])
    report = checks.check("activation_forward", zeros)
    assert report.cause == "activation_forward.wrong" and report.points == 4


@pytest.mark.slow
def test_the_notebook_graded_by_nbgrader_gives_each_function_its_own_points(tmp_path):
    """The source notebook with its solutions earns 100; with one function broken only its cell loses points, by
    its rubric."""
    import nbformat
    from grading_course import REPO, nbgrader
    from nbgrader.api import Gradebook

    from scratchnet_solution.course.notebooks import read_notebook

    from scratchnet_solution.corpus.submissions import answers_in_source, with_answers, write_submission

    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "source" / "scratchnet_deep", course / "source" / "scratchnet_deep")
    assert nbgrader(course, "generate_assignment", "scratchnet_deep", "--force").returncode == 0
    release = read_notebook(course / "release" / "scratchnet_deep" / "scratchnet_deep.ipynb")
    source = read_notebook(course / "source" / "scratchnet_deep" / "scratchnet_deep.ipynb")
    mistake = [("return dZ @ W.T, A_prev.T @ dZ / m,", "return dZ @ W.T, A_prev.T @ dZ,")]
    for student, answers in (("right", answers_in_source(source)), ("dw_not_averaged", answers_in_source(source, mistake)),
                             ("untouched", {})):
        write_submission(course, student, with_answers(release, answers), assignment="scratchnet_deep")
    graded = nbgrader(course, "autograde", "scratchnet_deep", "--force")
    assert graded.returncode == 0, graded.stderr[-3000:]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {student: {g.name: g.score for g in gradebook.find_submission("scratchnet_deep", student).notebooks[0].grades}
                  for student in ("right", "dw_not_averaged", "untouched")}
        full = {g.name: g.max_score for g in gradebook.find_submission("scratchnet_deep", "right").notebooks[0].grades}
    assert scores["right"] == full and sum(full.values()) == 100
    # The rubric: dW's values are 3 of linear_backward's 10; dA_prev, db and the shapes keep theirs.
    assert scores["dw_not_averaged"] == {**full, "linear_backward_checks": 7.0}
    assert set(scores["untouched"].values()) == {0.0}
    # The cell's lost points are recorded under the check's cause id, for the class report.
    notebook = nbformat.read(course / "autograded" / "dw_not_averaged" / "scratchnet_deep" / "scratchnet_deep.ipynb", 4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "linear_backward_checks")
    verdict = next(o["data"]["application/vnd.scratchnet.verdict+json"] for o in cell.outputs
                   if o.get("output_type") == "display_data")
    assert verdict["deductions"] == [{"id": "linear_backward.factor_m", "points": 3, "message": verdict["deductions"][0]["message"]}]
    assert verdict["points"] == 7



def test_the_integrity_check_knows_the_test_tools_that_compute_answers():
    """checks.TEST_TOOL_ANSWERS names what the notebook's test-tools cell defines: renaming a stand-in there without
    here would let a student function call it unnoticed."""
    import ast

    from course_helpers import REPO
    from scratchnet_solution.assignments.scratchnet_deep.checks import TEST_TOOL_ANSWERS
    from scratchnet_solution.course.notebooks import nbgrader_meta, read_notebook

    notebook = read_notebook(REPO / "source" / "scratchnet_deep" / "scratchnet_deep.ipynb")
    (tools,) = [cell.source for cell in notebook.cells if nbgrader_meta(cell).get("grade_id") == "test_tools"]
    defined = {node.name for node in ast.parse(tools).body if isinstance(node, ast.FunctionDef)}
    defined |= {target.id for node in ast.parse(tools).body if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}
    assert TEST_TOOL_ANSWERS <= defined
    stand_ins = {name for name in defined if name.startswith(("_given_", "_plain_"))}
    assert stand_ins <= TEST_TOOL_ANSWERS
