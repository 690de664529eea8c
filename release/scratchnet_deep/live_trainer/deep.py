"""Training a deeper network with the second assignment's functions (scratchnet_deep). Ungraded.

The deep notebook's own training loop, on mini-batches: the student's initialize_parameters,
model_forward, compute_cost, model_backward and update_parameters_adam (or _momentum), with the hidden
layers, activation and optimiser of a DeepSettings. What each function returns is checked as
training.py checks the 2-layer network's functions, and a problem ends the run with a one-sentence
StudentCodeError message. Plots, widgets and launch use a DeepRun as they use a TrainingRun.
"""
import time
from dataclasses import dataclass, replace

import numpy as np

from .problems import make_problem, problem_name
from .training import StudentCodeError, TrainingRun, _call, _expect_shapes, _unpack, find_student_functions

# The deep notebook's functions in notebook order: a failure is blamed on the innermost of them.
DEEP_NOTEBOOK_FUNCTIONS = (
    "initialize_parameters", "linear_forward", "activation_forward", "linear_activation_forward", "model_forward",
    "compute_cost", "activation_backward", "linear_backward", "linear_activation_backward", "model_backward",
    "update_parameters_momentum", "update_parameters_adam")
# The ones the trainer calls itself (the others it reaches through model_forward and model_backward).
DEEP_FUNCTIONS = ("initialize_parameters", "model_forward", "compute_cost", "model_backward",
                  "update_parameters_momentum", "update_parameters_adam")
DEEP_PROBLEMS = ("moons", "spirals")
ACTIVATIONS = ("relu", "tanh", "sigmoid")
OPTIMIZERS = ("adam", "momentum")
# The initialisation that suits each hidden activation (the notebook's Part 1).
INITIALIZATION = {"relu": "he", "tanh": "xavier", "sigmoid": "xavier"}
# Enough for the vanishing-gradient experiments (ten sigmoid layers), small enough to redraw live.
MAX_HIDDEN_LAYERS = 12
MAX_LAYER_SIZE = 256


@dataclass(frozen=True)
class DeepSettings:
    """One run of the deep trainer: the problem, the hidden layers' sizes, their activation, the
    optimiser and its learning rate, the epochs, the mini-batch size and the seed."""

    problem: str = "moons"
    hidden_layers: tuple = (16, 16)
    activation: str = "relu"
    optimizer: str = "adam"
    lr: float = 0.01
    epochs: int = 150
    batch_size: int = 32
    seed: int = 0

    @property
    def init(self):
        """He for ReLU, Xavier for tanh and the sigmoid."""
        return INITIALIZATION[self.activation]

    def describe(self, long=False):
        """The network and its training in a few words, for titles and summaries (without the problem)."""
        layers = "-".join(str(size) for size in self.hidden_layers)
        if long:
            return (f"hidden layers {layers} ({self.activation}), {self.optimizer}, learning rate {self.lr:g}, "
                    f"batches of {self.batch_size}, seed {self.seed}")
        return f"hidden {layers} {self.activation}, {self.optimizer} lr {self.lr:g}, batch {self.batch_size}, seed {self.seed}"


# With the reference functions each reaches at least 99% training accuracy on seeds 0 to 4, in a few seconds
# (tests/test_live_trainer.py checks at least 97%).
DEEP_RECOMMENDED_SETTINGS = {
    "moons": DeepSettings("moons", hidden_layers=(16, 16), lr=0.01, epochs=150),
    "spirals": DeepSettings("spirals", hidden_layers=(16, 16), lr=0.01, epochs=300),
}


def layer_sizes(value):
    """The hidden layers' sizes from "16, 16" (as typed in the trainer) or a sequence of numbers.

    Raises ValueError with a one-sentence message when they are not 1 to MAX_HIDDEN_LAYERS whole
    numbers from 1 to MAX_LAYER_SIZE.
    """
    parts = value.replace(",", " ").split() if isinstance(value, str) else list(np.atleast_1d(value))
    try:
        sizes = tuple(int(part) for part in parts)
        whole = all(float(part) == size for part, size in zip(parts, sizes))
    except (TypeError, ValueError):
        whole = False
    if not whole or not 1 <= len(sizes) <= MAX_HIDDEN_LAYERS or not all(1 <= s <= MAX_LAYER_SIZE for s in sizes):
        raise ValueError(f"the hidden layers are 1 to {MAX_HIDDEN_LAYERS} sizes from 1 to {MAX_LAYER_SIZE}, "
                         f"separated by commas (such as 16, 16); got {value!r}.")
    return sizes


def deep_settings(problem, hidden_layers=None, activation=None, optimizer=None, lr=None, epochs=None,
                  batch_size=None, seed=None):
    """The recommended DeepSettings for `problem`, with any of the other arguments that are not None instead.

    Raises KeyError for a problem the deep trainer does not offer and ValueError for settings that
    cannot train (each with a one-sentence message).
    """
    name = problem_name(problem)
    if name not in DEEP_RECOMMENDED_SETTINGS:
        raise KeyError(f"the deep trainer trains {' or '.join(DEEP_PROBLEMS)}; got {problem!r}")
    chosen = {"hidden_layers": hidden_layers, "activation": activation, "optimizer": optimizer, "lr": lr,
              "epochs": epochs, "batch_size": batch_size, "seed": seed}
    settings = replace(DEEP_RECOMMENDED_SETTINGS[name], **{key: value for key, value in chosen.items() if value is not None})
    if settings.activation not in ACTIVATIONS or settings.optimizer not in OPTIMIZERS:
        raise ValueError(f"the activation is one of {', '.join(ACTIVATIONS)} and the optimizer adam or momentum; "
                         f"got {settings.activation!r} and {settings.optimizer!r}.")
    if int(settings.epochs) < 1 or int(settings.batch_size) < 1 or not float(settings.lr) > 0:
        raise ValueError(f"the epochs and batch size must be at least 1 and the learning rate above 0; got "
                         f"epochs={settings.epochs}, batch_size={settings.batch_size}, lr={settings.lr}.")
    return replace(settings, hidden_layers=layer_sizes(settings.hidden_layers), epochs=int(settings.epochs),
                   batch_size=int(settings.batch_size), lr=float(settings.lr), seed=int(settings.seed))


class DeepRun(TrainingRun):
    """A TrainingRun of the deep network: params is the parameters dict; loss, accuracy and gradient
    norm are measured on the whole training set after each epoch (as the notebook's train records them)."""

    def predict(self, X):
        return self.functions["model_forward"](X, self.params, self.settings.activation)[0]


def mini_batches(m, batch_size, rng):
    """The sample indices of one epoch, as the notebook's mini_batches draws them: shuffled, then cut."""
    order = rng.permutation(m)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def _zeros_like_gradients(parameters):
    """An optimiser's starting state, as the notebook's initialize_velocity and initialize_adam make it."""
    return {f"d{name}": np.zeros_like(value) for name, value in parameters.items()}


def _expect_dict(name, value, shapes, hint, what):
    """`value` must be a dict with every key of `shapes`, each with its shape; else a StudentCodeError."""
    if not isinstance(value, dict):
        raise StudentCodeError(f"{name} should return {what}, a dict, but it returned a {type(value).__name__}; "
                               f"check its return line, run its cell, then run this cell again.")
    missing = [key for key in shapes if key not in value]
    if missing:
        raise StudentCodeError(f"{name} returned {what} without {', '.join(missing)} (it should have "
                               f"{', '.join(shapes)}); fix it, run its cell, then run this cell again.")
    _expect_shapes(name, [value[key] for key in shapes], list(shapes), list(shapes.values()), hint)


class _Network:
    """The student's functions, called with the checks that turn any problem into one sentence."""

    def __init__(self, functions, settings, n_out):
        self.functions, self.settings, self.n_out = functions, settings, n_out

    def call(self, name, *args):
        return _call(name, self.functions, *args, notebook_functions=DEEP_NOTEBOOK_FUNCTIONS)

    def initial_parameters(self, n_in):
        dims = [n_in, *self.settings.hidden_layers, self.n_out]
        parameters = self.call("initialize_parameters", dims, self.settings.init, self.settings.seed)
        shapes = {}
        for layer in range(1, len(dims)):
            shapes[f"W{layer}"], shapes[f"b{layer}"] = (dims[layer - 1], dims[layer]), (1, dims[layer])
        _expect_dict("initialize_parameters", parameters, shapes, lambda label: f" for layer sizes {dims}",
                     "the parameters")
        return {key: np.asarray(parameters[key], dtype=float) for key in shapes}

    def forward(self, X, parameters):
        AL, caches = _unpack("model_forward", self.call("model_forward", X, parameters, self.settings.activation),
                             ("AL", "caches"))
        _expect_shapes("model_forward", [AL], ["AL"], [(X.shape[0], self.n_out)],
                       lambda label: " (one row per sample, one column per output)")
        return AL, caches

    def gradients(self, AL, Y, caches, parameters):
        grads = self.call("model_backward", AL, Y, caches, self.settings.activation)
        _expect_dict("model_backward", grads, {f"d{key}": value.shape for key, value in parameters.items()},
                     lambda label: (", the shape of its bias (did you sum over axis 0 with keepdims=True?)"
                                    if label.startswith("db") else f", the shape of {label[1:]}"), "the gradients")
        return grads

    def cost(self, AL, Y):
        cost = self.call("compute_cost", AL, Y)
        if np.ndim(cost) != 0:
            raise StudentCodeError(f"compute_cost should return a single number, but it returned an array of shape "
                                   f"{np.shape(cost)}; average over the samples, run its cell, then run this cell again.")
        return float(cost)

    def update(self, parameters, grads, state, step):
        """The optimiser's step: (new parameters, new state); state is the velocities, or Adam's (m, v)."""
        shapes = {key: value.shape for key, value in parameters.items()}
        lr = self.settings.lr
        if self.settings.optimizer == "momentum":
            name = "update_parameters_momentum"
            new, velocities = _unpack(name, self.call(name, parameters, grads, state, lr), ("parameters", "velocities"))
            new_state = velocities
        else:
            name = "update_parameters_adam"
            new, first, second = _unpack(name, self.call(name, parameters, grads, *state, step, lr),
                                         ("parameters", "m", "v"))
            new_state = (first, second)
        _expect_dict(name, new, shapes, lambda label: f", the shape {label} came in with", "the parameters")
        return {key: np.asarray(new[key], dtype=float) for key in shapes}, new_state


def train_deep(functions, settings, on_epoch=None):
    """Mini-batch training of the deep network with the given functions, as the notebook's train does it.

    Inputs:
    - functions: dict with the functions of DEEP_FUNCTIONS (the student's, or the reference's)
    - settings: a DeepSettings
    - on_epoch: optional callable(run) called after every epoch; returning True stops the run early

    Returns the DeepRun. Problems in the functions do not raise: they end the run and set run.error
    to a one-sentence message. A nan or infinite cost or gradient ends the run the same way.
    """
    X, y = make_problem(settings.problem, settings.seed)
    run = DeepRun(settings, dict(functions), X, y, None)
    network = _Network(run.functions, settings, y.shape[1])
    started = time.perf_counter()
    with np.errstate(all="ignore"):  # as in train_network: overflow in a plain sigmoid is harmless
        try:
            run.params = network.initial_parameters(X.shape[1])
            shuffler = np.random.default_rng(settings.seed)  # the order of the samples; the weights have their own
            state = (_zeros_like_gradients(run.params) if settings.optimizer == "momentum"
                     else (_zeros_like_gradients(run.params), _zeros_like_gradients(run.params)))
            step = 0
            for epoch in range(1, settings.epochs + 1):
                for batch in mini_batches(X.shape[0], settings.batch_size, shuffler):
                    AL, caches = network.forward(X[batch], run.params)
                    grads = network.gradients(AL, y[batch], caches, run.params)
                    step += 1
                    run.params, state = network.update(run.params, grads, state, step)
                # The figures of the epoch: cost and accuracy as the notebook records them, and the
                # gradient of the whole training set's cost (one more backward pass, for the plot only).
                AL, caches = network.forward(X, run.params)
                run.loss.append(network.cost(AL, y))
                run.accuracy.append(float(np.mean((np.asarray(AL) > 0.5) == (y > 0.5))))
                grads = network.gradients(AL, y, caches, run.params)
                run.grad_norm.append(float(np.sqrt(sum(np.vdot(g, g) for g in grads.values()))))
                if not np.isfinite(run.loss[-1]) or not np.isfinite(run.grad_norm[-1]):
                    culprit, value = (("cost", run.loss[-1]) if not np.isfinite(run.loss[-1])
                                      else ("gradient norm", run.grad_norm[-1]))
                    raise StudentCodeError(
                        f"Training stopped at epoch {epoch}: the {culprit} became {value}; try a smaller learning "
                        f"rate, and if that does not help, look for a log of 0 or a division by zero in "
                        "compute_cost and the backward functions.")
                if on_epoch is not None and on_epoch(run):
                    run.stopped_early = True
                    break
        except StudentCodeError as error:
            run.error = str(error)
    if run.loss:
        run.final_loss, run.final_accuracy = run.loss[-1], run.accuracy[-1]
    run.seconds = time.perf_counter() - started
    run.finished = True
    return run


def find_deep_functions(namespace):
    """The functions the deep trainer calls, from the notebook's globals(); StudentCodeError names the missing."""
    return find_student_functions(namespace, DEEP_FUNCTIONS)


def check_deep_functions(functions, settings):
    """Train one epoch with `settings` so that a missing, unfinished or broken function shows up at once.

    Only the chosen optimiser is called: momentum may still be unfinished while Adam trains.
    Raises StudentCodeError with the first problem found.
    """
    run = train_deep(functions, replace(settings, epochs=1))
    if run.error:
        raise StudentCodeError(run.error)
