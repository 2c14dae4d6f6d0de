# make html  — build the HTML edition into build/html/ (creates .venv on first use)
# make test  — run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: html test lint clean anchors check pdf bench

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
	$(PY) -m ruff check extensions tests bench edition/_ext
	$(PY) -m ruff format --check extensions tests bench edition/_ext
	$(PY) -m mypy

clean:
	rm -rf build

# Register new block anchors in edition/anchors.yml (never removes one); commit the result.
anchors: $(STAMP)
	$(PY) -m sphinx -q -E -b dummy -D edition_registry_update=1 edition build/anchors

# Validate the edition and every annotation in seconds (no output written); all problems at once.
check: $(STAMP)
	$(PY) -m parallel_edition.check edition

# The PDF edition: Sphinx's LaTeX builder and XeLaTeX, into build/pdf/. Reproducible: its dates
# are the last commit's (or SOURCE_DATE_EPOCH's, when set), so a commit gives one PDF, byte for byte.
pdf: export SOURCE_DATE_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))
pdf: $(STAMP)
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null || { \
	  echo "make pdf needs TeX. Install it with:"; \
	  echo "  sudo apt-get install -y --no-install-recommends texlive-xetex texlive-lang-french texlive-latex-extra texlive-latex-recommended texlive-fonts-recommended latexmk fonts-freefont-otf"; \
	  exit 1; }
	$(PY) -m sphinx -q -b latex edition build/latex
	$(MAKE) -C build/latex all-pdf LATEXMKOPTS="-silent -interaction=nonstopmode -halt-on-error" >/dev/null
	mkdir -p build/pdf && cp build/latex/*.pdf build/pdf/
	@echo "The PDF edition is in build/pdf/"

# Benchmarks against plain Sphinx (prints a table; takes about 15 minutes on 2 cores).
bench: $(STAMP)
	$(PY) bench/run.py
