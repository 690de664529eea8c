"""He and Xavier swapped: he gets sqrt(1 / n_prev), xavier sqrt(2 / n_prev).

Training (He for ReLU) starts with a smaller scale and still learns."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 5, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "initialize_parameters.he_xavier_swapped"
CAUSE = "He and Xavier are swapped"


def initialize_parameters(layer_dims, method="he", seed=0):
    gain = {"he": 1.0, "xavier": 2.0}[method]
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        parameters[f"W{layer}"] = rng.standard_normal((n_prev, n)) * np.sqrt(gain / n_prev)
        parameters[f"b{layer}"] = np.zeros((1, n))
    return parameters
