# Two commands matter: `make run` (serve the demo) and `make test` (the whole suite).
# Everything they need is installed by them: Python packages into .venv from
# pyproject.toml; Debian packages (Chromium for browser tests, gettext) with apt-get.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1:8000
APT    := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: run test test-postgres lint lock install system-packages messages catalogues migrate demo admin-password clean \
	demo-translations demo-translations-update

run: install messages migrate demo
	$(PY) manage.py runserver $(HOST)

test: install system-packages messages lint
	$(PY) -m pytest

# Ruff: pyflakes, pycodestyle, import order, bugbear, Django rules, and one format.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The same suite on the scaled-out stack: PostgreSQL and Redis on this machine
# (pytest-django makes and drops its own test_<name> database; the Redis
# database number is the suite's own, as tests empty the cache).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/celik
TEST_REDIS_URL    ?= redis://127.0.0.1:6379/15

test-postgres: install system-packages messages
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest

install: $(STAMP)

# Exactly the versions in requirements.lock, checked against their hashes;
# then the project itself, without letting it pull in anything else.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# After changing a dependency in pyproject.toml: resolve and pin everything
# again (uv, for its speed), with hashes, for every platform.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --universal --generate-hashes --python-version 3.11 \
		--no-header --annotation-style line --quiet -o requirements.lock.new
	{ printf '%s\n' "# The exact versions every machine installs, with their hashes (\`make install\`" \
		"# refuses anything else). Made from pyproject.toml by \`make lock\`; run it after" \
		"# changing a dependency there, and commit both."; cat requirements.lock.new; } > requirements.lock
	rm requirements.lock.new

# Chromium drives the browser tests. No extra system fonts on purpose: Thai,
# Khmer, Lao and Burmese must render with the site's own web fonts.
system-packages:
	@command -v chromium >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 || \
		{ $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium gettext; }

# Every interface language but English (the source); cms/settings/base.py LANGUAGES.
TRANSLATED := ms id vi th fil km lo my tet

# After changing interface strings: re-extract them into every catalogue, then
# translate what is new (the test suite fails while anything is untranslated).
catalogues: install
	$(PY) manage.py makemessages $(addprefix -l ,$(TRANSLATED)) --no-obsolete \
		--ignore=.venv --ignore=static_collected --ignore=media --ignore=tests --ignore=bench

# Compiled catalogues are built here, never committed.
messages:
	@command -v msgfmt >/dev/null 2>&1 || \
		{ $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq gettext; }
	@if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

migrate: install
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

# The demo content's translations (cms/demo_content/README.md): how much of
# each course every language translates, and problems a translator should fix.
demo-translations: migrate
	$(PY) manage.py demo_translations --check

# After changing an English demo file: rewrite each messages.pot and bring
# every PO file in step with it (new texts left to translate).
demo-translations-update: migrate
	$(PY) manage.py demo_translations --update

admin-password: install
	$(PY) manage.py load_demo --reset-admin-password

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected .pytest_cache
