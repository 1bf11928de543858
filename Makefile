# The README's two commands: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The web app's front-end libraries, copied from npm packages pinned by web/frontend/package-lock.json.
VENDOR_STAMP := wirewatch/web/static/vendor/manifest.json
# Models ship inside packages; nothing may reach for a model hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install lint bench clean fuzz

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

$(VENDOR_STAMP): web/frontend/package-lock.json web/frontend/package.json web/frontend/build_assets.py
	$(PYTHON) web/frontend/build_assets.py

install: $(INSTALLED) $(VENDOR_STAMP)

demo: $(INSTALLED)
	$(BIN)/wirewatch analyze demo/corpus --format summary --output demo-output.json
	@echo "Full JSON written to demo-output.json"

test: $(INSTALLED) $(VENDOR_STAMP)
	$(BIN)/pytest

# At least 10,000 mutated inputs per reader (text, HTML, JSON Lines, gzip) and a few hundred
# articles through every stage, each under a time and a memory limit; figures to docs/reliability.md.
FUZZ_INPUTS ?= 10000
FUZZ_STAGES ?= 200
fuzz: $(INSTALLED)
	$(BIN)/python -m tests.fuzz.runner --per-reader $(FUZZ_INPUTS) --stages $(FUZZ_STAGES) \
		--timeout 60 --memory-mb 2000 --keep fuzz-findings --report docs/reliability.md

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
	$(BIN)/python -m bench.derivations
	$(BIN)/python -m bench.pipeline
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.stories
	$(BIN)/python -m bench.link_cost
	$(BIN)/python -m bench.report

clean:
	rm -rf $(VENV) demo-output.json wirewatch/web/static/vendor web/frontend/node_modules fuzz-findings .pytest_cache .mypy_cache .ruff_cache
