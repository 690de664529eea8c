"""Correct: the loss returned with .item(), a sigmoid that clips z to [-500, 500] before np.reciprocal
(exact to far below float64 resolution), bias gradients made rows with np.newaxis, and an update built with map."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    clipped = np.clip(z, -500, 500)
    return np.reciprocal(1.0 + np.exp(-clipped))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return (-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p))).item()


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    grads = (X.T @ dz1, np.sum(dz1, axis=0)[np.newaxis, :], a1.T @ dz2, np.sum(dz2, axis=0)[np.newaxis, :])
    return tuple(g / m for g in grads)


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return list(map(lambda pair: pair[0] - lr * pair[1], zip((W1, b1, W2, b2), (dW1, db1, dW2, db2))))
