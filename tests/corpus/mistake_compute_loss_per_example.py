"""compute_loss returns the per-example losses, not their mean.

The notebook's training loop does not need one number, so XOR still trains.

XOR: the notebook's loop does not need one number, so it trains (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 0, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'one loss per example'
CAUSE_ID = 'compute_loss.per_example'


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
