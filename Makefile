# framelens — the two commands: `make run` (set up + whole workflow on the demo corpus)
# and `make test` (set up + the whole test suite). Everything else is a convenience.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.framelens-installed
CORES  ?= 2
SNAKE  := $(BIN)/snakemake --cores $(CORES)
# Rules call the `framelens` CLI, so the venv must come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: run test test-fast report lint gallery clean setup lock

setup: $(STAMP)

# Exact pins live in requirements.lock (pip freeze of a resolved install); the
# project itself is installed editable on top, without re-resolving.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(SNAKE)
	$(SNAKE) --report results/report.html
	@echo "Figures: results/figures/  Tables: results/tables/  Report: results/report.html"

report: $(STAMP)
	$(SNAKE) --report results/report.html

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/snakemake --lint

clean:
	rm -rf results .snakemake

# Rewrite requirements.lock from the current venv (after adding a dependency).
lock: $(STAMP)
	{ echo "# Exact pins of every package framelens and its tests use, resolved together on"; \
	  echo "# Python 3.11 (pip freeze). \`make\` installs from this file, then the project itself."; \
	  echo "# Regenerate after changing dependencies: make lock"; \
	  $(BIN)/python -m pip freeze --all | grep -vE "^(-e |framelens|pip==)"; } > requirements.lock
