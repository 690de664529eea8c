"""Correct: the student pasted copies of the given initialize_weights and relative_error into a cell
unchanged (harmless: they do what the given cells do), imports numpy again and uses `from numpy import exp`."""
import numpy as np
import numpy
from numpy import exp

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def initialize_weights(n_in=2, n_hidden=4, n_out=1, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(2.0 / n_in)
    b1 = np.zeros((1, n_hidden))
    W2 = rng.standard_normal((n_hidden, n_out)) * np.sqrt(2.0 / n_hidden)
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def relative_error(a, b, floor=1e-8):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))


def sigmoid(z):
    z = numpy.asarray(z, dtype=float)
    return numpy.where(z < 0, exp(numpy.minimum(z, 0)) / (1 + exp(numpy.minimum(z, 0))), 1 / (1 + exp(-numpy.maximum(z, 0))))


def forward(X, W1, b1, W2, b2):
    z1 = X.dot(W1) + b1
    a1 = sigmoid(z1)
    z2 = a1.dot(W2) + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    y_pred = np.clip(y_pred, 1e-15, 1 - 1e-15)
    losses = -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))
    return np.sum(losses) / len(y_true)


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = y.shape[0]
    delta2 = (a2 - y) / m
    delta1 = delta2.dot(W2.T) * a1 * (1 - a1)
    return X.T.dot(delta1), delta1.sum(0, keepdims=True), a1.T.dot(delta2), delta2.sum(0, keepdims=True)


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    params = [W1, b1, W2, b2]
    grads = [dW1, db1, dW2, db2]
    return tuple(np.subtract(p, np.multiply(lr, g)) for p, g in zip(params, grads))
