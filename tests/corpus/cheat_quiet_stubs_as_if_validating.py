"""Cheat: the sigmoid cell switches the given test tool to what it does under nbgrader's Validate, where a
test that meets an unfinished function passes quietly and the XOR test lists what is left. The other four
functions are the stub, so their own-work tests would pass with no work done. The tool's integrity probe
sees that it no longer fails a stub every time, so no function earns points, not even the correct sigmoid."""
import numpy as np

EXPECTED = {"sigmoid": 0, "forward": 0, "compute_loss": 0, "backward": 0, "update_weights": 0, "xor": 0}
CAUSE = "redefines `_testing`"
CAUSE_ID = "integrity.helper_redefined"

_UNFINISHED["validating"] = True  # noqa: F821 -- the notebook's setup cell defines it


def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
