#!/usr/bin/env bash
# PostgreSQL 15 clusters for a streaming read replica (docs/scale-out.md, "Read replica"):
# a hot standby made by pg_basebackup of a primary, and, for tests and trials, a throwaway
# primary of its own, so that nothing of the machine's main cluster is reconfigured.
#
#   cluster.sh primary DIR PORT                       initdb DIR and start it as a primary
#   cluster.sh standby DIR PORT PRIMARY_PORT [HOST]   pg_basebackup of the primary into DIR, start it
#   cluster.sh lag PORT [HOST]                        seconds the standby's replay is behind
#   cluster.sh stop DIR [fast|immediate]              stop (immediate: as a crash would)
#   cluster.sh remove DIR                             stop if running, then delete DIR
#
# Debian's binaries (PG_BIN, default /usr/lib/postgresql/15/bin). They refuse to run as root:
# as root, the clusters run as the postgres user and DIR is given to it. CLUSTER_FAST=1 turns
# fsync off (tests: a crash of a throwaway cluster loses nothing that matters).
set -euo pipefail

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PSQL=${PSQL:-psql}

as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

own_dir() {  # an empty DIR the cluster's user may write
  mkdir -p "$1"
  if [[ $(id -u) == 0 ]]; then chown postgres: "$1"; fi
  chmod 700 "$1"
}

settings() {  # DIR PORT: where this cluster listens, appended last so they win
  cat >>"$1/postgresql.conf" <<EOF

# --- ops/replica/cluster.sh
port = $2
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
hot_standby = on
hot_standby_feedback = on
max_wal_senders = 5
wal_level = replica
logging_collector = off
EOF
  if [[ ${CLUSTER_FAST:-0} == 1 ]]; then
    printf 'fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n' >>"$1/postgresql.conf"
  fi
}

start() {  # DIR
  as_postgres "$BIN/pg_ctl" -D "$1" -l "$1/server.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$1/server.log" >&2; exit 1; }
}

running() {  # DIR
  [[ -f "$1/postmaster.pid" ]] && as_postgres "$BIN/pg_ctl" -D "$1" status >/dev/null 2>&1
}

case ${1:-} in
  primary)
    dir=$2 port=$3
    own_dir "$dir"
    as_postgres "$BIN/initdb" -N -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    settings "$dir" "$port"
    echo "shared_preload_libraries = 'pg_stat_statements'" >>"$dir/postgresql.conf"
    # Local connections by trust, replication included: a throwaway cluster on 127.0.0.1 only.
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n' \
      >"$dir/pg_hba.conf"
    start "$dir"
    echo "primary on 127.0.0.1:$port ($dir)"
    ;;
  standby)
    dir=$2 port=$3 primary_port=$4 host=${5:-127.0.0.1}
    own_dir "$dir"
    # -R writes standby.signal and primary_conninfo: the copy starts as a hot standby, streaming.
    as_postgres "$BIN/pg_basebackup" -h "$host" -p "$primary_port" -U postgres -D "$dir" \
      -R -X stream -c fast --no-sync
    # A Debian cluster keeps its configuration in /etc, outside what pg_basebackup copies.
    for file in postgresql.conf pg_ident.conf; do
      [[ -f "$dir/$file" ]] || as_postgres touch "$dir/$file"
    done
    if [[ ! -f "$dir/pg_hba.conf" ]]; then
      printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_postgres tee "$dir/pg_hba.conf" >/dev/null
    fi
    rm -f "$dir/postmaster.opts"
    settings "$dir" "$port"
    start "$dir"
    echo "standby of $host:$primary_port on 127.0.0.1:$port ($dir)"
    ;;
  lag)
    port=$2 host=${3:-127.0.0.1}
    "$PSQL" -X -At -h "$host" -p "$port" -U postgres -d postgres -c "
      SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0
        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE round(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 3) END"
    ;;
  stop)
    dir=$2 mode=${3:-fast}
    if running "$dir"; then as_postgres "$BIN/pg_ctl" -D "$dir" -m "$mode" -w -t 60 stop >/dev/null; fi
    ;;
  remove)
    dir=$2
    if running "$dir"; then as_postgres "$BIN/pg_ctl" -D "$dir" -m immediate -w -t 60 stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
