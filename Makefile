# claimboard: a fresh machine needs only `make run` and `make test` (see README).
# Everything Python goes into .venv; the system needs python3 (3.11+), make and, for what is
# missing, apt-get (scripts/system-deps.sh installs it, as root or through sudo).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE := data/claimboard.duckdb
# stamps: reinstall only when pyproject.toml changes
INSTALLED := $(VENV)/.installed
INSTALLED_BENCH := $(VENV)/.installed-bench

.PHONY: install system-deps run test lint format bench

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	bash scripts/system-deps.sh venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[test]'
	touch $@

# chromium for the dashboard's browser tests (Debian's, never a downloaded browser)
system-deps:
	bash scripts/system-deps.sh browser

# add the seeds to the store (unchanged documents are skipped, so this is quick after the
# first time), then serve the dashboard over that store
run: install
	$(BIN)/python -m extract add seeds/ --db $(STORE)
	CLAIMBOARD_DB=$(STORE) $(BIN)/streamlit run dashboard/app.py

test: install system-deps lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# quantulum3, the comparison in bench/extract_throughput.py, is installed for benchmarks only
$(INSTALLED_BENCH): $(INSTALLED)
	$(BIN)/python -m pip install -e '.[test,bench]'
	touch $@

bench: $(INSTALLED_BENCH)
	set -e; for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done
