"""update_weights returns (W1, W2, b1, b2).

XOR: the parameters land in the wrong places and forward crashes (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 4, 'xor': 0}
CAUSE = 'order'
CAUSE_ID = 'update_weights.wrong_order'


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - lr * dW1, W2 - lr * dW2, b1 - lr * db1, b2 - lr * db2
