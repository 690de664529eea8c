"""The generator is always seeded with 42, whatever `seed` says: the same weights for every seed.

A TA takes the points: the seed is part of the specification (runs with other seeds are the same run).

Rubric: only the seeding part (-1 of 8): shapes, scale and biases are right."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 7, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "initialize_parameters.seed_ignored"
CAUSE = "seed the generator with the `seed` argument"


def initialize_parameters(layer_dims, method="he", seed=0):
    gain = {"he": 2.0, "xavier": 1.0}[method]
    rng = np.random.default_rng(42)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        parameters[f"W{layer}"] = rng.standard_normal((n_prev, n)) * np.sqrt(gain / n_prev)
        parameters[f"b{layer}"] = np.zeros((1, n))
    return parameters
