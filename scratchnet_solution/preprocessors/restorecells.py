"""RestoreCells: nbgrader's OverwriteCells, re-adding deleted test cells whatever else was deleted.

With `OverwriteCells.add_missing_cells` nbgrader re-adds deleted test cells, but raises KeyError when the cell
before a deleted one is gone too, or when a duplicate is left. RestoreCells also stays quiet when it puts back a
test cell's hidden tests, which it does for every student on purpose (stock warned "Attribute 'checksum' ...
has changed!" 14 times per student); a test cell the student really edited gets one warning.
"""
import nbformat
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, OverwriteCells


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
