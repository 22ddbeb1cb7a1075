# One entry each: run the app, run all tests, lint, benchmark. Each sets itself up first.
PY := .venv/bin/python
PORT ?= 8501

.PHONY: run test lint format bench setup setup-dev

setup:
	@bash scripts/setup.sh

setup-dev:
	@bash scripts/setup.sh --dev

run: setup
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: setup-dev
	$(PY) -m pytest

lint: setup-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: setup-dev
	$(PY) bench/bench_pages.py
	$(PY) bench/bench_check.py
	$(PY) bench/bench_real_exports.py
	$(PY) bench/bench_report.py
	$(PY) bench/bench_fuzz.py
