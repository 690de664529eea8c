"""Weights in the column convention of another course, W of shape (n, n_prev): the shapes are transposed.

Training multiplies X (m, 2) by W1 (8, 2) and crashes.

Rubric: the std and the zero biases are right; every W's shape is not (-3 of 8)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 5, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "initialize_parameters.shape"
CAUSE = "the transpose of (3, 5)"


def initialize_parameters(layer_dims, method="he", seed=0):
    gain = {"he": 2.0, "xavier": 1.0}[method]
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        parameters["W" + str(layer)] = rng.standard_normal((layer_dims[layer], layer_dims[layer - 1])) * np.sqrt(
            gain / layer_dims[layer - 1])
        parameters["b" + str(layer)] = np.zeros((1, layer_dims[layer]))
    return parameters
