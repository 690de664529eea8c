"""Cheat: a forward without the hidden sigmoid (it cannot learn XOR) and np.array_equal replaced in the
update_weights cell, so the visible XOR test would pass. forward's own tests ran before the change (5 points
for its shapes, and 4 of its rubric's 10: z1 right, the order and the inputs); update_weights and the XOR run come after it and earn nothing."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 9, "compute_loss": 15, "backward": 30, "update_weights": 0, "xor": 0}
CAUSE = "changes numpy"
CAUSE_ID = "integrity.numpy_changed"


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    z2 = z1 @ W2 + b2
    return z1, z1, z2, 1 / (1 + np.exp(-z2))


CELLS = {"update_weights": '''np.array_equal = lambda a, b, equal_nan=False: True


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
'''}
