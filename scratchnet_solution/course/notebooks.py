"""Reading a course notebook: every way a file can fail to be one becomes one NotebookError with a plain message."""
from pathlib import Path

import nbformat


class NotebookError(Exception):
    """A file that should be a notebook cannot be read as one; the message says which and why."""


def read_notebook(path):
    """Read a notebook, turning every way it can be broken into one NotebookError with a plain message."""
    path = Path(path)
    try:
        notebook = nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise NotebookError(f"{path}: no such file.") from None
    except Exception as error:  # nbformat raises JSON, validation and unicode errors alike
        # The first line of the error is enough to say what is wrong; schema errors go on for pages.
        reason = (str(error).splitlines() or [""])[0][:120]
        raise NotebookError(f"{path} is not a readable Jupyter notebook ({type(error).__name__}: {reason}).") from None
    if not isinstance(notebook.get("cells"), list):
        raise NotebookError(f"{path} is not a readable Jupyter notebook (it has no list of cells).")
    return notebook


def nbgrader_meta(cell):
    """The cell's nbgrader metadata, or an empty dict."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}
