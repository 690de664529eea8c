"""update_weights updates in place and forgets to return.

XOR: the loop cannot unpack None and crashes (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 0, 'xor': 0}
CAUSE = 'still return'
CAUSE_ID = 'update_weights.wrong_outputs'


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
