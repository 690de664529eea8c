"""Correct: backward takes the full chain rule through the loss (dL/da2, then the sigmoid's derivative)
instead of the shortcut a2 - y, recomputes the hidden derivative from sigmoid(z1), and the loss uses
np.log1p. Its backward calls sigmoid, so it must not depend on the student's sigmoid when graded."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    return z1, a1, z2, a2


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log1p(-p)))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    da2 = (-(y / a2) + (1 - y) / (1 - a2)) / m  # dL/da2 for the mean loss
    dz2 = da2 * sigmoid_derivative(z2)
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    da1 = dz2 @ W2.T
    dz1 = da1 * sigmoid_derivative(z1)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
