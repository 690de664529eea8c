"""nbgrader settings for the scratchnet course. nbgrader reads this file from the course folder."""
c = get_config()  # noqa: F821 -- provided by nbgrader when it loads this file

# The course and its one assignment; the folders (source/, release/, submitted/, autograded/) are
# nbgrader's defaults under the directory nbgrader runs in, which must be this one.
c.CourseDirectory.course_id = "scratchnet"

# A cell may run this long before it is interrupted and marked as failed; the XOR training cell
# needs about a second with vectorised code, so 60 s leaves room for slow but correct loops.
c.Execute.timeout = 60

# Students see the stub below in place of each solution region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A student who is not in the gradebook yet is added when their first submission is graded.
c.Autograde.create_student = True
