"""Grading a whole class: `scratchnet autograde` and its worker processes, the class's results, the score
table and the class report. Runs in the instructor's process; student code only ever runs in sandboxed kernels."""
