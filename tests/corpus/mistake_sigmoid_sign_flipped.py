"""sigmoid with the sign of the exponent flipped: 1 / (1 + exp(z)).

XOR: backward assumes the real sigmoid, so training climbs the wrong way and fails (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 0, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'sign of the exponent'
CAUSE_ID = 'sigmoid.sign_flipped'


def sigmoid(z):
    return 1 / (1 + np.exp(z))
