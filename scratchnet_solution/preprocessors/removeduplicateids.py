"""RemoveDuplicateIds: nbgrader's DeduplicateIds, leaving no empty metadata behind.

Stock DeduplicateIds leaves `{}` on the other copies of a cell, which nbgrader's own CheckCellMetadata then
rejects as an outdated format, failing the notebook.
"""
from nbgrader.preprocessors import DeduplicateIds


class RemoveDuplicateIds(DeduplicateIds):
    """DeduplicateIds (the last copy of a cell keeps its id), removing the metadata of the other copies."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources
