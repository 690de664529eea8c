"""forward uses tanh in the hidden layer (the notebook asks for the sigmoid).

XOR: backward's sigmoid derivative does not fit tanh; 3 of 4 points (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 9, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'tanh'
CAUSE_ID = 'forward.tanh_hidden'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = np.tanh(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)
