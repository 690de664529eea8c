"""Correct: the student keeps their own gradient-checking helpers under the given names, numerical_gradient
with forward differences and a relative_error of their own. Only the 0-point self-check uses those names,
so nothing is lost, and helpers that do their job are not flagged (the class report lists no integrity
finding for this student)."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}


def numerical_gradient(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    base = f(x)
    for index in np.ndindex(x.shape):
        x[index] += h
        grad[index] = (f(x) - base) / h
        x[index] -= h
    return grad


def relative_error(a, b, floor=1e-8):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))) / max(np.max(np.abs(a)), floor))


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m
