"""The `scratchnet` command: one subcommand per module, each exposing `register(subparsers)`."""
import argparse
import importlib
import sys

# Command name -> module. Each module adds its subparser and sets `run` (a function taking the parsed
# args and returning an exit code). Only the module of the command being run is imported, so that
# `scratchnet train` does not pay for nbgrader's start-up.
SUBCOMMANDS = {"autograde": "commands.autograde", "train": "commands.train", "demo": "commands.demo",
               "doctor": "commands.doctor", "report": "commands.report"}
SUBCOMMAND_MODULES = tuple(SUBCOMMANDS.values())


def positive_int(text):
    """argparse type of the counts subcommands take (jobs, epochs, hidden units): a whole number, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser(only=None):
    """The argument parser; with `only`, just that subcommand is registered."""
    parser = argparse.ArgumentParser(prog="scratchnet", description="Instructor tools for the scratchnet assignment.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command, module_name in SUBCOMMANDS.items():
        if only in (None, command):
            importlib.import_module(f"scratchnet_solution.{module_name}").register(subparsers)
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    chosen = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    args = build_parser(only=chosen).parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
