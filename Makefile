# Two commands matter: `make demo` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The stamp is rebuilt whenever the pins or the package metadata change.
STAMP  := $(VENV)/.installed
# Tools run from the venv first, so nbgrader starts kernels with the venv's Python.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: setup release demo test test-fast test-smoke clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@# Every pin in requirements.txt installs on 3.11.0 and later (Debian 12's 3.11.2 included).
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "scratchnet needs Python 3.11 or newer; this is " + sys.version.split()[0] + ": run make with PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	@# requirements.txt is the whole environment (a lock), installed as it is with nothing resolved beside it.
	@# It leaves out rfc3987-syntax (and its lark), which jupyter-events asks for through jsonschema's format
	@# extras: it compiles 38 grammars whenever jsonschema is imported, 2.1 s in every nbgrader and scratchnet
	@# process, for an IRI format check nothing in the kit uses.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Regenerate release/ from source/ (commit the result).
release: $(STAMP)
	for assignment in scratchnet scratchnet_deep; do $(BIN)/nbgrader generate_assignment $$assignment --force --no-db || exit 1; done

# Release the assignment, grade a sample class and print the score table.
demo: $(STAMP)
	$(BIN)/python -m scratchnet_solution.commands.demo

# Two workers, a test file each at a time (--dist loadfile), so that a module's class graded once by nbgrader
# serves all its tests: the suite's waits (kernels starting, subprocesses) overlap with the other file's work.
# The slowest 15 are listed at the end, to keep the suite within its budget (README, "Checking the kit").
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

# The tests that matter most on a new server: the sandbox's attacks and a class graded end to end.
test-smoke: $(STAMP)
	$(BIN)/python -m pytest tests/test_sandbox.py tests/test_grading_night.py

# While iterating: skip the slow end-to-end nbgrader runs.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not slow"

clean:
	rm -rf $(VENV) autograded submitted feedback gradebook.db grades.csv
