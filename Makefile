# One entry point for every task. `make run` and `make test` work on a fresh
# machine with Python >= 3.11 and make: they create .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: run test lint typecheck unit bench bench-ingest clean chromium loadtest screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "hadath needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ingest,dask,serve]'
	touch $(STAMP)

# Extract the examples, load them into build/examples.duckdb and serve the web interface
# and the REST API over it (the address is printed; Ctrl-C stops). PORT=8000 by default.
PORT ?= 8000
run: $(STAMP)
	$(BIN)/hadath extract examples --format table
	rm -f build/examples.duckdb  # a fresh database: the examples coded by this version
	$(BIN)/hadath serve --db build/examples.duckdb --load examples --port $(PORT)

test: lint typecheck chromium unit

# The browser tests drive Debian's Chromium; install it when missing (as root, or with sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@test -x /usr/bin/chromium || { \
	  command -v apt-get >/dev/null || { echo "make: the browser tests need Chromium at /usr/bin/chromium, and there is no apt-get to install it; install Chromium (or set HADATH_CHROMIUM=/path/to/chromium)" >&2; exit 1; }; \
	  echo "make: installing Chromium for the browser tests (apt-get install chromium)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# 200 concurrent /v1/search requests against a live server (results in BENCHMARKS.md).
loadtest: $(STAMP)
	$(BIN)/python scripts/loadtest_search.py --concurrency 200

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# The README's screenshots: the browser tests, writing into docs/screenshots/.
screenshots: $(STAMP) chromium
	HADATH_SCREENSHOTS=1 $(BIN)/pytest tests/web

bench: $(STAMP)
	$(BIN)/python scripts/bench_extract.py $(SHARED)/data/corpus/ant-v2.1.jsonl.gz
	$(BIN)/python scripts/bench_ingest.py $(SHARED)/data/corpus/ant-v2.1.jsonl.gz --workers 1 2

# Only the ingest benchmark (about 25 minutes on 2 cores): BENCH_LIMIT=3000 for a sample.
bench-ingest: $(STAMP)
	$(BIN)/python scripts/bench_ingest.py $(SHARED)/data/corpus/ant-v2.1.jsonl.gz --workers 1 2 $(if $(BENCH_LIMIT),--limit $(BENCH_LIMIT))

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

.PHONY: model

# Retrain the packaged NER model from ../shared (see `hadath train ner --help`): a CRF and
# a BiLSTM-CRF teacher, the silver data they agree on (1,200 articles), a first student;
# the three tag 5,000 more articles, on which a second student is trained; it replaces the
# first among the teachers for 10,000 articles, and the BiLSTM-CRF model is trained on the
# gold data and what those three agree on, for the epoch count chosen on the dev split.
# About 2 hours on one core, plus about 10 minutes the first time, to build the corpus
# vectors and clusters in build/ner/.
model: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	OPENBLAS_NUM_THREADS=1 $(BIN)/hadath train ner --no-dev --shared $(SHARED)
