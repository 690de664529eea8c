"""forward returns only a2.

XOR: the loop cannot unpack four arrays and crashes (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 0, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'Return all 4'
CAUSE_ID = 'forward.wrong_outputs'


def forward(X, W1, b1, W2, b2):
    a1 = sigmoid(X @ W1 + b1)
    return sigmoid(a1 @ W2 + b2)
