"""forward returns the output pre-activation as the prediction: a2 = z2.

XOR: a2 - y on a linear output is least squares, which fits the four points exactly (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 13, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'a2 = sigmoid(z2)'
CAUSE_ID = 'forward.no_output_activation'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, z2
