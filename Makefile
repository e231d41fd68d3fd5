# sitegen: `make demo` builds the demo site, `make test` runs every test.
# Both create .venv on first use; only Python 3.11+ and the package registries are needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sitegen import samples/raw
	$(BIN)/sitegen build
	$(BIN)/sitegen check
	@echo
	@echo "Demo site built in $(CURDIR)/build"
	@echo "Browse it: $(BIN)/python -m http.server --directory build 8000  then open http://localhost:8000/"

# Headless Chromium for the page tests (Debian's package; needs root, as on CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "note: chromium missing and not root: browser tests will be skipped"; fi; }

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
