"""The grading framework shared by every assignment. It runs in the grading kernel, in hidden test cells,
next to the student's code (which is why integrity.py watches what that code did to it).

- hidden_cell.py: the one call a hidden test region makes (the assignment's check, then the verdict);
- calls.py: calling student code (CPU-time limits, stubs, crashes, the reference tripwire);
- report.py: a check's Report, and the CheckFailed it raises to stop;
- crashes.py: the usual crashes, named;
- isolation.py: the student's other functions swapped for the reference while one function is checked;
- comparison.py: a student's array beside the reference's, and what the difference most likely means;
- integrity.py: the reference used, numpy or the grader changed, given helpers replaced;
- hard_coded.py: results that stay the same whatever the inputs (typed in, not computed);
- rubric.py: a function's hidden cell graded part by part, and the feedback of a partly right one;
- gradcheck.py: finite-difference gradients (also given to students in their notebooks);
- verdicts.py: the record a test cell publishes for GradeFromVerdicts;
- wrapping.py: messages in lines a reader never scrolls sideways for.
"""
