"""compute_loss without clipping: inf or nan when a prediction is exactly 0 or 1.

Training never predicts exactly 0 or 1, so XOR still trains.

XOR: training never predicts exactly 0 or 1, and the loss value does not steer training (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 9, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'clip'
CAUSE_ID = 'compute_loss.no_clipping'


def compute_loss(y_true, y_pred):
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
