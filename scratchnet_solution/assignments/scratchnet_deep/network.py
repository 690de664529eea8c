"""The reference L-layer network: initialisation, the forward and backward steps with caches, the cost.

Shapes continue the first assignment's: m samples in rows, so a layer computes Z = A_prev @ W + b with
A_prev of shape (m, n_prev), W of shape (n_prev, n) and the bias a row vector b of shape (1, n).
Layer l's parameters are parameters["W{l}"] and parameters["b{l}"], for l = 1 .. L. Hidden layers use one
activation (ReLU, tanh or sigmoid); the output layer is always a sigmoid, for binary classification.
"""
import numpy as np

# Predictions are clipped into [EPSILON, 1 - EPSILON] before the logarithm, as in the first assignment.
EPSILON = 1e-15
ACTIVATIONS = ("relu", "tanh", "sigmoid")
# Gain of each initialisation's standard deviation: sqrt(gain / n_prev). He keeps a ReLU layer's
# output variance equal to its input's (half the units are off); Xavier (Glorot) does so for tanh.
INIT_GAINS = {"he": 2.0, "xavier": 1.0}


def initialize_parameters(layer_dims, method="he", seed=0):
    """Random weights scaled for the activation, zero biases.

    Inputs:
    - layer_dims: list of layer sizes [n_0, n_1, ..., n_L]: n_0 inputs, n_L outputs
    - method: "he" (std sqrt(2 / n_prev), for ReLU) or "xavier" (std sqrt(1 / n_prev), for tanh and sigmoid)
    - seed: seeds numpy.random.default_rng; the weights are drawn layer by layer, W1 first

    Returns a dict: "W{l}" of shape (n_{l-1}, n_l) and "b{l}" of shape (1, n_l) for l = 1 .. L.
    """
    if method not in INIT_GAINS:
        raise ValueError(f"method must be one of {sorted(INIT_GAINS)}, got {method!r}")
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        parameters[f"W{layer}"] = rng.standard_normal((n_prev, n)) * np.sqrt(INIT_GAINS[method] / n_prev)
        parameters[f"b{layer}"] = np.zeros((1, n))
    return parameters


def linear_forward(A_prev, W, b):
    """The linear step of one layer.

    Inputs:
    - A_prev: the previous layer's activations, shape (m, n_prev)
    - W: shape (n_prev, n); b: shape (1, n)

    Returns (Z, cache): Z = A_prev @ W + b of shape (m, n), and cache = (A_prev, W, b) for the backward step.
    """
    Z = A_prev @ W + b
    return Z, (A_prev, W, b)


def _sigmoid(Z):
    # exp(-|Z|) is at most 1, so neither branch overflows for large |Z|.
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def activation_forward(Z, activation):
    """An activation applied elementwise.

    Inputs:
    - Z: pre-activations, any shape
    - activation: "relu" (max(0, Z)), "tanh" or "sigmoid" (1 / (1 + exp(-Z)), without overflow)

    Returns A, an array of Z's shape.
    """
    Z = np.asarray(Z, dtype=float)
    if activation == "relu":
        return np.maximum(0.0, Z)
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "sigmoid":
        return _sigmoid(Z)
    raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")


def linear_activation_forward(A_prev, W, b, activation):
    """One whole layer forward: the linear step, then the activation.

    Inputs:
    - A_prev: shape (m, n_prev); W: shape (n_prev, n); b: shape (1, n)
    - activation: "relu", "tanh" or "sigmoid"

    Returns (A, cache): A of shape (m, n), and cache = (linear_cache, Z) where linear_cache is
    linear_forward's cache and Z the pre-activations of shape (m, n).
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    return activation_forward(Z, activation), (linear_cache, Z)


def layer_count(parameters):
    """L, the number of layers with parameters ("W1" .. "WL")."""
    return sum(1 for name in parameters if name.startswith("W"))


def model_forward(X, parameters, hidden_activation="relu"):
    """The whole network forward: L - 1 hidden layers with `hidden_activation`, then a sigmoid output layer.

    Inputs:
    - X: inputs, shape (m, n_0)
    - parameters: as initialize_parameters returns them, L layers
    - hidden_activation: "relu", "tanh" or "sigmoid"

    Returns (AL, caches): AL the output probabilities, shape (m, n_L), and caches the list of the L layers'
    caches (linear_activation_forward's), first layer first.
    """
    A, caches = X, []
    L = layer_count(parameters)
    for layer in range(1, L + 1):
        activation = "sigmoid" if layer == L else hidden_activation
        A, cache = linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], activation)
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y):
    """Binary cross-entropy, summed over outputs and averaged over the m samples.

    Inputs:
    - AL: predicted probabilities, shape (m, n_L); clipped to [1e-15, 1 - 1e-15] first
    - Y: targets in {0, 1}, shape (m, n_L)

    Returns the cost as a Python float.
    """
    P = np.clip(AL, EPSILON, 1 - EPSILON)
    Y = np.asarray(Y, dtype=float)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[0])


def activation_backward(dA, Z, activation):
    """The gradient through an activation: dZ = dA * g'(Z), elementwise.

    Inputs:
    - dA: gradient of the cost with respect to the activations A = g(Z), any shape
    - Z: the pre-activations the forward step cached, the shape of dA
    - activation: "relu" (g' = 1 where Z > 0, else 0), "tanh" (1 - tanh(Z)^2) or "sigmoid" (s (1 - s))

    Returns dZ, the shape of dA.
    """
    if activation == "relu":
        return dA * (Z > 0)
    if activation == "tanh":
        return dA * (1.0 - np.tanh(Z) ** 2)
    if activation == "sigmoid":
        s = _sigmoid(Z)
        return dA * s * (1.0 - s)
    raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")


def linear_backward(dZ, cache):
    """The gradients of one layer's linear step, averaged over the batch.

    Inputs:
    - dZ: gradient of the cost with respect to Z, shape (m, n), for the per-sample costs (not yet divided by m)
    - cache: (A_prev, W, b) from linear_forward

    Returns (dA_prev, dW, db):
    - dA_prev = dZ @ W.T, shape (m, n_prev), per sample like dZ
    - dW = A_prev.T @ dZ / m, shape (n_prev, n)
    - db = the mean of dZ over the samples, shape (1, n)
    """
    A_prev, W, _ = cache
    m = A_prev.shape[0]
    return dZ @ W.T, A_prev.T @ dZ / m, np.sum(dZ, axis=0, keepdims=True) / m


def linear_activation_backward(dA, cache, activation):
    """One whole layer backward: through the activation, then the linear step.

    Inputs:
    - dA: gradient with respect to this layer's activations, shape (m, n)
    - cache: (linear_cache, Z) from linear_activation_forward
    - activation: the activation the layer used forward

    Returns (dA_prev, dW, db), as linear_backward returns them.
    """
    linear_cache, Z = cache
    return linear_backward(activation_backward(dA, Z, activation), linear_cache)


def model_backward(AL, Y, caches, hidden_activation="relu"):
    """The gradients of compute_cost with respect to every parameter, averaged over the batch.

    Inputs:
    - AL: model_forward's output probabilities, shape (m, n_L); Y: targets, shape (m, n_L)
    - caches: model_forward's list of L caches
    - hidden_activation: the activation of the hidden layers

    Returns grads, a dict with "dW{l}" shaped like W{l} and "db{l}" shaped like b{l}, l = 1 .. L.
    For a sigmoid output and the cross-entropy cost the output layer's dZ is simply AL - Y (per sample).
    """
    grads = {}
    L = len(caches)
    linear_cache, _ = caches[-1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - np.asarray(Y, dtype=float), linear_cache)
    for layer in range(L - 1, 0, -1):
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(
            dA, caches[layer - 1], hidden_activation)
    return grads


def predict(X, parameters, hidden_activation="relu"):
    """Class labels 0 or 1, shape (m, n_L): the output probabilities rounded at 0.5."""
    AL, _ = model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(float)
