"""The second assignment's visible tests over its corpus (tests/corpus_deep), as tests/test_public_checks.py
does for the first: correct work passes them, they catch most mistakes in the mistaken function's own test
cell, that cell's message names the cause, and no other function's test fails for it.

The corpus files name the cause id the hidden checks must give (CAUSE_ID); CAUSES below is the text the
visible test of each mistake must contain (what a corpus file's CAUSE is for the first assignment).

`pytest tests/test_public_checks_deep.py -s` prints the two figures the README quotes.
"""
import pytest

from course_helpers import REPO
from scratchnet_solution.assignments import topic_of, topics
from scratchnet_solution.corpus import run as corpus_run
from scratchnet_solution.corpus.entries import load_corpus
from scratchnet_solution.corpus.report import mentions

pytestmark = pytest.mark.slow

ASSIGNMENT = "scratchnet_deep"
TOPICS = topics(ASSIGNMENT)
ENTRIES = [e for e in load_corpus(REPO / "tests" / "corpus_deep", ASSIGNMENT) if e.kind in ("correct", "noise", "mistake")]
MISTAKES = [e for e in ENTRIES if e.kind == "mistake"]

CAUSES = {
    "mistake_activation_backward_forgets_dA": "multiply by dA",
    "mistake_activation_backward_relu_masks_dA": "mask is taken from dA",
    "mistake_activation_backward_relu_times_Z": "max(0, Z), the activation",
    "mistake_activation_backward_sigmoid_of_Z_as_A": "Z * (1 - Z)",
    "mistake_activation_backward_tanh_not_squared": "the square is missing",
    "mistake_activation_forward_leaky_relu": "leaky ReLU",
    "mistake_activation_forward_relu_mask": "the mask Z > 0",
    "mistake_activation_forward_sigmoid_sign": "sign of the exponent",
    "mistake_activation_forward_tanh_falls_through": '"tanh" gives the sigmoid',
    "mistake_activation_forward_tanh_from_sigmoid": "tanh(Z / 2)",
    "mistake_compute_cost_log10": "base 10",
    "mistake_compute_cost_mean_over_outputs": "number of outputs",
    "mistake_compute_cost_missing_minus": "minus sign",
    "mistake_compute_cost_no_clipping": "clip the predictions",
    "mistake_compute_cost_summed": "m = 3 times too large",
    "mistake_compute_cost_swapped_logs": "logs are swapped",
    "mistake_initialize_parameters_column_convention": "the transpose of (3, 5)",
    "mistake_initialize_parameters_fan_out": "fan-out",
    "mistake_initialize_parameters_he_xavier_swapped": "He and Xavier are swapped",
    "mistake_initialize_parameters_ignores_seed": "seed the generator with the `seed` argument",
    "mistake_initialize_parameters_misses_last_layer": "the last layer (W2, b2) is missing",
    "mistake_initialize_parameters_random_biases": "start at zero",
    "mistake_initialize_parameters_variance_not_std": "the variance: take the square root",
    "mistake_linear_activation_backward_always_relu": "pass the `activation` argument on",
    "mistake_linear_activation_backward_cache_unpacked_swapped": "linear_cache, Z = cache",
    "mistake_linear_activation_backward_linear_step_first": "go through the activation first",
    "mistake_linear_activation_backward_returns_dZ": "not dZ",
    "mistake_linear_activation_forward_activation_first": "before the linear step",
    "mistake_linear_activation_forward_always_relu": "use the `activation` argument",
    "mistake_linear_activation_forward_cache_order_swapped": "the cache is (Z, linear_cache)",
    "mistake_linear_activation_forward_caches_A": "the cache holds A",
    "mistake_linear_backward_dA_prev_averaged": "dA_prev is exactly m = 5 times too small",
    "mistake_linear_backward_dW_not_averaged": "dW is exactly m = 5 times too large",
    "mistake_linear_backward_dW_transposed": "the transpose of (3, 2)",
    "mistake_linear_backward_db_flat": "keepdims=True",
    "mistake_linear_backward_db_over_units": "summed over axis 1",
    "mistake_linear_forward_bias_subtracted": "the bias is subtracted",
    "mistake_linear_forward_cache_without_b": "the cache has 2 items",
    "mistake_linear_forward_caches_Z": "the cache holds Z where A_prev belongs",
    "mistake_linear_forward_column_convention": "column convention",
    "mistake_linear_forward_returns_only_Z": "return Z, cache",
    "mistake_model_backward_cache_index_off_by_one": "caches[l - 1]",
    "mistake_model_backward_divides_output_by_m": "m = 6 times too small",
    "mistake_model_backward_hidden_always_relu": "pass hidden_activation on",
    "mistake_model_backward_keys_without_d": "the gradients are keyed W1",
    "mistake_model_backward_output_gradient_sign": "wrong sign",
    "mistake_model_backward_sigmoid_derivative_twice": "through the sigmoid's derivative again",
    "mistake_model_backward_skips_first_layer": "no gradients for layer 1",
    "mistake_model_forward_caches_last_layer_first": "last layer first",
    "mistake_model_forward_counts_all_parameters": "len(parameters) // 2",
    "mistake_model_forward_hidden_always_relu": "use ReLU whatever hidden_activation says",
    "mistake_model_forward_no_output_sigmoid": "the output layer is always the sigmoid",
    "mistake_model_forward_stops_one_layer_early": "stops one layer early",
    "mistake_update_parameters_adam_beta1_for_v": "averaged with beta1",
    "mistake_update_parameters_adam_g_not_squared": "the squared gradient",
    "mistake_update_parameters_adam_no_bias_correction": "no bias correction",
    "mistake_update_parameters_adam_no_sqrt": "square root",
    "mistake_update_parameters_adam_t_minus_one": "t - 1",
    "mistake_update_parameters_adam_t_plus_one": "t + 1",
    "mistake_update_parameters_adam_uphill": "uphill",
    "mistake_update_parameters_momentum_beta_weights_swapped": "the weights are swapped",
    "mistake_update_parameters_momentum_no_one_minus_beta": "(1 - beta) weight of the new gradient is missing",
    "mistake_update_parameters_momentum_steps_with_gradient": "uses the gradient, not the velocity",
    "mistake_update_parameters_momentum_uphill": "uphill",
}


@pytest.fixture(scope="module")
def public():
    """{entry name: {grade_id: None or the message of the failing visible test}}."""
    results = corpus_run.run_each(corpus_run.public_outcomes, ENTRIES, REPO, processes=2)
    return {e.name: outcomes for e, outcomes in zip(ENTRIES, results)}


def own_failures(public, entry):
    """The messages of the failing visible tests of the entry's own function."""
    return [message for grade_id, message in public[entry.name].items()
            if message and topic_of(grade_id, TOPICS) == entry.target]


def test_every_mistake_names_the_text_its_visible_test_must_give():
    assert sorted(CAUSES) == sorted(e.name for e in MISTAKES)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind != "mistake"], ids=lambda e: e.name)
def test_correct_work_passes_the_public_tests(public, entry):
    assert "<error>" not in public[entry.name], public[entry.name]["<error>"]
    failing = {grade_id: message for grade_id, message in public[entry.name].items() if message}
    assert not failing


def test_the_public_tests_catch_most_mistakes(public):
    missed = [e.name for e in MISTAKES if not own_failures(public, e)]
    print(f"\ndeep mistakes caught by their own function's visible test: {len(MISTAKES) - len(missed)} of {len(MISTAKES)}")
    assert len(missed) <= len(MISTAKES) // 10, f"not caught by the tests of their own function: {missed}"


def test_the_public_tests_name_the_cause_of_most_mistakes(public):
    unnamed = [e.name for e in MISTAKES if not any(mentions(message, CAUSES[e.name]) for message in own_failures(public, e))]
    print(f"\ndeep mistakes whose visible test names the cause: {len(MISTAKES) - len(unnamed)} of {len(MISTAKES)}")
    assert len(unnamed) <= len(MISTAKES) // 10, f"visible tests that do not name the cause: {unnamed}"


def test_no_visible_test_of_another_function_fails_for_a_mistake(public):
    """Each function's test puts plain versions in place of the other functions; only the end-to-end
    training uses them all."""
    leaks = {}
    for entry in MISTAKES:
        others = [g for g, message in public[entry.name].items()
                  if message and topic_of(g, TOPICS) not in (entry.target, TOPICS[-1])]
        if others:
            leaks[entry.name] = others
    assert not leaks


def test_every_line_of_a_visible_test_message_fits_in_100_characters(public):
    longest = max((line for outcomes in public.values() for message in outcomes.values() if message
                   for line in message.splitlines()), key=len)
    assert len(longest) <= 100, longest
