"""forward multiplies by W1.T: the shapes do not fit and it crashes.

XOR: training crashes (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 0, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'transpose'
CAUSE_ID = 'forward.matmul_shapes'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1.T + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)
