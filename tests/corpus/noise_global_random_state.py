"""Noise: correct functions that reseed numpy's global generator and draw from it (a dropout the student
switched off, a random debugging sample), at the top of a cell and inside the functions."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}

np.random.seed(12345)
_debug_sample = np.random.rand(3, 2)
KEEP_PROBABILITY = 1.0  # dropout switched off


def sigmoid(z):
    np.random.seed(7)
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    mask = np.random.rand(*z1.shape) < KEEP_PROBABILITY  # all True: nothing is dropped
    a1 = sigmoid(z1) * mask
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    np.random.shuffle(_debug_sample)
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def backward(X, y, z1, a1, z2, a2, W1, W2):
    np.random.seed(np.random.randint(1000))
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    np.random.normal(size=W1.shape)
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
