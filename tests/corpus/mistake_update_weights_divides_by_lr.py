"""update_weights divides the gradient by the learning rate.

XOR: steps of 2 instead of 0.5 still converge (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 0, 'xor': 20}
CAUSE = 'divided by the learning rate'
CAUSE_ID = 'update_weights.divides_by_lr'


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - dW1 / lr, b1 - db1 / lr, W2 - dW2 / lr, b2 - db2 / lr
