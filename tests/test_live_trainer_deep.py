"""The live trainer for the second assignment's deeper networks (launch_deep_trainer, DeepTrainerApp).

The trainer is the package in source/scratchnet_deep/live_trainer/, loaded as a student's notebook
loads it (its own copy, identical to the first assignment's). Student code is imitated as in
tests/test_live_trainer.py: the reference's source run in a fresh namespace, the way notebook cells
define functions, with textual changes for the mistakes.
"""
import base64
import filecmp
import importlib.util
import inspect
import os
import shutil
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")  # before anything draws: no windows, and the same pixels on every machine

import matplotlib.image
import nbformat
import numpy as np
import pytest

from course_helpers import REPO
from scratchnet_solution.assignments.scratchnet_deep import network, optimizers, training

TRAINER = REPO / "source" / "scratchnet_deep" / "live_trainer"
NOTEBOOK = REPO / "source" / "scratchnet_deep" / "scratchnet_deep.ipynb"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REFERENCE_SOURCE = inspect.getsource(network) + "\n" + inspect.getsource(optimizers)
# The accuracy each problem must reach with its recommended settings on every seed tried.
TARGETS = {"moons": 0.97, "spirals": 0.97}


def load_trainer():
    """The deep folder's live_trainer under a private name, so it never stands in for another copy."""
    name = "scratchnet_deep_live_trainer"
    for loaded in [key for key in sys.modules if key == name or key.startswith(name + ".")]:
        del sys.modules[loaded]
    spec = importlib.util.spec_from_file_location(name, TRAINER / "__init__.py", submodule_search_locations=[str(TRAINER)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # the package's relative imports and dataclasses look it up by name
    spec.loader.exec_module(module)
    return module


trainer = load_trainer()
REFERENCE = training.reference_functions()


def notebook_namespace(replacements=(), extra_source=""):
    """A namespace as after running the deep notebook's cells with the reference answers, changed by
    `replacements` ((old, new) pairs, each of which must apply), then `extra_source`."""
    source = REFERENCE_SOURCE
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    namespace = {"__name__": "__main__"}
    exec(compile(source + "\n\n" + textwrap.dedent(extra_source), "<notebook>", "exec"), namespace)
    return namespace


def patch_trainer(monkeypatch, name, value):
    """Replace `name` in every module of the trainer package that has it (they import names from each other)."""
    modules = [trainer, *(module for module in vars(trainer).values()
                          if inspect.ismodule(module) and module.__name__.startswith(trainer.__name__ + "."))]
    having = [module for module in modules if hasattr(module, name)]
    assert having, f"no module of the trainer has {name}"
    for module in having:
        monkeypatch.setattr(module, name, value)


def assert_real_png(data):
    import io

    assert data.startswith(PNG_SIGNATURE)
    pixels = matplotlib.image.imread(io.BytesIO(data), format="png")
    height, width = pixels.shape[:2]
    assert 200 <= height <= 3000 and 300 <= width <= 3000, pixels.shape
    assert pixels[..., :3].std() > 0.05  # a picture, not a blank canvas


@pytest.fixture(autouse=True)
def not_grading(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("SCRATCHNET_SELF_CHECK", raising=False)


# --- one trainer, two folders ----------------------------------------------------------------------


def test_both_assignments_carry_the_same_trainer():
    first = REPO / "source" / "scratchnet" / "live_trainer"
    names = sorted(path.name for path in first.glob("*.py"))
    assert names == sorted(path.name for path in TRAINER.glob("*.py")) and "deep.py" in names
    _, differ, errors = filecmp.cmpfiles(first, TRAINER, names, shallow=False)
    assert differ == [] and errors == [], f"source/scratchnet_deep/live_trainer differs from the first's: {differ}"


# --- training with the reference functions ---------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("problem", list(TARGETS))
def test_recommended_settings_reach_the_target(problem, seed):
    run = trainer.train_deep(REFERENCE, trainer.deep_settings(problem, seed=seed))
    assert run.error is None and run.epochs_done == run.settings.epochs
    assert run.final_accuracy >= TARGETS[problem], run.summary()


@pytest.mark.parametrize("kind", [dict(), dict(hidden_layers="8, 8, 8", activation="tanh", optimizer="momentum", lr=0.1,
                                                 batch_size=50, seed=3)])
def test_trainer_follows_the_notebooks_training_loop(kind):
    """The same cost and accuracy per epoch as the loop the notebook gives (the reference package's train)."""
    settings = trainer.deep_settings("spirals", epochs=25, **kind)
    run = trainer.train_deep(REFERENCE, settings)
    X, Y = trainer.make_problem("spirals", settings.seed)
    reference = training.train(X, Y, [2, *settings.hidden_layers, 1], settings.activation, settings.init,
                               settings.optimizer, settings.lr, settings.epochs, settings.batch_size, seed=settings.seed)
    np.testing.assert_allclose(run.loss, reference.cost, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(run.accuracy, reference.accuracy, rtol=0, atol=0)
    assert settings.init == ("he" if settings.activation == "relu" else "xavier")


def test_gradient_norm_is_of_the_whole_training_sets_cost():
    run = trainer.train_deep(REFERENCE, trainer.deep_settings("moons", epochs=3))
    X, Y = trainer.make_problem("moons")
    AL, caches = network.model_forward(X, run.params, "relu")
    grads = network.model_backward(AL, Y, caches, "relu")
    assert run.grad_norm[-1] == pytest.approx(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())), rel=1e-12)


@pytest.mark.parametrize("text,sizes", [("16, 16", (16, 16)), ("32 8 4", (32, 8, 4)), ((4,), (4,)), ("7,", (7,))])
def test_layer_sizes_are_read_as_typed(text, sizes):
    assert trainer.layer_sizes(text) == sizes


@pytest.mark.parametrize("text", ["", "0", "16, x", "1.5", "16, 1000", ", ".join(["4"] * 13)])
def test_unusable_layer_sizes_get_one_sentence(text):
    with pytest.raises(ValueError, match=r"^the hidden layers are 1 to 12 sizes from 1 to 256"):
        trainer.layer_sizes(text)


def test_unknown_problem_and_settings_are_said_not_raised(capsys):
    trainer.launch_deep_trainer(notebook_namespace(), problem="xor", live=False)
    trainer.launch_deep_trainer(notebook_namespace(), optimizer="rmsprop", live=False)
    trainer.launch_deep_trainer(notebook_namespace(), hidden_layers="16, x", live=False)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "Live trainer: the deep trainer trains moons or spirals; got 'xor'"
    assert "the activation is one of relu, tanh, sigmoid and the optimizer adam or momentum" in lines[1]
    assert "the hidden layers are 1 to 12 sizes" in " ".join(lines[2:]) and "'16, x'" in " ".join(lines[2:])


# --- plots -----------------------------------------------------------------------------------------


def test_static_run_shows_the_final_boundary_and_curves(monkeypatch, capsys):
    shown = []
    patch_trainer(monkeypatch, "_show_figure", lambda figure, text: shown.append((figure, text)))
    patch_trainer(monkeypatch, "DeepTrainerApp", None)  # the widgets must not be used at all
    trainer.launch_deep_trainer(notebook_namespace(), problem="moons", hidden_layers=(8, 8), epochs=60)
    ((figure, text),) = shown
    assert "moons: hidden 8-8 relu, adam lr 0.01" in text and "60 of 60 epochs" in text
    assert len(figure.axes) == 4 and len(figure.axes[1].lines[0].get_xdata()) == 60
    boundary = figure.axes[0].images[0].get_array()
    assert boundary.min() < 0.5 < boundary.max()  # the network's output, not the blank start
    assert "hidden layers 8-8 (relu)" in figure._suptitle.get_text()
    assert_real_png(trainer.figure_png(figure))
    assert "60 of 60 epochs" in capsys.readouterr().out


def test_saved_plots_of_a_deep_run_are_real_pngs(tmp_path):
    run = trainer.train_deep(REFERENCE, trainer.deep_settings("spirals", epochs=30))
    paths = trainer.save_plots(run, tmp_path)
    assert sorted(path.name for path in paths) == sorted(
        f"spirals-{name}.png" for name in ("dashboard", "boundary", "loss", "accuracy", "grad-norm"))
    for path in paths:
        assert_real_png(path.read_bytes())


# --- the student's functions: unfinished, crashing, wrong ------------------------------------------

STUB = "raise NotImplementedError()"
BROKEN = {
    "all stubs but the given code": (
        [], "\n".join(f"def {name}(*args, **kwargs):\n    {STUB}" for name in trainer.DEEP_NOTEBOOK_FUNCTIONS),
        ["initialize_parameters is not implemented yet", "YOUR CODE HERE"]),
    "model_backward missing": ([], "del model_backward", ["model_backward", "not defined yet"]),
    "linear_backward stub": ([], f"def linear_backward(dZ, cache):\n    {STUB}",
                             ["linear_backward (called by model_backward) is not implemented yet"]),
    "db without keepdims": ([("np.sum(dZ, axis=0, keepdims=True) / m", "np.sum(dZ, axis=0) / m")], "",
                            ["model_backward returned db1 with shape (16,)", "(1, 16)", "keepdims=True"]),
    "adam returns two values": ([("    return new_parameters, new_m, new_v", "    return new_parameters, new_m")], "",
                                ["update_parameters_adam should return 3 values (parameters, m, v)"]),
    "per-sample cost": ([], "def compute_cost(AL, Y):\n    return -(Y * np.log(AL))",
                        ["compute_cost should return a single number", "shape (200, 1)"]),
    "initialize_parameters transposed": ([("rng.standard_normal((n_prev, n))", "rng.standard_normal((n, n_prev))")], "",
                                         ["initialize_parameters returned W1 with shape (16, 2)", "(2, 16)"]),
    "model_forward crashes": ([], "def model_forward(X, parameters, hidden_activation='relu'):\n    return 1 / 0",
                              ["model_forward raised ZeroDivisionError (division by zero)"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_function_gives_one_clear_sentence(case, monkeypatch, capsys):
    replacements, extra, fragments = BROKEN[case]
    shown = []
    patch_trainer(monkeypatch, "_show_figure", lambda figure, text: shown.append(figure))
    trainer.launch_deep_trainer(notebook_namespace(replacements, extra), problem="moons", live=False)  # must not raise
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    message = " ".join(lines)
    assert all(len(line) <= 100 for line in lines) and len(lines) <= 3, out.out
    assert "`" not in message, message  # plain text: the notebook shows no Markdown here
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in out.out + out.err
    assert not shown  # nothing trains or draws after the message


def test_an_unfinished_momentum_does_not_stop_adam(monkeypatch):
    shown = []
    patch_trainer(monkeypatch, "_show_figure", lambda figure, text: shown.append(text))
    stub = f"def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):\n    {STUB}"
    trainer.launch_deep_trainer(notebook_namespace(extra_source=stub), epochs=5, live=False)
    assert len(shown) == 1 and "done after 5 of 5 epochs" in shown[0]
    run = trainer.train_deep(trainer.find_deep_functions(notebook_namespace(extra_source=stub)),
                             trainer.deep_settings("moons", optimizer="momentum", epochs=5))
    assert run.error.startswith("update_parameters_momentum is not implemented yet")


def test_gradients_of_the_wrong_sign_train_to_the_end_and_the_cost_climbs():
    ascent = notebook_namespace(extra_source="""
        _correct_model_backward = model_backward
        def model_backward(AL, Y, caches, hidden_activation="relu"):
            return {name: -g for name, g in _correct_model_backward(AL, Y, caches, hidden_activation).items()}
        """)
    run = trainer.train_deep(trainer.find_deep_functions(ascent), trainer.deep_settings("moons", epochs=40))
    assert run.error is None and run.epochs_done == 40
    assert run.loss[-1] > 2 * run.loss[0]
    correct = trainer.train_deep(REFERENCE, trainer.deep_settings("moons", epochs=40))
    assert correct.loss[-1] < 0.5 * correct.loss[0]


def test_a_diverging_run_stops_with_a_message():
    unclipped = notebook_namespace(extra_source="""
        def compute_cost(AL, Y):
            return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
        """)
    run = trainer.train_deep(trainer.find_deep_functions(unclipped),
                             trainer.deep_settings("moons", optimizer="momentum", lr=50.0, epochs=100))
    assert run.error.startswith("Training stopped at epoch ") and "smaller learning rate" in run.error
    assert run.epochs_done < 100


# --- grading and the self-check: nothing runs --------------------------------------------------------


@pytest.mark.parametrize("variable,value", [("NBGRADER_EXECUTION", "autograde"), ("SCRATCHNET_SELF_CHECK", "1")])
def test_nothing_runs_while_grading_or_self_checking(variable, value, monkeypatch, capsys):
    monkeypatch.setenv(variable, value)
    patch_trainer(monkeypatch, "train_deep", None)  # calling it would raise
    trainer.launch_deep_trainer({})
    assert "skipped" in capsys.readouterr().out


def test_notebook_trainer_section_does_nothing_under_nbgrader(monkeypatch, capsys):
    """The deep notebook's own trainer cells, run as nbgrader runs them, with the folder's own live_trainer."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    cells = [cell for cell in notebook.cells if cell.get("metadata", {}).get("scratchnet", {}).get("section") == "trainer"]
    code = [cell for cell in cells if cell.cell_type == "code"]
    assert code and any("launch_deep_trainer(globals()" in cell.source for cell in code)
    for cell in cells:
        assert "nbgrader" not in cell.metadata and "selfcheck-skip" in cell.metadata.get("tags", [])
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    for loaded in [key for key in sys.modules if key == "live_trainer" or key.startswith("live_trainer.")]:
        monkeypatch.delitem(sys.modules, loaded)  # another test may have imported the first folder's copy
    monkeypatch.syspath_prepend(str(NOTEBOOK.parent))
    monkeypatch.chdir(NOTEBOOK.parent)
    namespace = notebook_namespace()
    for cell in code:
        exec(cell.source, namespace)
    assert sys.modules["live_trainer"].__file__ == str(TRAINER / "__init__.py")
    assert capsys.readouterr().out.count("skipped while nbgrader runs the notebook") == len(code)
    for loaded in [key for key in sys.modules if key == "live_trainer" or key.startswith("live_trainer.")]:
        del sys.modules[loaded]  # this folder's copy must not stand in for the first's in a later test


# --- the widgets, without a front end ---------------------------------------------------------------


def test_widget_trainer_redraws_live_and_ends_on_the_final_frame():
    app = trainer.DeepTrainerApp(REFERENCE, trainer.deep_settings("moons"))
    frames = []
    draw = app._draw
    app._draw = lambda run, dashboard: frames.append(run.epochs_done) or draw(run, dashboard)
    run = app.run(app.settings())
    assert run.error is None and run.epochs_done == 150
    assert frames[0] == 1 and frames[-1] == 150 and len(frames) < 150  # throttled
    assert_real_png(bytes(app.picture.value))
    assert "150 / 150" in app.stats["Epoch"].value and "done after 150 of 150 epochs" in app.status.value
    assert not app.train_button.disabled and app.stop_button.disabled


def test_widget_controls_choose_the_layers_activation_and_optimizer():
    app = trainer.DeepTrainerApp(REFERENCE, trainer.deep_settings("moons"))
    app.problem.value = "spirals"  # loads the spirals' recommended settings
    assert app.epochs.value == trainer.DEEP_RECOMMENDED_SETTINGS["spirals"].epochs
    app.layers.value, app.activation.value, app.optimizer.value, app.epochs.value = "6, 6, 6", "tanh", "momentum", 4
    settings = app.settings()
    assert (settings.problem, settings.hidden_layers, settings.activation, settings.optimizer, settings.epochs) == (
        "spirals", (6, 6, 6), "tanh", "momentum", 4)
    run = app.run(settings)
    assert [run.params[f"W{layer}"].shape for layer in (1, 2, 3, 4)] == [(2, 6), (6, 6), (6, 6), (6, 1)]
    assert "spirals: hidden 6-6-6 tanh, momentum" in app.status.value


def test_widget_says_what_is_wrong_with_the_layers_and_does_not_train():
    app = trainer.DeepTrainerApp(REFERENCE, trainer.deep_settings("moons"))
    app.layers.value = "16, sixteen"
    app.train_button.click()
    assert app._thread is None and "the hidden layers are 1 to 12 sizes" in app.status.value


def test_show_gives_front_ends_without_widgets_the_final_picture(monkeypatch):
    """The same saved picture as the first trainer: it survives a reopened notebook, an export, GitHub."""
    import IPython.display

    displayed = []

    class Handle:
        def update(self, obj):
            displayed.append(obj._repr_mimebundle_())

    def fake_display(obj, display_id=False):
        displayed.append(obj._repr_mimebundle_())
        return Handle()

    monkeypatch.setattr(IPython.display, "display", fake_display)
    trainer.DeepTrainerApp(REFERENCE, trainer.deep_settings("spirals", epochs=20)).show()
    widgets, placeholder, widgets_after, saved = displayed
    assert "application/vnd.jupyter.widget-view+json" in widgets and placeholder == {"text/plain": ""}
    assert "20 of 20 epochs" in widgets_after["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" not in saved
    assert_real_png(base64.b64decode(saved["image/png"]))
    assert saved["image/png"] in saved["text/html"] and trainer.SAVED_PICTURE_CLASS in saved["text/html"]


@pytest.mark.slow
def test_notebook_kernel_shows_widgets_with_a_png_fallback(tmp_path):
    """In a real kernel (nbclient, no widget front end): the widget, a PNG of the final frame and a summary."""
    from nbclient import NotebookClient

    shutil.copytree(TRAINER, tmp_path / "live_trainer", ignore=shutil.ignore_patterns("__pycache__"))
    launch = "from live_trainer import launch_deep_trainer\nlaunch_deep_trainer(globals(), problem='moons', epochs=40)"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(REFERENCE_SOURCE),
                                               nbformat.v4.new_code_cell(launch)])
    os.environ.pop("NBGRADER_EXECUTION", None)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    live, saved = [output for output in notebook.cells[1].outputs if output.output_type == "display_data"]
    assert "application/vnd.jupyter.widget-view+json" in live.data and "40 of 40 epochs" in live.data["text/plain"]
    assert_real_png(base64.b64decode(saved.data["image/png"]))
    assert "40 of 40 epochs" in saved.data["text/plain"]


# --- `scratchnet train scratchnet_deep` --------------------------------------------------------


def test_train_command_offers_what_the_deep_trainer_does():
    from scratchnet_solution.commands import train as train_command

    assert train_command.DEEP_PROBLEMS == tuple(trainer.DEEP_PROBLEMS)
    assert train_command.ACTIVATIONS == tuple(trainer.ACTIVATIONS)
    assert train_command.OPTIMIZERS == tuple(trainer.OPTIMIZERS)


def test_scratchnet_train_deep_trains_the_reference_and_saves_pngs(tmp_path, capsys):
    from scratchnet_solution.commands import cli

    target = tmp_path / "plots"
    code = cli.main(["train", "scratchnet_deep", "--problem", "spiral", "--layers", "16, 16", "--activation", "tanh",
                     "--optimizer", "momentum", "--lr", "0.1", "--epochs", "20", "--batch-size", "64", "--save", str(target)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "spirals: hidden 16-16 tanh, momentum lr 0.1, batch 64, seed 0; done after 20 of 20 epochs" in out.out
    saved = sorted(target.glob("*.png"))
    assert len(saved) == 5 and all(path.read_bytes().startswith(PNG_SIGNATURE) for path in saved)
    assert "epoch 20/20 loss " in out.err  # the progress line


def test_scratchnet_train_deep_with_recommended_settings_learns_the_moons(capsys):
    from scratchnet_solution.commands import cli

    assert cli.main(["train", "scratchnet_deep"]) == 0
    summary = capsys.readouterr().out
    assert "moons: hidden 16-16 relu, adam lr 0.01, batch 32, seed 0; done after 150 of 150 epochs" in summary
    assert float(summary.split("accuracy ")[1].split("%")[0]) >= 100 * TARGETS["moons"]


@pytest.mark.parametrize("arguments,complaint", [
    (["scratchnet_deep", "--hidden", "8"], "--hidden is for scratchnet's network; scratchnet_deep does not take it (use --layers SIZES)"),
    (["--layers", "8,8"], "--layers is for scratchnet_deep's network; scratchnet does not take it (use --hidden N)"),
    (["--optimizer", "adam"], "--optimizer is for scratchnet_deep's network"),
    (["scratchnet_deep", "--problem", "xor"], "scratchnet_deep trains moons or spirals, not xor"),
    (["scratchnet_deep", "--layers", "8,x"], "the hidden layers are 1 to 12 sizes"),
    (["scratchnet_deep", "--activation", "softplus"], "invalid choice: 'softplus'"),
    (["nosuchassignment"], "invalid choice: 'nosuchassignment'"),
])
def test_scratchnet_train_rejects_options_of_the_other_network(arguments, complaint, capsys):
    from scratchnet_solution.commands import cli

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["train", *arguments])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert complaint in err and "usage: scratchnet train" in err and "Traceback" not in err
