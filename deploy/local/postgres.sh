# shellcheck shell=bash
# PostgreSQL from Debian's/Ubuntu's package, one cluster per checkout, run by the `postgres` OS user
# when infra.sh runs as root (the server refuses root), by the calling user otherwise.
# Sourced by infra.sh; needs lib.sh, infra.conf and the secrets (ECOGATE_PG_PASSWORD).

PG_LOG="$LOG_DIR/postgres.log"
PG_DB=ecogate
PG_USER=ecogate

# pg_vars [--no-install]: sets PG_DATA, PG_BIN, PG_MAJOR, PG_OS_USER, PG_SOCKET_DIR. With
# --no-install (status, down) returns 1 instead of creating or installing anything.
pg_vars() {
  if is_root; then PG_OS_USER=postgres; else PG_OS_USER=$(id -un); fi
  PG_MAJOR='' PG_BIN=''
  if [[ ${1:-} == --no-install ]]; then
    [[ -s $DATA_DIR/postgres.location ]] || return 1
    PG_DATA=$(head -n1 "$DATA_DIR/postgres.location")
    pg_socket_dir
    [[ -f $PG_DATA/PG_VERSION ]] || return 1
    PG_MAJOR=$(cat "$PG_DATA/PG_VERSION")
    PG_BIN=${ECOGATE_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}
    [[ -x $PG_BIN/pg_ctl ]] || return 1
    return 0
  fi
  pg_resolve_data_dir
  pg_socket_dir
  pg_resolve_bin
}

# The Unix socket (admin connections as the OS user) lives in the data directory, where no /tmp
# cleaner removes it; a path too long for a socket name (~107 bytes) falls back to /tmp.
pg_socket_dir() {
  if ((${#PG_DATA} <= 80)); then
    PG_SOCKET_DIR=$PG_DATA
  else
    PG_SOCKET_DIR="/tmp/ecogate-pg-$(repo_hash)"
  fi
}

# Runs a command as the cluster's OS user, from / (initdb and pg_ctl fail when the caller's working
# directory is not readable by that user).
pg_as() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Where the cluster lives. `.data/postgres` when the `postgres` user can reach it; when some
# directory above the checkout is closed to other users (e.g. a clone under /root, mode 700), the
# cluster goes to /var/lib/postgresql/ecogate-<hash of the checkout path> instead. The choice is
# written to .data/postgres.location so that it never changes for an existing cluster.
pg_resolve_data_dir() {
  local marker="$DATA_DIR/postgres.location"
  if [[ -s $marker ]]; then
    PG_DATA=$(head -n1 "$marker")
    return
  fi
  PG_DATA="$DATA_DIR/postgres"
  if is_root; then
    id postgres >/dev/null 2>&1 || pg_install
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    if ! runuser -u postgres -- test -w "$PG_DATA" -a -x "$PG_DATA"; then
      rmdir "$PG_DATA"
      PG_DATA="$(getent passwd postgres | cut -d: -f6)/ecogate-$(repo_hash)"
      [[ $PG_DATA == /* ]] || PG_DATA="/var/lib/postgresql/ecogate-$(repo_hash)"
      log "postgres: the postgres user cannot reach $(rel "$DATA_DIR"); cluster goes to $PG_DATA"
      pg_remove_orphan
      install -d -o postgres -g postgres -m 700 "$PG_DATA"
    fi
  else
    mkdir -p "$PG_DATA"
    chmod 700 "$PG_DATA"
  fi
  printf '%s\n' "$PG_DATA" >"$marker"
}

# A cluster at the fallback path without a .data/postgres.location pointing to it belongs to an
# earlier checkout at the same path (a CI clone made again): a fresh checkout starts fresh.
pg_remove_orphan() {
  [[ -d $PG_DATA ]] || return 0
  local pid
  pid=$(read_pid "$PG_DATA/postmaster.pid")
  if pid_matches "$pid" "$PG_DATA"; then
    log "postgres: stopping the server of an earlier checkout at this path (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true # fast shutdown
    stop_pid "$pid" postgres 30
  fi
  log "postgres: removing the cluster of an earlier checkout at this path ($PG_DATA)"
  rm -rf "$PG_DATA"
}

pg_resolve_bin() {
  # An existing PostgreSQL elsewhere (built from source, another distribution): nothing to install.
  if [[ -n ${ECOGATE_PG_BIN:-} ]]; then
    [[ -x $ECOGATE_PG_BIN/initdb && -x $ECOGATE_PG_BIN/pg_ctl ]] ||
      die "ECOGATE_PG_BIN=$ECOGATE_PG_BIN has no executable initdb and pg_ctl: point it at a PostgreSQL bin directory"
    PG_BIN=$ECOGATE_PG_BIN
    # `initdb (PostgreSQL) 16.2 (Ubuntu 16.2-1)` → 16
    PG_MAJOR=$("$PG_BIN/initdb" --version | awk '{print $3}' | cut -d. -f1)
    return
  fi
  local major=${ECOGATE_PG_MAJOR:-}
  [[ -f $PG_DATA/PG_VERSION ]] && major=$(cat "$PG_DATA/PG_VERSION")
  if [[ -z $major ]]; then
    major=$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/initdb' 2>/dev/null |
      sed -E 's#^/usr/lib/postgresql/([0-9]+)/.*#\1#' | sort -n | tail -n1 || true)
  fi
  if [[ -z $major || ! -x /usr/lib/postgresql/$major/bin/initdb ]]; then
    pg_install "$major"
    pg_resolve_bin
    return
  fi
  PG_MAJOR=$major
  PG_BIN="/usr/lib/postgresql/$major/bin"
}

pg_install() {
  local major=${1:-}
  local missing
  missing=$(pg_install_blocker) && die "PostgreSQL ${major:-server} is not installed (no initdb under /usr/lib/postgresql/<major>/bin) and this script cannot install it: $missing. Either have an administrator install the \`postgresql${major:+-$major}\` package (Debian/Ubuntu: apt-get install postgresql), or set ECOGATE_PG_BIN to the bin directory of an existing PostgreSQL (the one with initdb, pg_ctl, psql)."
  apt_install "postgresql${major:+-$major}"
  [[ -n $major && ! -x /usr/lib/postgresql/$major/bin/initdb ]] &&
    die "apt-get installed postgresql-$major but /usr/lib/postgresql/$major/bin/initdb is missing"
  return 0
}

# Prints why the package cannot be installed here (and succeeds), or fails when it can: the install
# needs apt-get, and root or passwordless sudo.
pg_install_blocker() {
  if ! command -v apt-get >/dev/null 2>&1; then
    printf 'there is no apt-get (not Debian/Ubuntu)'
  elif is_root; then
    return 1
  elif ! command -v sudo >/dev/null 2>&1; then
    printf 'it needs root and there is no sudo'
  elif ! sudo -n true 2>/dev/null; then
    printf 'it needs root and sudo asks for a password (run sudo -v first, or infra.sh as root)'
  else
    return 1
  fi
}

pg_pid() { read_pid "$PG_DATA/postmaster.pid"; }

pg_running() { pid_matches "$(pg_pid)" "$PG_DATA"; }

pg_health() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$ECOGATE_PG_PORT" -d postgres &&
    PGPASSWORD=$ECOGATE_PG_PASSWORD PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -X -q -At \
      -h 127.0.0.1 -p "$ECOGATE_PG_PORT" -U "$PG_USER" -d "$PG_DB" -c 'select 1' >/dev/null
}

# Writes stdin to a file of the cluster, owned by its OS user.
pg_write_file() {
  cat >"$1"
  if is_root; then chown postgres:postgres "$1"; fi
  chmod 600 "$1"
}

pg_init_cluster() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  log "postgres: initdb ($PG_MAJOR) in $PG_DATA"
  if is_root; then
    install -d -o postgres -g postgres -m 700 "$PG_DATA"
  else
    install -d -m 700 "$PG_DATA"
  fi
  pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_OS_USER" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 --no-instructions >>"$PG_LOG" 2>&1 ||
    {
      show_log_tail "$PG_LOG"
      die "postgres: initdb failed; see $(rel "$PG_LOG")"
    }
  pg_write_file "$PG_DATA/pg_hba.conf" <<'HBA'
# Written by deploy/local/postgres.sh: the OS user over the socket, passwords over TCP on 127.0.0.1.
local all all                peer
host  all all 127.0.0.1/32   scram-sha-256
HBA
  printf "\n# Ports and test-friendly settings, rewritten by deploy/local/postgres.sh at every start.\ninclude 'ecogate.conf'\n" >>"$PG_DATA/postgresql.conf"
}

pg_write_settings() {
  pg_write_file "$PG_DATA/ecogate.conf" <<CONF
# Written by deploy/local/postgres.sh at every start (edit deploy/local/infra.conf instead).
listen_addresses = '127.0.0.1'
port = $ECOGATE_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
shared_buffers = 128MB
# A throw-away test/dev cluster: no crash safety, faster CREATE DATABASE and commits.
# After an OS crash or power loss run \`bash deploy/local/infra.sh reset\`.
fsync = off
full_page_writes = off
synchronous_commit = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = -1
CONF
}

pg_start() {
  pg_vars
  mkdir -p "$LOG_DIR"
  if pg_running; then
    log "postgres: already running (pid $(pg_pid))"
    return 0
  fi
  require_free_port "$ECOGATE_PG_PORT" postgres
  pg_init_cluster
  pg_write_settings
  if [[ $PG_SOCKET_DIR != "$PG_DATA" ]]; then
    if is_root; then
      install -d -o postgres -g postgres -m 700 "$PG_SOCKET_DIR"
    else
      install -d -m 700 "$PG_SOCKET_DIR"
    fi
  fi
  # Lock files left by a crash (their pid may belong to another process, or to a not yet reaped
  # zombie) block the start; no postmaster of this cluster runs, and the socket dir is ours alone.
  rm -f "$PG_DATA/postmaster.pid" "$PG_SOCKET_DIR/.s.PGSQL.$ECOGATE_PG_PORT" "$PG_SOCKET_DIR/.s.PGSQL.$ECOGATE_PG_PORT.lock"
  rotate_log "$PG_LOG"
  log "postgres: starting $PG_MAJOR on 127.0.0.1:$ECOGATE_PG_PORT"
  # -w: returns once the server accepts connections (~1s), fails at once when it exits.
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t "$ECOGATE_INFRA_TIMEOUT" -s start </dev/null >>"$PG_LOG" 2>&1 9>&- ||
    {
      show_log_tail "$PG_LOG"
      die "postgres: did not start; see $(rel "$PG_LOG")"
    }
}

pg_accepting() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$ECOGATE_PG_PORT" -d postgres; }

pg_wait() {
  wait_healthy postgres "$PG_LOG" pg_running pg_accepting
  pg_ensure_role
  pg_health || die "postgres: login as $PG_USER over TCP failed; see $(rel "$PG_LOG")"
}

# Role `ecogate` (may create databases: integration tests make one per test file) owning database
# `ecogate`; its password is (re)set from .data/secrets.env at every start.
pg_ensure_role() {
  local sql
  sql=$(
    cat <<SQL
SELECT 'CREATE ROLE $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')\\gexec
ALTER ROLE $PG_USER WITH LOGIN CREATEDB PASSWORD '$ECOGATE_PG_PASSWORD';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\\gexec
SQL
  )
  if ! pg_as "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$ECOGATE_PG_PORT" \
    -U "$PG_OS_USER" -d postgres <<<"$sql" >/dev/null 2>>"$PG_LOG"; then
    show_log_tail "$PG_LOG"
    die "postgres: could not create role/database $PG_USER over the socket in $PG_SOCKET_DIR; see $(rel "$PG_LOG")"
  fi
}

pg_stop() {
  if ! pg_vars --no-install || ! pg_running; then
    log "postgres: not running"
    return 0
  fi
  log "postgres: stopping (pid $(pg_pid))"
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop >>"$PG_LOG" 2>&1 ||
    stop_pid "$(pg_pid)" postgres 30
}

pg_status() {
  local pid='-' health=down
  if ! pg_vars --no-install; then
    status_line postgres - "$ECOGATE_PG_PORT" "not set up" "$PG_LOG" ''
    return 1
  fi
  if pg_running; then
    pid=$(pg_pid)
    if pg_health 2>/dev/null; then health=healthy; else health=unhealthy; fi
  fi
  status_line postgres "$pid" "$ECOGATE_PG_PORT" "$health" "$PG_LOG" "$PG_MAJOR, data $(rel "$PG_DATA")"
  [[ $health == healthy ]]
}

pg_reset() {
  local location=''
  [[ -s $DATA_DIR/postgres.location ]] && location=$(head -n1 "$DATA_DIR/postgres.location")
  # Only paths this script makes: .data/postgres or <postgres home>/ecogate-<hash>.
  case $location in
    "$DATA_DIR/postgres" | /*/ecogate-[0-9a-f]*) rm -rf "$location" ;;
  esac
  rm -rf "$DATA_DIR/postgres" "$DATA_DIR/postgres.location" "/tmp/ecogate-pg-$(repo_hash)"
}

pg_version_string() { "$PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}'; }
