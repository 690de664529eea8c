"""The live trainer as ipywidgets: TrainerApp. ipywidgets is imported when an app is made, not before."""
import html
import threading

from .deep import ACTIVATIONS, DEEP_PROBLEMS, DEEP_RECOMMENDED_SETTINGS, OPTIMIZERS, deep_settings, train_deep
from .display import _MimeBundle, _png_bundle
from .plots import Dashboard, RedrawThrottle, current_figures
from .problems import PROBLEMS, RECOMMENDED_SETTINGS, recommended_settings
from .training import train_network


PROBLEM_LABELS = {"xor": "XOR (4 points)", "circles": "Circles", "moons": "Moons", "spirals": "Spirals"}
MAX_EPOCHS = 200_000


def _widgets_available():
    try:
        import ipywidgets  # noqa: F401 -- only checking that it is there
    except ImportError:
        return False
    return True


def _stat_card(name, value):
    """One of the trainer's big figures (epoch, loss, ...) as HTML."""
    return (f"<div style='text-align:center;min-width:7em'><div style='font-size:1.5em;font-weight:600'>"
            f"{html.escape(value)}</div><div style='color:#666'>{html.escape(name)}</div></div>")


class TrainerApp:
    """The live trainer as ipywidgets: controls, a live picture of the run and its current figures.

    One run at a time. `show()` displays it and trains once right away; after that the Train button
    trains in a background thread, so the Stop button (and the rest of the notebook) keep working.
    """

    def __init__(self, functions, settings):
        import ipywidgets as widgets

        self.functions = functions
        self.train_button = widgets.Button(description="Train", button_style="success", icon="play")
        self.stop_button = widgets.Button(description="Stop", icon="stop", disabled=True)
        self.stats = {name: widgets.HTML(_stat_card(name, "-")) for name in ("Epoch", "Loss", "Accuracy", "Grad norm")}
        self.picture = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.status = widgets.HTML()
        controls = widgets.VBox([*self._make_controls(widgets, settings),
                                 widgets.HBox([self.train_button, self.stop_button])])
        self.view = widgets.VBox([
            widgets.HBox([controls, widgets.HBox(list(self.stats.values()),
                                                 layout=widgets.Layout(align_items="center", margin="0 0 0 2em"))]),
            self.picture, self.status])
        self.problem.observe(self._load_recommended_settings, names="value")
        self.train_button.on_click(lambda _button: self.start())
        self.stop_button.on_click(lambda _button: self._stop_requested.set())
        self._stop_requested = threading.Event()
        self._thread = None
        self.last_run = None
        self.last_png = None

    # The three methods a trainer for another network overrides (DeepTrainerApp below): its controls,
    # the settings they show, and its training.

    def _make_controls(self, widgets, settings):
        """The controls above the buttons, top to bottom; sets self.problem and the 2-layer network's own."""
        wide = {"description_width": "100px"}
        self.problem = widgets.Dropdown(options=[(PROBLEM_LABELS[name], name) for name in PROBLEMS],
                                        value=settings.problem, description="Problem", style=wide)
        self.hidden = widgets.IntSlider(value=settings.n_hidden, min=1, max=64, description="Hidden units", style=wide)
        self.lr = widgets.FloatLogSlider(value=settings.lr, base=10, min=-2, max=1, step=0.05, readout_format=".3g",
                                         description="Learning rate", style=wide)
        self.epochs = widgets.BoundedIntText(value=settings.epochs, min=1, max=MAX_EPOCHS, step=1000,
                                             description="Epochs", style=wide)
        self.seed = widgets.BoundedIntText(value=settings.seed, min=0, max=2**31 - 1, description="Seed", style=wide)
        return [self.problem, self.hidden, self.lr, self.epochs, self.seed]

    def settings(self):
        """The Settings the controls show."""
        return recommended_settings(self.problem.value, n_hidden=self.hidden.value, lr=self.lr.value,
                                    epochs=self.epochs.value, seed=self.seed.value)

    def _train(self, settings, on_epoch):
        return train_network(self.functions, settings, on_epoch)

    def _load_recommended_settings(self, change):
        recommended = RECOMMENDED_SETTINGS[change["new"]]
        self.hidden.value, self.lr.value, self.epochs.value = recommended.n_hidden, recommended.lr, recommended.epochs
        self._say(f"Recommended settings for {change['new']} loaded: press Train.")

    def _say(self, message, problem=False):
        colour = "#b2182b" if problem else "#333333"
        # Wrap between words only (the notebook's output styles would break words anywhere).
        self.status.value = (f"<div style='color:{colour};white-space:normal;word-break:normal;"
                             f"overflow-wrap:normal;line-height:1.4'>{html.escape(message)}</div>")

    def _set_running(self, running):
        self.train_button.disabled = running
        self.stop_button.disabled = not running

    def _draw(self, run, dashboard):
        dashboard.update(run)
        self.last_png = dashboard.png(fast=True)
        self.picture.value = self.last_png
        for name, value in current_figures(run).items():
            self.stats[name].value = _stat_card(name, value)

    def run(self, settings):
        """Train with `settings`, redrawing at most ten times a second and once more at the end.

        Returns the TrainingRun, or None if the trainer itself failed (the status line says why).
        """
        self._stop_requested.clear()
        self._set_running(True)
        self._say(f"Training on {settings.problem}...")
        throttle = RedrawThrottle()
        dashboard = None

        def on_epoch(run):
            nonlocal dashboard
            if throttle.due():
                started = throttle.clock()
                if dashboard is None:
                    dashboard = Dashboard(run)
                self._draw(run, dashboard)
                throttle.drew(started)
            return self._stop_requested.is_set()

        try:
            run = self._train(settings, on_epoch)
            self._draw(run, dashboard if dashboard is not None else Dashboard(run))  # the final frame, always
            self._say(run.error or ("Stopped. " if run.stopped_early else "") + run.summary(), problem=bool(run.error))
            self.last_run = run
            return run
        except Exception as error:  # a bug in the trainer itself: say so in the status line, not in a lost thread
            self._say(f"The trainer itself failed ({type(error).__name__}: {error}); please tell your instructor.",
                      problem=True)
            return None
        finally:
            self._set_running(False)

    def start(self):
        """Train in a background thread with the settings the controls show (the Train button)."""
        if self._thread is not None and self._thread.is_alive():
            return
        try:
            settings = self.settings()
        except ValueError as error:
            self._say(str(error), problem=True)
            return
        self._thread = threading.Thread(target=self.run, args=(settings,), daemon=True)
        self._thread.start()

    def _bundle(self, text):
        """The widgets, and a line of text for front ends that cannot show widgets."""
        bundle = self.view._repr_mimebundle_()
        bundle["text/plain"] = text
        return bundle

    def show(self):
        """Display the trainer, train once with the starting settings, then leave it to the student.

        Two outputs: the live widgets, and below them the saved picture of the first run (see
        saved_picture_bundle), which is what shows once the widgets are gone: after the notebook is
        saved and opened again, in an HTML export, in nbconvert or on GitHub.
        """
        from IPython.display import display

        handle = display(_MimeBundle(self._bundle("Live trainer: training once with the starting settings...")),
                         display_id=True)
        saved = display(_MimeBundle({"text/plain": ""}), display_id=True)
        run = self.run(self.settings())
        text = (run.error or run.summary()) if run is not None else "Live trainer: the first run failed."
        handle.update(_MimeBundle(self._bundle(text)))
        if self.last_png is not None:
            saved.update(_MimeBundle(saved_picture_bundle(self.last_png, text)))


class DeepTrainerApp(TrainerApp):
    """The live trainer for the second assignment's deeper networks: the same picture, figures and
    buttons, with controls for the hidden layers' sizes, their activation, the optimiser and the batch size."""

    def _make_controls(self, widgets, settings):
        wide = {"description_width": "100px"}
        self.problem = widgets.Dropdown(options=[(PROBLEM_LABELS[name], name) for name in DEEP_PROBLEMS],
                                        value=settings.problem, description="Problem", style=wide)
        self.layers = widgets.Text(value=", ".join(str(size) for size in settings.hidden_layers),
                                   placeholder="16, 16", description="Hidden layers", style=wide)
        self.activation = widgets.Dropdown(options=ACTIVATIONS, value=settings.activation, description="Activation",
                                           style=wide)
        self.optimizer = widgets.Dropdown(options=[("Adam", "adam"), ("Momentum", "momentum")],
                                          value=settings.optimizer, description="Optimizer", style=wide)
        self.lr = widgets.FloatLogSlider(value=settings.lr, base=10, min=-4, max=0, step=0.05, readout_format=".3g",
                                         description="Learning rate", style=wide)
        self.epochs = widgets.BoundedIntText(value=settings.epochs, min=1, max=MAX_EPOCHS, step=50,
                                             description="Epochs", style=wide)
        self.batch_size = widgets.BoundedIntText(value=settings.batch_size, min=1, max=10_000, description="Batch size",
                                                 style=wide)
        self.seed = widgets.BoundedIntText(value=settings.seed, min=0, max=2**31 - 1, description="Seed", style=wide)
        return [self.problem, self.layers, self.activation, self.optimizer, self.lr, self.epochs, self.batch_size,
                self.seed]

    def settings(self):
        """The DeepSettings the controls show; ValueError (said in the status line) for unusable layer sizes."""
        return deep_settings(self.problem.value, hidden_layers=self.layers.value, activation=self.activation.value,
                             optimizer=self.optimizer.value, lr=self.lr.value, epochs=self.epochs.value,
                             batch_size=self.batch_size.value, seed=self.seed.value)

    def _train(self, settings, on_epoch):
        return train_deep(self.functions, settings, on_epoch)

    def _load_recommended_settings(self, change):
        recommended = DEEP_RECOMMENDED_SETTINGS[change["new"]]
        self.layers.value = ", ".join(str(size) for size in recommended.hidden_layers)
        self.activation.value, self.optimizer.value = recommended.activation, recommended.optimizer
        self.lr.value, self.epochs.value, self.batch_size.value = recommended.lr, recommended.epochs, recommended.batch_size
        self._say(f"Recommended settings for {change['new']} loaded: press Train.")


# The saved picture hides itself while the widgets above it are alive, and hides the widgets' output
# once they are gone ("Error displaying widget: model not found" after a reopen). Plain CSS, so it
# needs no front-end code: JupyterLab, Notebook 7 and nbconvert's HTML all use these class names.
SAVED_PICTURE_CLASS = "scratchnet-saved-picture"
SAVED_PICTURE_STYLE = (
    "<style>"
    f".jp-OutputArea-child:has(.widget-vbox) + .jp-OutputArea-child:has(.{SAVED_PICTURE_CLASS}) {{display: none}}"
    f".jp-OutputArea-child:not(:has(.widget-vbox)):has(+ .jp-OutputArea-child .{SAVED_PICTURE_CLASS})"
    " {display: none}"
    "</style>")


def saved_picture_bundle(png, text):
    """The last frame as HTML (with the style above), a PNG and text: each front end shows what it can."""
    bundle = _png_bundle(png, text)
    bundle["text/html"] = (f"{SAVED_PICTURE_STYLE}<div class='{SAVED_PICTURE_CLASS}'>"
                           f"<img src='data:image/png;base64,{bundle['image/png']}' style='max-width:100%' "
                           f"alt='{html.escape(text, quote=True)}'><div>{html.escape(text)}</div></div>")
    return bundle
