"""backward takes sigmoid(a1) * (1 - sigmoid(a1)), applying the sigmoid twice (it calls sigmoid).

XOR: the hidden gradients are scaled wrongly but keep their sign; it converges (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 20, 'update_weights': 10, 'xor': 20}
CAUSE = 'a1 is already sigmoid(z1)'
CAUSE_ID = 'backward.sigmoid_of_activation'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    s = sigmoid(a1)
    dz1 = (dz2 @ W2.T) * s * (1 - s)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m
