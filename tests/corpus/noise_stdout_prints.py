"""Noise: correct functions that print to the screen on every call, thousands of lines during training, and
an old-code habit (np.float = float) that adds a name to numpy without replacing anything the tests use."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}

np.float = float


def sigmoid(z):
    z = np.asarray(z, dtype=np.float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    print("forward: a2 =", a2.ravel()[:4])
    return z1, a1, z2, a2


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    loss = float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
    print("loss", loss)
    return loss


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    grads = X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m
    print("gradient norms", [round(float(np.linalg.norm(g)), 4) for g in grads])
    return grads


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    print("update")
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
