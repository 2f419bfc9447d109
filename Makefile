# aigov-kg: `make demo` to see it work, `make test` to check it. Both start from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  ?= aigov-data
SHARED ?= ../shared
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: install demo test lint eval bench screenshot browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

install: $(STAMP)  ## the virtual environment with the package, the spaCy model and the test tools

# Debian's chromium for the browser tests and screenshots (Playwright drives it; its own
# browser download cannot work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

demo: $(STAMP)  ## ingest the example articles, write the graph page, answer a SPARQL query
	$(BIN)/aigov add examples/articles --store $(STORE)
	$(BIN)/aigov viz -o aigov-graph.html --store $(STORE)
	$(BIN)/aigov query examples/demo.rq --store $(STORE)

test: $(STAMP) browser  ## lint, then the whole suite (browser, server and notebook tests included)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

eval: $(STAMP)  ## both extraction scorers' summary lines
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev \
		--cmd "$(BIN)/aigov extract {file} --published {published} --format jsonl" | tail -n 1
	$(BIN)/python $(SHARED)/eval/redocred/run.py --cmd "$(BIN)/aigov extract {dir} --format jsonl" | tail -n 1

bench: $(STAMP) browser  ## speed and scale, written to benchmarks/results.md
	$(BIN)/python -m benchmarks

screenshot: $(STAMP) browser demo  ## docs/graph.png from the demo graph, through headless chromium
	$(BIN)/python scripts/screenshot.py aigov-graph.html docs/graph.png

clean:
	rm -rf $(STORE) aigov-graph.html .pytest_cache .ruff_cache
