# sitegen: `make demo` builds the demo site, `make test` runs every test.
# Each creates its own virtualenv on first use, from the committed lock (requirements/*.txt,
# exact versions with hashes); only Python 3.11+ and the package registries are needed.
#   .venv       what the demo needs and nothing more (sitegen and its run-time libraries)
#   .venv-test  the same set plus the test tools
# A virtualenv is made anew whenever its lock changes, so it never keeps a package the lock
# dropped. `make upgrade` moves the lock to the newest versions pyproject.toml allows, but only
# if the whole suite passes with them.

PYTHON    ?= python3
VENV      := .venv
TEST_VENV ?= .venv-test
DEMO_LOCK := requirements/demo.txt
TEST_LOCK ?= requirements/test.txt
PIP_LOCK  ?= requirements/pip.txt

# pip from the lock only: first pip itself, then every package pinned and hash-checked; the project
# itself then goes in editable, built by the locked hatchling (no unpinned build environment).
define install
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --require-hashes -r $(PIP_LOCK)
	$(1)/bin/python -m pip install --quiet --require-hashes -r $(2)
	$(1)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(1)/.installed
endef

.PHONY: demo test lint browser lock upgrade clean messages

$(VENV)/.installed: $(DEMO_LOCK) $(PIP_LOCK) pyproject.toml
	$(call install,$(VENV),$(DEMO_LOCK))

$(TEST_VENV)/.installed: $(TEST_LOCK) $(PIP_LOCK) pyproject.toml
	$(call install,$(TEST_VENV),$(TEST_LOCK))

demo: $(VENV)/.installed
	$(VENV)/bin/sitegen import samples/raw
	$(VENV)/bin/sitegen build
	$(VENV)/bin/sitegen check
	@echo
	@echo "Demo site built in $(CURDIR)/build"
	@echo "Look at it: $(VENV)/bin/sitegen serve   then open http://127.0.0.1:8000/"

# Headless Chromium for the page tests (Debian's package; needs root, as on CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "note: chromium missing and not root: browser tests will be skipped"; fi; }

test: $(TEST_VENV)/.installed browser
	$(TEST_VENV)/bin/ruff check .
	$(TEST_VENV)/bin/mypy
	$(TEST_VENV)/bin/pytest -q

lint: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/ruff check .
	$(TEST_VENV)/bin/ruff format --check .
	$(TEST_VENV)/bin/mypy

# Re-lock after editing pyproject.toml's dependencies: keeps every pin that still fits.
lock:
	PYTHON=$(PYTHON) sh requirements/lock.sh requirements

# The default theme's words for its translators: themes/default/locale/messages.pot, and
# every catalogue beside it updated (translations kept, new words added untranslated).
messages: $(VENV)/.installed
	$(VENV)/bin/python -m sitegen.site.extract themes/default

# The newest versions pyproject.toml allows, tried in a virtualenv of their own; the lock is
# rewritten only when ruff, mypy and the whole suite pass with them.
upgrade:
	rm -rf .lock-new && mkdir .lock-new
	PYTHON=$(PYTHON) sh requirements/lock.sh .lock-new --upgrade
	$(MAKE) test TEST_VENV=.venv-upgrade TEST_LOCK=.lock-new/test.txt PIP_LOCK=.lock-new/pip.txt
	mv .lock-new/demo.txt .lock-new/test.txt .lock-new/pip.txt requirements/
	rm -rf .lock-new .venv-upgrade
	@echo "lock upgraded: review 'git diff requirements/' and commit it"

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
