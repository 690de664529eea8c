"""Putting the instructor's cells back into a submission before it is graded.

nbgrader already restores edited test cells (by checksum), changed cell types and points, drops
duplicate ids, and, with `OverwriteCells.add_missing_cells`, re-adds deleted test cells. What it
cannot take is nbgrader metadata a student damaged (stock nbgrader then refuses the whole
notebook), or a deleted test cell whose preceding cell is gone too (stock crashes with KeyError).

- `RepairCellMetadata` runs first: a cell whose metadata names a cell the gradebook knows gets that
  cell's metadata back from the gradebook; metadata naming no known cell is removed, so the cell
  runs as the student's own code and the test cell it replaced is re-added.
- `RemoveDuplicateIds` is DeduplicateIds leaving no empty metadata behind (stock leaves `{}`,
  which its own CheckCellMetadata then rejects as an outdated format, failing the notebook).
- `RestoreCells` is OverwriteCells whose re-adding of deleted cells tolerates any other deletion or
  duplicate (stock raises KeyError on both). It also stays quiet when it puts back a test cell's
  hidden tests, which it does for every student on purpose (stock warned "Attribute 'checksum' ...
  has changed!" 14 times per student); a test cell the student really edited gets one warning.

On an undamaged submission neither changes anything.
"""
import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import SCHEMA_VERSION
from nbgrader.preprocessors import ClearHiddenTests, DeduplicateIds, NbGraderPreprocessor, OverwriteCells

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


class RemoveDuplicateIds(DeduplicateIds):
    """DeduplicateIds (the last copy of a cell keeps its id), removing the metadata of the other copies."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources


def released_source(source):
    """A test cell's source as students got it: without its hidden test regions."""
    cell = nbformat.v4.new_code_cell(source)
    ClearHiddenTests()._remove_hidden_test_region(cell)
    return cell.source


class RestoreCells(OverwriteCells):
    """OverwriteCells whose re-adding of deleted test cells works whatever else was deleted."""

    def preprocess_cell(self, cell, resources, cell_index):
        self.current_cell = cell  # report_change needs the student's version, before it is overwritten
        return super().preprocess_cell(cell, resources, cell_index)

    def report_change(self, name, attr, old, new):
        if attr != "checksum":
            return super().report_change(name, attr, old, new)
        source = self.gradebook.find_source_cell(name, self.notebook_id, self.assignment_id).source
        if self.current_cell.source.strip() == released_source(source).strip():
            self.log.debug("Put the hidden tests back into test cell %s.", name)
        else:
            self.log.warning("Test cell %s was edited by the student; the instructor's version was restored.", name)

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]
        source_by_id = {cell.name: cell for cell in source_nb.source_cells}
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        for grade_cell in sorted(source_nb.grade_cells, key=lambda cell: order.index(cell.name)):
            present = {cell["metadata"]["nbgrader"]["grade_id"]: index for index, cell in enumerate(nb.cells)
                       if utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)}
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", grade_cell.name)
            # Right after the nearest earlier cell of the release that is still there, as stock nbgrader does.
            earlier = [present[name] for name in order[:order.index(grade_cell.name)] if name in present]
            position = max(earlier) + 1 if earlier else 0
            # from_dict: the later preprocessors expect attribute access all the way down.
            nb.cells.insert(position, nbformat.from_dict(self.missing_cell_transform(
                source_by_id[grade_cell.name], grade_cell.max_score, is_solution=grade_cell.name in solution_ids)))
        return nb, resources

    def add_missing_task_cells(self, nb, resources):
        # Stock nbgrader reads grade_id from every cell with nbgrader metadata, and DeduplicateIds
        # leaves an empty {} on duplicates, so this is its method with that lookup made safe.
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_by_id = {cell.name: cell for cell in source_nb.source_cells}
        present = {cell["metadata"].get("nbgrader", {}).get("grade_id") for cell in nb.cells}
        for task_cell in source_nb.task_cells:
            if task_cell.name not in present:
                nb.cells.append(nbformat.from_dict(self.missing_cell_transform(
                    source_by_id[task_cell.name], task_cell.max_score, is_task=True)))
        return nb, resources
