"""forward feeds z1 instead of a1 to the output layer.

XOR: the output is a linear function of X, which cannot separate XOR (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 11, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'z2 = a1 @ W2 + b2'
CAUSE_ID = 'forward.z2_from_z1'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = z1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)
