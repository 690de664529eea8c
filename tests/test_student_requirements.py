"""student-requirements.txt: what students' environment needs, pinned like the kit (issue 11).

Everything the released files import is listed, and every pin is the version requirements.txt installs
for the kit's own tests, so students run the self-check with what the kit was tested with.
"""
import ast
import re
import sys

from course_helpers import REPO
from scratchnet_solution.course.notebooks import read_notebook

# Import name -> distribution name, where they differ.
DISTRIBUTIONS = {"IPython": "ipython"}
# Modules the release brings along itself, or that only the instructor's hidden tests import.
NOT_INSTALLED = {"notebook_cells", "live_trainer", "scratchnet_solution"}


def pins(path):
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s=]+)", line)
            assert match, f"{path.name}: not an exact pin: {line!r}"
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def released_imports():
    """Top-level modules imported by the files students get, in every assignment's folder: the notebook's
    cells and the .py files beside it."""
    sources = []
    for assignment in ("scratchnet", "scratchnet_deep"):
        sources += [path.read_text() for path in (REPO / "source" / assignment).rglob("*.py")]
        notebook = read_notebook(REPO / "source" / assignment / f"{assignment}.ipynb")
        sources += [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - NOT_INSTALLED


def test_every_pin_is_the_version_the_kit_is_tested_with():
    students, kit = pins(REPO / "student-requirements.txt"), pins(REPO / "requirements.txt")
    assert {name: kit.get(name) for name in students} == students


def test_everything_the_released_files_import_is_listed():
    imports = released_imports()
    assert {"numpy", "IPython", "nbformat", "pytest", "matplotlib", "ipywidgets"} <= imports
    listed = pins(REPO / "student-requirements.txt")
    assert {DISTRIBUTIONS.get(module, module).lower() for module in imports} - set(listed) == set()
