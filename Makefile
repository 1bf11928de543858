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

# The demo's own store, made afresh each time.
DEMO_DB := sqlite:///.demo/wirewatch.db

demo: $(INSTALLED)
	rm -f .demo/wirewatch.db .demo/wirewatch.db-wal .demo/wirewatch.db-shm
	$(BIN)/wirewatch ingest demo/corpus --db $(DEMO_DB)
	$(BIN)/wirewatch stories --db $(DEMO_DB)
	@for story in $$($(BIN)/wirewatch stories --db $(DEMO_DB) --json | $(BIN)/python -c \
		'import json, sys; print(" ".join(s["id"] for s in json.load(sys.stdin)["stories"]))'); do \
		echo; $(BIN)/wirewatch story $$story --db $(DEMO_DB) || exit 1; done
	$(BIN)/wirewatch export --db $(DEMO_DB) -q -o demo-output.json
	@echo
	@echo "Full JSON written to demo-output.json. Open the analyst's desk on the demo's store:"
	@echo "  $(BIN)/wirewatch serve --db $(DEMO_DB)    # then http://127.0.0.1:8000/"

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
	rm -rf $(VENV) demo-output.json .demo wirewatch/web/static/vendor web/frontend/node_modules fuzz-findings .pytest_cache .mypy_cache .ruff_cache
