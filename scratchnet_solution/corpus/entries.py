"""The corpus of sample submissions: one small Python file each, naming the grade it must get.

A corpus file holds a docstring (what the submission is), `EXPECTED = {...}` (points per topic: the
five functions and "xor"), and the student's code for the functions it implements; functions it leaves
out stay as the release's stub. Other top-level code (imports, helpers, constants, prints) goes, in
order, at the top of the first cell the file fills, so it runs before any test of a later function.

Optional settings, also taken out of the student's code:
- `BASE = "correct_reference"`: functions this file does not define come from that entry (so a
  mistake file holds only the function it gets wrong, and everything else is someone's correct work);
- `CELLS = {"sigmoid": "..."}`: the exact source of a function's cell, for code that is not a `def`
  (for example `from scratchnet_solution.assignments.scratchnet.network import sigmoid`);
- `CAUSE = "..."`: text the failing function's feedback must contain (case-insensitive): the cause
  the message has to name;
- `CAUSE_ID = "backward.forgets_mean"`: the id of that cause, which the verdict records of the failing
  function's cells must hold (diagnosis.py; integrity findings are `integrity.<kind>`).

The file name says what kind of submission it is: correct_*, noise_* (correct, with prints, warnings,
reseeding, ...), mistake_<function>_*, cheat_*, partial_*, untouched_*.

Each assignment has its own corpus folder (tests/corpus for "scratchnet", tests/corpus_deep for
"scratchnet_deep"); `load_corpus(folder, assignment)` reads it with that assignment's functions and topics.
"""
import ast
from dataclasses import dataclass
from pathlib import Path

from scratchnet_solution.assignments import student_functions
from scratchnet_solution.corpus.submissions import split_submission
from scratchnet_solution.course.folder import ASSIGNMENT as FIRST

KINDS = ("correct", "noise", "mistake", "cheat", "partial", "untouched")
SETTINGS = ("EXPECTED", "BASE", "CELLS", "CAUSE", "CAUSE_ID")


@dataclass
class CorpusEntry:
    name: str
    description: str
    expected: dict
    code_by_function: dict
    kind: str = ""
    target: str = None  # the function a mistake_ entry gets wrong
    cause: str = None
    cause_id: str = None
    prelude: str = ""  # the file's top-level code other than the functions, for entries that use it as BASE
    assignment: str = FIRST  # the nbgrader assignment id the entry is a submission of


def kind_and_target(name, functions=None):
    """('mistake', 'compute_loss') for mistake_compute_loss_no_clip; (kind, None) otherwise."""
    functions = student_functions(FIRST) if functions is None else functions
    kind = name.partition("_")[0]
    if kind not in KINDS:
        raise ValueError(f"corpus file {name}.py: the name must start with one of {', '.join(k + '_' for k in KINDS)}")
    if kind != "mistake":
        return kind, None
    rest = name.removeprefix("mistake_")
    target = next((f for f in sorted(functions, key=len, reverse=True) if rest.startswith(f + "_")), None)
    if target is None:
        raise ValueError(f"corpus file {name}.py: a mistake_ file is named mistake_<function>_<what>")
    return kind, target


def read_settings(text, path):
    """The settings assignments (literals) and the code with them taken out."""
    tree = ast.parse(text)
    settings, dropped = {}, set()
    for node in tree.body:
        names = [getattr(t, "id", None) for t in getattr(node, "targets", [])]
        setting = next((n for n in names if n in SETTINGS), None)
        if isinstance(node, ast.Assign) and setting:
            settings[setting] = ast.literal_eval(node.value)
            dropped.update(range(node.lineno - 1, node.end_lineno))
    if "EXPECTED" not in settings:
        raise ValueError(f"{path} has no EXPECTED = {{...}} naming its grade per topic")
    code = "".join(line for number, line in enumerate(text.splitlines(keepends=True)) if number not in dropped)
    return settings, code, ast.get_docstring(tree) or ""


def load_entry(path, assignment=FIRST):
    """Read one corpus file of `assignment` (and its BASE, if it names one)."""
    path = Path(path)
    names = student_functions(assignment)
    settings, code, description = read_settings(path.read_text(), path)
    prelude, functions = split_submission(code, names)
    cells = dict(settings.get("CELLS", {}))
    own = {**functions, **cells}
    unknown = set(own) - set(names)
    if unknown:
        raise ValueError(f"{path}: CELLS names {', '.join(sorted(unknown))}, which are not student functions")
    code_by_function = dict(own)
    if prelude and own:
        first = next(name for name in names if name in own)
        code_by_function[first] = prelude + "\n\n" + code_by_function[first]
    if "BASE" in settings:
        base = load_entry(path.with_name(f"{settings['BASE']}.py"), assignment)
        code_by_function = {**base.code_by_function, **code_by_function}
        base_first = next(name for name in names if name in base.code_by_function)
        if base_first in own and base.prelude:
            # The base's own prelude (imports, helpers) must still run before its functions do.
            code_by_function[base_first] = base.prelude + "\n\n" + code_by_function[base_first]
    kind, target = kind_and_target(path.stem, names)
    return CorpusEntry(path.stem, description, settings["EXPECTED"], code_by_function, kind, target,
                       settings.get("CAUSE"), settings.get("CAUSE_ID"), prelude, assignment)


def load_corpus(folder, assignment=FIRST):
    """Every entry in the folder (a corpus of `assignment`), sorted by name."""
    return [load_entry(path, assignment) for path in sorted(Path(folder).glob("*.py")) if not path.name.startswith("_")]
