"""Correct: plain Python loops over samples and units where the reference uses products and sums."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def initialize_parameters(layer_dims, method="he", seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        scale = np.sqrt((2.0 if method == "he" else 1.0) / layer_dims[l - 1])
        parameters["W%d" % l] = rng.standard_normal((layer_dims[l - 1], layer_dims[l])) * scale
        parameters["b%d" % l] = np.zeros((1, layer_dims[l]))
    return parameters


def linear_forward(A_prev, W, b):
    Z = np.zeros((A_prev.shape[0], W.shape[1]))
    for i in range(A_prev.shape[0]):
        for j in range(W.shape[1]):
            Z[i, j] = np.dot(A_prev[i], W[:, j]) + b[0, j]
    return Z, (A_prev, W, b)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    dW = np.zeros(W.shape)
    db = np.zeros((1, W.shape[1]))
    for i in range(m):
        dW += np.outer(A_prev[i], dZ[i])
        db[0] += dZ[i]
    dA_prev = np.array([W @ dZ[i] for i in range(m)])
    return dA_prev, dW / m, db / m
