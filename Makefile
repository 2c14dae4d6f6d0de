# make html  — build the HTML edition into build/html/ (creates .venv on first use)
# make test  — run every test
# make live  — serve the edition on http://127.0.0.1:8000/, rebuilt and reloaded on every edit
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: html test lint clean anchors check pdf epub bench bench-tools docs live tei site

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Strict, staged: build/html is replaced only when the build succeeded (see parallel_edition/publish.py).
html: $(STAMP)
	$(PY) -m parallel_edition.publish html edition build/html

# The site as published: the PDF first, then the HTML, which publishes it and links it from
# every page (Read the Docs does the same, see .readthedocs.yaml).
site: pdf html

# Live preview for editors and translators (sphinx-autobuild): the edition is built into
# build/live/ and served; an edit to a page, an annotation (edition/annotations/*.md), the
# bibliography or CITATION.cff rebuilds what it changes and reloads the open pages. Not strict:
# a warning is shown in the terminal and the preview stays up. LIVE_PORT=0 picks a free port.
LIVE_SOURCE ?= edition
LIVE_OUT ?= build/live
LIVE_HOST ?= 127.0.0.1
LIVE_PORT ?= 8000
live: $(STAMP)
	$(PY) -m sphinx_autobuild $(LIVE_SOURCE) $(LIVE_OUT) --host $(LIVE_HOST) --port $(LIVE_PORT) \
		--watch $(LIVE_SOURCE)/../bibliography --watch $(LIVE_SOURCE)/../CITATION.cff -n -q

# The TEI P5 export alone (every HTML build writes it too), strict, into build/tei/edition.tei.xml.
tei: $(STAMP)
	$(PY) -m sphinx -q -n -W --keep-going -b tei edition build/tei

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check extensions tests bench edition/_ext docs/_ext
	$(PY) -m ruff format --check extensions tests bench edition/_ext docs/_ext
	$(PY) -m mypy

# The extension's own documentation, built with the extension, into build/docs/.
docs: $(STAMP)
	$(PY) -m sphinx -n -W --keep-going -b html docs build/docs

clean:
	rm -rf build

# Register new block anchors in edition/anchors.yml (never removes one); commit the result.
anchors: $(STAMP)
	$(PY) -m sphinx -q -E -b dummy -D edition_registry_update=1 edition build/anchors

# Validate the edition and every annotation in seconds (no output written); all problems at once.
check: $(STAMP)
	$(PY) -m parallel_edition.check edition

# The PDF edition: Sphinx's LaTeX builder (strict) and XeLaTeX (no shell escape, paranoid file
# access, a time limit), into build/pdf/, replaced only on success. Reproducible: its dates are
# the last commit's (or SOURCE_DATE_EPOCH's, when set), so a commit gives one PDF, byte for byte.
pdf: export SOURCE_DATE_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))
pdf: $(STAMP)
	$(PY) -m parallel_edition.publish pdf edition build/pdf

# The EPUB 3 edition (strict), into build/epub/, replaced only on success; epubcheck-valid
# (the tests check it). Dated like the PDF: the last commit's time, or SOURCE_DATE_EPOCH's.
epub: export SOURCE_DATE_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))
epub: $(STAMP)
	$(PY) -m parallel_edition.publish epub edition build/epub

# Benchmarks against the peers (mystmd, pandoc) and plain Sphinx, then the pages axis, the
# reader's side and make live's memory over 20 rebuilds (prints tables; about 12 minutes on 2
# cores). `make bench-tools` installs the peers it needs.
bench: $(STAMP) bench-tools
	$(PY) bench/run.py
	$(PY) bench/reader.py
	$(PY) bench/live_memory.py

# The benchmark's peers: pandoc (Debian's, with --citeproc) and mystmd (npm, pinned by
# bench/package-lock.json, into bench/node_modules/).
bench-tools: bench/node_modules/.installed
	command -v pandoc >/dev/null || apt-get install -y -qq --no-install-recommends pandoc

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --silent
	touch $@
