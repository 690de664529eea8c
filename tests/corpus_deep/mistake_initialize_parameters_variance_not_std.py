"""The variance 2 / n_prev used as the standard deviation (no square root)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 5, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "initialize_parameters.no_sqrt"
CAUSE = "the variance: take the square root"


def initialize_parameters(layer_dims, method="he", seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        variance = 2.0 / n_prev if method == "he" else 1.0 / n_prev
        parameters[f"W{layer}"] = rng.standard_normal((n_prev, n)) * variance
        parameters[f"b{layer}"] = np.zeros((1, n))
    return parameters
