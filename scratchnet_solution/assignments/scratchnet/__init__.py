"""scratchnet: the first assignment, a 2-layer network learning XOR (the tutorial's network).

Students write the functions of STUDENT_FUNCTIONS (network.py holds the reference); data.py and training.py
are what their notebook gives them. checks.py, diagnosis.py and rubric.py are its hidden checks, run in the
grading kernel by the hidden test regions.
"""
from scratchnet_solution.assignments.scratchnet.network import STUDENT_FUNCTIONS

# What the test cells' grade_ids start with: the functions, then the end-to-end XOR test.
TOPICS = (*STUDENT_FUNCTIONS, "xor")

__all__ = ["STUDENT_FUNCTIONS", "TOPICS"]
