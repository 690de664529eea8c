"""Correct: the notebook's own reference answers (the instructor's solution cells), docstrings left out.

The BASE of every mistake_ entry: a mistake file holds only the function it gets wrong."""
import numpy as np

EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def initialize_parameters(layer_dims, method="he", seed=0):
    gain = {"he": 2.0, "xavier": 1.0}[method]
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        parameters[f"W{layer}"] = rng.standard_normal((n_prev, n)) * np.sqrt(gain / n_prev)
        parameters[f"b{layer}"] = np.zeros((1, n))
    return parameters


def linear_forward(A_prev, W, b):
    Z = A_prev @ W + b
    return Z, (A_prev, W, b)


def activation_forward(Z, activation):
    Z = np.asarray(Z, dtype=float)
    if activation == "relu":
        return np.maximum(0.0, Z)
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "sigmoid":
        e = np.exp(-np.abs(Z))  # at most 1: no overflow for large |Z|
        return np.where(Z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    raise ValueError(f"activation must be one of ('relu', 'tanh', 'sigmoid'), got {activation!r}")


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    return activation_forward(Z, activation), (linear_cache, Z)


def model_forward(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    L = len(parameters) // 2
    for layer in range(1, L + 1):
        activation = "sigmoid" if layer == L else hidden_activation
        A, cache = linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], activation)
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y):
    P = np.clip(AL, 1e-15, 1 - 1e-15)
    Y = np.asarray(Y, dtype=float)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[0])


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return dA * (Z > 0)
    if activation == "tanh":
        return dA * (1.0 - np.tanh(Z) ** 2)
    if activation == "sigmoid":
        s = activation_forward(Z, "sigmoid")
        return dA * s * (1.0 - s)
    raise ValueError(f"activation must be one of ('relu', 'tanh', 'sigmoid'), got {activation!r}")


def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[0]
    return dZ @ W.T, A_prev.T @ dZ / m, np.sum(dZ, axis=0, keepdims=True) / m


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    return linear_backward(activation_backward(dA, Z, activation), linear_cache)


def model_backward(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    linear_cache, _ = caches[-1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - np.asarray(Y, dtype=float), linear_cache)
    for layer in range(L - 1, 0, -1):
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(
            dA, caches[layer - 1], hidden_activation)
    return grads


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):
    new_parameters, new_velocities = {}, {}
    for name, value in parameters.items():
        v = beta * velocities[f"d{name}"] + (1 - beta) * grads[f"d{name}"]
        new_velocities[f"d{name}"] = v
        new_parameters[name] = value - learning_rate * v
    return new_parameters, new_velocities


def update_parameters_adam(parameters, grads, m, v, t, learning_rate,
                           beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_parameters, new_m, new_v = {}, {}, {}
    for name, value in parameters.items():
        g = grads[f"d{name}"]
        first = beta1 * m[f"d{name}"] + (1 - beta1) * g
        second = beta2 * v[f"d{name}"] + (1 - beta2) * g ** 2
        new_m[f"d{name}"], new_v[f"d{name}"] = first, second
        m_hat = first / (1 - beta1 ** t)
        v_hat = second / (1 - beta2 ** t)
        new_parameters[name] = value - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, new_m, new_v
