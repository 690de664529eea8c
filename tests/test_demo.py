"""The demo's sample class has names, so the formgrader lists "Lovelace, Ada" rather than "None, None"."""
from nbgrader.api import Gradebook

from course_helpers import REPO
from scratchnet_solution.commands import demo
from scratchnet_solution.course.folder import new_course


def test_sample_students_are_in_the_gradebook_by_name(tmp_path):
    course = new_course(tmp_path / "course", REPO)
    demo.add_sample_students(course)
    demo.add_sample_students(course)  # twice, as a second `make demo` does: still one row each
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        names = {s.id: (s.first_name, s.last_name) for s in gradebook.students}
    assert names == demo.SAMPLE_NAMES
    assert set(demo.SAMPLE_NAMES) == {student for students in demo.SAMPLE_CLASSES.values() for student in students}


def test_score_tables_of_both_assignments_fit_the_demos_110_columns_with_every_name_whole():
    from rich.console import Console

    from scratchnet_solution.assignments import topics
    from scratchnet_solution.batch.scores import Score, score_table

    for assignment, students in demo.SAMPLE_CLASSES.items():
        scores = {student: {topic: Score(1, 2) for topic in topics(assignment)} for student in students}
        console = Console(width=110, record=True)
        console.print(score_table(scores))
        text = console.export_text()
        assert max(len(line) for line in text.splitlines()) <= 110
        assert all(name in text for name in [*topics(assignment), *students]), assignment
