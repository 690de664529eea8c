"""Noise: correct functions that emit warnings (a UserWarning on every call, a DeprecationWarning), after the
student turned every warning back on; the plain sigmoid then warns about overflow at z = -1000 too.
Warnings are printed on stderr, which would zero a test cell."""
import warnings

import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}

warnings.resetwarnings()
warnings.simplefilter("always")
np.seterr(all="warn")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    warnings.warn("forward: remember to check the shapes")
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    warnings.warn("compute_loss will change in the next version", DeprecationWarning)
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def backward(X, y, z1, a1, z2, a2, W1, W2):
    warnings.warn("backward: slow path", RuntimeWarning)
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    warnings.warn("update_weights: lr is " + str(lr))
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
