# One entry each: run the app, run all tests, lint, benchmark, mutation testing, the generated
# docs and requirements.txt. Each sets itself up first.
# (The scripts they call work without make, as the README's commands.)
PY := .venv/bin/python
PORT ?= 8501

.PHONY: run test lint format bench setup setup-dev lock requirements docs screenshots mutate

setup:
	@bash scripts/setup.sh

setup-dev:
	@bash scripts/setup.sh --dev

run:
	@PORT=$(PORT) bash scripts/run.sh

test:
	@bash scripts/test.sh

lint:
	@bash scripts/lint.sh

format: setup-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

lock:
	@if command -v uv >/dev/null; then uv lock; else bash scripts/setup.sh && .tools/uv lock; fi
	@bash scripts/requirements.sh

requirements:
	@bash scripts/requirements.sh

docs: setup-dev
	$(PY) scripts/gen_docs.py

screenshots: setup-dev
	$(PY) scripts/screenshots.py

mutate:
	@bash scripts/mutate.sh

bench: setup-dev
	@# the project's bytecode first, as Python writes it on a machine that lets it
	@$(PY) -m compileall -q impact impact_cli workshop storage ui views web app.py asgi.py bench >/dev/null
	$(PY) bench/bench_pages.py
	$(PY) bench/bench_check.py
	$(PY) bench/bench_real_exports.py
	$(PY) bench/bench_report.py
	$(PY) bench/bench_fuzz.py
	$(PY) bench/bench_review.py
	$(PY) bench/bench_wide.py
	$(PY) bench/bench_room.py
	$(PY) bench/bench_browser.py
