# claimboard: a fresh machine needs only `make run` and `make test` (see README).
# Everything Python goes into .venv; the system needs python3 (3.11+), make and, for what is
# missing, apt-get (scripts/system-deps.sh installs it, as root or through sudo).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CLAIMS := data/claims.parquet
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

# extract the seeds once (delete data/claims.parquet to redo it), then serve the dashboard
run: install $(CLAIMS)
	$(BIN)/streamlit run dashboard/app.py

$(CLAIMS): | $(INSTALLED)
	$(BIN)/python -m extract seeds/ --out $@

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
