"""A student's output beside the reference's: equal, or what the difference most likely means.

Every assignment's checks compare arrays; the mistakes that show as a pattern in the numbers are the same
in every assignment (a missing 1/m, a flipped sign, a transpose, a bias of shape (n,) for (1, n)), so they
are named here once, cause first, with a stable cause suffix the class report counts.
"""
from dataclasses import dataclass

import numpy as np

# Values must match the reference this closely; any correct float64 formula is far inside it.
RTOL = 1e-6
ATOL = 1e-9


@dataclass
class Difference:
    """Why `name` differs from the reference: a message a student can act on, and a cause suffix."""

    cause: str
    message: str


def as_array(value):
    """The value as a float array, or None when it is not numbers."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def close(actual, expected):
    """Same shape and values, to float64 rounding."""
    actual = as_array(actual)
    return actual is not None and actual.shape == np.shape(expected) and bool(
        np.allclose(actual, expected, rtol=RTOL, atol=ATOL, equal_nan=True))


def constant_ratio(actual, expected):
    """actual / expected when that is one number over every entry that matters, else None."""
    mask = np.abs(expected) > 1e-8
    if not mask.any():
        return None
    ratio = float(np.median(actual[mask] / expected[mask]))
    # Every entry, zeros of the reference included, must be that multiple (else it is no scaling at all).
    # A factor 0 is no scaling either: the result is all zeros (a mask or a branch that never fires).
    scaled = np.allclose(actual, ratio * expected, rtol=1e-5, atol=ATOL)
    return ratio if scaled and not np.isclose(ratio, 1) and not np.isclose(ratio, 0, atol=1e-8) else None


def difference(name, actual, expected, m=None):
    """None when `actual` matches `expected`; else a Difference naming the likely cause.

    m: the batch size, when a factor m (a sum where a mean belongs, or the other way round) is possible.
    """
    expected = np.asarray(expected, dtype=float)
    array = as_array(actual)
    if array is None:
        return Difference("not_numbers", f"{name} should be an array of numbers; got {type(actual).__name__}.")
    if array.shape != expected.shape:
        if array.shape == expected.shape[::-1] and np.allclose(array.T, expected, rtol=RTOL, atol=ATOL):
            return Difference("transposed", f"{name} is transposed: expected shape {expected.shape}, got {array.shape}.")
        if expected.ndim == 2 and expected.shape[0] == 1 and array.shape == expected.shape[1:]:
            return Difference("flat_bias", f"{name} has shape {array.shape}; keep the row shape {expected.shape} "
                                           "(sum or mean with keepdims=True).")
        return Difference("shape", f"{name} has shape {array.shape}; expected {expected.shape}.")
    if not np.all(np.isfinite(array)) and np.all(np.isfinite(expected)):
        return Difference("not_finite", f"{name} holds nan or inf where the reference is finite (an overflow?).")
    if close(array, expected):
        return None
    ratio = constant_ratio(array, expected)
    # One number divided by another is always "a constant factor": for a single value only the factors that
    # name a mistake (m, 1/m, -1) are claimed, any other ratio is just a wrong value.
    named = [-1.0] + ([m, 1 / m] if m and m > 1 else [])
    if ratio is not None and np.count_nonzero(np.abs(expected) > 1e-8) < 2 and not np.isclose(ratio, named, rtol=1e-5).any():
        ratio = None
    if ratio is not None:
        if m and m > 1 and np.isclose(ratio, m, rtol=1e-5):
            return Difference("factor_m", f"{name} is exactly m = {m} times too large: average over the batch "
                                          "(divide by m).")
        if m and m > 1 and np.isclose(ratio, 1 / m, rtol=1e-5):
            return Difference("factor_inverse_m", f"{name} is exactly m = {m} times too small: divide by m once, "
                                                  "not twice.")
        if np.isclose(ratio, -1, rtol=1e-5):
            return Difference("sign", f"{name} has the wrong sign everywhere: check the sign of your formula.")
        return Difference("scaled", f"{name} is off by the constant factor {ratio:.4g} everywhere.")
    if array.ndim == 0:
        return Difference("wrong", f"{name} is {float(array):.6g}; expected {float(expected):.6g}.")
    worst = np.unravel_index(np.argmax(np.abs(array - expected)), expected.shape)
    return Difference("wrong", f"{name} differs from the reference: at index {tuple(int(i) for i in worst)} it is "
                               f"{array[worst]:.6g}, expected {expected[worst]:.6g}.")
