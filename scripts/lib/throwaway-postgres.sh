# Sourced by scripts/test and bench/run: installs what is missing (as root) and starts a
# throw-away PostgreSQL 15 + PostGIS server in a temporary folder, stopped and removed on exit.
# Usage: require_packages PKG...; start_postgres PORT [extra postgres -c settings...]
# Sets PG_URL to an Npgsql connection string for the server.
PG_BIN=/usr/lib/postgresql/15/bin

require_packages() {
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing $* with apt-get..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Missing: $*. Install them first:"
    echo "  sudo apt-get install -y $*"
    exit 1
  fi
}

postgres_packages() {
  [ -x "$PG_BIN/initdb" ] || echo postgresql-15
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || echo postgresql-15-postgis-3
}

start_postgres() {
  local port=$1
  shift
  PGDIR=$(mktemp -d /tmp/braid-pg.XXXXXX)
  RUN_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGDIR"
    RUN_AS=(runuser -u postgres --)
  fi
  trap stop_postgres EXIT
  local settings=(-p "$port" -k "$PGDIR" -c listen_addresses=127.0.0.1 -c fsync=off)
  for s in "$@"; do settings+=(-c "$s"); done
  # From the server's own folder: the postgres user may not be able to enter the caller's
  # (a clone under a private mktemp directory, say).
  (cd "$PGDIR" &&
    "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U braid --auth=trust -E UTF8 >/dev/null &&
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "${settings[*]}" start >/dev/null)
  PG_URL="Host=127.0.0.1;Port=$port;Username=braid;Database=postgres"
}

stop_postgres() {
  (cd "$PGDIR" 2>/dev/null && "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1) || true
  rm -rf "$PGDIR"
}
