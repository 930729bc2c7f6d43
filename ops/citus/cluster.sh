#!/usr/bin/env bash
# A local Citus cluster: a coordinator and two workers, three PostgreSQL 15 clusters on this
# machine, each on a free port picked at start. State (data, logs, ports) lives in $CITUS_DIR.
#
#   ops/citus/cluster.sh start   # prints CITUS_URL=postgres://postgres@127.0.0.1:<port>/gonghui
#   ops/citus/cluster.sh url     # the coordinator's URL of a running cluster
#   ops/citus/cluster.sh database NAME  # a fresh database NAME on every node, Citus ready
#   ops/citus/cluster.sh stop    # stops the three clusters and removes $CITUS_DIR
#
# PostgreSQL refuses to run as root, so when run as root the servers run as `postgres`.
set -euo pipefail

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DIR=${CITUS_DIR:-/tmp/gonghui-citus}
DB=${CITUS_DB:-gonghui}
SHARDS=${CITUS_SHARD_COUNT:-8}
NAMES=(coordinator worker1 worker2)

as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_of() { cat "$DIR/$1.port"; }

psql_on() {  # psql_on <name> <db> <sql>
  PGOPTIONS=--client-min-messages=warning "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(port_of "$1")" -U postgres -d "$2" -c "$3"
}

start() {
  if [[ -f $DIR/coordinator.port ]] && as_pg "$BIN/pg_ctl" -D "$DIR/coordinator" status >/dev/null 2>&1; then
    echo "CITUS_URL=postgres://postgres@127.0.0.1:$(port_of coordinator)/$DB"
    return
  fi
  [[ -f $("$BIN/pg_config" --pkglibdir)/citus.so ]] || "$(dirname "$0")/build.sh"
  mkdir -p "$DIR"
  chown postgres: "$DIR" 2>/dev/null || true
  for name in "${NAMES[@]}"; do
    local port
    port=$(free_port)
    echo "$port" >"$DIR/$name.port"
    as_pg "$BIN/initdb" -D "$DIR/$name" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/$name.initdb.log"
    cat >>"$DIR/$name/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
shared_preload_libraries = 'citus'
shared_buffers = 96MB
max_connections = 200
max_prepared_transactions = 200
citus.shard_count = $SHARDS
CONF
    as_pg "$BIN/pg_ctl" -D "$DIR/$name" -l "$DIR/$name.log" -w -t 60 start >/dev/null
  done
  add_database "$DB"
  echo "CITUS_URL=postgres://postgres@127.0.0.1:$(port_of coordinator)/$DB"
}

# A database made afresh on every node, with Citus and the workers registered: Citus keeps its
# metadata per database (the cluster's own, or the test suite's, see `make citus-test`).
add_database() {
  for name in "${NAMES[@]}"; do
    psql_on "$name" postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
    psql_on "$name" postgres "CREATE DATABASE $1"
    psql_on "$name" "$1" "CREATE EXTENSION citus"
  done
  # A join of two distributed tables on other columns than the key (a member's unit by unit_id:
  # a Django foreign key cannot name the key too) is planned as a repartition join, not refused.
  psql_on coordinator postgres "ALTER DATABASE $1 SET citus.enable_repartition_joins = on"
  psql_on coordinator "$1" "SELECT citus_set_coordinator_host('127.0.0.1', $(port_of coordinator))" >/dev/null
  for name in worker1 worker2; do
    psql_on coordinator "$1" "SELECT citus_add_node('127.0.0.1', $(port_of "$name"))" >/dev/null
  done
}

stop() {
  for name in "${NAMES[@]}"; do
    [[ -d $DIR/$name ]] && as_pg "$BIN/pg_ctl" -D "$DIR/$name" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  echo "citus cluster stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  database) add_database "${2:?database name}" ;;
  url) echo "postgres://postgres@127.0.0.1:$(port_of coordinator)/$DB" ;;
  status) "$BIN/psql" -X -h 127.0.0.1 -p "$(port_of coordinator)" -U postgres -d "$DB" \
            -c "SELECT nodename, nodeport, noderole, isactive FROM pg_dist_node ORDER BY nodeid" ;;
  *) echo "usage: $0 start|stop|url|status|database NAME" >&2; exit 2 ;;
esac
