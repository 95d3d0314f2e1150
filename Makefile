# transflow: `make` sets everything up and builds the bundled articles; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TRANSFLOW := $(BIN)/transflow
DEB_RUNTIME := gettext apertium-bel-rus hunspell-be hunspell-ru hunspell-en-us libenchant-2-2
DEB_TEST := $(DEB_RUNTIME) apertium-apy chromium
DEB_BENCH := $(DEB_RUNTIME) po4a
STAMP := $(VENV)/.installed

.PHONY: all setup deb deb-test build extract update translate check status render preview review serve test fuzz bench lint format clean

all: build

setup: deb $(STAMP)

deb:
	@tools/ensure-debian-packages $(DEB_RUNTIME)

deb-test:
	@tools/ensure-debian-packages $(DEB_TEST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

build: setup
	$(TRANSFLOW) build
	@if [ -d dist/preview ]; then $(TRANSFLOW) render --preview; fi

preview: setup
	$(TRANSFLOW) render --preview

review: setup
	$(TRANSFLOW) status --format html

extract update translate status render: setup
	$(TRANSFLOW) $@

check: setup
	$(TRANSFLOW) check

serve: setup
	$(TRANSFLOW) serve

test: deb-test $(STAMP)
	$(BIN)/python -m pytest

# the fuzzing suite with random seeds and five times the examples `make test` tries
fuzz: deb-test $(STAMP)
	TRANSFLOW_FUZZ=long $(BIN)/python -m pytest tests/fuzz --hypothesis-show-statistics

bench: setup
	@tools/ensure-debian-packages $(DEB_BENCH)
	$(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

clean:
	rm -rf dist .transflow .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
