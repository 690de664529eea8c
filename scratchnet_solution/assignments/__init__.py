"""The assignments the kit grades, one subpackage each, named by its nbgrader assignment id.

Each subpackage holds that assignment's reference answers (what the hidden checks compare with) and the
data and training loop its notebook gives students. The grading framework around them is shared.
"""
