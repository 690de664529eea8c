"""update_weights adds the gradient: gradient ascent.

XOR: gradient ascent (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 0, 'xor': 0}
CAUSE = 'uphill'
CAUSE_ID = 'update_weights.uphill'


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 + lr * dW1, b1 + lr * db1, W2 + lr * dW2, b2 + lr * db2
