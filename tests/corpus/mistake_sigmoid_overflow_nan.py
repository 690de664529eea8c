"""sigmoid as exp(z) / (1 + exp(z)) for every z: right for small z, nan at z = 1000 (inf / inf).

Training never reaches such z, so XOR still trains.

XOR: training never reaches |z| near 700, so it trains as the reference does (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 7, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'overflows'
CAUSE_ID = 'sigmoid.overflow_nan'


def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
