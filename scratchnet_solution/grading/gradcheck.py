"""Finite-difference tools for checking analytic gradients."""
import numpy as np

# Centered differences have error O(h^2); 1e-5 balances that against float64 cancellation.
STEP = 1e-5
# Keeps the relative error meaningful when both gradients are essentially zero.
RELATIVE_ERROR_FLOOR = 1e-8


def numerical_gradient(f, x, h=STEP):
    """Centered-difference gradient of a scalar function.

    Inputs:
    - f: function taking an array shaped like x and returning a float
    - x: the point, an array of any shape (not modified)
    - h: step size

    Returns an array shaped like x whose entries are (f(x + h e_i) - f(x - h e_i)) / (2 h).
    """
    x = np.array(x, dtype=float)  # a private copy that we perturb in place
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b, floor=RELATIVE_ERROR_FLOOR):
    """||a - b|| / max(||a|| + ||b||, floor) over whole arrays: 0 when they agree, 1 when opposite.

    Taken over the whole parameter rather than entry by entry, so a gradient entry that is nearly zero
    (where finite differences are all rounding noise) cannot dominate the verdict.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))
