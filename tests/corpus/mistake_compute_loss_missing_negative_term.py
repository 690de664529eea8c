"""compute_loss keeps only the y * log(p) term.

XOR: the loss value does not steer training (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 0, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = '(1 - y) * log(1 - y_pred)'
CAUSE_ID = 'compute_loss.missing_negative_term'


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log(p)))
