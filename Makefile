# The single task runner. `make run` and `make test` do all the set-up on a fresh machine.
# PYTHON: the interpreter the venv is built with; empty means scripts/find-python.sh picks a
# Python 3.11 or 3.12 (mediapipe 0.10.21 has no wheels for 3.13).
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check bench lint fmt system-deps clean

# The venv is made only once a supported Python is found: otherwise one line says how to get one.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { py=$$(sh scripts/find-python.sh $(PYTHON)) && $$py -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages the tests need (browser, PDF rasteriser, speech, video tools).
system-deps:
	@bash scripts/system-deps.sh

run: $(STAMP)
	$(BIN)/limber serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Everything: browser, video (the labeled videos in ../shared/data, see docs/DEVELOPING.md), db.
test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest -p no:cacheprovider

# The edit loop: lint, types and every test that needs neither a browser nor the videos.
check: $(STAMP) system-deps lint
	$(BIN)/python -m pytest -p no:cacheprovider -q -m "not browser and not video"

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info test-artifacts
