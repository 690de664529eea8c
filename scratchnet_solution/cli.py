"""The `scratchnet` command: one subcommand per module, each exposing `register(subparsers)`."""
import argparse
import importlib
import sys

# Each module adds its subparser and sets `run` (a function taking the parsed args, returning an exit code).
SUBCOMMAND_MODULES = ("demo",)


def build_parser():
    parser = argparse.ArgumentParser(prog="scratchnet", description="Instructor tools for the scratchnet assignment.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(f"scratchnet_solution.{module_name}").register(subparsers)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
