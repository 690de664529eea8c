"""Cheat: compute_loss reaches the grader's reference with the names assembled at run time, so no constant in
its code spells the package's name; the tripwire on the reference catches the call while it runs."""

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 0, "backward": 30, "update_weights": 10, "xor": 0}
CAUSE = "grader's own reference solution"
CAUSE_ID = "integrity.reference_used"


def compute_loss(y_true, y_pred):
    module = __import__("".join(["scratch", "net_sol", "ution.assign", "ments.scratchnet.network"]), fromlist=["x"])
    return getattr(module, "".join(["compute", "_loss"]))(y_true, y_pred)
