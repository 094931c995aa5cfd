# Two commands on a fresh machine: `make run` and `make test`. Only python3 is needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
CONCURRENCY ?= 1
# torch (the stories' sentence embeddings) as the CPU build: a local wheel folder is used when the
# machine has one (PIP_FIND_LINKS, or /opt/wheels); from PyPI alone pip takes the larger CUDA build.
FIND_LINKS ?= $(if $(wildcard /opt/wheels),--find-links /opt/wheels)

# A laptop demo: DEBUG on unless the environment says otherwise.
export DEBUG ?= 1

.PHONY: run worker test lint audit bench eval eval-polnear venv chromium

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(FIND_LINKS) -r requirements.txt
	touch $@

venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py story_embeddings
	$(PY) manage.py load_seeds
	$(PY) manage.py runstack $(ADDR) --concurrency $(CONCURRENCY) --demo-users

worker: $(VENV)/.installed
	$(PY) -m celery -A newsverify.celery worker --loglevel=INFO --concurrency $(CONCURRENCY)

# The browser tests drive Debian's Chromium (never a downloaded browser). As root, a missing one is
# installed, as .ci/run does; otherwise say how, and those tests skip with the reason.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium is not installed: the browser tests will skip. Install it: sudo apt-get install chromium"; \
	  fi; }

test: $(VENV)/.installed chromium
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy newsverify/attribution
	$(PY) -m bandit -c pyproject.toml -q -r newsverify benchmarks eval manage.py

# Known vulnerabilities in the pinned requirements. Needs the vulnerability database (PyPI's advisory
# service over the internet): run it where that is reachable; this machine and CI here cannot.
audit: $(VENV)/.installed
	$(PY) -m pip_audit -r requirements.txt --strict --progress-spinner off

bench: $(VENV)/.installed
	@set -e; for script in benchmarks/*.py; do [ -e "$$script" ] || continue; echo "== $$script"; $(PY) $$script; done

# The engine against the expert readings in ../shared/eval (skipped when absent); EVAL_ARGS=--diff for details.
eval: $(VENV)/.installed
	$(PY) eval/evaluate.py $(EVAL_ARGS)

eval-polnear: $(VENV)/.installed
	$(PY) eval/evaluate.py --polnear dev --no-gold $(EVAL_ARGS)
