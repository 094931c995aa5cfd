# Two commands on a fresh machine: `make run` and `make test`. Only python3 is needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
CONCURRENCY ?= 1

# A laptop demo: DEBUG on unless the environment says otherwise.
export DEBUG ?= 1

.PHONY: run worker test lint bench eval eval-polnear venv

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seeds
	@echo "Demo users:"
	@$(PY) manage.py create_demo_users
	$(PY) manage.py runstack $(ADDR) --concurrency $(CONCURRENCY)

worker: $(VENV)/.installed
	$(PY) -m celery -A newsverify.celery worker --loglevel=INFO --concurrency $(CONCURRENCY)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy newsverify/attribution

bench: $(VENV)/.installed
	@set -e; for script in benchmarks/*.py; do [ -e "$$script" ] || continue; echo "== $$script"; $(PY) $$script; done

# The engine against the expert readings in ../shared/eval (skipped when absent); EVAL_ARGS=--diff for details.
eval: $(VENV)/.installed
	$(PY) eval/evaluate.py $(EVAL_ARGS)

eval-polnear: $(VENV)/.installed
	$(PY) eval/evaluate.py --polnear dev --no-gold $(EVAL_ARGS)
