"""The rubric: which part of each function earns which points of its hidden test cell.

A careful TA grades a function by its parts: what is right earns its share, and work that does not
compute the thing earns nothing. Each function's hidden test cell (`RUBRICS[...].cell`) is graded
this way; the function's other test cells keep their points for their visible checks.

- values: each output's numbers, compared with the reference on every test shape. A value that is
  right but in the wrong shape (flat, transposed) still counts as right here: the shape is its own part.
- form: every output in its place, with its parameter's shape.
- inputs: the inputs come back unchanged.

The values carry most of the weight, because they are what the function is for. A function none of
whose core parts is right (the values of some output; for sigmoid and compute_loss, the values away
from the extremes) earns nothing at all, whatever its shapes: zeros of the right shape, or a step
function that happens to be right at |z| = 1000, have not computed the thing. README ("The rubric") says why each weight is what it is.
"""
from scratchnet_solution.grading.rubric import (  # noqa: F401 (rubric.Part, rubric.summary, ... as before)
    LINE_WIDTH, Part, Rubric, deduction_line, summary, wrap)
from scratchnet_solution.grading.verdicts import Deduction, Finding  # noqa: F401 (rubric.Deduction, rubric.Finding)


RUBRICS = {rubric.function: rubric for rubric in (
    Rubric("sigmoid", "sigmoid_matches_reference", (
        Part("values", 3, "the values for |z| up to 30", core=True),
        Part("large_z", 1, "finite values, 0 and 1, for |z| from 30 to 1000"),
        Part("inputs", 1, "z left unchanged"),
    )),
    Rubric("forward", "forward_matches_reference", (
        Part("z1", 2, "z1 = X @ W1 + b1", core=True),
        Part("a1", 2, "a1 = sigmoid(z1)", core=True),
        Part("z2", 2, "z2 = a1 @ W2 + b2", core=True),
        Part("a2", 2, "a2 = sigmoid(z2)", core=True),
        Part("form", 1, "z1, a1, z2, a2 in this order, each (m, n)"),
        Part("inputs", 1, "the inputs left unchanged"),
    )),
    Rubric("compute_loss", "compute_loss_matches_reference", (
        Part("loss", 2, "the loss for predictions inside (0, 1)", core=True),
        Part("clipping", 1, "a finite loss, clipped at 1e-15, for predictions of exactly 0 and 1"),
        Part("one_number", 1, "one number, not an array"),
        Part("inputs", 1, "y_true and y_pred left unchanged"),
    )),
    Rubric("backward", "backward_matches_reference", (
        Part("dW1", 5, "the values of dW1", core=True),
        Part("db1", 5, "the values of db1", core=True),
        Part("dW2", 5, "the values of dW2", core=True),
        Part("db2", 5, "the values of db2", core=True),
        Part("form", 3, "dW1, db1, dW2, db2 in this order, each with its parameter's shape"),
        Part("inputs", 2, "the inputs left unchanged"),
    )),
    Rubric("update_weights", "update_weights_matches_reference", (
        Part("W1", 1, "W1 - lr * dW1", core=True),
        Part("b1", 1, "b1 - lr * db1", core=True),
        Part("W2", 1, "W2 - lr * dW2", core=True),
        Part("b2", 1, "b2 - lr * db2", core=True),
        Part("form", 1, "W1, b1, W2, b2 in this order, each with its shape"),
    )),
    Rubric("xor", "xor_converges", (
        Part("learns", 20, "trained with the given loop, all four XOR points (and XNOR's) right", core=True),
    )),
)}


def part_list(function):
    """'the values of dW1 (5), ...; the inputs left unchanged (2)'."""
    return "; ".join(f"{part.what} ({part.points})" for part in RUBRICS[function].parts)


def markdown(function, cells):
    """The notebook's "How <function> is graded" text, from its test cells: [(grade_id, points, docstring)]."""
    rubric = RUBRICS[function]
    title = "the XOR run" if function == "xor" else f"`{function}`"
    rows = []
    for grade_id, points, docstring in cells:
        what = docstring.partition(":")[2].strip().rstrip(".") if ":" in docstring else docstring
        if grade_id == rubric.cell and len(rubric.parts) > 1:
            what = f"hidden checks, part by part: {part_list(function)}"
        elif grade_id == rubric.cell:
            what = f"hidden checks: {rubric.parts[0].what}"
        rows.append(f"| `{grade_id}` | {points:g} | {what.replace('|', chr(92) + '|')} |")
    table = (f"#### How {title} is graded ({sum(p for _, p, _ in cells):g} points)\n\n"
             "| test cell | points | what earns them |\n|---|---|---|\n" + "\n".join(rows))
    if len(rubric.parts) == 1:
        return table
    values = [part for part in rubric.parts if part.core]
    if len(values) == 1:
        nothing = f"when {values[0].what} {'is' if values[0].what.startswith('the loss') else 'are'} wrong"
    else:
        nothing = "when no output's values are right"
    return (table + f"\n\nIn `{rubric.cell}` each part that is right earns its points, even when another part is "
            f"wrong; {nothing.replace('|', chr(92) + '|')}, it earns nothing. When you submit, the feedback names "
            "every deduction and its points.")
