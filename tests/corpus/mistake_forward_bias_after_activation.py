"""forward adds each bias after the sigmoid instead of before it.

XOR: outputs leave [0, 1] and the loss becomes nan (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 5, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'after the sigmoid'
CAUSE_ID = 'forward.bias_after_activation'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1
    a1 = sigmoid(z1) + b1
    z2 = a1 @ W2
    return z1, a1, z2, sigmoid(z2) + b2
