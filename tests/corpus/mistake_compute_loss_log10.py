"""compute_loss with log10.

XOR: the loss value does not steer training (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 0, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'natural log'
CAUSE_ID = 'compute_loss.log10'


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log10(p) + (1 - y_true) * np.log10(1 - p)))
