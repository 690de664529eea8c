"""RepairCellMetadata: cells whose nbgrader metadata a student damaged get the gradebook's metadata back.

Stock nbgrader refuses the whole notebook when a cell's nbgrader metadata is damaged. This runs first among
the sanitizing steps: a cell whose metadata names a cell the gradebook knows gets that cell's metadata back;
metadata naming no known cell is removed, so the cell runs as the student's own code and the test cell it
replaced is re-added (RestoreCells). On an undamaged submission it changes nothing.
"""
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import SCHEMA_VERSION
from nbgrader.preprocessors import NbGraderPreprocessor

FLAGS = ("grade", "solution", "locked")


def is_intact(meta):
    """Whether nbgrader metadata has the shape nbgrader's own preprocessors rely on."""
    if not isinstance(meta, dict) or meta.get("schema_version") != SCHEMA_VERSION:
        return False
    if not all(isinstance(meta.get(flag), bool) for flag in FLAGS) or not isinstance(meta.get("task", False), bool):
        return False
    if any(meta.get(flag) for flag in (*FLAGS, "task")) and not isinstance(meta.get("grade_id"), str):
        return False
    if meta.get("grade") and isinstance(meta.get("points"), bool):
        return False
    return not meta.get("grade") or isinstance(meta.get("points"), (int, float))


class RepairCellMetadata(NbGraderPreprocessor):
    """Give damaged nbgrader metadata back its gradebook values, or remove it when no cell matches."""

    def preprocess(self, nb, resources):
        notebook_id = resources["nbgrader"]["notebook"]
        assignment_id = resources["nbgrader"]["assignment"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            notebook = gb.find_notebook(notebook_id, assignment_id)
            self.instructor_meta = self.metadata_by_id(notebook)
            for cell in nb.cells:
                self.repair(cell)
        return nb, resources

    @staticmethod
    def metadata_by_id(notebook):
        """{grade_id: the nbgrader metadata the release gave that cell}."""
        grade = {cell.name: cell.max_score for cell in notebook.grade_cells}
        solution = {cell.name for cell in notebook.solution_cells}
        task = {cell.name for cell in notebook.task_cells}
        by_id = {}
        for source in notebook.source_cells:
            meta = {"grade": source.name in grade, "solution": source.name in solution, "locked": source.locked,
                    "grade_id": source.name, "cell_type": source.cell_type, "checksum": source.checksum,
                    "schema_version": SCHEMA_VERSION}
            if source.name in grade:
                meta["points"] = grade[source.name]
            if source.name in task:
                meta["task"] = True
            by_id[source.name] = meta
        return by_id

    def repair(self, cell):
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = {}
        if "nbgrader" not in cell.metadata:
            return
        meta = cell.metadata.nbgrader
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        known = isinstance(grade_id, str) and grade_id in self.instructor_meta
        if is_intact(meta) and (known or not any(meta.get(flag) for flag in (*FLAGS, "task"))):
            return
        if known:
            self.log.warning("Restored the damaged nbgrader metadata of cell '%s' from the gradebook.", grade_id)
            cell.metadata["nbgrader"] = dict(self.instructor_meta[grade_id])
        else:
            self.log.warning("Removed nbgrader metadata naming no cell of the assignment (%r); the cell runs as student code.",
                             grade_id)
            del cell.metadata["nbgrader"]
