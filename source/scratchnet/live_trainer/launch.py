"""What the notebook calls: launch_trainer and compare_hidden_sizes.

Live widgets in Jupyter, one static run anywhere else, and nothing at all while grading.
"""
import os

from .deep import DeepSettings, check_deep_functions, deep_settings, find_deep_functions, train_deep
from .display import _figure_for_static_display, _kernel_shell, _show_figure
from .plots import LIVE_FIGSIZE, BoundaryPanel, Dashboard
from .problems import recommended_settings
from .training import StudentCodeError, check_functions, find_student_functions, train_network
from .widgets import DeepTrainerApp, TrainerApp, _widgets_available


# nbgrader sets NBGRADER_EXECUTION while it validates or autogrades; the student's pytest
# self-check sets SCRATCHNET_SELF_CHECK while it runs notebook cells in-process.
SKIP_MESSAGES = {
    "NBGRADER_EXECUTION": "Live trainer skipped while nbgrader runs the notebook (it is ungraded).",
    "SCRATCHNET_SELF_CHECK": "Live trainer skipped during the self-check (it is ungraded).",
}


def _say(message):
    """Print a message in lines of at most 100 characters: Jupyter breaks longer ones anywhere, even mid-word."""
    import textwrap

    print(textwrap.fill(message, 100, break_long_words=False, break_on_hyphens=False))


def _skip_message():
    """Why the trainer must not run here, or None."""
    for variable, message in SKIP_MESSAGES.items():
        if os.environ.get(variable):
            return message
    return None


def show_static_run(functions, settings):
    """Train once without widgets and show the final plots.

    Inputs:
    - functions: dict with forward, compute_loss, backward and update_weights (or the deep network's)
    - settings: a Settings (or a DeepSettings)

    Prints the run's summary (or, if the student's code stopped it, why) and returns (run, dashboard).
    """
    run = train_deep(functions, settings) if isinstance(settings, DeepSettings) else train_network(functions, settings)
    dashboard = Dashboard(run, _figure_for_static_display(LIVE_FIGSIZE))
    dashboard.update(run)
    _say(run.error or run.summary())
    _show_figure(dashboard.figure, run.summary())
    return run, dashboard


def _ready_to_train(namespace, make_settings, deep=False):
    """(functions, settings) when training can start; otherwise None, after saying why in one line.

    Nothing trains while nbgrader runs the notebook; unknown settings and missing or broken student
    functions are reported as a sentence, not a traceback. `deep`: the second assignment's network.
    """
    skip = _skip_message()
    if skip:
        _say(skip)
        return None
    try:
        settings = make_settings()
        if deep:
            functions = find_deep_functions(namespace)
            check_deep_functions(functions, settings)
        else:
            functions = find_student_functions(namespace)
            check_functions(functions)
    except (KeyError, ValueError) as error:
        _say(f"Live trainer: {error.args[0]}")
        return None
    except StudentCodeError as error:
        _say(str(error))
        return None
    return functions, settings


def launch_trainer(namespace, problem="xor", n_hidden=None, lr=None, epochs=None, seed=0, live=None):
    """The live trainer, driven by your own functions. In the notebook: `launch_trainer(globals())`.

    Inputs:
    - namespace: where your forward, compute_loss, backward and update_weights are (the notebook's globals())
    - problem: the problem to start with: "xor", "circles", "moons" or "spirals"
    - n_hidden, lr, epochs, seed: the starting settings; None means the problem's recommended value
    - live: True for the widgets, False for one static run with its final plots; None (the default)
      means widgets inside Jupyter when ipywidgets is installed, a static run anywhere else

    Trains once straight away. Returns None. While nbgrader runs the notebook it does nothing but say
    so; a missing or broken function is reported in one sentence instead of a traceback.
    """
    ready = _ready_to_train(
        namespace, lambda: recommended_settings(problem, n_hidden=n_hidden, lr=lr, epochs=epochs, seed=seed))
    if ready is None:
        return
    functions, settings = ready
    if live is None:
        live = _kernel_shell() is not None and _widgets_available()
    if live:
        TrainerApp(functions, settings).show()
    else:
        show_static_run(functions, settings)


def compare_hidden_sizes(namespace, problem="circles", hidden_sizes=(2, 3, 16), lr=None, epochs=None, seed=0):
    """Train one problem with several hidden sizes and show the decision boundaries side by side.

    Inputs:
    - namespace: where your forward, compute_loss, backward and update_weights are (the notebook's globals())
    - problem: "xor", "circles", "moons" or "spirals"
    - hidden_sizes: the hidden sizes to compare, one panel each
    - lr, epochs, seed: as in launch_trainer; None means the problem's recommended value

    Returns None; skipped while grading, and a broken function is reported in one sentence.
    """
    ready = _ready_to_train(namespace, lambda: [
        recommended_settings(problem, n_hidden=size, lr=lr, epochs=epochs, seed=seed) for size in hidden_sizes])
    if ready is None:
        return
    functions, all_settings = ready
    runs = []
    for settings in all_settings:
        run = train_network(functions, settings)
        if run.error:
            _say(run.error)
            return
        runs.append(run)
    figure = _figure_for_static_display((3.3 * len(runs), 3.6), layout="constrained")
    for ax, run in zip(figure.subplots(1, len(runs), squeeze=False)[0], runs):
        BoundaryPanel(ax, run.X, run.y).update(run.predict)
        ax.set_aspect("equal")
        ax.set_title(f"{run.settings.n_hidden} hidden units: {run.final_accuracy:.1%}", fontsize=10)
    figure.suptitle(f"{problem}: the same data, lr {runs[0].settings.lr:g}, {runs[0].settings.epochs:,} epochs",
                    fontsize=11)
    summary = "; ".join(f"{run.settings.n_hidden} hidden units: accuracy {run.final_accuracy:.1%}" for run in runs)
    _say(summary)
    _show_figure(figure, summary)


def launch_deep_trainer(namespace, problem="moons", hidden_layers=None, activation=None, optimizer=None, lr=None,
                        epochs=None, batch_size=None, seed=0, live=None):
    """The live trainer for the second assignment's deeper networks. In the notebook: `launch_deep_trainer(globals())`.

    Inputs:
    - namespace: where your initialize_parameters, model_forward, compute_cost, model_backward and
      update_parameters_adam / update_parameters_momentum are (the notebook's globals())
    - problem: "moons" or "spirals"
    - hidden_layers: the hidden layers' sizes, such as (16, 16) or "32, 32, 32"
    - activation: the hidden layers' "relu", "tanh" or "sigmoid" (He initialisation for ReLU, Xavier otherwise)
    - optimizer: "adam" or "momentum"; lr, epochs, batch_size, seed: as the notebook's train takes them
      (None means the problem's recommended value)
    - live: as for launch_trainer

    Trains once straight away. Returns None. While nbgrader runs the notebook it does nothing but say
    so; a missing or broken function is reported in one sentence instead of a traceback.
    """
    ready = _ready_to_train(namespace, lambda: deep_settings(
        problem, hidden_layers=hidden_layers, activation=activation, optimizer=optimizer, lr=lr, epochs=epochs,
        batch_size=batch_size, seed=seed), deep=True)
    if ready is None:
        return
    functions, settings = ready
    if live is None:
        live = _kernel_shell() is not None and _widgets_available()
    if live:
        DeepTrainerApp(functions, settings).show()
    else:
        show_static_run(functions, settings)
