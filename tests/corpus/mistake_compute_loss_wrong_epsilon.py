"""compute_loss clips at 1e-7 instead of 1e-15.

XOR: training never reaches the clipped range (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 9, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = '1e-07 instead of 1e-15'
CAUSE_ID = 'compute_loss.wrong_epsilon'


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
