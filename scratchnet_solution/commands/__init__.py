"""The `scratchnet` command line (cli.py) and its subcommands that are not batch grading: demo, doctor,
train (the live trainer in a terminal) and report. Each module exposes `register(subparsers)`."""
