"""The course folder: where it is and how to run nbgrader in it (folder.py), who may read what in it
(permissions.py), and whether an assignment is ready to grade (readiness.py)."""
