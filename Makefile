# make html  — build the HTML edition into build/html/ (creates .venv on first use)
# make test  — run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: html test lint clean anchors check

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

html: $(STAMP)
	$(PY) -m sphinx -n -W --keep-going -b html edition build/html

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check extensions tests
	$(PY) -m ruff format --check extensions tests
	$(PY) -m mypy

clean:
	rm -rf build

# Register new block anchors in edition/anchors.yml (never removes one); commit the result.
anchors: $(STAMP)
	$(PY) -m sphinx -q -E -b dummy -D edition_registry_update=1 edition build/anchors

# Validate the edition and every annotation in seconds (no output written); all problems at once.
check: $(STAMP)
	$(PY) -m parallel_edition.check edition
