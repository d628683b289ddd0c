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
build: $(addprefix build@,$(NOTES)) ## Decks and both PDF handouts
pdf: $(addprefix pdf@,$(NOTES)) ## Reading handout and slide handout (PDF)
slides: $(addprefix slides@,$(NOTES)) ## One .pptx deck per session
check: $(addprefix check@,$(NOTES)) ## Report problems in the notes, build nothing

build@%: setup
	$(PUBLISHER) build $* -o $(OUT)
pdf@%: setup
	$(PUBLISHER) pdf $* -o $(OUT)
slides@%: setup
	$(PUBLISHER) slides $* -o $(OUT)
check@%: $(INSTALLED)
	$(PUBLISHER) check $*

lint: $(INSTALLED) ## ruff and mypy (strict) on the package
	$(BIN)/ruff check publisher tests tools bench
	$(BIN)/ruff format --check publisher
	$(BIN)/mypy

test: setup-test lint ## Lint, then run every test
	$(BIN)/python -m pytest -q

bench: $(INSTALLED) ## Time builds side by side with the alternatives (writes bench/results.md)
	@tools/system-packages.sh bench
	$(BIN)/python bench/run.py

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
