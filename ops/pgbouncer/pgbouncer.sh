#!/usr/bin/env bash
# PgBouncer (Debian's) in transaction mode in front of a PostgreSQL server (docs/scale-out.md,
# "Connection pooler"). The application then runs with DATABASE_POOLER=transaction and its
# DATABASE_URL pointing at PgBouncer's port.
#
#   pgbouncer.sh start DIR PORT [UPSTREAM_PORT] [UPSTREAM_HOST]   write DIR/pgbouncer.ini, start
#   pgbouncer.sh stop DIR
#
# Every database of the upstream server is reachable under its own name. Server connections get
# the timeouts the application otherwise sets as startup options, which a transaction-mode pooler
# cannot pass on (POOL_SIZE server connections per database and user, default 20).
# PgBouncer refuses to run as root: as root it runs as the postgres user.
set -euo pipefail

as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case ${1:-} in
  start)
    dir=$2 port=$3 upstream_port=${4:-5432} host=${5:-127.0.0.1}
    command -v pgbouncer >/dev/null || PATH=$PATH:/usr/sbin
    mkdir -p "$dir"
    cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$host port=$upstream_port connect_query='SET statement_timeout = 30000; SET lock_timeout = 10000'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = ${POOL_SIZE:-20}
max_client_conn = 2000
; the clients' startup options (statement_timeout, …) are set by connect_query above
ignore_startup_parameters = extra_float_digits,options
server_reset_query =
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
    echo '"postgres" ""' >"$dir/userlist.txt"
    if [[ $(id -u) == 0 ]]; then chown -R postgres: "$dir"; fi
    as_postgres pgbouncer -d -q "$dir/pgbouncer.ini"
    for _ in $(seq 100); do  # until it accepts connections
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "pgbouncer (transaction mode) on 127.0.0.1:$port in front of $host:$upstream_port"
        exit 0
      fi
      sleep 0.1
    done
    cat "$dir/pgbouncer.log" >&2
    exit 1
    ;;
  stop)
    dir=$2
    if [[ -f "$dir/pgbouncer.pid" ]]; then
      pid=$(cat "$dir/pgbouncer.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
