# What README tells a newcomer to type is what CI runs. Every target sets itself up.
#   make book     build the HTML book into _build/html (the main job)
#   make test     every check: unit + doctests, strict nbval, book structure, book build, browser
#   make execute  (authors) re-execute every chapter in place, top to bottom, fresh kernel

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHAPTERS := $(sort $(wildcard chapters/*.ipynb))

# Quiet, deterministic TensorFlow for every process and every notebook kernel we start.
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: help setup book test unit nbval structure book-strict browser execute clean

help:
	@sed -n '2,5p' Makefile

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --keep-going
	@echo "Book built. Open $(CURDIR)/_build/html/index.html in a browser."

test: unit nbval structure book-strict browser
	@echo "make test: all checks passed"

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests embedding_lib --ignore=tests/test_browser.py

nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg --durations=0 $(CHAPTERS)

structure: $(STAMP)
	python3 ../shared/tools/notebook_hygiene.py 2>/dev/null || $(BIN)/python tests/hygiene_fallback.py

book-strict: $(STAMP)
	rm -rf _build/html _build/.doctrees
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python -m pytest -q tests/test_browser.py

browser: book-strict

execute: $(STAMP)
	for nb in $(CHAPTERS); do \
	    echo "executing $$nb"; \
	    $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	        --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=python3 $$nb; \
	done

clean:
	rm -rf _build
