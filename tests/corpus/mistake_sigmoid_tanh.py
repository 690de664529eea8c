"""sigmoid replaced by tanh.

XOR: with tanh in both layers a2 - y still drives the outputs to the targets; all four points come out right (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 0, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'tanh'
CAUSE_ID = 'sigmoid.tanh'


def sigmoid(z):
    return np.tanh(z)
