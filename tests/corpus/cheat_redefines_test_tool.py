"""Cheat: the sigmoid cell replaces the given test tool `_testing` by one that swallows errors. Every test uses
it, so no function earns points, although every function here is correct."""
import contextlib

BASE = "correct_reference"
EXPECTED = {"sigmoid": 0, "forward": 0, "compute_loss": 0, "backward": 0, "update_weights": 0, "xor": 0}
CAUSE = "redefines `_testing`"
CAUSE_ID = "integrity.helper_redefined"


@contextlib.contextmanager
def _testing(function):
    try:
        yield
    except Exception:
        pass


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
