"""sigmoid returns its own derivative, s * (1 - s).

XOR: outputs never exceed 0.25, so every prediction is 0 (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 0, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'derivative'
CAUSE_ID = 'sigmoid.returns_derivative'


def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)
