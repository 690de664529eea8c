"""nbgrader settings for the scratchnet course. nbgrader reads this file from the course folder."""
c = get_config()  # noqa: F821 -- provided by nbgrader when it loads this file

# The course and its one assignment; the folders are nbgrader's defaults under this directory.
c.CourseDirectory.course_id = "scratchnet"
c.CourseDirectory.root = "."

# A cell may run this long before it is interrupted and marked as failed; the XOR training cell
# needs about a second with vectorised code, so 60 s leaves room for slow but correct loops.
c.Execute.timeout = 60

# Students see the stub below in place of each solution region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Test cells come back from the database when grading, so a student cannot edit their way to points.
c.Autograde.create_student = True
