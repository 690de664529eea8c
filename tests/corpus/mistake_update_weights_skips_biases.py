"""update_weights never updates the biases.

XOR: the biases stay zero; the weights alone learn the four points here (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 3, 'xor': 20}
CAUSE = 'update the biases too'
CAUSE_ID = 'update_weights.skips_biases'


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - lr * dW1, b1, W2 - lr * dW2, b2
