"""The usual crashes of student code, named: a stable cause id and a sentence that says what to fix."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Cause:
    """A diagnosis: its stable id and the sentence a student reads."""

    id: str
    text: str


def diagnose_crash(function, error):
    """A Cause for the usual crashes, or None."""
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, TypeError) and any(s in str(error) for s in ("only length-1", "only 0-dimensional", "only size-1",
                                                                     "must be real number")):
        return Cause(f"{function}.math_exp", "math.exp (like the whole math module) works on single numbers only; use "
                                             "np.exp, which works on whole arrays.")
    if isinstance(error, ValueError) and ("matmul" in text or "not aligned" in text):
        return Cause(f"{function}.matmul_shapes",
                     "A matrix product got shapes that do not fit: in A @ B the columns of A must match the rows of B. "
                     "Compare each factor's shape with the shapes in the docstring (samples are rows); a transpose "
                     "is probably missing or one too many.")
    if isinstance(error, ValueError) and "broadcast" in text:
        return Cause(f"{function}.broadcast_shapes",
                     "Two arrays whose shapes do not fit were combined elementwise (+, -, *): check each operand's "
                     "shape against the table. Remember * is elementwise and @ is the matrix product.")
    if isinstance(error, RecursionError):
        return Cause(f"{function}.recursion", f"{function} calls itself without end: does a helper share its name?")
    return None
