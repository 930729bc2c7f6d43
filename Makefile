# The commands the README names. Each one sets up what it needs first.
SHELL := /bin/bash
UV := python3 -m uv
RUN := $(UV) run --frozen
PG_URL ?= postgres://postgres@127.0.0.1:5432/gonghui

.PHONY: setup demo test test-replica test-sqlite test-postgres bench lint browser fonts backup-drill pgbouncer replica

setup:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --quiet
	npm ci --no-audit --no-fund --silent

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

# The review's PDF embeds Debian's Noto CJK fonts (found at run time, see gonghui/results/review/pdf.py).
fonts:
	@dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "installing Debian's Noto CJK fonts for the review's PDF"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk) >/dev/null; }

# Debian's PgBouncer, for the connection pooler's test and ops/pgbouncer/pgbouncer.sh (docs/scale-out.md).
pgbouncer:
	@command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || { \
	  echo "installing Debian's pgbouncer for the connection pooler"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer) >/dev/null; }

# A streaming read replica: a hot standby of the server at PRIMARY_PORT (pg_basebackup; the primary
# must allow replication connections from 127.0.0.1), in REPLICA_DIR on REPLICA_PORT. The site
# then runs with DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$(REPLICA_PORT)/<database>.
# Remove it with ops/replica/cluster.sh remove $(REPLICA_DIR). See docs/scale-out.md.
PRIMARY_PORT ?= 5432
REPLICA_PORT ?= 5433
REPLICA_DIR ?= $(CURDIR)/var/replica
replica:
	ops/replica/cluster.sh standby $(REPLICA_DIR) $(REPLICA_PORT) $(PRIMARY_PORT)
	ops/replica/cluster.sh lag $(REPLICA_PORT) | sed 's/^/replay lag (s): /'

# The demo runs as a user meets it: DEBUG off (the Chinese error pages, not Django's debug
# pages), static files served by runserver (--insecure), and the district's TOTP code shown on
# the login page (GONGHUI_DEMO). PORT=8080 make demo picks another port.
PORT ?= 8000
DEMO_ENV := DEBUG=0 GONGHUI_DEMO=1

demo: setup fonts
	$(RUN) python manage.py migrate --verbosity 0
	$(RUN) python manage.py seed_demo --if-empty --scale $${SCALE:-1}
	$(RUN) python manage.py demo_accounts
	$(RUN) python manage.py figures --fill --background
	@echo "Gonghui demo: http://127.0.0.1:$(PORT)/  (staff: /accounts/login/, members: /m/login/ with a phone above, API: /api/docs)"
	$(DEMO_ENV) $(RUN) python manage.py db_worker & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(DEMO_ENV) $(RUN) python manage.py runserver --insecure 127.0.0.1:$(PORT)

# The suite on SQLite and on PostgreSQL when DATABASE_URL points to one. Every test runs at
# least once: the browser tests (e2e) on SQLite only, the walks over every route as every role
# (walk: access matrix, PI-3 crawl, bad-input walker, schemathesis) on PostgreSQL only, where an
# out-of-range value meets the production engine; everything else on both. Without PostgreSQL,
# SQLite runs all but the PostgreSQL-only tests.
test: setup browser fonts pgbouncer lint
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  env -u DATABASE_URL $(RUN) pytest -n 2 -m "not postgres and not walk" && \
	  echo "== PostgreSQL: $${DATABASE_URL%%@*}@…" && \
	  $(RUN) pytest -n 2 --dist loadgroup -m "not e2e"; \
	else \
	  env -u DATABASE_URL $(RUN) pytest -n 2 -m "not postgres" && \
	  echo "DATABASE_URL is not PostgreSQL: skipped the PostgreSQL run"; \
	fi

# The read replica's tests alone (docs/scale-out.md): their own primary and standby on free ports.
test-replica: setup
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(RUN) pytest -n 0 -m replica gonghui/tests/test_replica.py

# django-import-export (group "bench") is installed only for the B1 comparison.
bench: setup fonts pgbouncer
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(RUN) --group bench python bench/run.py

lint: setup
	$(RUN) ruff check gonghui bench e2e
	$(RUN) ruff format --check gonghui bench e2e
	$(RUN) lint-imports
	$(RUN) mypy gonghui

# Backups (docs/operations.md): the point-in-time recovery drill on a throwaway cluster, then a
# pg_dump of DATABASE_URL (default PG_URL) restored into a fresh database and checked.
backup-drill: setup
	$(RUN) python ops/backup/pitr_drill.py
	$(RUN) python ops/backup/restore_check.py --source $${DATABASE_URL:-$(PG_URL)}

# Citus (a coordinator and two workers on this machine): build it from the vendored source when
# missing, start the cluster, migrate, distribute the core tables by district and load a city
# (SCALE, default 0.01 of Shanghai), then the router-plan tests. Not part of `make test`.
# `make citus-stop` stops the cluster; B7 in `make bench` starts and stops one of its own.
.PHONY: citus citus-stop
CITUS_DIR ?= /tmp/gonghui-citus
citus: setup
	ops/citus/build.sh
	CITUS_DIR=$(CITUS_DIR) ops/citus/cluster.sh start
	url=$$(CITUS_DIR=$(CITUS_DIR) ops/citus/cluster.sh url); \
	  DATABASE_URL=$$url $(RUN) python manage.py migrate --verbosity 0 && \
	  if [[ $$(psql "$$url" -Atc "SELECT count(*) FROM organizations_node") == 0 ]]; then \
	    DATABASE_URL=$$url $(RUN) python manage.py city --citus --scale $${SCALE:-0.01}; fi && \
	  CITUS_URL=$$url DATABASE_URL=$$url $(RUN) pytest -q -n 0 -m citus gonghui/demo/tests/test_citus_router.py

citus-stop:
	CITUS_DIR=$(CITUS_DIR) ops/citus/cluster.sh stop

# The app's core tests (scoping and the district key, the roster import, the booking races, the
# KPIs) on the coordinator, their database's core tables distributed by district as a city's are
# (conftest.py, CITUS_DISTRIBUTE). Tables come from the models (--nomigrations): Citus keeps its
# metadata per database, so the test database is made on every node first.
CITUS_CORE := gonghui/tests/test_access.py gonghui/tests/test_district_key.py \
  gonghui/members/tests/test_roster_import.py gonghui/culture/tests \
  gonghui/results/tests/test_kpis.py gonghui/cards/tests/test_as_of.py \
  gonghui/cards/tests/test_card.py gonghui/cards/tests/test_figures.py gonghui/cards/tests/test_protection.py \
  gonghui/results/tests/test_registry.py::test_a_stock_follows_leaving_and_transfers_not_todays_status
.PHONY: citus-test
citus-test: setup
	ops/citus/build.sh
	CITUS_DIR=$(CITUS_DIR) ops/citus/cluster.sh start
	CITUS_DIR=$(CITUS_DIR) ops/citus/cluster.sh database test_gonghui
	url=$$(CITUS_DIR=$(CITUS_DIR) ops/citus/cluster.sh url); \
	  DATABASE_URL=$$url CITUS_DISTRIBUTE=1 $(RUN) pytest -n 0 --reuse-db --nomigrations -m "not walk" $(CITUS_CORE)
