"""Correct: the products written the other way round and transposed back ((W1.T @ X.T).T), biases
reshaped with .reshape(1, -1), and dz1 from the sigmoid of z1 recomputed in backward."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-np.where(z >= 0, z, 0))), np.exp(np.where(z < 0, z, 0)) / (1 + np.exp(np.where(z < 0, z, 0))))


def forward(X, W1, b1, W2, b2):
    z1 = (W1.T @ X.T).T + b1.reshape(1, -1)
    a1 = sigmoid(z1)
    z2 = (W2.T @ a1.T).T + b2.reshape(1, -1)
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    m = y_true.shape[0]
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-(y_true.T @ np.log(p) + (1 - y_true).T @ np.log(1 - p)).item() / m)


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dW2 = (dz2.T @ a1).T / m
    db2 = (np.ones((1, m)) @ dz2) / m
    s = sigmoid(z1)
    dz1 = (W2 @ dz2.T).T * s * (1 - s)
    dW1 = (dz1.T @ X).T / m
    db1 = (np.ones((1, m)) @ dz1) / m
    return dW1, db1, dW2, db2


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    step = lambda p, g: p + (-lr) * g  # noqa: E731
    return step(W1, dW1), step(b1, db1), step(W2, dW2), step(b2, db2)
