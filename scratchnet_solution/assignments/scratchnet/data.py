"""Training problems. XOR is the one the assignment grades."""
import numpy as np


def xor_data():
    """The four XOR points. Returns X of shape (4, 2) and y of shape (4, 1), both float."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    return X, y
