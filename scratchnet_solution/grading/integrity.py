"""Integrity: work that was not done earns no points, and nothing done honestly is flagged.

Each shortcut is recognised by what it leaves behind, never by guessing intent:

- a student function that is, wraps or calls the grader's reference (`scratchnet_solution`):
  `grader_references` reads the function's code and the names it uses; `tripwire` catches a call
  that reached the reference some other way while the student's code ran;
- numpy's functions replaced (`numpy_problems`): the tests compare with numpy, so a replaced
  `np.allclose` would make every test say yes;
- a given helper (the test tools, `initialize_weights`, `train`, ...) redefined so that it behaves
  differently (`helper_problems`, with each assignment's probes): tests use them, and a later definition
  replaces the given cell's;
- the grader's own package changed (`grader_changes`): each hidden test cell imports the package
  afresh and compares the copy the notebook could reach with the fresh one.

Hard-coded XOR outputs are caught by the first assignment's `check_xor`, which also trains on relabelled data.
"""
import contextlib
import io
import logging
import os
import sys
import types
import warnings
from pathlib import Path

import numpy as np

PACKAGE = __name__.partition(".")[0]
PACKAGE_DIR = os.path.realpath(Path(__file__).parents[1])  # scratchnet_solution/
NUMPY_DIR = os.path.realpath(Path(np.__file__).parent)

# Every numpy name the test cells, the checks and the reference use (tests/test_integrity.py keeps this
# list complete). Replacing any of them could change what a test concludes.
NUMPY_NAMES = (
    "abs", "all", "allclose", "any", "arange", "argwhere", "array", "array_equal", "asarray", "clip",
    "errstate", "exp", "full", "isclose", "isfinite", "isnan", "linalg", "linalg.norm", "linspace", "log",
    "maximum", "mean", "ndim", "ndindex", "ones", "outer", "random", "random.default_rng", "ravel", "round",
    "shape", "sqrt", "square", "sum", "tanh", "where", "zeros", "zeros_like",
)

# Names numpy binds to an object of another name.
NUMPY_ALIASES = {"abs": "absolute"}

# --- Quiet: student code may write to stderr; in a test cell that alone would cost the cell its points.

@contextlib.contextmanager
def quiet():
    """Discard stdout, stderr, warnings and logging, and ignore floating-point errors, for a while."""
    previous_level = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous_level)


# --- The grader's reference, reached by a student function.

def _in_package(filename):
    return isinstance(filename, str) and os.path.realpath(filename).startswith(PACKAGE_DIR + os.sep)


def grader_object(value):
    """'scratchnet_solution.x.y' when value belongs to the grader's package (module, function, class, instance)."""
    try:
        if isinstance(value, types.ModuleType):
            name = value.__name__
            return name if name.partition(".")[0] == PACKAGE else None
        code = getattr(value, "__code__", None)
        if isinstance(code, types.CodeType) and _in_package(code.co_filename):
            return f"{value.__module__}.{value.__qualname__}"
        for owner in (value, type(value)):
            module = getattr(owner, "__module__", None)
            if isinstance(module, str) and module.partition(".")[0] == PACKAGE:
                return f"{module}.{getattr(owner, '__qualname__', type(owner).__name__)}"
    except Exception:  # a student object whose attributes raise is simply not ours
        return None
    return None


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _callable_parts(fn):
    """The plain functions behind a callable: itself, a partial's func, a bound method's function, __call__."""
    if isinstance(fn, types.FunctionType):
        return [fn]
    parts = []
    for attribute in ("func", "__func__", "__wrapped__"):
        inner = getattr(fn, attribute, None)
        if inner is not None and inner is not fn:
            parts.append(inner)
    call = getattr(type(fn), "__call__", None)
    if isinstance(call, types.FunctionType):
        parts.append(call)
    return parts


def grader_references(fn, skip=(), _seen=None):
    """How fn reaches the grader's package, read from its code: a list of short descriptions (empty if never).

    Follows the student's own helper functions it calls (names in the same namespace), but not the
    names in `skip` (the other student functions, which the checks judge on their own).
    """
    seen = _seen if _seen is not None else set()
    if id(fn) in seen:
        return []
    seen.add(id(fn))
    own = grader_object(fn)
    if own:
        return [own]
    found = []
    for part in _callable_parts(fn):
        if part is not fn:
            found += grader_references(part, skip, seen)
            continue
        namespace = fn.__globals__
        builtins_ns = namespace.get("__builtins__", {})
        builtins_ns = vars(builtins_ns) if isinstance(builtins_ns, types.ModuleType) else builtins_ns
        values = list(fn.__defaults__ or ()) + list((fn.__kwdefaults__ or {}).values())
        values += [cell.cell_contents for cell in (fn.__closure__ or ()) if _cell_filled(cell)]
        for code in _code_objects(fn.__code__):
            for const in code.co_consts:
                if isinstance(const, str) and PACKAGE in const:
                    found.append(repr(const))
            for name in code.co_names:
                if PACKAGE in name:
                    found.append(f"import {name}")
                elif name not in skip and (name in namespace or name in builtins_ns):
                    values.append(namespace[name] if name in namespace else builtins_ns[name])
        for value in values:
            owner = grader_object(value)
            if owner:
                found.append(owner)
            elif callable(value) and not isinstance(value, type) and _is_students(value, fn.__globals__):
                found += grader_references(value, skip, seen)
    return sorted(set(found))


def tools_used(fn, tools, skip=(), _seen=None):
    """The names of `tools` (answers a notebook's given test tools hold: stand-ins, finite differences) that fn
    reaches, read from its code as grader_references reads it: a sorted list, empty if none.

    Follows the student's own helpers it calls, but not the names in `skip` (the other student functions, judged
    on their own) nor the tools themselves. A string naming a tool counts (`globals()["_GIVEN"]`).
    """
    seen = _seen if _seen is not None else set()
    if id(fn) in seen:
        return []
    seen.add(id(fn))
    found = set()
    for part in _callable_parts(fn):
        if part is not fn:
            found.update(tools_used(part, tools, skip, seen))
            continue
        namespace = fn.__globals__
        for code in _code_objects(fn.__code__):
            found.update(name for name in code.co_names if name in tools)
            found.update(const for const in code.co_consts if isinstance(const, str) and const in tools)
            helpers = [namespace[name] for name in code.co_names
                       if name not in skip and name not in tools and name in namespace]
            for helper in helpers:
                if callable(helper) and not isinstance(helper, type) and _is_students(helper, namespace):
                    found.update(tools_used(helper, tools, skip, seen))
    return sorted(found)


def tools_message(topic, names):
    """For the student: the function hands its work to the notebook's test tools."""
    return (f"{topic} calls {', '.join(names)} from the notebook's test tools, which stand in for your functions "
            f"while the visible tests run. {topic} earns no points here: compute its result in your own code.")


def _cell_filled(cell):
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


def _is_students(value, namespace):
    """A function defined in the student's namespace (not numpy's, not the standard library's)."""
    return any(getattr(part, "__globals__", None) is namespace for part in [value, *_callable_parts(value)])


def _tripwire_body(*args, _calls, _name, **kwargs):
    # Runs in place of a reference function's body: it only records that it was called.
    _calls.append(_name)
    raise RuntimeError("the grader's reference solution was called from student code")


@contextlib.contextmanager
def tripwire(names, reference):
    """While active, a call to `reference`'s function of any name in `names` is recorded (and raises).

    The reference functions' code is swapped, not their names, so the wire also catches copies of the
    function object and calls through importlib or sys.modules made while student code runs.
    """
    calls = []
    saved = {}
    for name in names:
        function = getattr(reference, name)
        saved[name] = (function.__code__, function.__kwdefaults__)
        function.__code__ = _tripwire_body.__code__
        function.__kwdefaults__ = {"_calls": calls, "_name": name}
    try:
        yield calls
    finally:
        for name, (code, kwdefaults) in saved.items():
            function = getattr(reference, name)
            function.__code__, function.__kwdefaults__ = code, kwdefaults


def reference_message(topic, how):
    """For the student: what was found, without naming the grader's modules (`how` is for instructors' logs)."""
    return (f"{topic} uses the grader's own reference solution instead of your code (your notebook reaches the "
            f"grader's package, which exists only on the grading machine). {topic} earns no points here: write it "
            "yourself.")


# --- numpy, which every test compares with.

def _numpy_made(value):
    """Whether value is the object numpy itself defines (not a replacement written in a notebook)."""
    import numpy._core._multiarray_umath as c_module

    if isinstance(value, types.ModuleType):
        return sys.modules.get(value.__name__) is value and value.__name__.partition(".")[0] == "numpy"
    if isinstance(value, np.ufunc):
        return getattr(c_module, value.__name__, None) is value
    if type(value) is c_module._ArrayFunctionDispatcher:
        return _numpy_made(value._implementation)
    if isinstance(value, types.BuiltinFunctionType):
        owner = getattr(value, "__self__", None)
        return isinstance(owner, types.ModuleType) and owner.__name__.partition(".")[0] == "numpy"
    if isinstance(value, types.FunctionType):
        return os.path.realpath(value.__code__.co_filename).startswith(NUMPY_DIR + os.sep)
    if isinstance(value, type):
        return str(getattr(value, "__module__", "")).partition(".")[0] == "numpy"
    if "cython" in type(value).__name__:  # numpy.random's functions are compiled Cython
        return str(getattr(value, "__module__", "")).partition(".")[0] == "numpy"
    return False


def _numpy_answers_right():
    """Known answers of the comparisons the tests lean on; a replacement that always says yes fails these."""
    numpy = sys.modules["numpy"]
    try:
        return (numpy.allclose([1.0], [1.0]) and not numpy.allclose([1.0], [1.1])
                and bool(numpy.isclose(1.0, 1.0)) and not bool(numpy.isclose(1.0, 1.1))
                and numpy.array_equal([1, 2], [1, 2]) and not numpy.array_equal([1, 2], [1, 3])
                and not numpy.all([True, False]) and not numpy.any([False, False])
                and not bool(numpy.isnan(1.0)) and not bool(numpy.isfinite(numpy.inf)))
    except Exception:
        return False


def numpy_problems(namespace=None):
    """Sentences naming numpy functions a notebook replaced, or `np` rebound to something else."""
    numpy = sys.modules["numpy"]
    problems = []
    for alias in ("np", "numpy"):
        if namespace is not None and alias in namespace and namespace[alias] is not numpy:
            problems.append(f"`{alias}` is not numpy any more")
    for dotted in NUMPY_NAMES:
        value = numpy
        for part in dotted.split("."):
            value = getattr(value, part, None)
        own_name = getattr(value, "__name__", "").rpartition(".")[2]
        # Made by numpy, and under its own name: np.allclose = np.array_equal is numpy's code too.
        if value is None or not _numpy_made(value) or own_name != NUMPY_ALIASES.get(dotted, dotted).rpartition(".")[2]:
            problems.append(f"numpy.{dotted} was replaced")
    if not problems and not _numpy_answers_right():
        problems.append("numpy's comparison functions give wrong answers")
    return problems


def numpy_message(problems):
    return (f"Your notebook changes numpy: {'; '.join(problems)}. Every test compares results with numpy, so "
            "none of them can be trusted and no function earns points. Remove the code that assigns to numpy.")


# --- Given helpers, redefined in a student cell.

# The gradient-check helpers are judged by what they are for, not by matching the given code digit for
# digit: a student may keep their own (forward differences, a max-norm relative error) and is not flagged;
# one that cannot tell a wrong gradient from a right one (returns 0, returns its input) is.
def _numerical_gradient_ok(namespace):
    x = np.random.default_rng(12).standard_normal((2, 3))
    passed = x.copy()
    result = np.asarray(namespace["numerical_gradient"](lambda v: float(np.sum(v ** 3)), passed), dtype=float)
    exact = 3 * x ** 2
    return bool(np.array_equal(passed, x) and result.shape == x.shape
                and np.linalg.norm(result - exact) <= 1e-4 * np.linalg.norm(exact))


def _relative_error_ok(namespace):
    rng = np.random.default_rng(13)
    a, b = rng.standard_normal(4), rng.standard_normal(4)

    def measured(x, y):
        return float(namespace["relative_error"](x, y))

    return bool(measured(a, a.copy()) < 1e-12 and measured(a, b) > 0.1 and measured(np.ones(2), -np.ones(2)) > 0.5
                and 1e-5 < measured(np.ones(3), np.ones(3) * 1.001) < 1e-2)


# Given helpers any assignment may hand out, by name: each probe says whether the namespace's helper still does
# its job. An assignment adds its own (its checks pass them to helper_problems).
GRADIENT_CHECK_PROBES = {"numerical_gradient": _numerical_gradient_ok, "relative_error": _relative_error_ok}
GRADCHECK_HELPERS = tuple(GRADIENT_CHECK_PROBES)


def helper_problems(namespace, names, probes):
    """The given helpers among `names` that no longer behave as the given cells define them.

    probes: {helper name: probe(namespace) -> whether it still does its job}.
    """
    problems = []
    for name in names:
        if name not in namespace:
            continue  # a test that needs it fails on its own; there is nothing to trust or distrust
        if not callable(namespace[name]):
            problems.append(name)
            continue
        try:
            ok = probes[name](namespace)
        except Exception:
            ok = False
        if not ok:
            problems.append(name)
    return problems


def helper_message(topic, names):
    listed = ", ".join(f"`{name}`" for name in names)
    return (f"Your notebook redefines {listed}, given code that the tests of {topic} use, and it no longer does "
            "what the given cell does. The given cells are restored for grading, but a later definition replaces "
            f"them, so these tests cannot be trusted and {topic} earns no points. Rename your own version "
            "(for example `my_" + names[0].lstrip("_") + "`).")


# --- The grader's own package, changed by the notebook.

def _fingerprint(value, depth=0):
    """A comparable summary of a module attribute: code for functions, values for constants."""
    if depth > 3:
        return type(value).__qualname__
    if isinstance(value, types.FunctionType):
        code = value.__code__
        inner = getattr(value, "__wrapped__", None)
        return ("function", code.co_filename, code.co_name, _code_print(code),
                _fingerprint(value.__defaults__, depth + 1), _fingerprint(value.__kwdefaults__, depth + 1),
                _fingerprint(inner, depth + 1) if inner is not None else None)
    if isinstance(value, types.ModuleType):
        return ("module", value.__name__)
    if isinstance(value, type):
        return ("class", value.__module__, value.__qualname__,
                tuple(sorted((k, _fingerprint(v, depth + 1)) for k, v in vars(value).items()
                             if isinstance(v, (types.FunctionType, staticmethod, classmethod, property))
                             or k == "__bool__")))
    if isinstance(value, (int, float, str, bytes, bool, type(None))):
        return value
    if isinstance(value, (tuple, list, frozenset)):
        return (type(value).__name__, tuple(_fingerprint(v, depth + 1) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(k), _fingerprint(v, depth + 1)) for k, v in value.items())))
    if isinstance(value, (staticmethod, classmethod)):
        return _fingerprint(value.__func__, depth + 1)
    if isinstance(value, property):
        return tuple(_fingerprint(f, depth + 1) for f in (value.fget, value.fset))
    return type(value).__qualname__


def _code_print(code):
    return (code.co_code, code.co_names, tuple(_code_print(c) if isinstance(c, types.CodeType) else repr(c)
                                               for c in code.co_consts))


def grader_changes(modules):
    """Names in earlier imports of the grader that differ from the fresh import now in sys.modules.

    modules: module objects the notebook could reach: those the hidden test cell popped from
    sys.modules before importing the grader again, and any the notebook keeps in its namespace.
    """
    changes = set()
    for stale in modules:
        fresh = sys.modules.get(getattr(stale, "__name__", None))
        if fresh is None or fresh is stale or not isinstance(stale, types.ModuleType):
            continue
        stale_vars, fresh_vars = vars(stale), vars(fresh)
        for attribute, value in fresh_vars.items():
            if attribute.startswith("__") or attribute not in stale_vars:
                continue
            if _fingerprint(stale_vars[attribute]) != _fingerprint(value):
                changes.add(f"{fresh.__name__}.{attribute}")
    return sorted(changes)


def grader_modules_in(namespace):
    """The grader's modules the notebook holds under a name of its own (import scratchnet_solution.x as y)."""
    if namespace is None:
        return []
    return [value for value in list(namespace.values())
            if isinstance(value, types.ModuleType) and value.__name__.partition(".")[0] == PACKAGE]


# Once a notebook is found changing numpy or the grader, every later check in it fails: the change may
# be undone before the next one looks, but results after it cannot be trusted. Kept in the notebook's
# namespace, so each submission has its own record.
FINDINGS_KEY = "__grader_findings__"


def findings(namespace):
    if namespace is None:
        return []
    record = namespace.get(FINDINGS_KEY)
    if not isinstance(record, list):
        record = namespace[FINDINGS_KEY] = []
    return record


def tampering(namespace, modules=(), changed=()):
    """The first change to numpy or the grader this notebook has made, as a message; None if there is none.

    modules: copies of the grader the notebook could reach (see grader_changes); changed: names already
    found changed (see changed_since). What is found is remembered in the notebook's namespace.
    """
    record = findings(namespace)
    changes = sorted(set(grader_changes(modules)) | set(changed))
    if changes:
        record.append(grader_message(changes))
    numpy = numpy_problems(namespace)
    if numpy:
        record.append(numpy_message(numpy))
    return record[0] if record else None


def package_fingerprints():
    """Fingerprints of the grader's loaded modules now, to see whether student code changes them meanwhile."""
    return {name: {k: _fingerprint(v) for k, v in vars(module).items() if not k.startswith("__")}
            for name, module in list(sys.modules.items())
            if name.partition(".")[0] == PACKAGE and isinstance(module, types.ModuleType)}


def changed_since(fingerprints):
    now = package_fingerprints()
    return sorted(f"{name}.{k}" for name, before in fingerprints.items()
                  for k, v in before.items() if name in now and k in now[name] and now[name][k] != v)


def grader_message(changes):
    count = f"{len(changes)} name{'s' if len(changes) != 1 else ''} in it replaced"
    return (f"Your notebook changes the grader's own package ({count}). No result can be trusted after that, "
            "so no function earns points.")


# --- Snapshots, for grading in this process (pytest tests/hidden) the way nbgrader's fresh imports do.

def snapshot_modules(prefixes=(PACKAGE, "numpy")):
    """{module name: copy of its namespace} for loaded modules under the given top-level names."""
    return {name: dict(vars(module)) for name, module in list(sys.modules.items())
            if name.partition(".")[0] in prefixes and isinstance(module, types.ModuleType)}


def restore_modules(snapshot):
    """Put back every name the snapshot saw that was since replaced or deleted; return copies of the
    altered modules as they were before restoring (names added meanwhile, such as numpy's lazily loaded
    submodules, are left alone)."""
    altered = {}
    for name, saved in snapshot.items():
        module = sys.modules.get(name)
        if module is None:
            continue
        current = vars(module)
        if any(k not in current or current[k] is not v for k, v in saved.items()):
            copy = types.ModuleType(name)
            vars(copy).update(current)
            altered[name] = copy
            current.update(saved)
    return altered
