# The two commands: `make run` serves the portal, `make test` runs every test.
VENV := .venv
PY := $(VENV)/bin/python
WITH_ENV := scripts/with-env
BENCH_N ?= 100000
RUN_ADDRESS ?= 127.0.0.1:8000

NODE_MODULES := node_modules/.installed
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
MESSAGES_IGNORE := --ignore .venv --ignore node_modules --ignore var --ignore static/vendor --ignore tests
VENDOR := static/vendor

.PHONY: run test lint format bench lighthouse admin backup restore system system-browser browser vendor venv prepare stop clean lock messages

# The development server and the email worker (Procfile.dev), stopped together.
run: venv
	$(WITH_ENV) $(PY) manage.py prepare_portal
	RUN_ADDRESS=$(RUN_ADDRESS) $(WITH_ENV) $(VENV)/bin/honcho -f Procfile.dev start

# The browser tests (tests/browser/) drive the system Chromium and inject axe-core.
test: venv browser
	$(WITH_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(WITH_ENV) $(PY) manage.py check
	$(WITH_ENV) $(PY) manage.py makemigrations --check --dry-run

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

bench: venv
	$(WITH_ENV) $(PY) manage.py bench --count $(BENCH_N)
	$(WITH_ENV) $(PY) manage.py bench_exports --skip-load --count $(BENCH_N)

# Lighthouse (mobile) on the home, search, fiche, map and territory pages, served
# as in production with local map tiles: a table of scores against the targets.
lighthouse: venv browser
	$(WITH_ENV) $(PY) scripts/lighthouse.py

admin: venv
	$(WITH_ENV) $(PY) manage.py createsuperuser

# An archive of the database and the uploaded images in var/backups/ (BACKUP_DIR),
# keeping the BACKUP_KEEP newest (14).
backup: venv
	$(WITH_ENV) $(PY) manage.py backup

# make restore FILE=var/backups/carrefour-….tar, into an empty database
# (REPLACE=1: replace what the database holds).
restore: venv
	@test -n "$(FILE)" || { echo "Indiquez l'archive : make restore FILE=var/backups/carrefour-….tar" >&2; exit 2; }
	$(WITH_ENV) $(PY) manage.py restore "$(FILE)" $(if $(REPLACE),--replace)

system:
	scripts/system-packages

system-browser:
	scripts/system-packages --browser

browser: system-browser $(NODE_MODULES)

$(NODE_MODULES): package.json package-lock.json | system-browser
	npm ci --no-audit --no-fund
	touch $@

# Copies leaflet.markercluster, served by the site, from node_modules/ (after
# changing its version in package.json: npm install, then make vendor).
vendor: $(NODE_MODULES)
	mkdir -p $(VENDOR)/leaflet.markercluster
	cd node_modules/leaflet.markercluster && cp MIT-LICENCE.txt dist/leaflet.markercluster.js \
		dist/leaflet.markercluster.js.map dist/MarkerCluster.css ../../$(VENDOR)/leaflet.markercluster/

venv: system $(VENV)/.installed $(CATALOGUES)

# The compiled translation catalogues (what `manage.py compilemessages` does),
# rebuilt when their .po changes; `make messages` adds new strings to the .po.
locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

messages: venv
	$(PY) manage.py makemessages --locale en --no-obsolete --no-location $(MESSAGES_IGNORE)
	$(PY) manage.py makemessages --locale en --no-obsolete --no-location --domain djangojs $(MESSAGES_IGNORE)

$(VENV)/.installed: requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

stop:
	scripts/database stop

# Also deletes the cluster's data when it lives outside the checkout (as root).
clean:
	scripts/database remove
	rm -rf $(VENV) var node_modules

lock:
	rm -rf var/lock-venv && python3 -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet -e '.[dev]'
	var/lock-venv/bin/pip freeze --all --exclude-editable | grep -v -E '^(pip|wheel)==' > requirements.lock
	rm -rf var/lock-venv
