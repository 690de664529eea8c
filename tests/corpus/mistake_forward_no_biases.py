"""forward forgets both biases.

XOR: four hidden units learn it without biases here (100%, every output at least 0.45 from 0.5) (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 5, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'biases are missing'
CAUSE_ID = 'forward.no_biases'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1
    a1 = sigmoid(z1)
    z2 = a1 @ W2
    return z1, a1, z2, sigmoid(z2)
