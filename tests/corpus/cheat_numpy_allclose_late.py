"""Cheat: a wrong update_weights (it climbs) and np.allclose replaced by a function that always says yes, at the
top of the update_weights cell. The tests of the functions before it ran before the change and keep their
points; every test after it (update_weights, XOR) is void."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 0, "xor": 0}
CAUSE = "changes numpy"
CAUSE_ID = "integrity.numpy_changed"

np.allclose = lambda *args, **kwargs: True


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 + lr * dW1, b1 + lr * db1, W2 + lr * dW2, b2 + lr * db2
