"""Hard-coded outputs: a result that stays the same when the function's inputs change, where the reference's does not.

Typing in the numbers a visible test expects passes that test; the hidden checks call the function again on
other inputs. An honest mistake still computes something from its arguments, so its results change with
them (even a sum where a mean belongs, or a forgotten argument, as long as some other argument moves); a
result that never changes was not computed at all. It is an integrity finding (`integrity.hard_coded_outputs`,
no points for the function), not a wrong value.
"""
import copy

import numpy as np

from scratchnet_solution.grading.report import NotComputed

FINDING = "integrity.hard_coded_outputs"


def not_computed(function):
    """The NotComputed a check raises for `function`'s fixed results, with the message students read."""
    return NotComputed(f"{function} returns the same outputs whatever the arguments passed to it: are they fixed in "
                       "the code (hard-coded), or taken from global variables instead of the arguments? Results that "
                       "are not computed from the arguments earn no points.")


def same(a, b):
    """Exactly the same value: numbers and arrays by shape and entries, dicts by keys, sequences item by item."""
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        x = y = None
    if x is not None:
        return x.shape == y.shape and bool(np.array_equal(x, y, equal_nan=True))
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same(p, q) for p, q in zip(a, b))
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 -- a value that cannot be compared is not the same
        return False


def outputs(result):
    return tuple(result) if isinstance(result, (tuple, list)) else (result,)


class FixedOutputs:
    """A function's results on different inputs, in groups of calls that should differ (one group per setting).

    `add` raises NotComputed when some output has come back the same on every call of its group while the
    reference's has not: the reference differs, so at least one of the student's is wrong, and none moved.
    Outputs are compared one by one, so a cache that merely holds the inputs does not hide a typed-in Z.
    """

    def __init__(self, function):
        self.function, self.calls = function, {}

    def add(self, result, expected, group=""):
        calls = self.calls.setdefault(group, [])
        calls.append((outputs(copy.deepcopy(result)), outputs(expected)))  # later calls may change what it returned
        if len(calls) < 2 or any(len(got) != len(calls[0][0]) for got, _ in calls):
            return
        for index in range(len(calls[0][0])):
            theirs = [got[index] for got, _ in calls]
            ours = [wanted[index] for _, wanted in calls]
            if all(same(theirs[0], t) for t in theirs[1:]) and not all(same(ours[0], o) for o in ours[1:]):
                raise not_computed(self.function)
