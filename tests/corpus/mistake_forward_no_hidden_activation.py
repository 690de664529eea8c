"""forward without the hidden layer's sigmoid: the network is linear and cannot learn XOR.

XOR: a linear network cannot separate XOR (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 9, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'a1 = sigmoid(z1)'
CAUSE_ID = 'forward.no_hidden_activation'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = z1
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)
