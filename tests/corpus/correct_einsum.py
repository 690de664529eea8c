"""Correct: every product written with np.einsum, a piecewise sigmoid built with boolean masks,
and the bias gradients reshaped to rows by hand."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def sigmoid(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def forward(X, W1, b1, W2, b2):
    z1 = np.einsum("mi,ih->mh", X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.einsum("mh,ho->mo", a1, W2) + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    p = np.minimum(np.maximum(y_pred, 1e-15), 1 - 1e-15)
    per_example = np.where(y_true == 1, -np.log(p), -np.log(1 - p))
    return per_example.sum() / y_true.shape[0]


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dW2 = np.einsum("mh,mo->ho", a1, dz2) / m
    db2 = dz2.sum(axis=0).reshape(1, -1) / m
    dz1 = np.einsum("mo,ho->mh", dz2, W2) * a1 * (1 - a1)
    dW1 = np.einsum("mi,mh->ih", X, dz1) / m
    db1 = dz1.sum(axis=0).reshape(1, -1) / m
    return dW1, db1, dW2, db2


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return [W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2]
