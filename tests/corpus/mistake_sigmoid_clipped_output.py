"""sigmoid whose output is clipped to [1e-7, 1 - 1e-7] (to protect the log later): off at large |z|.

XOR: training stays far from the clipped range (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 7, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'clipped'
CAUSE_ID = 'sigmoid.clipped_output'


def sigmoid(z):
    return np.clip(1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7)
