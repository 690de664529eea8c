"""Where student code runs while graded: a Jupyter kernel inside bubblewrap (kernelmanager.py), started by
nbgrader through the kernel manager class in nbgrader_config.py. kernel_audit.py runs inside that kernel;
the grader's own package reaches it only as compiled bytecode (grader_copy.py)."""
