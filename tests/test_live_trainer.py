"""The live trainer (the package source/scratchnet/live_trainer/) and `scratchnet train`.

The trainer is loaded from the course folder exactly as `scratchnet train` loads it. Student code is
imitated by running function sources in a fresh namespace, the way notebook cells define them, so
that the trainer sees what it sees in a notebook: functions whose globals are that namespace.
"""
import base64
import inspect
import os
import shutil
import subprocess
import sys
import textwrap
import threading

import matplotlib

matplotlib.use("Agg")  # before anything draws: no windows, and the same pixels on every machine

import matplotlib.image
import nbformat
import numpy as np
import pytest

from course_helpers import REPO
from scratchnet_solution.commands import cli, train as train_command
from scratchnet_solution.assignments.scratchnet import network, training

trainer = train_command.load_live_trainer(REPO)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REFERENCE = {name: getattr(network, name) for name in trainer.STUDENT_FUNCTIONS}
# The accuracy each problem must reach with its recommended settings (the targets).
TARGETS = {"xor": 1.0, "circles": 0.97, "moons": 0.97, "spirals": 0.90}
NOTEBOOK = REPO / "source" / "scratchnet" / "scratchnet.ipynb"


def notebook_namespace(extra_source=""):
    """A namespace as after running the notebook's cells with correct answers, then `extra_source`."""
    source = "import numpy as np\nEPSILON = 1e-15\n\n" + "\n\n".join(
        inspect.getsource(getattr(network, name)) for name in ("sigmoid", *trainer.STUDENT_FUNCTIONS))
    namespace = {"__name__": "__main__"}
    exec(source + "\n\n" + textwrap.dedent(extra_source), namespace)
    return namespace


def patch_trainer(monkeypatch, name, value):
    """Replace `name` in every module of the trainer package that has it: the modules import names from
    each other, so this is what patching the name in the single-file trainer did."""
    modules = [trainer, *(module for module in vars(trainer).values()
                          if inspect.ismodule(module) and module.__name__.startswith(trainer.__name__ + "."))]
    having = [module for module in modules if hasattr(module, name)]
    assert having, f"no module of the trainer has {name}"
    for module in having:
        monkeypatch.setattr(module, name, value)


@pytest.fixture(autouse=True)
def not_grading(monkeypatch):
    """Tests start outside nbgrader and the self-check, whatever the environment running them says."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("SCRATCHNET_SELF_CHECK", raising=False)


# --- problems --------------------------------------------------------------------------------


@pytest.mark.parametrize("problem", list(trainer.PROBLEMS))
def test_problem_has_promised_shapes_and_labels(problem):
    X, y = trainer.make_problem(problem, seed=3)
    assert X.ndim == 2 and X.shape[1] == 2 and y.shape == (X.shape[0], 1)
    assert X.dtype == float and y.dtype == float
    assert set(np.unique(y)) == {0.0, 1.0}
    assert abs(y.mean() - 0.5) < 0.01  # balanced: accuracy 50% means chance
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("problem", list(trainer.PROBLEMS))
def test_problem_is_deterministic_and_leaves_global_random_state_alone(problem):
    np.random.seed(1234)
    state = np.random.get_state()
    first, again = trainer.make_problem(problem, seed=5), trainer.make_problem(problem, seed=5)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert np.array_equal(np.random.get_state()[1], state[1])
    if problem != "xor":  # XOR's four points have no noise to vary
        assert not np.array_equal(first[0], trainer.make_problem(problem, seed=6)[0])


def test_spiral_is_an_alias_and_unknown_problems_say_what_exists():
    assert trainer.problem_name("Spiral") == "spirals"
    with pytest.raises(KeyError, match="xor, circles, moons, spirals"):
        trainer.problem_name("blobs")


# --- training with the reference functions ----------------------------------------------------


@pytest.mark.parametrize("problem", list(TARGETS))
def test_recommended_settings_reach_the_target(problem):
    run = trainer.train_network(REFERENCE, trainer.recommended_settings(problem))
    assert run.error is None
    assert run.epochs_done == run.settings.epochs
    assert run.final_accuracy >= TARGETS[problem], run.summary()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("problem", list(TARGETS))
def test_recommended_settings_reach_the_target_on_other_seeds(problem, seed):
    run = trainer.train_network(REFERENCE, trainer.recommended_settings(problem, seed=seed))
    assert run.final_accuracy >= TARGETS[problem], run.summary()


def test_trainer_follows_the_reference_training_loop():
    """Same initial weights, same per-epoch loss, accuracy and gradient norm as scratchnet_solution.train."""
    X, y = trainer.make_problem("xor")
    _, reference = training.train(X, y, n_hidden=4, lr=0.5, epochs=300, seed=7)
    run = trainer.train_network(REFERENCE, trainer.Settings("xor", n_hidden=4, lr=0.5, epochs=300, seed=7))
    tol = 1e-12  # the same float64 operations in the same order: equal up to rounding
    for name in ("loss", "accuracy", "grad_norm"):
        np.testing.assert_allclose(getattr(run, name), getattr(reference, name), rtol=tol, atol=tol)


def test_throttle_redraws_at_most_ten_times_a_second_and_leaves_slow_drawing_room():
    now = [0.0]
    throttle = trainer.RedrawThrottle(max_per_second=10, clock=lambda: now[0])
    assert throttle.due()  # the first frame straight away
    throttle.drew(started=0.0)
    now[0] = 0.05
    assert not throttle.due()
    now[0] = 0.1
    assert throttle.due()
    throttle.drew(started=0.1 - 0.3)  # a frame that took 0.3 s to draw
    now[0] = 0.1 + 0.5
    assert not throttle.due()  # waits twice the drawing time, so training keeps two thirds
    now[0] = 0.1 + 0.6
    assert throttle.due()


# --- plots -----------------------------------------------------------------------------------


def assert_real_png(path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    if isinstance(path_or_bytes, bytes):
        import io

        path_or_bytes = io.BytesIO(data)
    pixels = matplotlib.image.imread(path_or_bytes, format="png")
    height, width = pixels.shape[:2]
    assert 200 <= height <= 3000 and 300 <= width <= 3000, pixels.shape
    assert pixels[..., :3].std() > 0.05  # a picture, not a blank canvas


def test_saved_plots_are_real_pngs(tmp_path):
    run = trainer.train_network(REFERENCE, trainer.recommended_settings("moons", epochs=500))
    paths = trainer.save_plots(run, tmp_path / "new" / "folder")
    assert sorted(path.name for path in paths) == sorted(
        f"moons-{name}.png" for name in ("dashboard", "boundary", "loss", "accuracy", "grad-norm"))
    for path in paths:
        assert_real_png(path)


def test_static_fallback_trains_and_shows_the_final_figure(monkeypatch, capsys):
    shown = []
    patch_trainer(monkeypatch, "_show_figure", lambda figure, text: shown.append((figure, text)))
    patch_trainer(monkeypatch, "TrainerApp", None)  # the widgets must not be used at all
    trainer.launch_trainer(notebook_namespace(), problem="circles", epochs=800)  # no kernel here: static
    assert len(shown) == 1
    figure, text = shown[0]
    assert "800 of 800 epochs" in text and "circles" in text
    assert len(figure.axes) == 4
    loss_line = figure.axes[1].lines[0]
    assert len(loss_line.get_xdata()) == 800
    boundary = figure.axes[0].images[0].get_array()
    assert boundary.min() < 0.5 < boundary.max()  # the network's output, not the blank start
    assert_real_png(trainer.figure_png(figure))
    assert "800 of 800 epochs" in capsys.readouterr().out


def test_static_run_outside_jupyter_says_how_to_see_the_plots(capsys):
    run, dashboard = trainer.show_static_run(REFERENCE, trainer.recommended_settings("xor", epochs=50))
    assert run.epochs_done == 50 and len(dashboard.figure.axes) == 4
    out = capsys.readouterr().out
    assert "save_plots" in out


def test_compare_hidden_sizes_shows_one_boundary_per_size(monkeypatch, capsys):
    shown = []
    patch_trainer(monkeypatch, "_show_figure", lambda figure, text: shown.append(figure))
    trainer.compare_hidden_sizes(notebook_namespace(), problem="circles", hidden_sizes=(2, 16), epochs=1500)
    (figure,) = shown
    assert [ax.get_title().split(":")[0] for ax in figure.axes] == ["2 hidden units", "16 hidden units"]
    out = capsys.readouterr().out
    assert "2 hidden units: accuracy" in out and "16 hidden units: accuracy" in out


# --- the student's functions: missing, unfinished, crashing, wrong -----------------------------

STUB = "raise NotImplementedError()"
BROKEN_FUNCTIONS = {
    "missing backward": ("del backward", ["backward", "not defined yet"]),
    "backward stub": (f"def backward(X, y, z1, a1, z2, a2, W1, W2):\n    {STUB}",
                      ["backward is not implemented yet", "YOUR CODE HERE"]),
    "sigmoid stub": (f"def sigmoid(z):\n    {STUB}", ["sigmoid is not implemented yet"]),
    "update_weights crashes": ("def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    return 1 / 0",
                               ["update_weights raised ZeroDivisionError (division by zero)"]),
    "db1 without keepdims": ("""
        _correct_backward = backward
        def backward(X, y, z1, a1, z2, a2, W1, W2):
            dW1, db1, dW2, db2 = _correct_backward(X, y, z1, a1, z2, a2, W1, W2)
            return dW1, db1.ravel(), dW2, db2
        """, ["backward returned db1 with shape (3,)", "(1, 3)", "keepdims=True"]),
    "forward returns one value": ("""
        _correct_forward = forward
        def forward(X, W1, b1, W2, b2):
            return _correct_forward(X, W1, b1, W2, b2)[3]
        """, ["forward should return 4 values (z1, a1, z2, a2)", "ndarray"]),
    "update_weights without return": ("def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    W1 -= lr * dW1",
                                      ["update_weights should return 4 values", "is a return missing?"]),
    "loss per sample": ("def compute_loss(y_true, y_pred):\n    return -(y_true * np.log(y_pred))",
                        ["compute_loss should return a single number", "shape (4, 1)"]),
}


@pytest.mark.parametrize("case", list(BROKEN_FUNCTIONS))
@pytest.mark.parametrize("entry_point", ["launch_trainer", "compare_hidden_sizes"])
def test_broken_function_gives_one_clear_line(case, entry_point, monkeypatch, capsys):
    source, fragments = BROKEN_FUNCTIONS[case]
    shown = []
    patch_trainer(monkeypatch, "_show_figure", lambda figure, text: shown.append(figure))
    getattr(trainer, entry_point)(notebook_namespace(source))  # must not raise
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    message = " ".join(lines)  # one sentence, wrapped between words to fit an output area
    assert all(len(line) <= 100 for line in lines) and len(lines) <= 3, out.out
    assert "`" not in message, message  # plain text: the notebook shows no Markdown here
    for fragment in fragments:
        assert fragment in message
    assert "Traceback" not in out.out + out.err
    assert not shown  # nothing trains or draws after the message


def test_the_first_unfinished_function_in_the_notebook_is_named(capsys):
    trainer.launch_trainer(notebook_namespace(f"def sigmoid(z):\n    {STUB}\ndef forward(*args):\n    {STUB}"))
    out = capsys.readouterr().out
    assert out.startswith("sigmoid is not implemented yet"), out


def test_a_finished_run_shows_the_same_loss_on_its_card_and_in_its_summary():
    # Two epochs at lr 10: the loss jumps (6.74 before the last step, 2.53 after it), as when training diverges.
    diverging = trainer.recommended_settings("moons", lr=10.0, epochs=2)
    run = trainer.train_network(REFERENCE, diverging)
    cards = trainer.current_figures(run)
    assert f"loss {cards['Loss']}" in run.summary() and f"accuracy {cards['Accuracy']}" in run.summary()


def test_epoch_labels_of_a_long_run_stay_few_and_short():
    run = trainer.train_network(REFERENCE, trainer.recommended_settings("xor", epochs=3))
    run.settings = trainer.recommended_settings("xor", epochs=200_000)
    dashboard = trainer.Dashboard(run)
    dashboard.update(run)
    dashboard.figure.canvas.draw()
    axis = dashboard.panels["grad_norm"].ax.xaxis
    labels = [tick.get_text() for tick in axis.get_ticklabels() if tick.get_text()]
    assert 3 <= len(labels) <= 6 and max(len(label) for label in labels) <= 4, labels


def test_missing_functions_are_all_named(capsys):
    namespace = notebook_namespace("del forward, backward")
    trainer.launch_trainer(namespace)
    assert "forward and backward, which are not defined yet" in capsys.readouterr().out


def test_tutorial_style_in_place_update_trains_like_the_reference():
    in_place = notebook_namespace("""
        def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
            W1 -= lr * dW1
            b1 -= lr * db1
            W2 -= lr * dW2
            b2 -= lr * db2
            return W1, b1, W2, b2
        """)
    settings = trainer.recommended_settings("circles", epochs=500)
    run = trainer.train_network(trainer.find_student_functions(in_place), settings)
    assert run.error is None
    np.testing.assert_allclose(run.loss, trainer.train_network(REFERENCE, settings).loss, rtol=1e-12)


def test_nan_loss_stops_the_run_with_a_message():
    unclipped = notebook_namespace("""
        def compute_loss(y_true, y_pred):
            return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
        """)
    run = trainer.train_network(trainer.find_student_functions(unclipped),
                                trainer.recommended_settings("xor", lr=1e4, epochs=300))
    assert run.error.startswith("Training stopped at epoch ")
    assert "smaller learning rate" in run.error
    assert run.epochs_done < 300


WRONG_BACKWARDS = {
    # Every gradient with the wrong sign: gradient ascent, so the loss climbs.
    "wrong sign": """
        _correct_backward = backward
        def backward(X, y, z1, a1, z2, a2, W1, W2):
            return tuple(-g for g in _correct_backward(X, y, z1, a1, z2, a2, W1, W2))
        """,
    # Gradients of the right shape that are all zero: nothing moves.
    "all zero": """
        def backward(X, y, z1, a1, z2, a2, W1, W2):
            return np.zeros_like(W1), np.zeros((1, W1.shape[1])), np.zeros_like(W2), np.zeros((1, W2.shape[1]))
        """,
}


@pytest.mark.parametrize("mistake", list(WRONG_BACKWARDS))
def test_wrong_backward_trains_to_the_end_and_the_loss_goes_nowhere(mistake):
    functions = trainer.find_student_functions(notebook_namespace(WRONG_BACKWARDS[mistake]))
    run = trainer.train_network(functions, trainer.recommended_settings("moons", epochs=1500))
    assert run.error is None and not run.stopped_early
    assert run.epochs_done == 1500
    assert min(run.loss) >= run.loss[0] - 1e-12  # never below where it started
    correct = trainer.train_network(REFERENCE, trainer.recommended_settings("moons", epochs=1500))
    assert correct.loss[-1] < 0.5 * correct.loss[0]  # while the right backward does learn


# --- grading and the self-check: nothing runs -------------------------------------------------


def spy_namespace():
    namespace = notebook_namespace()
    calls = []
    for name in trainer.STUDENT_FUNCTIONS:
        function = namespace[name]
        namespace[name] = lambda *args, _function=function, _name=name: calls.append(_name) or _function(*args)
    return namespace, calls


@pytest.mark.parametrize("variable,value", [("NBGRADER_EXECUTION", "autograde"), ("NBGRADER_EXECUTION", "validate"),
                                            ("SCRATCHNET_SELF_CHECK", "1")])
@pytest.mark.parametrize("entry_point", ["launch_trainer", "compare_hidden_sizes"])
def test_nothing_runs_while_grading_or_self_checking(variable, value, entry_point, monkeypatch, capsys):
    monkeypatch.setenv(variable, value)
    namespace, calls = spy_namespace()
    patch_trainer(monkeypatch, "train_network", None)  # calling it would raise
    getattr(trainer, entry_point)(namespace)
    assert calls == []
    assert "skipped" in capsys.readouterr().out


def test_grading_run_imports_nothing_heavy():
    """Under nbgrader the trainer costs an import of numpy: matplotlib and ipywidgets stay unloaded."""
    code = textwrap.dedent("""
        import sys
        import live_trainer
        live_trainer.launch_trainer({})
        live_trainer.compare_hidden_sizes({})
        heavy = [name for name in ("matplotlib", "ipywidgets", "IPython") if name in sys.modules]
        print("heavy:", heavy)
        """)
    env = {**os.environ, "NBGRADER_EXECUTION": "autograde"}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO / "source" / "scratchnet", env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "heavy: []" in result.stdout
    assert result.stdout.count("skipped while nbgrader runs the notebook") == 2


def test_notebook_trainer_section_does_nothing_under_nbgrader(monkeypatch, capsys):
    """The notebook's own trainer cells, run as nbgrader runs them: they only print that they are skipped."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    cells = [cell for cell in notebook.cells
             if cell.get("metadata", {}).get("scratchnet", {}).get("section") == "trainer"]
    if not cells:
        pytest.skip("the notebook has no trainer section yet (add it with add_trainer_section.py)")
    for cell in cells:
        assert "nbgrader" not in cell.metadata and "selfcheck-skip" in cell.metadata.get("tags", [])
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.syspath_prepend(str(NOTEBOOK.parent))
    monkeypatch.chdir(NOTEBOOK.parent)
    namespace, calls = spy_namespace()
    for cell in cells:
        if cell.cell_type == "code":
            exec(cell.source, namespace)
    assert calls == []
    out = capsys.readouterr().out
    assert out.count("skipped while nbgrader runs the notebook") == sum(c.cell_type == "code" for c in cells)


# --- the widgets, without a front end ---------------------------------------------------------


def test_widget_trainer_redraws_live_and_ends_on_the_final_frame():
    app = trainer.TrainerApp(REFERENCE, trainer.recommended_settings("xor"))
    frames = []
    draw = app._draw
    app._draw = lambda run, dashboard: frames.append(run.epochs_done) or draw(run, dashboard)
    run = app.run(app.settings())
    assert run.error is None and run.epochs_done == 2000
    assert frames[0] == 1 and frames[-1] == 2000  # the first epoch at once, the last one always
    assert len(frames) < 2000 / 10  # throttled: nowhere near a redraw per epoch
    assert_real_png(bytes(app.picture.value))
    assert "2,000 / 2,000" in app.stats["Epoch"].value and "100.0%" in app.stats["Accuracy"].value
    assert "done after 2,000 of 2,000 epochs" in app.status.value
    assert not app.train_button.disabled and app.stop_button.disabled


def test_widget_trainer_reports_broken_functions_in_its_status_line():
    functions = trainer.find_student_functions(notebook_namespace(
        f"def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):\n    {STUB}"))
    app = trainer.TrainerApp(functions, trainer.recommended_settings("xor"))
    run = app.run(app.settings())
    assert run.error and "update_weights is not implemented yet" in app.status.value
    assert not app.train_button.disabled


def test_choosing_a_problem_loads_its_settings_and_train_runs_in_the_background():
    app = trainer.TrainerApp(REFERENCE, trainer.recommended_settings("xor"))
    app.problem.value = "spirals"
    assert (app.hidden.value, app.epochs.value) == (16, 20_000)
    started = threading.Event()
    draw = app._draw
    app._draw = lambda run, dashboard: started.set() or draw(run, dashboard)
    app.train_button.click()
    assert started.wait(30), "the background run never drew a frame"
    app.stop_button.click()
    app._thread.join(30)
    assert app.last_run.stopped_early and app.last_run.epochs_done < 20_000
    assert "Stopped." in app.status.value


def test_show_gives_front_ends_without_widgets_the_final_picture(monkeypatch):
    """The display carries the widgets, and after the first run also a PNG and a summary as fallbacks."""
    import IPython.display

    displayed = []

    class Handle:
        def update(self, obj):
            displayed.append(obj._repr_mimebundle_())

    def fake_display(obj, display_id=False):
        displayed.append(obj._repr_mimebundle_())
        return Handle()

    monkeypatch.setattr(IPython.display, "display", fake_display)
    trainer.TrainerApp(REFERENCE, trainer.recommended_settings("xor", epochs=300)).show()
    widgets, placeholder, widgets_after, saved = displayed
    assert "application/vnd.jupyter.widget-view+json" in widgets and "image/png" not in widgets
    assert placeholder == {"text/plain": ""}  # the saved picture's place, filled when the first run ends
    assert "application/vnd.jupyter.widget-view+json" in widgets_after and "300 of 300 epochs" in widgets_after["text/plain"]
    # The saved picture: no widget in it, so it shows wherever the widgets cannot (a reopened notebook, an export).
    assert "application/vnd.jupyter.widget-view+json" not in saved
    assert_real_png(base64.b64decode(saved["image/png"]))
    assert saved["image/png"] in saved["text/html"] and trainer.SAVED_PICTURE_CLASS in saved["text/html"]
    assert "300 of 300 epochs" in saved["text/plain"]


# --- `scratchnet train` ----------------------------------------------------------------------


def test_train_command_is_registered_and_agrees_with_the_trainer():
    assert "commands.train" in cli.SUBCOMMAND_MODULES
    assert train_command.PROBLEMS == tuple(trainer.PROBLEMS)
    assert train_command.PROBLEM_ALIASES == trainer.PROBLEM_ALIASES


def test_scratchnet_train_saves_pngs(tmp_path, capsys):
    target = tmp_path / "plots"
    code = cli.main(["train", "--problem", "spiral", "--hidden", "16", "--lr", "1.0", "--epochs", "1500",
                     "--save", str(target)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "spirals: 16 hidden units, lr 1, seed 0; done after 1,500 of 1,500 epochs" in out.out
    saved = sorted(target.glob("*.png"))
    assert len(saved) == 5
    for path in saved:
        assert str(path) in out.out
        assert_real_png(path)
    assert "epoch 1500/1500 loss 0.6" in out.err and "acc " in out.err and "grad norm " in out.err  # the progress line


def test_scratchnet_train_uses_recommended_settings(capsys):
    assert cli.main(["train", "--problem", "circles"]) == 0
    assert "circles: 8 hidden units, lr 1, seed 0; done after 3,000 of 3,000 epochs" in capsys.readouterr().out


@pytest.mark.parametrize("arguments,complaint", [
    (["--problem", "blobs"], "invalid choice: 'blobs'"),
    (["--lr", "0"], "--lr: must be a positive number"),
    (["--hidden", "two"], "--hidden: expected a whole number"),
    (["--epochs", "0"], "--epochs: must be at least 1"),
])
def test_scratchnet_train_rejects_bad_arguments_like_argparse(arguments, complaint, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["train", *arguments])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert complaint in err and "usage: scratchnet train" in err and "Traceback" not in err


def test_scratchnet_train_without_the_trainer_package_says_so(tmp_path, monkeypatch, capsys):
    # A course deep in the file system, on a narrow terminal: the message must not break its path.
    course = tmp_path / ("a-course-folder-with-a-long-name-" * 4)
    course.mkdir()
    monkeypatch.setattr(train_command, "course_root", lambda: course)
    monkeypatch.setenv("COLUMNS", "40")
    assert cli.main(["train"]) == 2
    err = capsys.readouterr().err
    assert str(course / train_command.TRAINER_PATH / "__init__.py") in err
    assert "is missing" in err and "Traceback" not in err


@pytest.mark.slow
def test_notebook_kernel_shows_widgets_with_a_png_fallback(tmp_path):
    """In a real kernel (run by nbclient, which has no widget front end) the output carries the widget,
    a PNG of the final frame and a summary; under nbgrader the same cell only prints a line."""
    from nbclient import NotebookClient

    shutil.copytree(REPO / train_command.TRAINER_PATH, tmp_path / "live_trainer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    source = "import numpy as np\nEPSILON = 1e-15\n\n" + "\n\n".join(
        inspect.getsource(getattr(network, name)) for name in ("sigmoid", *trainer.STUDENT_FUNCTIONS))
    launch = "from live_trainer import launch_trainer\nlaunch_trainer(globals(), epochs=500)"

    def run_notebook(env_value):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source),
                                                   nbformat.v4.new_code_cell(launch)])
        os.environ.pop("NBGRADER_EXECUTION", None)
        if env_value:
            os.environ["NBGRADER_EXECUTION"] = env_value
        try:
            NotebookClient(notebook, timeout=120, kernel_name="python3",
                           resources={"metadata": {"path": str(tmp_path)}}).execute()
        finally:
            os.environ.pop("NBGRADER_EXECUTION", None)
        return notebook.cells[1].outputs

    live, saved = [output for output in run_notebook(None) if output.output_type == "display_data"]
    assert "application/vnd.jupyter.widget-view+json" in live.data and "500 of 500 epochs" in live.data["text/plain"]
    assert_real_png(base64.b64decode(saved.data["image/png"]))
    assert "500 of 500 epochs" in saved.data["text/plain"]
    graded = run_notebook("autograde")
    assert [output.output_type for output in graded] == ["stream"]
    assert "skipped while nbgrader runs the notebook" in graded[0].text
