"""sigmoid replaced by a hard step at 0.

XOR: the step has no slope to learn with; 3 of 4 points (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 2, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'step'
CAUSE_ID = 'sigmoid.step'


def sigmoid(z):
    return (np.asarray(z) > 0).astype(float)
