"""One function checked at a time: the student's other functions swapped for the reference meanwhile.

A deep network's model_forward calls linear_activation_forward, which calls linear_forward and
activation_forward; were the student's own helpers used, one mistake would cost every function above it.
"""
import contextlib


@contextlib.contextmanager
def others_from_reference(namespace, under_test, student_functions, reference):
    """Point the namespace's other student functions at `reference`'s functions of the same name, for a while.

    namespace: the student's globals (None: nothing to swap); reference: a module or an object with the
    functions as attributes.
    """
    saved = {}
    if namespace is not None:
        for name in student_functions:
            if name != under_test and name in namespace:
                saved[name] = namespace[name]
                namespace[name] = getattr(reference, name)
    try:
        yield
    finally:
        if namespace is not None:
            namespace.update(saved)
