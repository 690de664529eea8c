"""Training with the student's functions.

Anything wrong with them becomes a StudentCodeError whose text is one sentence a student can act on;
a function that is merely wrong (say, a backward with a slip in it) is trained with anyway, so the
student can watch the loss go nowhere.
"""
import time
from dataclasses import dataclass, field

import numpy as np

from .problems import Settings, make_problem


STUDENT_FUNCTIONS = ("forward", "compute_loss", "backward", "update_weights")
# Notebook functions a failure may be traced to: forward calls the student's sigmoid.
NOTEBOOK_FUNCTIONS = ("sigmoid", *STUDENT_FUNCTIONS)
FORWARD_NAMES = ("z1", "a1", "z2", "a2")
GRADIENT_NAMES = ("dW1", "db1", "dW2", "db2")
PARAMETER_NAMES = ("W1", "b1", "W2", "b2")
# Exception texts are cut to this many characters so that a message stays one readable line.
MAX_DETAIL_CHARS = 150


class StudentCodeError(Exception):
    """A notebook function is missing, unfinished, crashed or returned something the trainer cannot use.

    str(error) is one sentence naming the function and saying what to do.
    """


@dataclass
class TrainingRun:
    """A training run in progress or finished. Loss, accuracy and gradient norm are recorded every
    epoch, measured before that epoch's update (as in the notebook's training loop)."""

    settings: Settings
    functions: dict = field(repr=False)
    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    params: tuple = field(repr=False)
    loss: list = field(default_factory=list, repr=False)
    accuracy: list = field(default_factory=list, repr=False)
    grad_norm: list = field(default_factory=list, repr=False)
    error: str | None = None  # set when the student's code stopped the run: the one-sentence message
    stopped_early: bool = False  # set when the caller asked the run to stop
    final_loss: float = float("nan")  # of the final parameters, after the last update
    final_accuracy: float = float("nan")
    seconds: float = 0.0
    finished: bool = False  # set when the run has ended, however it ended

    @property
    def epochs_done(self):
        """How many epochs ran."""
        return len(self.loss)

    def summary(self):
        """One line: the problem, the settings and where the run ended."""
        s = self.settings
        ending = "stopped" if self.error or self.stopped_early else "done"
        grad = f", grad norm {self.grad_norm[-1]:.3g}" if self.grad_norm else ""
        return (f"{s.problem}: {s.describe()}; {ending} after "
                f"{self.epochs_done:,} of {s.epochs:,} epochs in {self.seconds:.1f} s: loss {self.final_loss:.4f}, "
                f"accuracy {self.final_accuracy:.1%}{grad}.")

    def predict(self, X):
        """The network's output probabilities for the rows of X with the current parameters, shape (m, n_out)."""
        return self.functions["forward"](X, *self.params)[3]


def initial_parameters(n_in, n_hidden, n_out, seed):
    """Starting weights as in the tutorial: normal with variance 2 / fan_in; biases zero.

    Drawn from a private generator, so the same seed always gives the same network.
    Returns (W1, b1, W2, b2) with shapes (n_in, n_hidden), (1, n_hidden), (n_hidden, n_out), (1, n_out).
    """
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(2.0 / n_in)
    b1 = np.zeros((1, n_hidden))
    W2 = rng.standard_normal((n_hidden, n_out)) * np.sqrt(2.0 / n_hidden)
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def _names_in_words(names):
    """a, a and b, or a, b and c."""
    quoted = list(names)
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def find_student_functions(namespace, names=STUDENT_FUNCTIONS):
    """The functions the trainer needs (`names`: the four of the 2-layer network unless told), taken from
    `namespace` (the notebook's globals()).

    Returns a dict name -> function. Raises StudentCodeError naming whichever are missing.
    """
    missing = [name for name in names if not callable(namespace.get(name))]
    if missing:
        verb, pronoun = ("is", "it") if len(missing) == 1 else ("are", "them")
        raise StudentCodeError(
            f"The trainer needs your {_names_in_words(missing)}, which {verb} not defined yet: run the cells "
            f"that define {pronoun} (Run > Run All Above Selected Cell), then run this cell again.")
    return {name: namespace[name] for name in names}


def _describe_failure(called, error, functions, notebook_functions=NOTEBOOK_FUNCTIONS):
    """One sentence about an exception raised while calling the student's function `called`.

    The innermost notebook function (of `notebook_functions`) in the traceback is the one named, so a
    `sigmoid` stub reached through `forward` is reported as sigmoid's.
    """
    notebook_globals = {id(getattr(function, "__globals__", None)) for function in functions.values()}
    blamed = called
    frame_link = error.__traceback__
    while frame_link is not None:
        frame = frame_link.tb_frame
        if frame.f_code.co_name in notebook_functions and id(frame.f_globals) in notebook_globals:
            blamed = frame.f_code.co_name
        frame_link = frame_link.tb_next
    via = "" if blamed == called else f" (called by {called})"
    if isinstance(error, NotImplementedError):
        return (f"{blamed}{via} is not implemented yet: write its body where it says YOUR CODE HERE, "
                f"run its cell, then run this cell again.")
    detail = " ".join(str(error).split())
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[:MAX_DETAIL_CHARS - 3] + "..."
    detail = f" ({detail})" if detail else ""
    return (f"{blamed}{via} raised {type(error).__name__}{detail}; fix it (its test cell above may say more), "
            f"run its cell, then run this cell again.")


def _call(name, functions, *args, notebook_functions=NOTEBOOK_FUNCTIONS):
    """Call the student's function `name`; any exception becomes a StudentCodeError."""
    try:
        return functions[name](*args)
    except Exception as error:  # whatever the student's code raises is a finding to report, not a crash
        raise StudentCodeError(_describe_failure(name, error, functions, notebook_functions)) from None


def _describe_value(value):
    """How a wrong return value looks, in a few words."""
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} values"
    return "None (is a return missing?)" if value is None else f"a {type(value).__name__}"


def _unpack(name, result, names):
    """The student's result as a tuple of len(names) values; StudentCodeError if it is not that."""
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        raise StudentCodeError(f"{name} should return {len(names)} values ({', '.join(names)}), but it returned "
                               f"{_describe_value(result)}; check its return line, run its cell, then this one.")
    return tuple(result)


def _expect_shapes(name, values, names, shapes, hint):
    """Each value must have the expected shape; StudentCodeError naming the first that does not."""
    for label, value, shape in zip(names, values, shapes):
        if np.shape(value) != shape:
            raise StudentCodeError(f"{name} returned {label} with shape {np.shape(value)}, but it should have shape "
                                   f"{shape}{hint(label)}; fix it, run its cell, then run this cell again.")


def _forward_hint(label):
    return " (one row per sample)" if label in ("z1", "a1") else " (one row per sample, one column per output)"


def _gradient_hint(label):
    if label.startswith("db"):
        return ", the shape of its bias (did you sum over axis 0 with keepdims=True?)"
    return f", the shape of {label[1:]}"


def _parameter_hint(label):
    return f", the shape {label} came in with"


def _accuracy(y, a2):
    """Fraction of samples whose output, thresholded at 0.5, matches the target."""
    return float(np.count_nonzero((np.asarray(a2) >= 0.5) == (y >= 0.5)) / y.size)


def training_step(functions, X, y, params, lr):
    """One epoch with the student's functions, checking what each returns.

    Inputs:
    - functions: dict with forward, compute_loss, backward and update_weights
    - X: inputs, shape (m, n_in); y: targets, shape (m, n_out)
    - params: (W1, b1, W2, b2); lr: the learning rate

    Returns (loss, accuracy, grad_norm, new_params); the first three are floats measured before the update.
    Raises StudentCodeError when a function fails or returns the wrong number or shapes of values.
    """
    W1, b1, W2, b2 = params
    m, n_hidden, n_out = X.shape[0], W1.shape[1], W2.shape[1]
    outputs = _unpack("forward", _call("forward", functions, X, W1, b1, W2, b2), FORWARD_NAMES)
    _expect_shapes("forward", outputs, FORWARD_NAMES, [(m, n_hidden)] * 2 + [(m, n_out)] * 2, _forward_hint)
    z1, a1, z2, a2 = outputs
    loss = _call("compute_loss", functions, y, a2)
    if np.ndim(loss) != 0:
        raise StudentCodeError(f"compute_loss should return a single number, but it returned an array of shape "
                               f"{np.shape(loss)}; average over the samples, run its cell, then run this cell again.")
    accuracy = _accuracy(y, a2)
    shapes = [p.shape for p in params]
    gradients = _unpack("backward", _call("backward", functions, X, y, z1, a1, z2, a2, W1, W2), GRADIENT_NAMES)
    _expect_shapes("backward", gradients, GRADIENT_NAMES, shapes, _gradient_hint)
    grad_norm = float(np.sqrt(sum(np.vdot(g, g) for g in gradients)))  # vdot flattens: the sum of squares
    new_params = _unpack("update_weights", _call("update_weights", functions, W1, b1, W2, b2, *gradients, lr),
                         PARAMETER_NAMES)
    _expect_shapes("update_weights", new_params, PARAMETER_NAMES, shapes, _parameter_hint)
    return float(loss), accuracy, grad_norm, tuple(np.asarray(p, dtype=float) for p in new_params)


def _final_figures(run):
    """Loss and accuracy of the final parameters (after the last update)."""
    W1, b1, W2, b2 = run.params
    a2 = _unpack("forward", _call("forward", run.functions, run.X, W1, b1, W2, b2), FORWARD_NAMES)[3]
    loss = _call("compute_loss", run.functions, run.y, a2)
    return float(loss), _accuracy(run.y, a2)


def train_network(functions, settings, on_epoch=None):
    """Full-batch gradient descent on settings.problem with the given functions.

    Inputs:
    - functions: dict with forward, compute_loss, backward and update_weights (the student's or the reference)
    - settings: a Settings
    - on_epoch: optional callable(run) called after every epoch; returning True stops the run early

    Returns the TrainingRun. Problems in the functions do not raise: they end the run and set
    run.error to a one-sentence message. A nan or infinite loss or gradient ends the run the same way.
    """
    X, y = make_problem(settings.problem, settings.seed)
    run = TrainingRun(settings, dict(functions), X, y, initial_parameters(X.shape[1], settings.n_hidden, y.shape[1],
                                                                         settings.seed))
    started = time.perf_counter()
    # A plain 1 / (1 + exp(-z)) overflows harmlessly for large |z|; do not let numpy warn about it every epoch.
    # (np.errstate is per thread, so this is safe in the widget's training thread.)
    with np.errstate(all="ignore"):
        try:
            for epoch in range(1, settings.epochs + 1):
                loss, accuracy, grad_norm, run.params = training_step(run.functions, X, y, run.params, settings.lr)
                run.loss.append(loss)
                run.accuracy.append(accuracy)
                run.grad_norm.append(grad_norm)
                if not np.isfinite(loss) or not np.isfinite(grad_norm):
                    culprit, value = ("loss", loss) if not np.isfinite(loss) else ("gradient norm", grad_norm)
                    raise StudentCodeError(
                        f"Training stopped at epoch {epoch}: the {culprit} became {value}; try a smaller learning "
                        f"rate, and if that does not help, look for a log of 0 or a division by zero in "
                        "compute_loss and backward.")
                if on_epoch is not None and on_epoch(run):
                    run.stopped_early = True
                    break
            run.final_loss, run.final_accuracy = _final_figures(run)
        except StudentCodeError as error:
            run.error = str(error)
            if run.loss:
                run.final_loss, run.final_accuracy = run.loss[-1], run.accuracy[-1]
    run.seconds = time.perf_counter() - started
    run.finished = True
    return run


def check_functions(functions):
    """Train for two epochs on XOR so that a missing, unfinished or broken function shows up at once.

    Raises StudentCodeError with the first problem found.
    """
    sigmoid = getattr(functions.get("forward"), "__globals__", {}).get("sigmoid")
    if callable(sigmoid):  # the notebook's first function: name it first when it is unfinished too
        try:
            sigmoid(np.zeros((2, 2)))
        except NotImplementedError as error:
            raise StudentCodeError(_describe_failure("sigmoid", error, {**functions, "sigmoid": sigmoid})) from None
        except Exception:  # any other trouble shows when forward calls it, with forward named as the caller
            pass
    run = train_network(functions, Settings("xor", n_hidden=3, lr=0.1, epochs=2))
    if run.error:
        raise StudentCodeError(run.error)
