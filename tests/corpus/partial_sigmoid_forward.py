"""Partial: only sigmoid and forward are done; the other functions are still the stub."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 0, "backward": 0, "update_weights": 0, "xor": 0}


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


def forward(X, W1, b1, W2, b2):
    z1 = np.matmul(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.matmul(a1, W2) + b2
    return z1, a1, z2, sigmoid(z2)
