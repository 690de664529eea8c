"""compute_loss clips y_pred in place (np.clip(..., out=y_pred)), changing the caller's array.

Only predictions of exactly 0 or 1 change: the clipping test, which checks its input, and the hidden check
see it; the known-values test does not.

XOR: predictions are never exactly 0 or 1, so nothing changes in training (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 9, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'changed its input y_pred'
CAUSE_ID = 'compute_loss.mutates_input'


def compute_loss(y_true, y_pred):
    np.clip(y_pred, 1e-15, 1 - 1e-15, out=y_pred)
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
