# The two commands of the README:
#   make edition   set up, validate the edition and render every output into output/
#   make test      set up and run the whole test suite
# Everything else here is a convenience for developers.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: edition test golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

edition: $(VENV)/.installed
	$(BIN)/tei build

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

golden: $(VENV)/.installed
	$(BIN)/python tests/regenerate_golden.py
	@echo "Review the change with: git diff tests/golden"

clean:
	rm -rf $(VENV) output/html output/text output/index output/.cache
