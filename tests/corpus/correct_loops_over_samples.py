"""Correct but slow: Python loops over samples (and over entries in sigmoid, with math.exp), as a
student who does not trust broadcasting yet would write it. Well within the time limits."""
import math

import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for index, value in np.ndenumerate(z):
        if value >= 0:
            out[index] = 1.0 / (1.0 + math.exp(-value))
        else:
            e = math.exp(value)
            out[index] = e / (1.0 + e)
    return out


def forward(X, W1, b1, W2, b2):
    m = X.shape[0]
    z1 = np.zeros((m, W1.shape[1]))
    for i in range(m):
        z1[i] = X[i] @ W1 + b1[0]
    a1 = sigmoid(z1)
    z2 = np.zeros((m, W2.shape[1]))
    for i in range(m):
        z2[i] = a1[i] @ W2 + b2[0]
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    m = y_true.shape[0]
    total = 0.0
    for i in range(m):
        for j in range(y_true.shape[1]):
            p = min(max(float(y_pred[i, j]), 1e-15), 1 - 1e-15)
            total -= y_true[i, j] * math.log(p) + (1 - y_true[i, j]) * math.log(1 - p)
    return total / m


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dW1, db1 = np.zeros_like(W1), np.zeros((1, W1.shape[1]))
    dW2, db2 = np.zeros_like(W2), np.zeros((1, W2.shape[1]))
    for i in range(m):
        dz2 = a2[i] - y[i]
        dW2 += np.outer(a1[i], dz2)
        db2[0] += dz2
        dz1 = (W2 @ dz2) * a1[i] * (1 - a1[i])
        dW1 += np.outer(X[i], dz1)
        db1[0] += dz1
    return dW1 / m, db1 / m, dW2 / m, db2 / m


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    new = []
    for param, grad in ((W1, dW1), (b1, db1), (W2, dW2), (b2, db2)):
        updated = param.copy()
        for index in np.ndindex(param.shape):
            updated[index] = param[index] - lr * grad[index]
        new.append(updated)
    return tuple(new)
