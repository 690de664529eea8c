"""Untouched: the released notebook handed in as it was."""

EXPECTED = {"sigmoid": 0, "forward": 0, "compute_loss": 0, "backward": 0, "update_weights": 0, "xor": 0}
