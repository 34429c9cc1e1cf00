# One entry point for every task. `make run` and `make test` work on a fresh
# machine with Python >= 3.11 and make: they create .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "hadath needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/hadath extract examples --format table

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench_extract.py $(SHARED)/data/corpus/ant-v2.1.jsonl.gz

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

.PHONY: model

# Retrain the packaged NER model from ../shared (see `hadath train ner --help`): a CRF and
# a BiLSTM-CRF teacher, the silver data they agree on, then the BiLSTM-CRF student with the
# epoch count chosen on the dev split. About 30 minutes on one core, plus about 10 the
# first time, to build the corpus vectors and clusters in build/ner/.
model: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	OPENBLAS_NUM_THREADS=1 $(BIN)/hadath train ner --no-dev --shared $(SHARED)
