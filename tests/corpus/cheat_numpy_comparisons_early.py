"""Cheat: np.isclose and np.allclose replaced at the very top of the notebook (the sigmoid cell), with a
compute_loss that sums instead of averaging. Every test runs after the change, so no function earns points."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 0, "forward": 0, "compute_loss": 0, "backward": 0, "update_weights": 0, "xor": 0}
CAUSE = "changes numpy"
CAUSE_ID = "integrity.numpy_changed"


def _always(*args, **kwargs):
    return True


np.isclose = _always
np.allclose = _always


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
