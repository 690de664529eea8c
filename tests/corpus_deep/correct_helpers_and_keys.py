"""Correct: helpers and constants of the student's own at the top, rng.normal for the weights, the layer count read from the keys, a while loop, caches as lists."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


GAINS = {"he": 2.0, "xavier": 1.0}


def _layers(parameters):
    return len([key for key in parameters if key.startswith("W")])


def initialize_parameters(layer_dims, method="he", seed=0):
    if method not in GAINS:
        raise ValueError("unknown method " + str(method))
    rng = np.random.default_rng(seed)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        parameters[f"W{l}"] = rng.normal(0.0, np.sqrt(GAINS[method] / n_prev), size=(n_prev, n))
        parameters[f"b{l}"] = np.zeros((1, n))
    return parameters


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = activation_forward(Z, activation)
    return A, [linear_cache, Z]


def model_forward(X, parameters, hidden_activation="relu"):
    caches = []
    L = _layers(parameters)
    A = X
    l = 1
    while l < L:
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
        l += 1
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def model_backward(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    dA = None
    for l, cache in reversed(list(enumerate(caches, start=1))):
        if l == L:
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(AL - Y, cache[0])
        else:
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, cache, hidden_activation)
    return grads
