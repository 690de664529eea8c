"""The deep assignment's problems: two moons and two spirals, the same points for the same seed.

Each returns X of shape (m, 2) and Y of shape (m, 1), both float, from a private generator (no global
random state). The notebook's live trainer draws the same shapes; the grader has its own copy because
nothing in a student's folder may be imported by the grader, nor the grader by a student's folder.
"""
import numpy as np


def moons(seed=0, n_samples=200, noise=0.15):
    """Two interleaved half circles, centred on the origin; `noise` is the Gaussian noise's std."""
    rng = np.random.default_rng(seed)
    n_upper = n_samples // 2
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n_samples - n_upper)
    upper = np.c_[np.cos(t_upper), np.sin(t_upper)]
    lower = np.c_[1 - np.cos(t_lower), 0.5 - np.sin(t_lower)]
    # Centred, so that the first layer's pre-activations start small whatever the initialisation.
    X = np.r_[upper, lower] - [0.5, 0.25] + rng.normal(0, noise, (n_samples, 2))
    Y = np.r_[np.zeros(n_upper), np.ones(n_samples - n_upper)][:, None]
    return X, Y


def spirals(seed=0, n_samples=300, noise=0.05, turns=1.5):
    """Two spiral arms winding around each other `turns` times from near the centre outwards."""
    rng = np.random.default_rng(seed)
    n_first = n_samples // 2
    labels = np.r_[np.zeros(n_first), np.ones(n_samples - n_first)]
    # The radius grows along each arm from 0.15, so the arms do not touch at the centre.
    along = np.r_[np.linspace(0.15, 1, n_first), np.linspace(0.15, 1, n_samples - n_first)]
    angles = 2 * np.pi * turns * along + np.pi * labels  # the second arm is the first turned half a turn
    X = along[:, None] * np.c_[np.cos(angles), np.sin(angles)] + rng.normal(0, noise, (n_samples, 2))
    return X, labels[:, None]


PROBLEMS = {"moons": moons, "spirals": spirals}
