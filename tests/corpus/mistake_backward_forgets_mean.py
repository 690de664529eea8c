"""Bug in backward: the weight gradients are summed over the batch instead of averaged.

The gradients are m times too large, which only acts like a bigger learning rate, so XOR still trains.

XOR: m = 4 times larger steps still converge (20)."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 5, "update_weights": 10, "xor": 20}
CAUSE = "divide each by the batch size"
CAUSE_ID = "backward.forgets_mean"


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    return z1, a1, z2, sigmoid(z2)


def compute_loss(y_true, y_pred):
    y_pred = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return -np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))


def backward(X, y, z1, a1, z2, a2, W1, W2):
    dz2 = a2 - y
    dW2 = a1.T @ dz2
    db2 = np.sum(dz2, axis=0, keepdims=True)
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    dW1 = X.T @ dz1
    db1 = np.sum(dz1, axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    return W1, b1, W2, b2
