"""compute_loss is the mean squared error, not cross-entropy.

XOR: the loss value does not steer training (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 0, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'squared error'
CAUSE_ID = 'compute_loss.mse'


def compute_loss(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))
