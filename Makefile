# What README tells a newcomer to type is what CI runs. Every target sets itself up.
#   make book     build the HTML book into _build/html, Chinese edition in _build/html/zh
#   make test     every check: unit + doctests, strict nbval, book structure, book build, browser
#   make translations  refresh the Chinese catalogues (locales/) after changing English prose
#   make execute  (authors) re-execute every chapter in place, top to bottom, fresh kernel
#   make mutants  (maintainers) plant real bugs one at a time; make test must catch each

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
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: help setup book test unit hygiene nbval book-strict editions browser chromium execute \
	translations mutants clean

help:
	@sed -n '2,7p' Makefile

# One virtual environment, created and filled from requirements.txt (which also installs
# embedding_lib in editable mode). Re-run automatically when the requirements change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

# Both editions from the same notebooks (scripts/book.py): English, then Chinese.
book: $(STAMP)
	$(BIN)/python scripts/book.py html
	@echo
	@echo "Book built. Open this file in a browser: $(CURDIR)/_build/html/index.html"
	@echo "Chinese edition (中文版): $(CURDIR)/_build/html/zh/index.html"

test: unit hygiene nbval book-strict editions browser
	@echo "make test: every check passed"

# Unit tests and doctests of embedding_lib, and the book-structure tests.
unit: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests embedding_lib --ignore=tests/test_browser.py \
	    --ignore=tests/test_editions.py

# The shared notebook-hygiene script, when the shared tools sit beside the checkout
# (they do in CI); tests/test_book.py makes the same checks everywhere else.
hygiene:
	@if [ -f ../shared/tools/notebook_hygiene.py ]; then python3 ../shared/tools/notebook_hygiene.py; \
	else echo "hygiene: ../shared/tools not present; tests/test_book.py covers it"; fi

# Strict nbval: every chapter re-executed in a fresh kernel and its outputs compared.
nbval: $(STAMP)
	@mkdir -p _build
	@: > _build/nbval_times.txt
	@for nb in $(CHAPTERS); do \
	    start=$$(date +%s); \
	    $(BIN)/python -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
	        --nbval-sanitize-with tests/nbval_sanitize.cfg -p tests.nbval_tolerance "$$nb" || exit 1; \
	    echo "$$nb: $$(( $$(date +%s) - start )) s under nbval" | tee -a _build/nbval_times.txt; \
	done

# Both editions from scratch with every Sphinx warning an error, every reference checked.
book-strict: $(STAMP)
	rm -rf _build/html _build/.doctrees* _build/jupyter_execute
	$(BIN)/python scripts/book.py html --strict

# The built editions side by side: switch links, glued numbers and labels on Chinese pages.
editions: $(STAMP)
	@test -f _build/html/zh/index.html || $(MAKE) book-strict
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_editions.py

# After changing English prose: new messages arrive empty, changed ones fuzzy (see
# locales/README.md); make test fails until they are translated.
translations: $(STAMP)
	$(BIN)/python scripts/book.py translations

# The built pages in headless Chromium (see tests/test_browser.py); screenshots go to
# _build/screenshots/.
browser: $(STAMP) chromium
	@test -f _build/html/index.html || $(MAKE) book-strict
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_browser.py

# Debian's Chromium, installed when missing (needs root or sudo). Set CHROMIUM=/path to
# use another Chromium or Chrome binary instead. A Chinese font too, best effort: the
# checks pass without one, but the Chinese pages' screenshots would show empty boxes.
chromium:
	@if ! command -v fc-list >/dev/null 2>&1 || [ -z "$$(fc-list :lang=zh 2>/dev/null)" ]; then \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    echo "installing a Chinese font (fonts-wqy-microhei) for the screenshots"; \
	    (DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 || \
	     ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	      fonts-wqy-microhei >/dev/null 2>&1)) || echo "no Chinese font installed (screenshots only)"; \
	fi
	@if [ -x "$${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "Chromium is missing: install Debian's 'chromium' package (apt-get install chromium)"; exit 1; fi; \
	echo "installing Debian's chromium for the browser check"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

# Authors: re-execute every chapter in place, each top to bottom in a fresh kernel.
execute: $(STAMP)
	$(BIN)/python scripts/execute.py $(CHAPTERS)

# Maintainers: prove the regression check catches real bugs (scripts/mutants.py). Each
# mutant is planted in a temporary copy of the tree; not part of `make test`.
mutants: $(STAMP)
	$(BIN)/python scripts/mutants.py

clean:
	rm -rf _build
