# Two entry points for a fresh machine: `make demo` and `make test`.
# Both create .venv/ (Python 3.11) and install newsevents with everything it needs from PyPI.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck layers setup clean

$(STAMP): pyproject.toml web/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The web page's scripts, styles and map data come from npm, never from a CDN or git.
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb demo.duckdb.wal
	$(BIN)/newsevents ingest examples/corpus --db demo.duckdb
	$(BIN)/newsevents summary --db demo.duckdb

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

test: lint typecheck layers
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) demo.duckdb demo.duckdb.wal web/node_modules
