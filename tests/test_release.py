"""release/ is exactly what nbgrader makes from source/, and gives nothing away."""
import io
import json
import re
import tokenize

import pytest

from scratchnet_solution.course.folder import run_nbgrader
from scratchnet_solution.course.notebooks import read_notebook

ASSIGNMENT = "scratchnet"
# Every assignment of the course, with the number of functions its students write.
STUB_COUNTS = {"scratchnet": 5, "scratchnet_deep": 12}
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and ".pytest_cache" not in p.parts)


@pytest.mark.parametrize("assignment", STUB_COUNTS)
def test_release_is_regenerated_from_source(repo, course_factory, assignment):
    course = course_factory("regenerate")
    if assignment != ASSIGNMENT:  # the course factory generates the first assignment only
        run_nbgrader(course, "generate_assignment", assignment, "--force")
    fresh = course / "release" / assignment
    committed = repo / "release" / assignment
    assert files_under(committed) == files_under(fresh), "run `make release` and commit release/"
    for name in files_under(fresh):
        if name.endswith(".ipynb"):
            same = json.loads((committed / name).read_text()) == json.loads((fresh / name).read_text())
        else:
            same = (committed / name).read_bytes() == (fresh / name).read_bytes()
        assert same, f"release/{assignment}/{name} differs from what source/ generates: run `make release` and commit"


def code_without_strings(source):
    """The cell's code with every string literal emptied (one line per line of code)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    kept = [token._replace(string='""') if token.type == tokenize.STRING else token for token in tokens]
    return tokenize.untokenize(kept)


@pytest.mark.parametrize("assignment", STUB_COUNTS)
def test_release_has_no_solution_and_no_hidden_test(repo, assignment):
    release = read_notebook(repo / "release" / assignment / f"{assignment}.ipynb")
    source = read_notebook(repo / "source" / assignment / f"{assignment}.ipynb")
    released_code = "\n".join(c.source for c in release.cells if c.cell_type == "code")
    # Test messages may quote an equation the assignment states ("a1 = sigmoid(z1)"); code may not copy it.
    released_statements = "\n".join(code_without_strings(c.source) for c in release.cells if c.cell_type == "code")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "scratchnet_solution", "check_"):
        assert marker not in released_code
    solution_lines = {line.strip() for cell in source.cells for region in SOLUTION_REGION.findall(cell.source)
                      for line in region.splitlines() if len(line.strip()) > 8 and not line.strip().startswith("#")}
    assert len(solution_lines) > 15  # the guard itself must have something to look for
    leaked = sorted(line for line in solution_lines if line in released_statements)
    assert not leaked, f"solution lines in the release: {leaked}"
    # the stubs, in code: messages may quote them
    assert released_statements.count("raise NotImplementedError()") == STUB_COUNTS[assignment]


def test_every_test_cell_is_named_after_what_it_grades(repo):
    source = read_notebook(repo / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    topics = ("sigmoid_", "forward_", "compute_loss_", "backward_", "update_weights_", "xor_")
    grade_cells = [c.metadata.nbgrader for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert grade_cells
    assert all(meta["grade_id"].startswith(topics) for meta in grade_cells)
    assert sum(meta["points"] for meta in grade_cells) == 100
