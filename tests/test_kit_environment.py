"""requirements.txt is a lock: `make setup` installs exactly its pins with --no-deps, so it must hold everything
the kit's dependencies need, and it leaves out rfc3987-syntax on purpose (the Makefile says why: 2.1 s of
grammar compiling in every process that imports nbformat, for a check nothing in the kit uses)."""
import re
import subprocess
import sys
import tomllib
from importlib import metadata

from packaging.requirements import Requirement

from course_helpers import REPO

# Asked for only through jsonschema's "format-nongpl" extra (by jupyter-events); lark comes with it.
LEFT_OUT = {"rfc3987-syntax"}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned():
    pins = {}
    for line in (REPO / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonical(name)] = version
    return pins


def applies(requirement, extra=""):
    return not requirement.marker or requirement.marker.evaluate({"extra": extra})


def needed(requirements):
    """Every distribution the requirements lead to, with the extras asked for, as pip would resolve them here."""
    seen, todo = set(), [r for r in map(Requirement, requirements) if applies(r)]
    while todo:
        requirement = todo.pop()
        name = canonical(requirement.name)
        for extra in sorted(requirement.extras) or [""]:
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            if name not in LEFT_OUT:
                todo += [d for d in map(Requirement, metadata.requires(name) or []) if applies(d, extra)]
    return {name for name, _ in seen}


def test_the_lock_holds_everything_the_kit_needs_but_what_it_leaves_out():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = needed([*project["dependencies"], *project["optional-dependencies"]["test"]])
    pins = pinned()
    assert wanted - set(pins) == LEFT_OUT
    assert not LEFT_OUT & set(pins) and "lark" not in pins
    assert {name: metadata.version(name) for name in wanted - LEFT_OUT} == {name: pins[name] for name in wanted - LEFT_OUT}


def test_nbgrader_starts_without_compiling_grammars():
    probe = ("import sys, nbgrader.apps.nbgraderapp, nbformat, jsonschema; "
             "print(sorted(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
