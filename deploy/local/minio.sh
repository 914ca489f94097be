# shellcheck shell=bash
# MinIO (S3), built once with `go install github.com/minio/minio@<version>` into
# $ECOGATE_CACHE/minio-<version>/minio for every clone on the machine.
# Sourced by infra.sh; needs lib.sh, infra.conf and the secrets (ECOGATE_MINIO_*).

MINIO_DIR="$DATA_DIR/minio"
MINIO_DATA="$MINIO_DIR/data"
MINIO_LOG="$LOG_DIR/minio.log"
MINIO_PIDFILE="$RUN_DIR/minio.pid"

minio_vars() {
  MINIO_BIN_DIR="$ECOGATE_CACHE/minio-$ECOGATE_MINIO_VERSION"
  MINIO_BIN="$MINIO_BIN_DIR/minio"
}

minio_install() {
  [[ -x $MINIO_BIN ]] && return 0
  local install_log="$LOG_DIR/minio-install.log" tmp="$MINIO_BIN_DIR.tmp.$$" start=$SECONDS
  command -v go >/dev/null 2>&1 ||
    die "minio: go not found: Go >= 1.24 is needed once to build MinIO $ECOGATE_MINIO_VERSION (or put a minio binary at $MINIO_BIN)"
  log "minio: building github.com/minio/minio@$ECOGATE_MINIO_VERSION with go install (first use, ~3.5 min on 2 cores; log $(rel "$install_log"))"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! GOBIN="$tmp" CGO_ENABLED=0 \
    go install "github.com/minio/minio@$ECOGATE_MINIO_VERSION" >"$install_log" 2>&1 </dev/null 9>&-; then
    rm -rf "$tmp"
    show_log_tail "$install_log"
    die "minio: go install failed; see $(rel "$install_log")"
  fi
  mkdir -p "$MINIO_BIN_DIR"
  mv -f "$tmp/minio" "$MINIO_BIN"
  rm -rf "$tmp"
  log "minio: built $MINIO_BIN ($((SECONDS - start))s)"
}

minio_pid() { read_pid "$MINIO_PIDFILE"; }

minio_running() { pid_matches "$(minio_pid)" "$MINIO_DATA"; }

minio_health() {
  curl -fsS -o /dev/null -m 3 "http://127.0.0.1:$ECOGATE_MINIO_PORT/minio/health/live"
}

minio_start() {
  minio_vars
  mkdir -p "$MINIO_DATA" "$LOG_DIR" "$RUN_DIR"
  if minio_running; then
    log "minio: already running (pid $(minio_pid))"
    return 0
  fi
  rm -f "$MINIO_PIDFILE"
  command -v curl >/dev/null 2>&1 || apt_install curl
  require_free_port "$ECOGATE_MINIO_PORT" minio
  require_free_port "$ECOGATE_MINIO_CONSOLE_PORT" "minio console"
  minio_install
  rotate_log "$MINIO_LOG"
  log "minio: starting on 127.0.0.1:$ECOGATE_MINIO_PORT (console $ECOGATE_MINIO_CONSOLE_PORT)"
  (
    # Credentials through the environment, not the command line.
    export MINIO_ROOT_USER=$ECOGATE_MINIO_ACCESS_KEY MINIO_ROOT_PASSWORD=$ECOGATE_MINIO_SECRET_KEY
    export MINIO_UPDATE=off MINIO_BROWSER=on
    spawn "$MINIO_PIDFILE" "$MINIO_LOG" "$MINIO_BIN" server \
      --address "127.0.0.1:$ECOGATE_MINIO_PORT" --console-address "127.0.0.1:$ECOGATE_MINIO_CONSOLE_PORT" \
      "$MINIO_DATA"
  )
}

minio_wait() { wait_healthy minio "$MINIO_LOG" minio_running minio_health; }

minio_stop() {
  if ! minio_running; then
    rm -f "$MINIO_PIDFILE"
    log "minio: not running"
    return 0
  fi
  log "minio: stopping (pid $(minio_pid))"
  stop_pid "$(minio_pid)" minio 30
  rm -f "$MINIO_PIDFILE"
}

minio_status() {
  minio_vars
  local pid='-' health=down
  if minio_running; then
    pid=$(minio_pid)
    if minio_health 2>/dev/null; then health=healthy; else health=unhealthy; fi
  fi
  status_line minio "$pid" "$ECOGATE_MINIO_PORT/$ECOGATE_MINIO_CONSOLE_PORT" "$health" "$MINIO_LOG" \
    "$ECOGATE_MINIO_VERSION"
  [[ $health == healthy ]]
}

minio_reset() { rm -rf "$MINIO_DIR" "$MINIO_PIDFILE"; }
