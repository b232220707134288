# One command sets everything up and runs the main job; one sets up and runs the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: setup demo test lint types pytest bench clean

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $@

setup: $(VENV)/.installed

demo: setup
	bash scripts/demo.sh $(VENV)

lint: setup
	$(VENV)/bin/ruff check blocwatch tests benchmarks scripts

types: setup
	$(VENV)/bin/mypy blocwatch

pytest: setup
	$(VENV)/bin/pytest -q

test: lint types pytest

bench: setup
	$(PY) benchmarks/bench_speed.py

clean:
	rm -rf $(VENV) out
