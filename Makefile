# Two commands on a fresh machine with Python 3.11:
#   make run   installs the runtime alone (requirements.txt, no torch) into .venv and starts it
#   make test  adds torch and the test tools (requirements-dev.txt) and axe-core (npm ci,
#              package-lock.json: the accessibility browser test injects it) and runs the tests
# make train adds torch (requirements-train.txt); make test-fast and make bench add the dev set.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY      = $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test test-fast lint bench train train-lm clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.train: requirements-train.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-train.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.train
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The browser tests' JavaScript, exactly as package-lock.json pins it (Node.js and npm:
# Debian's nodejs and npm packages, which .ci/run installs where they are missing).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev node_modules/.package-lock.json
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

# The quick loop while editing: no browser, nothing that trains.
test-fast: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -m "not e2e and not slow"

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: $(VENV)/.dev
	$(PY) scripts/bench_all.py

train: $(VENV)/.train
	$(PY) -m core.training.accents
	$(PY) -m core.training.train

# The language-model page's LSTM (models/lm/); about half an hour on 2 cores.
train-lm: $(VENV)/.train
	$(PY) -m core.training.lm

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
