"""Plots: the decision boundary over the data, and loss, accuracy and gradient norm per epoch.

Figures are made with matplotlib's object API, not pyplot, so Jupyter's inline backend never
shows a second copy of them and nothing is left open in pyplot's list of figures. matplotlib is
imported inside the functions that draw, so importing this module costs no more than numpy.
RedrawThrottle, at the end, paces the redraws of a live view (the widgets, `scratchnet train`).
"""
import time

import numpy as np


# The decision boundary is the network's output on a GRID_SIZE x GRID_SIZE grid over the data.
GRID_SIZE = 120
# Curves are thinned to at most this many points before drawing: a few per pixel column is plenty.
MAX_CURVE_POINTS = 1500
CLASS_COLOURS = ("#2166ac", "#b2182b")  # class 0 blue, class 1 red, the two ends of the boundary's colour map
LIVE_FIGSIZE = (9.6, 4.6)
LIVE_DPI = 80  # small enough to render and send ten times a second
SAVE_DPI = 120


def _new_figure(figsize, layout=None):
    """A matplotlib Figure that pyplot does not track."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=LIVE_DPI, layout=layout)


def figure_png(figure, dpi=None, fast=False):
    """The figure rendered as PNG bytes; `fast` trades size for speed (for live frames)."""
    import io

    buffer = io.BytesIO()
    # zlib level 1 compresses several times faster than the default and the frames are only sent, not kept.
    figure.savefig(buffer, format="png", dpi=dpi or figure.dpi, pil_kwargs={"compress_level": 1} if fast else None)
    return buffer.getvalue()


def grid_probabilities(predict, grid):
    """predict's output probabilities at each grid point, shape (len(grid),), or None if it fails there.

    predict(X) is a run's predict: the network's output for the rows of X, shape (len(X), 1).
    """
    try:
        with np.errstate(all="ignore"):
            a2 = np.asarray(predict(grid), dtype=float)
    except Exception:  # the training loop has already reported anything wrong with the student's forward pass
        return None
    return a2[:, 0] if a2.shape == (len(grid), 1) else None


class BoundaryPanel:
    """The data as dots over the network's output probability, with the 0.5 contour as the decision boundary."""

    def __init__(self, ax, X, y):
        self.ax = ax
        low, high = X.min(axis=0), X.max(axis=0)
        margin = 0.15 * (high - low).max() + 0.1
        (x0, y0), (x1, y1) = low - margin, high + margin
        self.grid_x, self.grid_y = np.meshgrid(np.linspace(x0, x1, GRID_SIZE), np.linspace(y0, y1, GRID_SIZE))
        self.grid = np.c_[self.grid_x.ravel(), self.grid_y.ravel()]
        self.image = ax.imshow(np.full((GRID_SIZE, GRID_SIZE), 0.5), extent=(x0, x1, y0, y1), origin="lower",
                               cmap="RdBu_r", vmin=0, vmax=1, alpha=0.6, aspect="auto", interpolation="bilinear")
        colours = np.array(CLASS_COLOURS)[(y[:, 0] >= 0.5).astype(int)]
        ax.scatter(X[:, 0], X[:, 1], c=colours, s=70 if len(X) < 50 else 16, edgecolors="white", linewidths=0.6,
                   zorder=3)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xticks([])
        ax.set_yticks([])
        self.contour = None

    def update(self, predict):
        probabilities = grid_probabilities(predict, self.grid)
        if probabilities is None:
            return
        surface = probabilities.reshape(GRID_SIZE, GRID_SIZE)
        self.image.set_data(surface)
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        # Without outputs on both sides of 0.5 there is no boundary to draw (and matplotlib would warn).
        if np.nanmin(surface) < 0.5 < np.nanmax(surface):
            self.contour = self.ax.contour(self.grid_x, self.grid_y, surface, levels=[0.5], colors="black",
                                           linewidths=1.2)


def _plain_log_labels(axis):
    """Label a log axis 0.01, 0.1, 1 in plain text: matplotlib's default 10^-2 labels go through its
    maths typesetter, which costs more per frame than everything else drawn."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _position: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def _epoch_labels(axis):
    """At most five epoch labels, short ones (50k, 1.5M), so they stay apart on a long run's narrow axis."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    def short(value, _position):
        for size, suffix in ((1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                return f"{value / size:g}{suffix}"
        return f"{value:g}"

    axis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    axis.set_major_formatter(FuncFormatter(short))


class CurvePanel:
    """One figure per epoch (loss, accuracy or gradient norm) as a line over a fixed epoch axis."""

    def __init__(self, ax, title, colour, epochs, log_scale=False, fraction=False):
        self.ax = ax
        self.log_scale = log_scale
        self.fraction = fraction
        (self.line,) = ax.plot([], [], color=colour, linewidth=1.4)
        ax.set_title(title, loc="left", fontsize=10)
        ax.set_xlim(0, max(epochs, 2))  # fixed, so the curve grows left to right as training goes
        _epoch_labels(ax.xaxis)
        ax.grid(alpha=0.3)
        if fraction:
            from matplotlib.ticker import PercentFormatter

            ax.set_ylim(-0.03, 1.03)
            ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))

    def update(self, values):
        values = np.asarray(values, dtype=float)
        if values.size == 0:
            return
        kept = np.unique(np.linspace(0, values.size - 1, min(values.size, MAX_CURVE_POINTS)).astype(int))
        epochs, kept_values = kept + 1, values[kept]
        finite = np.isfinite(kept_values)
        self.line.set_data(epochs[finite], kept_values[finite])
        if self.fraction or not finite.any():
            return
        if self.log_scale:
            # A log axis shows a loss falling from 0.7 to 0.001 best; over less than a decade (or with
            # values at or below zero) it would have no ticks to label, so the axis stays linear then.
            low, high = kept_values[finite].min(), kept_values[finite].max()
            scale = "log" if low > 0 and high > 10 * low else "linear"
            if self.ax.get_yscale() != scale:
                self.ax.set_yscale(scale)
                if scale == "log":
                    _plain_log_labels(self.ax.yaxis)
        self.ax.relim()
        self.ax.autoscale_view(scalex=False)


def _panels(boundary_ax, loss_ax, accuracy_ax, grad_ax, run):
    """The four panels of a run on the given axes."""
    epochs = run.settings.epochs
    return {
        "boundary": BoundaryPanel(boundary_ax, run.X, run.y),
        "loss": CurvePanel(loss_ax, "Loss", "#6a3d9a", epochs, log_scale=True),
        "accuracy": CurvePanel(accuracy_ax, "Accuracy", "#1b7837", epochs, fraction=True),
        "grad_norm": CurvePanel(grad_ax, "Gradient norm", "#e08214", epochs, log_scale=True),
    }


def _update_panels(panels, run):
    panels["boundary"].update(run.predict)
    for name in ("loss", "accuracy", "grad_norm"):
        panels[name].update(getattr(run, name))


def current_figures(run):
    """The latest epoch, loss, accuracy and gradient norm of a run, formatted for people."""
    if not run.loss:
        return {"Epoch": f"0 / {run.settings.epochs:,}", "Loss": "-", "Accuracy": "-", "Grad norm": "-"}
    # A finished run shows what its summary line says: loss and accuracy of the final parameters.
    loss, accuracy = (run.final_loss, run.final_accuracy) if run.finished else (run.loss[-1], run.accuracy[-1])
    return {"Epoch": f"{run.epochs_done:,} / {run.settings.epochs:,}", "Loss": f"{loss:.4f}",
            "Accuracy": f"{accuracy:.1%}", "Grad norm": f"{run.grad_norm[-1]:.3g}"}


class Dashboard:
    """All four panels of a run in one figure, redrawn in place: the trainer's live picture."""

    def __init__(self, run, figure=None):
        self.figure = figure if figure is not None else _new_figure(LIVE_FIGSIZE)
        grid = self.figure.add_gridspec(3, 2, width_ratios=(1.1, 1), left=0.02, right=0.965, bottom=0.09, top=0.83,
                                        wspace=0.14, hspace=0.6)
        boundary_ax = self.figure.add_subplot(grid[:, 0])
        loss_ax = self.figure.add_subplot(grid[0, 1])
        accuracy_ax = self.figure.add_subplot(grid[1, 1], sharex=loss_ax)
        grad_ax = self.figure.add_subplot(grid[2, 1], sharex=loss_ax)
        for ax in (loss_ax, accuracy_ax):  # the epoch axis is labelled once, at the bottom (less to draw, too)
            ax.tick_params(labelbottom=False)
        grad_ax.set_xlabel("epoch", labelpad=1)
        self.panels = _panels(boundary_ax, loss_ax, accuracy_ax, grad_ax, run)
        s = run.settings
        self.figure.suptitle(f"{s.problem}: {s.describe(long=True)}", fontsize=12)
        self.headline = self.figure.text(0.5, 0.895, "", ha="center", fontsize=10, color="#333333")

    def update(self, run):
        """Redraw from the run's current parameters and history."""
        _update_panels(self.panels, run)
        self.headline.set_text("   ".join(f"{name}: {value}" for name, value in current_figures(run).items()))

    def png(self, fast=False):
        return figure_png(self.figure, fast=fast)


def save_plots(run, directory, dpi=SAVE_DPI):
    """Write the run's final plots into `directory` (created if needed) as PNG files.

    Writes <problem>-dashboard.png (all four panels) and one file per panel: -boundary, -loss,
    -accuracy and -grad-norm. Returns the list of paths written.
    """
    from pathlib import Path

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stem = run.settings.problem
    dashboard = Dashboard(run)
    dashboard.update(run)
    paths = [directory / f"{stem}-dashboard.png"]
    dashboard.figure.savefig(paths[0], dpi=dpi)
    # The single panels come from the same panel classes, one per figure.
    figures = {name: _new_figure((5.5, 5) if name == "boundary" else (6, 3.2), layout="constrained")
               for name in ("boundary", "loss", "accuracy", "grad_norm")}
    axes = {name: figure.add_subplot() for name, figure in figures.items()}
    _update_panels(_panels(axes["boundary"], axes["loss"], axes["accuracy"], axes["grad_norm"], run), run)
    for name, figure in figures.items():
        axes[name].set_xlabel("epoch" if name != "boundary" else "")
        figure.suptitle(f"{stem}: {run.settings.describe()}, accuracy {run.final_accuracy:.1%}", fontsize=10)
        path = directory / f"{stem}-{name.replace('_', '-')}.png"
        figure.savefig(path, dpi=dpi)
        paths.append(path)
    return paths


class RedrawThrottle:
    """Says when a live view should redraw: at most `max_per_second` times a second, and, when drawing
    is slow, rarely enough that training still gets about two thirds of the time."""

    def __init__(self, max_per_second=10, clock=time.monotonic):
        self.min_interval = 1.0 / max_per_second
        self.clock = clock
        self.last_drawn = -float("inf")
        self.draw_seconds = 0.0

    def due(self):
        """True when it is time to draw again."""
        return self.clock() - self.last_drawn >= max(self.min_interval, 2 * self.draw_seconds)

    def drew(self, started):
        """Record a redraw that began at clock time `started` and has just finished."""
        self.last_drawn = self.clock()
        self.draw_seconds = self.last_drawn - started
