# The two commands a newcomer needs: `make demo` and `make test`. Both build .venv first.
# `make test-fast` is the quick lane while developing: no slow, PostgreSQL, browser or fault tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test test-fast lint eval

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

demo: setup
	$(BIN)/eventwire extract --example --format table

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

test: setup lint
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not slow and not postgres and not browser and not faults"

eval: setup
	$(BIN)/python benchmarks/eval_floors.py
