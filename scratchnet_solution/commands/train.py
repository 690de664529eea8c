"""`scratchnet train [ASSIGNMENT]`: the notebook's live trainer in a terminal, with the reference functions.

For instructors: try a problem and its settings, watch loss, accuracy and gradient norm on a
progress line, and write the final plots as PNG with `--save DIR` (the README's figures are made
this way). The trainer is the very package students get, source/<assignment>/live_trainer/, loaded
from the course folder, so the command and the notebook cannot drift apart. The first assignment
trains its 2-layer network (`--hidden N`); the second its deeper one (`--layers 16,16`,
`--activation`, `--optimizer`, `--batch-size`), with the functions the deep trainer calls.
"""
import argparse
import importlib
import importlib.util
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from scratchnet_solution.commands.cli import positive_int
from scratchnet_solution.course.folder import ASSIGNMENT, CourseNotFound, course_root

DEEP = "scratchnet_deep"
# The assignments with a live trainer: the 2-layer one and the deep one (each folder carries the same package).
ASSIGNMENTS = (ASSIGNMENT, DEEP)
# A private module name, so that the trainer loaded here never stands in for (or behind) a
# `live_trainer` imported from the notebook's folder in the same process.
TRAINER_MODULE = "scratchnet_live_trainer"
# The problems, aliases and deep choices live_trainer defines; listed here so that `--help` works without
# loading it (a test checks that they agree).
PROBLEMS = ("xor", "circles", "moons", "spirals")
PROBLEM_ALIASES = {"spiral": "spirals"}
DEEP_PROBLEMS = ("moons", "spirals")
ACTIVATIONS = ("relu", "tanh", "sigmoid")
OPTIMIZERS = ("adam", "momentum")
# The options only one kind of network has: {option: (its assignment, what to use for the other)}.
ONLY_FOR = {"hidden": (ASSIGNMENT, "--layers SIZES"), "layers": (DEEP, "--hidden N"), "activation": (DEEP, None),
            "optimizer": (DEEP, None), "batch_size": (DEEP, None)}
# Where each assignment's reference functions are, imported only when that network is trained.
REFERENCE_MODULES = {ASSIGNMENT: "scratchnet_solution.assignments.scratchnet.network",
                     DEEP: "scratchnet_solution.assignments.scratchnet_deep"}
# The progress line is refreshed at most this often: cheap, but not free next to a 100-microsecond epoch.
UPDATES_PER_SECOND = 10


def trainer_path(assignment=ASSIGNMENT):
    """The live trainer package of `assignment`, relative to the course folder."""
    return Path("source", assignment, "live_trainer")


TRAINER_PATH = trainer_path()


def load_live_trainer(root=None, assignment=ASSIGNMENT):
    """The live_trainer package of `assignment` in the course folder (default: the one course_root() finds).

    Raises CourseNotFound without a course folder and FileNotFoundError without the trainer in it.
    """
    package = Path(root or course_root()) / trainer_path(assignment)
    init = package / "__init__.py"
    if not init.is_file():
        raise FileNotFoundError(f"{init} is missing; `scratchnet train` runs the trainer that students get, so "
                                f"restore the {package.name} folder (it is in the repository) and try again.")
    # Forget a trainer loaded before (perhaps from another course folder): the package's relative
    # imports would otherwise pick up its old submodules from sys.modules.
    for name in [name for name in sys.modules if name == TRAINER_MODULE or name.startswith(TRAINER_MODULE + ".")]:
        del sys.modules[name]
    spec = importlib.util.spec_from_file_location(TRAINER_MODULE, init, submodule_search_locations=[str(package)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its relative imports, and its dataclasses, look the package up by name
    spec.loader.exec_module(module)
    return module


def problem_argument(text):
    """--problem's value in canonical form: lower case, with "spiral" meaning "spirals"."""
    name = text.strip().lower()
    return PROBLEM_ALIASES.get(name, name)


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def register(subparsers):
    parser = subparsers.add_parser(
        "train", help="train an assignment's network on a 2-D problem with the reference functions and show its progress",
        description="Run the notebook's live trainer with the reference functions: train on a problem, follow "
                    "epoch, loss, accuracy and gradient norm on a progress line, and optionally save the final "
                    "plots as PNG. Settings left out take the problem's recommended value.")
    parser.add_argument("assignment", nargs="?", default=ASSIGNMENT, choices=ASSIGNMENTS,
                        help=f"whose network to train (default: {ASSIGNMENT}, the 2-layer one)")
    parser.add_argument("--problem", type=problem_argument, choices=PROBLEMS,
                        help=f"the training problem ('spiral' also works; default: xor, and moons for {DEEP}, "
                             f"which trains {' or '.join(DEEP_PROBLEMS)})")
    parser.add_argument("--hidden", type=positive_int, metavar="N", help="hidden units (default: per problem)")
    parser.add_argument("--layers", metavar="SIZES", help=f"{DEEP}: the hidden layers' sizes, such as 16,16")
    parser.add_argument("--activation", choices=ACTIVATIONS, help=f"{DEEP}: the hidden layers' activation")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, help=f"{DEEP}: the update rule")
    parser.add_argument("--batch-size", type=positive_int, metavar="N", help=f"{DEEP}: the mini-batch size")
    parser.add_argument("--lr", type=positive_float, metavar="RATE", help="learning rate (default: per problem)")
    parser.add_argument("--epochs", type=positive_int, metavar="N", help="epochs (default: per problem)")
    parser.add_argument("--seed", type=int, default=0, help="seeds the data's noise and the weights (default: 0)")
    parser.add_argument("--save", type=Path, metavar="DIR",
                        help="write the final plots into DIR (created if needed) as PNG files")
    parser.set_defaults(run=run, parser=parser)


def misplaced_option(args):
    """The usage error for an option the chosen assignment's network does not have, or None."""
    for option, (owner, instead) in ONLY_FOR.items():
        if getattr(args, option) is not None and args.assignment != owner:
            flag = "--" + option.replace("_", "-")
            return (f"{flag} is for {owner}'s network; {args.assignment} does not take it"
                    + (f" (use {instead})" if instead else ""))
    if args.assignment == DEEP and args.problem not in (None, *DEEP_PROBLEMS):
        return f"{DEEP} trains {' or '.join(DEEP_PROBLEMS)}, not {args.problem}"
    return None


def train_with_progress(train, functions, settings, console, trainer):
    """Train with `train` (the trainer's train_network or train_deep), showing a progress bar with the
    current loss, accuracy and gradient norm. Returns the run."""
    # Narrow enough for an 80-column terminal: the summary printed afterwards has the time and the rest.
    columns = (TextColumn("[bold]{task.description}"), BarColumn(bar_width=10),
               TextColumn("epoch {task.completed:.0f}/{task.total:.0f}"), TextColumn("{task.fields[figures]}"))
    throttle = trainer.RedrawThrottle(UPDATES_PER_SECOND)

    def figures(run):
        now = trainer.current_figures(run)
        return f"loss {now['Loss']}  acc {now['Accuracy']}  grad norm {now['Grad norm']}"

    with Progress(*columns, console=console) as progress:
        task = progress.add_task(settings.problem, total=settings.epochs, figures="")

        def on_epoch(run):
            if throttle.due():
                started = throttle.clock()
                progress.update(task, completed=run.epochs_done, figures=figures(run))
                throttle.drew(started)

        run = train(functions, settings, on_epoch)
        progress.update(task, completed=run.epochs_done, figures=figures(run))
    return run


def reference_functions(assignment, names):
    """{name: the reference function} for the functions the trainer calls."""
    module = importlib.import_module(REFERENCE_MODULES[assignment])
    return {name: getattr(module, name) for name in names}


def settings_and_trainer(trainer, args):
    """(settings, train function, reference functions) of the chosen assignment's trainer; ValueError for
    settings the trainer refuses (with its one-sentence message)."""
    if args.assignment == DEEP:
        settings = trainer.deep_settings(args.problem or "moons", hidden_layers=args.layers, activation=args.activation,
                                         optimizer=args.optimizer, lr=args.lr, epochs=args.epochs,
                                         batch_size=args.batch_size, seed=args.seed)
        return settings, trainer.train_deep, reference_functions(DEEP, trainer.DEEP_FUNCTIONS)
    settings = trainer.recommended_settings(args.problem or "xor", n_hidden=args.hidden, lr=args.lr,
                                            epochs=args.epochs, seed=args.seed)
    return settings, trainer.train_network, reference_functions(ASSIGNMENT, trainer.STUDENT_FUNCTIONS)


def run(args):
    err = Console(stderr=True, soft_wrap=True)  # messages name paths: never break one across lines
    problem = misplaced_option(args)
    if problem:
        args.parser.error(problem)
    try:
        trainer = load_live_trainer(assignment=args.assignment)
    except (CourseNotFound, FileNotFoundError) as error:
        err.print(str(error), style="red", markup=False)
        return 2
    try:
        settings, train, functions = settings_and_trainer(trainer, args)
    except ValueError as error:
        args.parser.error(str(error))
    run = train_with_progress(train, functions, settings, err, trainer)
    print(run.summary())
    if run.error:  # only a nan loss can stop the reference functions: a learning rate far too large
        err.print(run.error, style="red", markup=False)
        return 1
    if args.save is not None:
        try:
            paths = trainer.save_plots(run, args.save)
        except OSError as error:
            err.print(f"Could not write the plots into {args.save}: {error}", style="red", markup=False)
            return 1
        print(f"Saved {len(paths)} plots:")
        for path in paths:
            print(f"  {path}")
    return 0
