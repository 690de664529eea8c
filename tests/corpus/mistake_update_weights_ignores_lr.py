"""update_weights ignores the learning rate.

XOR: steps of lr 1 instead of 0.5 still converge (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 0, 'xor': 20}
CAUSE = 'ignores the learning rate'
CAUSE_ID = 'update_weights.ignores_lr'


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - dW1, b1 - db1, W2 - dW2, b2 - db2
