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

.PHONY: run test test-fast report lint gallery clean setup lock chromium

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

# The report embeds the workflow's outputs, so bring them up to date first.
report: $(STAMP)
	$(SNAKE)
	$(SNAKE) --report results/report.html

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# The report test opens the HTML report in headless Chromium (Debian package
# `chromium`). Installed here when missing and apt-get can run; otherwise that
# test is skipped with a message.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }; }; } || \
	  echo "chromium not installed: the report browser test will be skipped"

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/snakemake --lint

clean:
	rm -rf results .snakemake

# README gallery: a few demo figures redrawn small from the workflow's tables.
GALLERY := docs/gallery
gallery: $(STAMP)
	$(SNAKE)
	mkdir -p $(GALLERY)
	$(BIN)/framelens plot forest --table results/tables/framing/differences.csv --outlets data/outlets.csv \
	  --level-name outlet --dpi 90 --out $(GALLERY)/forest_outlet.png
	$(BIN)/framelens plot profile --table results/tables/framing/outlet_scores.csv --outlets data/outlets.csv \
	  --dpi 90 --out $(GALLERY)/profile.png
	$(BIN)/framelens plot keyness --table results/tables/keyness_words.csv --outlets data/outlets.csv \
	  --comparison state-aligned_vs_rest --dpi 90 --out $(GALLERY)/keyness_state-aligned_vs_rest.png
	$(BIN)/framelens plot trends --table results/tables/framing/trends.csv --outlets data/outlets.csv \
	  --dpi 90 --out $(GALLERY)/trends.png
	$(BIN)/framelens plot tone --table results/tables/tone.csv --outlets data/outlets.csv \
	  --dpi 90 --out $(GALLERY)/tone.png

# Rewrite requirements.lock from the current venv (after adding a dependency).
lock: $(STAMP)
	{ echo "# Exact pins of every package framelens and its tests use, resolved together on"; \
	  echo "# Python 3.11 (pip freeze). \`make\` installs from this file, then the project itself."; \
	  echo "# Regenerate after changing dependencies: make lock"; \
	  $(BIN)/python -m pip freeze --all | grep -vE "^(-e |framelens|pip==)"; } > requirements.lock
