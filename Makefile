# The two commands of the README:
#   make edition   set up, validate the edition and render every output into output/
#   make test      set up and run the whole test suite
# Everything else here is a convenience for developers:
#   make lint      ruff (lint and import order) and mypy on toolkit/
#   make test-fast the suite without the tests marked slow, on two processes (pytest-xdist)
#   make schema    compile schema/edition.odd into schema/edition.rng and .sch (needs ../shared)
#   make golden    regenerate the golden files (review with git diff tests/golden)
#   make readme    regenerate the README's CLI reference (from --help) and its examples' output
#   make swh-venv  Software Heritage's SWORD 2.0 deposit server in .venv-swh, for tests/test_sword.py

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: edition test test-fast lint golden readme schema clean swh-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	touch $@

# The SWORD end-to-end test's server, in a virtual environment of its own (its dependencies are
# not the toolkit's); the test skips, saying why, without it.
SWH_VENV ?= .venv-swh
swh-venv: $(SWH_VENV)/.installed
$(SWH_VENV)/.installed:
	$(PYTHON) -m venv $(SWH_VENV)
	$(SWH_VENV)/bin/python -m pip install --quiet "swh.deposit[server]>=3"
	touch $@

edition: $(VENV)/.installed
	$(BIN)/tei build

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow" -n 2

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

schema: $(VENV)/.installed
	$(BIN)/tei schema

golden: $(VENV)/.installed
	$(BIN)/python tests/regenerate_golden.py
	@echo "Review the change with: git diff tests/golden"

readme: $(VENV)/.installed
	$(BIN)/python -m toolkit.clidoc --write README.md
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python tests/test_readme.py
	@echo "Review the change with: git diff README.md"

clean:
	find output -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV)
