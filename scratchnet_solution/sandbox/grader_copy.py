"""The copy of the grader's package that sandboxed kernels import: bytecode only, no source.

The hidden test cells import `scratchnet_solution` inside the student's kernel. Had the kernel the
package's `.py` files, a submission could print them (`inspect.getsource`, `open(checks.__file__)`)
and the hidden checks would reach its feedback, and from there every later class. The sandbox binds
this copy instead, where every module is a sourceless `.pyc` compiled from the real one (the same
code, so grades do not change); the feedback filter (preprocessors/removegradercode.py) takes care of what a submission
could still print from the bytecode.
"""
import atexit
import functools
import os
import py_compile
import shutil
import tempfile
from pathlib import Path

PACKAGE = __name__.partition(".")[0]
PACKAGE_SOURCE = Path(__file__).resolve().parents[1]  # scratchnet_solution/, this file's package's parent


@functools.lru_cache(maxsize=None)
def compiled_package(owner_uid=None):
    """A private folder holding `scratchnet_solution/` as bytecode only; made once per grading process.

    `owner_uid` hands the copy to the user kernels run as (when grading runs as root) and to no one else.
    """
    root = Path(tempfile.mkdtemp(prefix="scratchnet-grader-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    target = root / PACKAGE
    for source in sorted(PACKAGE_SOURCE.rglob("*.py")):
        relative = source.relative_to(PACKAGE_SOURCE)
        if "__pycache__" in relative.parts:
            continue
        compiled = target / relative.with_suffix(".pyc")
        compiled.parent.mkdir(parents=True, exist_ok=True)
        # dfile: code objects name the copy, so the integrity checks recognise the grader's own code there.
        py_compile.compile(str(source), cfile=str(compiled), dfile=str(target / relative), doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    if owner_uid is not None:
        for path in [root, *root.rglob("*")]:
            os.chown(path, owner_uid, -1)
    return root
