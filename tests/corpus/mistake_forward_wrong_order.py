"""forward returns the right arrays in the wrong order (a1, z1, a2, z2).

XOR: the loop trains on the wrong arrays and the loss becomes nan (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 14, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'order'
CAUSE_ID = 'forward.wrong_order'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    return a1, z1, a2, z2
