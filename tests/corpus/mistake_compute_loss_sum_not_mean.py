"""compute_loss sums over the batch instead of averaging.

XOR: the loss value does not steer training (backward does) (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 0, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'divide by the batch'
CAUSE_ID = 'compute_loss.sum_not_mean'


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
