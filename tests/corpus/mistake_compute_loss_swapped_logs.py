"""compute_loss with the two logs swapped.

XOR: the loss value does not steer training (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 0, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'swapped'
CAUSE_ID = 'compute_loss.swapped_logs'


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log(1 - p) + (1 - y_true) * np.log(p)))
