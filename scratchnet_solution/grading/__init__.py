"""The grading framework shared by every assignment. It runs in the student's kernel, in hidden test cells.

- comparison.py: a student's array beside the reference's, and what the difference most likely means;
- isolation.py: the student's other functions swapped for the reference while one function is checked;
- hidden_cell.py: the one call a hidden test region makes.

The XOR assignment's checks (checks.py, diagnosis.py, rubric.py at the package's top level) predate this
folder and move onto it next; see the README's "Add an assignment".
"""
