"""Correct: update_weights works in place and returns the same arrays; every function returns a list
instead of a tuple; backward copies before working in place."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return [z1, a1, z2, sigmoid(z2)]


def compute_loss(y_true, y_pred):
    p = y_pred.copy()
    np.clip(p, 1e-15, 1 - 1e-15, out=p)
    return -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean()


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2.copy()
    dz2 -= y
    dz1 = dz2 @ W2.T
    dz1 *= a1 * (1 - a1)
    return [X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m]


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    return [W1, b1, W2, b2]
