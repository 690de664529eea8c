"""The corpus of sample submissions: one small Python file each, naming the grade it must get.

A corpus file holds a docstring (what the submission is), `EXPECTED = {...}` (points per topic: the
five functions and "xor"), and the student's code for the functions it implements; functions it leaves
out stay as the release's stub. Other top-level code (imports, helpers, constants) travels with it.
"""
import ast
from dataclasses import dataclass
from pathlib import Path

from .submissions import split_submission_code


@dataclass
class CorpusEntry:
    name: str
    description: str
    expected: dict
    code_by_function: dict


def load_entry(path):
    """Read one corpus file; the EXPECTED assignment is taken out of the code the student 'wrote'."""
    path = Path(path)
    text = path.read_text()
    tree = ast.parse(text)
    expected, dropped = None, set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXPECTED" for t in node.targets):
            expected = ast.literal_eval(node.value)
            dropped.update(range(node.lineno - 1, node.end_lineno))
    if expected is None:
        raise ValueError(f"{path} has no EXPECTED = {{...}} naming its grade per topic")
    code = "".join(line for number, line in enumerate(text.splitlines(keepends=True)) if number not in dropped)
    return CorpusEntry(path.stem, ast.get_docstring(tree) or "", expected, split_submission_code(code))


def load_corpus(folder):
    """Every entry in the folder, sorted by name."""
    return [load_entry(path) for path in sorted(Path(folder).glob("*.py")) if not path.name.startswith("_")]
