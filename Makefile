# publisher: notes in Markdown → slide decks and PDF handouts.
#
#   make pdf slides                      build the bundled example
#   make pdf slides NOTES=path/notes.md  build your own notes (several: NOTES="a.md b.md")
#   make test                            lint and run the tests
#
# The first use creates .venv and installs publisher into it; `setup` checks the
# system packages (and installs them with apt-get when run as root).

NOTES  ?= examples/conference-notes.md
OUT    ?= build
PYTHON ?= python3
VENV   ?= .venv

BIN       := $(VENV)/bin
PUBLISHER := $(BIN)/publisher
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup setup-test build pdf slides check test lint bench clean

help: ## Show this help
	@echo "Usage: make TARGET [NOTES=path/to/notes.md] [OUT=build]"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-8s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "publisher needs Python 3.11 or newer ($(PYTHON) is older); try make PYTHON=python3.12"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(INSTALLED) ## Check (and install as root) what building needs
	@tools/system-packages.sh build

setup-test: $(INSTALLED)
	@tools/system-packages.sh test

# Each notes file is its own target, so `make -j pdf NOTES="a.md b.md"` builds them in parallel.
BUILD_TARGETS  := $(addprefix build@,$(NOTES))
PDF_TARGETS    := $(addprefix pdf@,$(NOTES))
SLIDES_TARGETS := $(addprefix slides@,$(NOTES))
CHECK_TARGETS  := $(addprefix check@,$(NOTES))
.PHONY: $(BUILD_TARGETS) $(PDF_TARGETS) $(SLIDES_TARGETS) $(CHECK_TARGETS)

build: $(BUILD_TARGETS) ## Decks and both PDF handouts
pdf: $(PDF_TARGETS) ## Reading handout and slide handout (PDF)
slides: $(SLIDES_TARGETS) ## One .pptx deck per session
check: $(CHECK_TARGETS) ## Report problems in the notes, build nothing

$(BUILD_TARGETS): build@%: setup
	$(PUBLISHER) build $* -o $(OUT)
$(PDF_TARGETS): pdf@%: setup
	$(PUBLISHER) pdf $* -o $(OUT)
$(SLIDES_TARGETS): slides@%: setup
	$(PUBLISHER) slides $* -o $(OUT)
$(CHECK_TARGETS): check@%: $(INSTALLED)
	$(PUBLISHER) check $*

lint: $(INSTALLED) ## ruff (lint and format) and mypy --strict on the package
	$(BIN)/ruff check publisher tests tools bench
	$(BIN)/ruff format --check publisher tests tools bench
	$(BIN)/mypy

test: setup-test lint ## Lint, then run every test
	$(BIN)/python -m pytest -q

bench: $(INSTALLED) ## Time builds side by side with the alternatives (writes bench/results.md)
	@tools/system-packages.sh bench
	$(BIN)/python bench/run.py

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
