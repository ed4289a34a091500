# The two commands of the README: `make demo` and `make test`. Both create .venv and
# install the project into it when missing, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/parkwatch demo

# Installs Chromium, chromium-driver, CJK fonts and PostgreSQL when missing (as root with
# apt-get; otherwise it prints the command to run), starts PostgreSQL, runs pytest.
test: $(STAMP)
	PYTEST_PYTHON=$(BIN)/python scripts/provision-test.sh $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m ruff check . || true

bench: $(STAMP)
	$(BIN)/python bench/pipeline.py

clean-venv:
	rm -rf $(VENV)
