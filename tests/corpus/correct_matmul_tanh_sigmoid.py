"""Correct: np.matmul, a sigmoid written with tanh (stable for any z), means instead of sums / m,
and the loss as a Python float."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def forward(X, W1, b1, W2, b2):
    z1 = np.matmul(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.matmul(a1, W2) + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))))


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = len(X)
    dz2 = a2 - y
    dz1 = np.matmul(dz2, W2.T) * (a1 - a1 ** 2)
    return (np.matmul(X.T, dz1) / m, np.mean(dz1, axis=0, keepdims=True),
            np.matmul(a1.T, dz2) / m, np.mean(dz2, axis=0, keepdims=True))


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return tuple(p - lr * g for p, g in zip((W1, b1, W2, b2), (dW1, db1, dW2, db2)))
