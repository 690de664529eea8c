"""The reference answers to the five functions students write, plus initialisation and prediction.

Shapes follow the notebook: m samples, n_in inputs, n_hidden hidden units, n_out outputs.
Biases are row vectors of shape (1, n) so that broadcasting adds them to every sample.
"""
import numpy as np

# Predictions are clipped into [EPSILON, 1 - EPSILON] before the logarithm, so log(0) never happens.
EPSILON = 1e-15
# The functions students write, in notebook order; the checks, integrity and tools go by these names.
STUDENT_FUNCTIONS = ("sigmoid", "forward", "compute_loss", "backward", "update_weights")


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise.

    Inputs:
    - z: array of any shape (or a scalar)

    Returns an array of the same shape with values in [0, 1]. Large |z| gives 0 or 1, never nan
    and never an overflow warning.
    """
    z = np.asarray(z, dtype=float)
    # exp(-|z|) is at most 1, so neither branch can overflow.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(X, W1, b1, W2, b2):
    """Forward pass of the 2-layer network.

    Inputs:
    - X: inputs, shape (m, n_in)
    - W1: shape (n_in, n_hidden); b1: shape (1, n_hidden)
    - W2: shape (n_hidden, n_out); b2: shape (1, n_out)

    Returns (z1, a1, z2, a2):
    - z1, a1: hidden pre-activations and sigmoid activations, shape (m, n_hidden)
    - z2, a2: output pre-activations and sigmoid probabilities, shape (m, n_out)
    """
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    return z1, a1, z2, a2


def compute_loss(y_true, y_pred):
    """Binary cross-entropy, summed over outputs and averaged over the batch.

    Inputs:
    - y_true: targets in {0, 1}, shape (m, n_out)
    - y_pred: predicted probabilities, shape (m, n_out); clipped to [1e-15, 1 - 1e-15] first

    Returns the loss as a Python float. With one output this is the mean over all entries.
    """
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(y_pred, EPSILON, 1 - EPSILON)
    m = y_true.shape[0]
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)) / m)


def backward(X, y, z1, a1, z2, a2, W1, W2):
    """Gradients of the batch-averaged binary cross-entropy with respect to every parameter.

    Inputs:
    - X: inputs, shape (m, n_in); y: targets in {0, 1}, shape (m, n_out)
    - z1, a1: hidden pre-activations and activations, shape (m, n_hidden)
    - z2, a2: output pre-activations and probabilities, shape (m, n_out)
    - W1: shape (n_in, n_hidden); W2: shape (n_hidden, n_out)

    Returns (dW1, db1, dW2, db2), each with the shape of its parameter.
    """
    m = X.shape[0]
    # For a sigmoid output under cross-entropy, dL/dz2 collapses to a2 - y (per sample).
    dz2 = a2 - y
    dW2 = a1.T @ dz2 / m
    db2 = np.sum(dz2, axis=0, keepdims=True) / m
    da1 = dz2 @ W2.T
    dz1 = da1 * a1 * (1 - a1)  # sigmoid'(z1) written with the activations we already have
    dW1 = X.T @ dz1 / m
    db1 = np.sum(dz1, axis=0, keepdims=True) / m
    return dW1, db1, dW2, db2


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    """One step of gradient descent on every parameter.

    Inputs:
    - W1, b1, W2, b2: current parameters (shapes as in `forward`)
    - dW1, db1, dW2, db2: their gradients, same shapes
    - lr: learning rate, a positive float

    Returns the new (W1, b1, W2, b2). The inputs are left unchanged.
    """
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2


def initialize_weights(n_in=2, n_hidden=4, n_out=1, seed=0):
    """Xavier-style initial parameters, drawn from a private generator.

    The weights are normal with variance 2 / fan_in, as in the tutorial; biases start at zero.
    No global random state is read or changed, so the same seed always gives the same network.

    Returns (W1, b1, W2, b2) with shapes (n_in, n_hidden), (1, n_hidden), (n_hidden, n_out), (1, n_out).
    """
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(2.0 / n_in)
    b1 = np.zeros((1, n_hidden))
    W2 = rng.standard_normal((n_hidden, n_out)) * np.sqrt(2.0 / n_hidden)
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def predict(X, W1, b1, W2, b2):
    """Class labels: 1 where the output probability is at least 0.5, else 0. Shape (m, n_out)."""
    return (forward(X, W1, b1, W2, b2)[3] >= 0.5).astype(int)
