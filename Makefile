# Emma: `make run` sets everything up (idempotently) and starts the server; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
RASA_VENV := .venv-rasa
EMMA_HOME ?= var
export EMMA_HOME
export EMMA_RASA_PYTHON := $(CURDIR)/$(RASA_VENV)/bin/python
EMMA := $(VENV)/bin/emma

.PHONY: run setup test test-fast lint bench system-packages browser postgresql cluster cluster-stop clean support-messages

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

# PortAudio for the microphone (`emma talk`) and espeak-ng for German speech. Best effort: without root or
# apt, `emma talk` and the German voice explain what is missing.
system-packages:
	@if ! ldconfig -p 2>/dev/null | grep -q libportaudio.so.2; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq libportaudio2 >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libportaudio2 >/dev/null 2>&1)) \
	      || echo "note: could not install libportaudio2; 'emma talk' will explain what is missing"; \
	  else echo "note: libportaudio2 is missing; install it for 'emma talk' (microphone)"; fi; \
	fi
	@# espeak-ng: German's built-in voice (no German Piper voice is on the package registries).
	@if ! command -v espeak-ng >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq espeak-ng >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq espeak-ng >/dev/null 2>&1)) \
	      || echo "note: could not install espeak-ng; German speech needs EMMA_VOICE_DE (a Piper voice)"; \
	  else echo "note: espeak-ng is missing; install it for German speech, or set EMMA_VOICE_DE"; fi; \
	fi

# Debian's PostgreSQL server binaries and nginx: the tests start a throwaway server of their own
# (tests/postgres.py) and the cluster test nginx; `make cluster` keeps its server. Nothing is started system-wide.
PG_PACKAGES := postgresql postgresql-contrib nginx-light
postgresql:
	@if { ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; } && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends $(PG_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends $(PG_PACKAGES) >/dev/null 2>&1)) \
	    || echo "note: could not install $(PG_PACKAGES); the PostgreSQL and cluster tests will be skipped"; \
	fi

# A local demo cluster: PostgreSQL, one Rasa, three `emma serve` behind nginx on http://127.0.0.1:8090
# (README: "Several instances"). State and logs in $(EMMA_HOME)/cluster; `make cluster-stop` ends it.
cluster: setup postgresql
	$(VENV)/bin/python -m fulfillment.tools.cluster start

cluster-stop:
	$(VENV)/bin/python -m fulfillment.tools.cluster stop

# Debian's Chromium for the support app's browser tests (Playwright drives it; it downloads no browser).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) \
	    || echo "note: could not install chromium; browser tests will be skipped"; \
	fi

test: $(VENV)/.installed $(RASA_VENV)/.installed system-packages browser postgresql
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

# The support app's messages: extract them into locale/support.pot and merge new ones into each .po (translate
# them there; the app compiles the .po files when it starts, so no .mo is built or committed).
SUPPORT := fulfillment/apps/support
support-messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F $(SUPPORT)/locale/babel.cfg -k Message --add-location=file --sort-output \
		--omit-header -o $(SUPPORT)/locale/support.pot $(SUPPORT)
	$(VENV)/bin/pybabel update -D support -i $(SUPPORT)/locale/support.pot -d $(SUPPORT)/locale --no-fuzzy-matching \
		--ignore-obsolete --width 120

bench: setup
	$(EMMA) bench text
	$(EMMA) bench search --products 100000

clean:
	rm -rf $(VENV) $(RASA_VENV) .cache
