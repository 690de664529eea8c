"""Cheat: the sigmoid cell imports the grader's checks and replaces check_sigmoid by one that always passes,
then leaves sigmoid wrong. Each hidden test imports the grader afresh, so the patch is never used, and the
change itself is found: no function earns points."""

BASE = "correct_reference"
EXPECTED = {"sigmoid": 0, "forward": 0, "compute_loss": 0, "backward": 0, "update_weights": 0, "xor": 0}
CAUSE = "changes the grader's own package"
CAUSE_ID = "integrity.grader_changed"
CELLS = {"sigmoid": '''import scratchnet_solution.assignments.scratchnet.checks as _grader

_grader.check_sigmoid = lambda *args, **kwargs: _grader.Report("sigmoid", True, "")
_grader.check_own_work = lambda *args, **kwargs: _grader.Report("sigmoid", True, "")


def sigmoid(z):
    return np.zeros_like(z)
'''}
