# Emma: `make run` sets everything up (idempotently) and starts the server; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
RASA_VENV := .venv-rasa
EMMA_HOME ?= var
export EMMA_HOME
export EMMA_RASA_PYTHON := $(CURDIR)/$(RASA_VENV)/bin/python
EMMA := $(VENV)/bin/emma

.PHONY: run setup test test-fast lint bench system-packages browser clean

# Locally: EMMA_ENV=development (Emma's default is production) lets /alexa run with request verification
# off, so `emma skill simulate` works (loud warning).
run: setup
	EMMA_ENV=$${EMMA_ENV:-development} EMMA_ALEXA_VERIFY=$${EMMA_ALEXA_VERIFY:-0} $(EMMA) serve

setup: $(VENV)/.installed $(RASA_VENV)/.installed system-packages
	$(EMMA) setup

# Emma itself: the machine's python3 (3.11).
$(VENV)/.installed: pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

# Rasa 3.6 only runs on Python 3.8-3.10: its own virtualenv, pinned by a lock file.
$(RASA_VENV)/.installed: nlu/requirements.lock
	test -x $(RASA_VENV)/bin/python || "$$(sh nlu/find-python310.sh)" -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet --upgrade pip
	$(RASA_VENV)/bin/pip install --quiet -r nlu/requirements.lock
	touch $@

# PortAudio for the microphone (`emma talk`). Best effort: without root or apt, `emma talk` explains.
system-packages:
	@if ! ldconfig -p 2>/dev/null | grep -q libportaudio.so.2; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq libportaudio2 >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libportaudio2 >/dev/null 2>&1)) \
	      || echo "note: could not install libportaudio2; 'emma talk' will explain what is missing"; \
	  else echo "note: libportaudio2 is missing; install it for 'emma talk' (microphone)"; fi; \
	fi

# Debian's Chromium for the support app's browser tests (Playwright drives it; it downloads no browser).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) \
	    || echo "note: could not install chromium; browser tests will be skipped"; \
	fi

test: $(VENV)/.installed $(RASA_VENV)/.installed system-packages browser
	$(VENV)/bin/ruff check fulfillment nlu speech skill tests
	$(VENV)/bin/mypy fulfillment nlu speech skill
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -q -ra

test-fast: $(VENV)/.installed
	$(VENV)/bin/pytest -q -m "not integration"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check fulfillment nlu speech skill tests
	$(VENV)/bin/mypy fulfillment nlu speech skill
	$(VENV)/bin/lint-imports

bench: setup
	$(EMMA) bench text
	$(EMMA) bench search --products 100000

clean:
	rm -rf $(VENV) $(RASA_VENV) .cache
