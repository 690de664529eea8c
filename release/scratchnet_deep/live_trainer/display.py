"""Showing a finished figure once: inline in Jupyter, in a window where there is one, and anywhere
else a line that says how to see it. IPython and pyplot are imported only when they are needed.
"""
import sys

from .plots import _new_figure, figure_png


NON_INTERACTIVE_BACKENDS = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def _kernel_shell():
    """The IPython shell when this runs in a Jupyter kernel, else None."""
    if "IPython" not in sys.modules:  # not even imported: certainly no kernel, and importing it is slow
        return None
    from IPython import get_ipython

    shell = get_ipython()
    return shell if getattr(shell, "kernel", None) is not None else None


class _MimeBundle:
    """Something to display as several representations at once; each front end shows the richest it can."""

    def __init__(self, bundle):
        self.bundle = bundle

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.bundle


def _png_bundle(png, text):
    import base64

    return {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text}


def _figure_for_static_display(figsize, layout=None):
    """A figure to show once: a pyplot one (so it can open a window) only outside Jupyter with a GUI backend."""
    if _kernel_shell() is None:
        import matplotlib

        backend = matplotlib.get_backend().lower()
        if backend not in NON_INTERACTIVE_BACKENDS and "inline" not in backend:
            import matplotlib.pyplot as plt

            return plt.figure(figsize=figsize, layout=layout)
    return _new_figure(figsize, layout)


def _show_figure(figure, text):
    """Show a finished figure once: inline in Jupyter, in a window where there is one, else say how to see it."""
    if _kernel_shell() is not None:
        from IPython.display import display

        display(_MimeBundle(_png_bundle(figure_png(figure), text)))
    elif figure.canvas.manager is not None:  # made by pyplot for a GUI backend
        import matplotlib.pyplot as plt

        plt.show()
    else:
        print("(No window to show the plots in here: open the notebook in Jupyter, or call save_plots(run, folder).)")
