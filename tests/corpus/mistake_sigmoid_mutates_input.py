"""sigmoid computed in place in its input array (right values, but the caller's z is overwritten).

The visible values test checks the input too; training does not mind, so XOR trains.

XOR: the values are right and training never reuses z1, so it trains (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 6, 'forward': 15, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'changed its input z'
CAUSE_ID = 'sigmoid.mutates_input'


def sigmoid(z):
    np.negative(z, out=z)
    np.exp(z, out=z)
    return 1 / (1 + z)
