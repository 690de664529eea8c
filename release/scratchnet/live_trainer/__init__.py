"""The live trainer: train your own network on a 2-D problem and watch it learn. Ungraded.

`launch_trainer(globals())`, at the end of the notebook, picks up your `forward`, `compute_loss`,
`backward` and `update_weights`, trains them on the problem you choose, and redraws the loss,
accuracy, gradient norm and decision boundary while it trains.

This folder travels with the notebook, so it needs nothing but numpy, matplotlib and (for the live
controls) ipywidgets. matplotlib and ipywidgets are imported only once something is drawn, so a
grading run, which skips the trainer, costs no more than importing numpy.

The modules, in the order they build on each other:
- problems: the 2-D training problems and the settings recommended for each
- training: training with the student's functions, and the one-sentence StudentCodeError
- deep: the same for the second assignment's deeper networks (DeepSettings, train_deep)
- plots: the figures (decision boundary, loss, accuracy, gradient norm), save_plots, RedrawThrottle
- display: showing a finished figure in Jupyter, in a window, or saying how to see it
- widgets: TrainerApp, the live trainer as ipywidgets (DeepTrainerApp for deeper networks)
- launch: launch_trainer and compare_hidden_sizes, which the notebook calls (launch_deep_trainer in
  the second assignment's)

Both assignments' folders carry this same package, so that each is complete on its own.
"""
# Every public name is re-exported here, so `from live_trainer import ...` works as it did when the
# trainer was one file.
from .problems import (PROBLEM_ALIASES, PROBLEMS, RECOMMENDED_SETTINGS, Settings, circles_problem, make_problem,
                       moons_problem, problem_name, recommended_settings, spirals_problem, xor_problem)
from .training import (FORWARD_NAMES, GRADIENT_NAMES, MAX_DETAIL_CHARS, NOTEBOOK_FUNCTIONS, PARAMETER_NAMES,
                       STUDENT_FUNCTIONS, StudentCodeError, TrainingRun, check_functions, find_student_functions,
                       initial_parameters, train_network, training_step)
from .deep import (ACTIVATIONS, DEEP_FUNCTIONS, DEEP_NOTEBOOK_FUNCTIONS, DEEP_PROBLEMS, DEEP_RECOMMENDED_SETTINGS,
                   INITIALIZATION, OPTIMIZERS, DeepRun, DeepSettings, check_deep_functions, deep_settings,
                   find_deep_functions, layer_sizes, train_deep)
from .plots import (CLASS_COLOURS, GRID_SIZE, LIVE_DPI, LIVE_FIGSIZE, MAX_CURVE_POINTS, SAVE_DPI, BoundaryPanel,
                    CurvePanel, Dashboard, RedrawThrottle, current_figures, figure_png, grid_probabilities, save_plots)
from .display import NON_INTERACTIVE_BACKENDS
from .widgets import MAX_EPOCHS, PROBLEM_LABELS, SAVED_PICTURE_CLASS, DeepTrainerApp, TrainerApp, saved_picture_bundle
from .launch import SKIP_MESSAGES, compare_hidden_sizes, launch_deep_trainer, launch_trainer, show_static_run
