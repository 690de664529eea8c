"""sigmoid with math.exp, which only takes single numbers: it crashes on arrays.

XOR: training crashes at the first forward pass (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 0, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 0}
CAUSE = 'math.exp'
CAUSE_ID = 'sigmoid.math_exp'


import math


def sigmoid(z):
    return 1 / (1 + math.exp(-z))
